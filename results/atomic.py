"""Atomic writing: every file of a run or a study is written through a temporary file and renamed, so that a crash or
a full disk never leaves a partial file, and an OS error becomes one line naming the file."""

import os
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"  # atomic_write's temporary files: `.<name>.<random>.tmp` beside the file they become


class OutputError(OSError):
    """An output that could not be written, in one line: which file and why (disk full, no permission, ...)."""

    def __str__(self) -> str:
        return str(self.strerror)


def atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder and rename: a crash never leaves a partial file.

    The file gets the usual permissions (0666 less the umask; mkstemp alone would make it 0600). Temporary files
    an earlier crash left for the same file are removed first. Any OS error becomes an OutputError naming `path`.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_temporary(path.parent, path.name)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
        try:
            os.fchmod(fd, 0o666 & ~umask())
            os.close(fd)
            write(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    except OSError as err:
        raise OutputError(err.errno, f"cannot write {path}: {err.strerror or err}") from err


def remove_temporary(folder: Path, name: str = "") -> list[Path]:
    """Delete the `.<name>.*.tmp` files an interrupted atomic_write left in `folder` (all of them if no name)."""
    pattern = f".{name}.*{TMP_SUFFIX}" if name else f".*{TMP_SUFFIX}"
    stale = sorted(Path(folder).glob(pattern)) if Path(folder).is_dir() else []
    for tmp in stale:
        tmp.unlink(missing_ok=True)
    return stale


def umask() -> int:
    """The process's umask (Python can only read it by setting it, so it is put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_text(text))
