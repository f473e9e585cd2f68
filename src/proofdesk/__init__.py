"""ProofDesk: proofread text extracted from scanned newspaper pages."""
from importlib import metadata

try:
    __version__ = metadata.version("proofdesk")
except metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
