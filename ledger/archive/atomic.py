"""Files that are whole or absent: written to a temporary file beside the target, then renamed.

An export or backup never replaces a file unless forced, never writes through a symbolic link,
and never leaves a half-written target, whether it fails, is interrupted or is killed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ledger.errors import InputError, StorageError


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a target that is a link, a folder or a device, or that exists (unless forced)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise InputError(f"cannot write {path}: there is no folder {path.parent}") from None
        return
    except OSError as error:
        raise StorageError(f"cannot look at {path}: {error.strerror or error}") from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(f"{path} is a symbolic link; write to the file itself, not a link")
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file")
    if not force:
        raise InputError(f"{path} exists; add --force to replace it")


@contextmanager
def atomic_output(path: Path, *, force: bool) -> Iterator[Path]:
    """A fresh temporary path beside `path`; when the block ends well it becomes `path`."""
    check_target(path, force=force)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise StorageError(f"cannot write in {path.parent}: {error.strerror or error}") from None
    os.close(handle)
    temp = Path(name)
    try:
        mask = os.umask(0)
        os.umask(mask)
        temp.chmod(0o666 & ~mask)
        yield temp
        _sync(temp)
        publish(temp, path, force=force)
    except OSError as error:
        raise StorageError(
            f"could not write {path}: {error.strerror or error}; nothing was written"
        ) from None
    finally:
        temp.unlink(missing_ok=True)


def open_text(temp: Path) -> TextIO:
    """Open a temporary file from `atomic_output` for writing text, never through a link."""
    handle = os.open(temp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
    return open(handle, "w", encoding="utf-8", newline="")  # noqa: PTH123


def publish(temp: Path, path: Path, *, force: bool) -> None:
    """Give `temp` the name `path`: replacing it when forced, else only if it still is absent."""
    check_target(path, force=force)
    if force:
        temp.replace(path)
    else:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise InputError(f"{path} exists; add --force to replace it") from None
        except OSError:
            # A file system without hard links: the check above is the best there is.
            temp.replace(path)
    _sync(path.parent)


def _sync(path: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(path, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
