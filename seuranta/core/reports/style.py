"""The colours of the statuses in reports (their words and icons: `seuranta.core.vocabulary`)."""

from __future__ import annotations

# Chart fills: at least 3:1 against white (WCAG 1.4.11, graphical objects).
STATUS_COLOURS = {
    "achieved": "#1a7f37",
    "on_track": "#2f81c7",
    "behind": "#b07800",
    "off_track": "#c62828",
    "insufficient_data": "#878d96",
    "no_data": "#878d96",
    "no_target": "#8f959d",
    "cancelled": "#5b5f66",
}
# Status words in text: at least 4.5:1 against white (WCAG 1.4.3).
STATUS_TEXT_COLOURS = {
    "achieved": "#1a7f37",
    "on_track": "#1d64a8",
    "behind": "#8a5a00",
    "off_track": "#c62828",
    "insufficient_data": "#5c6168",
    "no_data": "#5c6168",
    "no_target": "#5c6168",
    "cancelled": "#5b5f66",
}
