"""Draws the toolbar and store icons (a shield with a check) as PNGs, without image libraries."""

from __future__ import annotations

import struct
import zlib

SIZES = (16, 32, 48, 128)
_SHIELD = (79, 70, 229)  # indigo, readable on light and dark toolbars
_MARK = (255, 255, 255)
_SUPERSAMPLE = 4


def _inside_shield(x: float, y: float) -> bool:
    """Unit-square shield: flat top, straight sides, curved point at the bottom."""
    if y < 0.08 or y > 0.95 or x < 0.12 or x > 0.88:
        return False
    if y <= 0.5:
        return True
    # Sides narrow to the point at (0.5, 0.95) along a gentle curve.
    t = (y - 0.5) / 0.45
    half = 0.38 * (1 - t**1.6)
    return abs(x - 0.5) <= half


def _on_check(x: float, y: float, width: float) -> bool:
    """A check mark made of two strokes."""

    def near(ax, ay, bx, by):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= width * width

    return near(0.32, 0.47, 0.45, 0.62) or near(0.45, 0.62, 0.70, 0.33)


def _pixel(size: int, px: int, py: int) -> tuple[int, int, int, int]:
    shield = mark = 0
    n = _SUPERSAMPLE
    for sy in range(n):
        for sx in range(n):
            x = (px + (sx + 0.5) / n) / size
            y = (py + (sy + 0.5) / n) / size
            if _inside_shield(x, y):
                shield += 1
                if _on_check(x, y, 0.065 if size >= 32 else 0.09):
                    mark += 1
    total = n * n
    if not shield:
        return (0, 0, 0, 0)
    alpha = round(255 * shield / total)
    blend = mark / shield
    rgb = tuple(round(s * (1 - blend) + m * blend) for s, m in zip(_SHIELD, _MARK, strict=True))
    return (*rgb, alpha)


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def icon_png(size: int) -> bytes:
    """One square RGBA icon."""
    rows = [b"".join(bytes(_pixel(size, x, y)) for x in range(size)) for y in range(size)]
    return _png(size, size, rows)
