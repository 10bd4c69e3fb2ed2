"""Writing a file so that it appears whole or not at all.

The data goes to a temporary file beside the target, gets the mode an ordinary new file
would get (the umask applied), and is renamed over the target with ``os.replace``; on any
failure the temporary file is removed, the target is untouched, and an ``OSError`` (disk
full, no permission) becomes ``InputError("output", "cannot write '<path>': <reason>")``.

Examples
--------
>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "y.txt"
>>> write_atomically(target, b"13/8\\n")
>>> target.read_text()
'13/8\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from symconv.errors import InputError

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an InputError if it cannot be written there.

    Examples
    --------
    >>> write_atomically("/no/such/folder/y.txt", b"1")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: output: folder '/no/such/folder' does not exist
    """
    if not str(path).strip():
        raise InputError("output", "the file name is empty; give one such as out.txt")
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("output", f"folder '{folder}' does not exist")
    if not target.name or target.is_dir():
        raise InputError("output", f"'{path}' is a folder; give a file name such as out.txt")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # a link, device or pipe (/dev/stdout, /dev/null): write through it, never replace it
        try:
            with open(target, "wb") as stream:
                stream.write(data)
        except OSError as error:
            raise InputError("output", f"cannot write '{target}': {_reason(error)}") from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError("output", f"cannot write in folder '{folder}': {_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # disk full, no permission, quota: bad output, not a bug
            raise InputError("output", f"cannot write '{target}': {_reason(error)}") from None
        raise


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
