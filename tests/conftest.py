from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLD_DIR = DATA / "gold"
CORPUS_DIR = DATA / "corpus"


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(autouse=True)
def _test_settings(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real password hashing takes ~0.5 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # client.login() authenticates without a request, which login throttling needs; the tests of the
    # throttling turn it on. Each test gets its own empty cache (reports, rate limits).
    settings.AXES_ENABLED = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": str(tmp_path)}}


@pytest.fixture
def personas(db):
    from tests.factories import make_personas

    return make_personas()


