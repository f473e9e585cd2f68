"""The one error tree of ProofDesk. Messages are meant for users."""


class ProofDeskError(Exception):
    """Base of every error a user should see as a message, not a traceback."""


class InputError(ProofDeskError):
    """A page file cannot be read as text (missing, a folder, empty, binary, undecodable, too big)."""


class StoreError(ProofDeskError):
    """The project database cannot be opened or written (locked, corrupt, read-only)."""


class ConflictError(StoreError):
    """A save was based on a revision that is no longer the latest."""


class NotFoundError(ProofDeskError):
    """An issue, page or revision named by the user does not exist."""
