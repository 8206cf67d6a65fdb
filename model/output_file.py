"""Where an output file goes (`extract -o`, `export -o`, the GUI's export) and how it is
written: through a symbolic link onto its target (the link stays a link), never onto a
device, a FIFO or a folder, with the permissions of an ordinary new file (the umask's
default; an existing file keeps its own), and atomically (a temporary file beside the
resolved target, renamed onto it), so a crash never leaves half a file.

`output_target` is called before anything is imported, so an output that cannot be
written is refused before the library changes. Messages name the path the user gave,
never the temporary file. Imports nothing from gui/ or Qt.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model import messages
from parsers.extraction import InputError
from parsers.limits import display_name

_SEPARATORS = tuple({os.sep, os.altsep or os.sep, "/"})


@dataclass(frozen=True)
class OutputFile:
    """`shown` as the user named it (for messages and the printed result); `real` the
    file written: symbolic links resolved, a regular file or a new path in a folder that
    exists and is writable."""

    shown: Path
    real: Path


@dataclass(frozen=True)
class OutputTarget:
    """A checked `-o`: a file, or a folder to hold the default file name (`name` None)."""

    shown: Path
    folder: Path
    name: str | None

    def file(self, default_name: str) -> OutputFile:
        """The file to write; the default name is used for a folder. Raises InputError
        when that name in the folder is a folder, a device or a FIFO."""
        if self.name is not None:
            return OutputFile(self.shown, self.folder / self.name)
        shown = self.shown / default_name
        real = _resolve(shown, shown)
        if real.kind == "folder":
            raise InputError(messages.OUTPUT_IS_FOLDER.format(path=_show(shown)))
        return OutputFile(shown, real.path)


@dataclass(frozen=True)
class _Resolved:
    path: Path
    kind: str  # "new", "file", "folder"


def output_target(given: Path | str, *, folder_allowed: bool) -> OutputTarget:
    """Check `given` before any work: a path ending in a separator or naming a folder is a
    folder (refused unless `folder_allowed`; it must exist), anything else a file whose
    folder exists and is writable and which is a regular file or does not exist yet.
    Raises InputError (one Chinese line naming `given`)."""
    text = str(given)
    shown = Path(text)
    if text.endswith(_SEPARATORS):
        resolved = _resolve(shown, shown)
        if resolved.kind != "folder":
            raise InputError(messages.OUTPUT_FOLDER_MISSING.format(path=_show(text)))
    else:
        resolved = _resolve(shown, shown)
    if resolved.kind == "folder":
        if not folder_allowed:
            raise InputError(messages.OUTPUT_IS_FOLDER.format(path=_show(text)))
        _check_writable(resolved.path, text)
        return OutputTarget(shown, resolved.path, None)
    folder = resolved.path.parent
    if not folder.is_dir():
        raise InputError(messages.OUTPUT_FOLDER_MISSING.format(path=_show(shown.parent)))
    _check_writable(folder, text)
    return OutputTarget(shown, folder, resolved.path.name)


def _resolve(shown: Path, given: Path | str) -> _Resolved:
    real = Path(os.path.realpath(shown))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return _Resolved(real, "new")
    except OSError as err:  # a symbolic link loop, a folder we may not enter
        raise InputError(messages.os_error_line(err, _show(given))) from err
    if stat.S_ISDIR(st.st_mode):
        return _Resolved(real, "folder")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(messages.OUTPUT_NOT_A_FILE.format(path=_show(given)))
    return _Resolved(real, "file")


def _check_writable(folder: Path, given: str) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(messages.OUTPUT_NOT_WRITABLE.format(path=_show(given)))


def _show(path: Path | str) -> str:
    return display_name(str(path))


def new_file_mode() -> int:
    """The permissions `open()` gives a new file under the current umask (0644 under 022).
    Read from /proc where it can be: setting the umask to read it is not thread-safe."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_output(output: OutputFile, save: Callable[[str], None]) -> None:
    """`save(tmp)` writes the content to a temporary file beside `output.real`, which is
    synced, given the target's permissions and renamed onto it. Raises OSError with
    `filename` set to the path the user gave (never the temporary file); nothing is left
    behind on any error."""
    target = output.real
    try:
        existing = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        existing = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=target.suffix + ".tmp")
    except OSError as err:
        err.filename = str(output.shown)
        raise
    os.close(fd)
    try:
        save(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an output is an ordinary file.
        os.chmod(tmp, new_file_mode() if existing is None else existing)
        os.replace(tmp, target)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            err.filename = str(output.shown)
            err.filename2 = None
        raise


def write_output_bytes(output: OutputFile, data: bytes) -> None:
    write_output(output, lambda tmp: Path(tmp).write_bytes(data))
