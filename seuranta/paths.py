"""Where Seuranta keeps its files; importable without loading the Django settings."""

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """SEURANTA_DATA_DIR, or the user's data directory (e.g. ~/.local/share/seuranta)."""
    return Path(os.environ.get("SEURANTA_DATA_DIR") or platformdirs.user_data_dir("seuranta"))
