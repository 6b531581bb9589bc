"""WCAG 2.x contrast: the accent colour must reach 4.5:1 against white (text and buttons use it)."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MINIMUM = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(color: str) -> float:
    """The contrast ratio of a #rrggbb colour against white, 1..21."""
    return 1.05 / (luminance(color) + 0.05)
