"""How a person is named on pages, in snapshots and in messages."""

from __future__ import annotations


def person_name(user) -> str:
    """The user's full name, else their username."""
    return user.get_full_name() or user.get_username()
