"""Writing a file so that it appears whole or not at all.

The data goes to a temporary file beside the target, gets the mode an ordinary new file
would get (the umask applied), and is renamed over the target with ``os.replace``; on any
failure the temporary file is removed and the target is untouched.

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
    """Write ``data`` to ``path`` atomically; an InputError if the folder does not exist."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError("output", f"folder '{folder}' does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
