"""The files an import's PATH arguments mean: files as given, directories and patterns searched."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from intake.errors import IntakeError

SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")
_GLOB_CHARACTERS = "*?["


class PathNotFound(IntakeError):
    """A path given to import is no file, no directory and no pattern that matches a file."""


def expand_paths(arguments: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files meant by PATH arguments: files as given, directories and patterns searched.

    A directory is searched recursively and a pattern (``data/*.xlsx``, also ``**``) is
    expanded here when the shell did not; both keep only .xlsx, .xlsm, .ods, .csv and .txt
    files and skip hidden files and Excel's lock files (``~$name.xlsx``).  A file named
    explicitly is always kept, so that a wrong format gets a clear rejection.  Raises
    PathNotFound for an argument that yields no file.
    """
    found: dict[Path, None] = {}
    for argument in arguments:
        text = os.fspath(argument)
        path = Path(text)
        if path.is_dir():
            matches = _files_below(path)
        elif path.exists():
            matches = [path]
        elif any(char in text for char in _GLOB_CHARACTERS):
            matches = []
            for match in sorted(glob.glob(text, recursive=True)):
                candidate = Path(match)
                if candidate.is_dir():
                    matches.extend(_files_below(candidate))
                elif _importable(candidate):
                    matches.append(candidate)
        else:
            raise PathNotFound("no-such-path", path=text)
        if not matches:
            raise PathNotFound("nothing-to-import", path=text, suffixes=", ".join(SUFFIXES))
        found.update(dict.fromkeys(matches))
    return list(found)


def _files_below(directory: Path) -> list[Path]:
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and _importable(path)
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def _importable(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES and not name.startswith("~$") and not name.startswith(".")
    )
