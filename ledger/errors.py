"""The one error hierarchy of the ledger: the core raises these and never prints or exits."""


class LedgerError(Exception):
    """Anything the ledger refuses or fails at; `exit_code` is what a CLI should exit with."""

    exit_code = 1


class InputError(LedgerError):
    """The user's input is wrong: nothing was written."""

    exit_code = 2


class DeadlineError(InputError):
    """A deadline phrase could not be read into a window."""


class NotFoundError(InputError):
    """No claim, claimant or file by that name or id."""


class TransitionError(InputError):
    """The change is not allowed from the claim's current state."""


class NotALedgerError(InputError):
    """The file or URL does not hold a claims ledger."""


class SchemaTooNewError(InputError):
    """The ledger was written by a newer version of claims; it is left untouched."""


class StorageError(LedgerError):
    """The database failed at run time (locked too long, disk full, read-only, ...)."""


class ConflictError(LedgerError):
    """The claim changed since it was loaded; reload and try again."""
