"""Where and how kg writes an output file, without ever destroying what the path names.

- A **regular file** (new or existing) is written atomically: a temporary file in the same folder,
  flushed to disk, then renamed over it; a failure (a full disk, an interrupt) leaves the previous
  file as it was and no temporary file. A new file gets the mode the umask gives (0644 under umask
  022), an existing one keeps its mode.
- A **symbolic link** is written through: its target is replaced (as above), the link stays.
- A **FIFO, a device, a socket, or a name of an open descriptor** (``/dev/stdout``, ``/dev/fd/3``,
  anything under ``/proc``, or a symbolic link to one of these) is written as a stream, in append
  mode (so ``>> log`` behind ``/dev/stdout`` keeps what was there); nothing is renamed over it.
  Other paths under ``/dev`` are what they are: a file in ``/dev/shm`` (a memory file system) is a
  regular file, written atomically and refused when it is an input.
- A **directory** is refused, and so is a path that names one of the command's **inputs**: an
  :class:`~kg.errors.OutputError` naming the path as the user gave it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OutputError

__all__ = ["atomic_open", "atomic_write", "check_output"]

#: Names of open descriptors: whatever they lead to is written as a stream, never replaced.
_DESCRIPTOR_ROOTS = ("/proc/", "/dev/fd/")
_DESCRIPTOR_NAMES = frozenset({"/dev/stdin", "/dev/stdout", "/dev/stderr"})
#: Symbolic links followed at most, looking for a descriptor's name (the kernel's own limit).
_MAX_LINKS = 40
#: The longest file name kept in a temporary file's name (NAME_MAX is 255 bytes on most systems).
_TMP_STEM_BYTES = 96


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _names_a_descriptor(path: str) -> bool:
    """Whether *path*, or a symbolic link on the way from it, names an open descriptor.

    ``/dev/stdout`` leads through ``/proc/self/fd/1`` to whatever the shell opened (perhaps a
    regular file, in append mode), so the name, not the file it reaches, says it is a stream.
    """
    here = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if here in _DESCRIPTOR_NAMES or here.startswith(_DESCRIPTOR_ROOTS):
            return True
        try:
            hop = os.readlink(here)
        except OSError:  # not a link (or gone): the chain ends here
            return False
        here = os.path.normpath(os.path.join(os.path.dirname(here), hop))
    return False


def check_output(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> tuple[Path, bool]:
    """Where writing to *path* goes: ``(the file to write, written as a stream)``.

    :raises OutputError: when *path* is a directory, its folder is missing, or it is one of *inputs*.
    """
    shown = str(path)
    if _names_a_descriptor(shown):
        return Path(shown), True
    try:
        info = os.stat(shown)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {shown}: it is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        return Path(shown), True
    target = Path(os.path.realpath(shown)) if os.path.islink(shown) else Path(shown)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: folder {folder} does not exist")
    if info is not None:
        for source in inputs:
            try:
                same = os.path.samefile(source, target)
            except OSError:
                continue
            if same:
                raise OutputError(f"refusing to write {shown}: it is the input {source}; give another output file")
    return target, False


def _write_error(path: str | Path, exc: OSError, *, kept: bool) -> OutputError:
    tail = f"; {path} is left as it was" if kept else ""
    return OutputError(f"cannot write {path}: {exc.strerror or exc}{tail}")


@contextmanager
def atomic_open(path: str | Path, *, binary: bool = False, inputs: Iterable[str | Path] = ()) -> Iterator[IO[Any]]:
    """Open *path* for writing as the module docstring says; text is UTF-8 with ``\\n`` line ends.

    A regular file is only replaced when the ``with`` block ends without an exception.
    """
    target, stream = check_output(path, inputs=inputs)
    if stream:
        try:
            with open(target, "ab") if binary else open(target, "a", encoding="utf-8", newline="\n") as fh:
                yield fh
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(path, exc, kept=False) from None
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    stem = target.name.encode("utf-8")[:_TMP_STEM_BYTES].decode("utf-8", "ignore")
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _write_error(path, exc, kept=True) from None
        raise


def atomic_write(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write *data* to *path* (see :func:`atomic_open`)."""
    with atomic_open(path, binary=True, inputs=inputs) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
