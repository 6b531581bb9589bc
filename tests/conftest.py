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




@pytest.fixture(autouse=True)
def _closed_records_flushable(request):
    """A transactional test ends with a flush, and the triggers that keep closed rounds and the change history
    refuse that (SQLite deletes row by row; PostgreSQL truncates). Empty the database first with the guard lifted,
    the way a restore would."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool({"transactional_db", "live_server"} & set(request.fixturenames)) or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # so that its flush comes after this fixture's teardown
    yield
    from django.core.management import call_command
    from django.db import connections

    from seuranta.monitoring.models import ReportingRound
    from seuranta.plans.guard import guard_lifted
    from seuranta.plans.models import ChangeRecord

    for alias in connections:
        guarded = (ReportingRound.objects.using(alias).filter(state=ReportingRound.State.CLOSED).exists()
                   or ChangeRecord.objects.using(alias).exists())
        if guarded:
            with guard_lifted(alias):
                call_command("flush", database=alias, interactive=False, verbosity=0, inhibit_post_migrate=True)
