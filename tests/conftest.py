import gc
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# No per-example time limit: the suite shares two cores with xdist workers, and a busy machine made
# Hypothesis report a correct parse as a failure. Speed is measured in benchmarks/, not here.
hypothesis_settings.register_profile("seuranta", deadline=None)
hypothesis_settings.load_profile("seuranta")

DATA = Path(__file__).parent / "data"
GOLD_DIR = DATA / "gold"
CORPUS_DIR = DATA / "corpus"

# CI=true: a browser or PDF test that would skip (no Chromium, Playwright or WeasyPrint) fails
# instead, so a machine without them cannot turn CI green by skipping the end-to-end and axe tests.
IN_CI = os.environ.get("CI", "").lower() == "true"
# SEURANTA_TEST_DB_ONLY=1: run only the tests that use the database. `./dev test` sets it for
# the PostgreSQL run; everything else already ran on SQLite and would only run twice.
DB_ONLY = os.environ.get("SEURANTA_TEST_DB_ONLY") == "1"
_WITHOUT_DB = pytest.StashKey[int]()  # how many tests DB_ONLY left out


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}" + (
        " (database tests only)" if DB_ONLY else ""
    )


def uses_database(item: pytest.Item) -> bool:
    # pytest-django refuses database access to a test without the marker or a db fixture
    # (db, transactional_db, live_server, personas, admin_client... all request django_db_setup).
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in getattr(
        item, "fixturenames", ()
    )


def pytest_collection_finish(session):
    # The collected tests and everything imported live to the end of the run: frozen, the garbage
    # collector no longer walks them at each full collection.
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(config, items):
    if not DB_ONLY:
        return
    kept = [item for item in items if uses_database(item)]
    dropped = [item for item in items if not uses_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config.stash[_WITHOUT_DB] = len(dropped)
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: tell the controller (below)
        config.workeroutput["without_db"] = len(dropped)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: each worker collected (and left out) the same tests."""
    left_out = getattr(node, "workeroutput", {}).get("without_db", 0)
    node.config.stash[_WITHOUT_DB] = max(node.config.stash.get(_WITHOUT_DB, 0), left_out)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if DB_ONLY:
        terminalreporter.write_line(
            f"database tests only: {config.stash.get(_WITHOUT_DB, 0)} tests that do not use the database "
            "were left out (they run on SQLite)"
        )


def pytest_sessionfinish(session, exitstatus):
    # With only database tests wanted, a selection without any (say `./dev test tests/core`) is
    # a success on the PostgreSQL run, not pytest's "no tests ran" (exit code 5).
    if (
        DB_ONLY
        and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED
        and session.config.stash.get(_WITHOUT_DB, 0)
    ):
        session.exitstatus = pytest.ExitCode.OK


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if IN_CI and report.skipped and any(item.get_closest_marker(m) for m in ("browser", "pdf")):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true: a browser or PDF test may not skip ({reason}). `./dev test` installs "
            "Chromium, Pango and fonts with apt-get; see the README's developer section."
        )
    return report


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    # A test database of its own per run, so two runs against one PostgreSQL server never
    # collide (SQLite tests use an in-memory database anyway). pytest-django drops it at the end;
    # `./dev test` names it with SEURANTA_TEST_DB_NAME and drops what a killed run left behind.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        name = os.environ.get("SEURANTA_TEST_DB_NAME") or f"test_{database['NAME']}_{os.getpid()}"
        database.setdefault("TEST", {})["NAME"] = name
    # Then pytest-django's suffix: each pytest-xdist worker (`-n 2`) gets a database of its own,
    # NAME_gw0, NAME_gw1, ... (./dev drops those too).
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")
    if database["ENGINE"] == "django.db.backends.sqlite3":
        from django.db import connections

        request.getfixturevalue("sqlite_template").load_into(connections["default"])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory, pytestconfig):
    """The run's migrated SQLite database (tests/support/database_template.py), in the temporary folder
    that pytest-xdist's workers share (each worker's own is a folder in it), and kept for the next run in
    pytest's cache folder."""
    from tests.support.database_template import SQLiteTemplate

    folder = tmp_path_factory.getbasetemp()
    cache = getattr(pytestconfig, "cache", None)  # None with -p no:cacheprovider
    template = SQLiteTemplate(
        folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else folder,
        cache.mkdir("seuranta_sqlite_template") if cache is not None else None,
    )
    yield template
    template.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's, then the migrated database saved for the other workers if this one made it."""
    from django.conf import settings
    from django.db import connections

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        with django_db_blocker.unblock():
            request.getfixturevalue("sqlite_template").save_from(connections["default"])


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory):
    """What every test runs with, set once: each change of a setting tells every listener."""
    from django.test import override_settings

    with override_settings(
        # Real password hashing takes ~0.5 s a user; tests create many users.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # client.login() authenticates without a request, which login throttling needs; the tests of the
        # throttling turn it on.
        AXES_ENABLED=False,
        # Each test's client builds the middleware anew, and WhiteNoise would index every static file (with
        # their headers) each time: a tenth of a database test's time. Autorefresh finds a file when it is
        # asked for, with the same answer.
        WHITENOISE_AUTOREFRESH=True,
        # Emptied after each test (below).
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}},
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache_and_media_folder():
    """Each test starts with an empty cache (reports, rate limits) and media folder."""
    yield
    from django.conf import settings
    from django.core.cache import caches

    caches["default"].clear()
    if Path(settings.MEDIA_ROOT).exists():
        shutil.rmtree(settings.MEDIA_ROOT)


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
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
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
        guarded = (
            ReportingRound.objects.using(alias).filter(state=ReportingRound.State.CLOSED).exists()
            or ChangeRecord.objects.using(alias).exists()
        )
        if guarded:
            with guard_lifted(alias):
                call_command(
                    "flush", database=alias, interactive=False, verbosity=0, inhibit_post_migrate=True
                )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider (django-oidc-provider) in a process of its own on 127.0.0.1, with its own
    SQLite database; started once per test run. `.issuer`, `.create_user(username, email, password, ...)`,
    `.client_for(redirect_uri)`: see tests/support/oidc_provider.py."""
    from tests.support.oidc_provider import OpenIDProvider

    provider = OpenIDProvider.start(tmp_path_factory.mktemp("oidc-provider"))
    yield provider
    provider.stop()


@pytest.fixture
def oidc_sso(oidc_provider, live_server, settings):
    """Seuranta's live server with single sign-on through `oidc_provider`, where Microsoft Entra ID would be:
    the login page shows "Kirjaudu Microsoft-tilillä", and a person created with `oidc_sso.create_user(...)`
    signs in on the provider's login page and comes back matched to a member by e-mail."""
    client_id, secret = oidc_provider.client_for(f"{live_server.url}/oidc/callback/")
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = client_id, secret
    return oidc_provider
