"""Write files so that a crash never leaves a half-written one behind."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from proofdesk.errors import InputError


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except FileNotFoundError:
        raise InputError(f"{path}: the folder does not exist") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
