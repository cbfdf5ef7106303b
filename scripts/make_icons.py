#!/usr/bin/env python3
"""Draws the page's app icons (static/icons/icon-192.png, icon-512.png, icon.svg) with the
standard library only: a dark rounded square with three lines of "text", the middle one
highlighted as a tagged sentence. Run once; the files are committed (the build only copies
them), so this is only needed to change the design.
"""
import os
import struct
import zlib

BG = (0x1B, 0x1B, 0x1B)
LINE = (0xEC, 0xEC, 0xEA)
MARK = (0xF2, 0xB1, 0x34)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "static", "icons")

# Shapes in a 0..1 square: (x0, y0, x1, y1, colour); later ones paint over earlier ones.
LINES = [
    (0.20, 0.28, 0.80, 0.36, LINE),
    (0.16, 0.44, 0.84, 0.56, MARK),
    (0.20, 0.64, 0.64, 0.72, LINE),
]
RADIUS = 0.18  # corner radius of the background square


def inside_rounded(x, y):
    r = RADIUS
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(x, y):
    if not inside_rounded(x, y):
        return (0, 0, 0, 0)
    for x0, y0, x1, y1, c in LINES:
        if x0 <= x <= x1 and y0 <= y <= y1:
            return (*c, 255)
    return (*BG, 255)


def png(size):
    rows = []
    for j in range(size):
        row = bytearray([0])  # filter: none
        for i in range(size):
            row += bytes(pixel((i + 0.5) / size, (j + 0.5) / size))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg():
    hexc = lambda c: "#%02x%02x%02x" % c  # noqa: E731
    rects = "".join(
        '<rect x="%g" y="%g" width="%g" height="%g" rx="2" fill="%s"/>'
        % (x0 * 100, y0 * 100, round((x1 - x0) * 100, 3), round((y1 - y0) * 100, 3), hexc(c))
        for x0, y0, x1, y1, c in LINES
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<rect width="100" height="100" rx="%g" fill="%s"/>%s</svg>\n' % (RADIUS * 100, hexc(BG), rects)
    )


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for size in (192, 512):
        with open(os.path.join(OUT, "icon-%d.png" % size), "wb") as f:
            f.write(png(size))
    with open(os.path.join(OUT, "icon.svg"), "w", encoding="utf-8") as f:
        f.write(svg())
    print("icons written to", os.path.normpath(OUT))
