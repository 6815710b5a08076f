"""Where the command line writes: standard output or a file replaced atomically, and sets of files replaced
together.

- :func:`output_stream` yields standard output for ``None`` or ``-``, else a temporary file beside the target that
  replaces it only when the block ends without an error.
- :func:`replaced_together` hands out one temporary path per target, in the targets' folders; when the block ends
  well they are renamed over the targets one after the other (nothing can fail in between but the renames), else
  they are all removed and no target is touched.
- Temporary files are named ``.NAME.geomap-PID-XXXXXXXX.tmp``; those a killed run left are removed by the next
  run that writes the same target (`geomap.export.remove_stale_temps`).
- :func:`check_writable_folder` fails early, before any work, when a folder cannot be created or written, without
  creating it.
"""
from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from geomap.errors import OutputError
from geomap.export import atomic_open, temp_beside

__all__ = ["check_writable_folder", "output_stream", "replaced_together"]


@contextlib.contextmanager
def output_stream(path: str | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Standard output for ``None`` or ``-``; else a file written to a temporary beside it and renamed into place
    only when the block ends without an error (an error, such as "no article read", leaves the file as it was)."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_open(path, newline=newline) as stream:
        yield stream


@contextlib.contextmanager
def replaced_together(targets: Sequence[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """One temporary path beside each target; all renamed over their targets in a row when the block ends without
    an error, else all removed (no target changed)."""
    temps: list[Path] = []
    try:
        for target in targets:
            path = Path(target)
            try:
                fd, tmp = temp_beside(path)  # and the stale ones a killed run left are removed
            except OSError as e:
                raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
            os.close(fd)
            temps.append(Path(tmp))
        yield temps
        for target in targets:  # what would stop a rename is found before the first one
            if os.path.isdir(target):
                raise OutputError(f"cannot write {target}: {os.strerror(errno.EISDIR)}")
        for temp, target in zip(temps, targets):  # the writers gave each temporary file its final mode
            try:
                os.replace(temp, target)
            except OSError as e:
                raise OutputError(f"cannot write {target}: {e.strerror or e}") from e
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)  # only those not renamed are still there


def check_writable_folder(folder: str | os.PathLike[str]) -> None:
    """Raise OutputError unless *folder* is a writable folder or could be created; nothing is created."""
    path = Path(folder).absolute()
    probe = path
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        code = errno.EEXIST if probe == path else errno.ENOTDIR
        raise OutputError(f"{folder}: cannot create the output folder ({os.strerror(code)})")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: cannot write in the output folder ({os.strerror(errno.EACCES)})")
