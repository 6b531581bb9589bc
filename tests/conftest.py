from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLD_DIR = DATA / "gold"
CORPUS_DIR = DATA / "corpus"


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def gold_paths():
    return sorted(GOLD_DIR.glob("*.json"))


@pytest.fixture
def personas(db):
    from tests.factories import make_personas

    return make_personas()


