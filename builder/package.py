"""Writes reproducible store packages: sorted entries, fixed times, manifest first."""

from __future__ import annotations

import zipfile
from pathlib import Path

# 1980-01-01 is the earliest time a zip entry can hold; any fixed time makes the
# same input give the same bytes (Dark Reader does the same for its releases).
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def package_files(folder: Path) -> list[Path]:
    """Every file in the unpacked build, in archive order (manifest.json first, then sorted)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    files.sort(key=lambda p: p.relative_to(folder).as_posix() != "manifest.json")
    return files


def write_package(folder: Path, archive: Path) -> None:
    """Zip an unpacked build so that equal input gives byte-identical output."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in package_files(folder):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the mode above is read as such everywhere
            zf.writestr(info, path.read_bytes(), compresslevel=9)
