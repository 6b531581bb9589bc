"""Login throttling: a username is locked from one address after too many failed logins."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttled(settings):
    """Throttling on, locking at the third failure so that the tests stay quick."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password, "next": "/"})


def _fail(client, username, times):
    for _ in range(times):
        assert _login(client, username, "väärä-salasana").status_code == 200


def _lock(client, username, limit=3):
    _fail(client, username, limit - 1)
    assert _login(client, username, "väärä-salasana").status_code == 429


def test_twenty_wrong_passwords_lock_the_username_with_a_finnish_page(client, personas, settings):
    from seuranta import settings_security

    assert (
        settings_security.AXES_FAILURE_LIMIT == 20
    )  # the default, unless LOGIN_FAILURE_LIMIT says otherwise
    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, settings_security.AXES_FAILURE_LIMIT
    _fail(client, "viewer", 19)
    response = _login(client, "viewer", "väärä-salasana")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Liian monta epäonnistunutta kirjautumista" in page
    assert "30 minuutiksi" in page
    assert int(response["Retry-After"]) == 30 * 60


def test_the_right_password_is_refused_while_locked(client, personas, throttled):
    _lock(client, "viewer")
    response = _login(client, "viewer", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(client, personas, throttled):
    from datetime import timedelta

    from axes.models import AccessAttempt

    _lock(client, "viewer")
    # The cool-off is measured from the last failure: move it back past the lockout.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - throttled.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    response = _login(client, "viewer", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.viewer.pk)


def test_a_successful_login_resets_the_failures(client, personas, throttled):
    _fail(client, "viewer", 2)
    assert _login(client, "viewer", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    _fail(client, "viewer", 2)
    assert _login(client, "viewer", PASSWORD).status_code == 302


def test_a_lock_does_not_touch_other_usernames(client, personas, throttled):
    _lock(client, "viewer")
    assert _login(client, "responsible", PASSWORD).status_code == 302


def test_the_lockout_page_is_in_swedish_for_swedish_users(client, personas, throttled):
    client.cookies["django_language"] = "sv"
    _fail(client, "viewer", 2)
    response = _login(client, "viewer", "väärä-salasana")
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_the_admin_login_is_throttled_too(client, personas, throttled):
    for _ in range(2):
        assert client.post("/admin/login/", {"username": "admin", "password": "väärä"}).status_code == 200
    locked = client.post("/admin/login/", {"username": "admin", "password": "väärä"})
    assert locked.status_code == 429
    assert _login(client, "admin", PASSWORD).status_code == 429  # one lock for both login pages


def test_administrators_see_and_can_lift_locks_in_the_finnish_admin(client, personas, throttled):
    from axes.models import AccessAttempt

    _lock(client, "viewer")
    superuser = personas.admin
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "Kirjautumisyritykset" in page and "viewer" in page
    attempt = AccessAttempt.objects.get(username="viewer")
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    client.logout()
    assert _login(client, "viewer", PASSWORD).status_code == 302


def test_the_lockout_page_tells_how_long_the_lock_still_lasts(client, personas, throttled):
    from datetime import timedelta

    from axes.models import AccessAttempt

    _lock(client, "viewer")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=10)
    )
    response = _login(client, "viewer", PASSWORD)
    assert response.status_code == 429
    assert "20 minuutiksi" in response.content.decode()
    assert 19 * 60 < int(response["Retry-After"]) <= 20 * 60
