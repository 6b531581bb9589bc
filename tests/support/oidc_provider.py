"""A real OpenID Connect provider for the tests: django-oidc-provider in a process of its own.

`OpenIDProvider.start(tmp_dir)` runs `python -m tests.support.oidc_provider` with its own settings
module (tests/support/oidc_provider_settings.py) and SQLite file, serving on 127.0.0.1 at a free
port with waitress. It has a real login page, authorisation, token, userinfo and JWKS endpoints
and a discovery document; the test suite adds users and registers Seuranta as a client through two
endpoints guarded by a random token of the run. The fixtures are `oidc_provider` (the session's
provider) and `oidc_sso` (Seuranta's live server configured to sign in through it), in tests/conftest.py;
`sign_in_with_provider` takes a Playwright page through the whole sign-in:

    def test_...(transactional_db, oidc_sso, live_server, browser):
        oidc_sso.create_user("liisa", "liisa@example.invalid", "pw", "Liisa", "Laine")  # invited with that address
        page = browser.new_page(locale="fi-FI")
        sign_in_with_provider(page, live_server.url, oidc_sso, "liisa", "pw")
"""

from __future__ import annotations

import json
import os
import secrets
import select
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.support.oidc_provider_settings"
START_TIMEOUT = 60.0


@dataclass
class OpenIDProvider:
    process: subprocess.Popen
    url: str  # http://127.0.0.1:PORT
    token: str  # for the test-only endpoints
    clients: dict[str, tuple[str, str]] = field(default_factory=dict)  # redirect URI -> (id, secret)

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    @classmethod
    def start(cls, directory: Path) -> OpenIDProvider:
        token = secrets.token_urlsafe(24)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "OIDC_TEST_PROVIDER_DB": str(directory / "provider.sqlite3"),
            "OIDC_TEST_PROVIDER_SECRET": secrets.token_urlsafe(40),
            "OIDC_TEST_PROVIDER_TOKEN": token,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
            env.pop(name, None)
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.oidc_provider"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        port = _read_port(process)
        # Whatever the provider prints later is read and dropped, so that a full pipe never blocks it.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        return cls(process, f"http://127.0.0.1:{port}", token)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def create_user(
        self, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
    ) -> None:
        """A person who can sign in on the provider's login page with `username` and `password`."""
        self._post(
            "/testing/users/",
            {
                "username": username,
                "email": email,
                "password": password,
                "first_name": first_name,
                "last_name": last_name,
            },
        )

    def client_for(self, redirect_uri: str) -> tuple[str, str]:
        """(client id, client secret) of a client registered with this redirect URI (once per URI)."""
        if redirect_uri not in self.clients:
            client_id, secret = f"seuranta-{secrets.token_hex(6)}", secrets.token_urlsafe(32)
            self._post(
                "/testing/clients/",
                {"client_id": client_id, "client_secret": secret, "redirect_uri": redirect_uri},
            )
            self.clients[redirect_uri] = (client_id, secret)
        return self.clients[redirect_uri]

    def _post(self, path: str, data: dict) -> None:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(data).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 201, response.status


def sign_in_with_provider(
    page, base_url: str, provider: OpenIDProvider, username: str, password: str
) -> None:
    """In a Playwright page: click "Kirjaudu Microsoft-tilillä" on Seuranta's login page at `base_url`, log in on
    the provider's own login page, and come back to Seuranta (signed in, or on the login page with a message)."""
    page.goto(f"{base_url}/login/")
    page.get_by_role("link", name="Kirjaudu Microsoft-tilillä").click()
    page.wait_for_url(lambda url: url.startswith(f"{provider.url}/login/"))
    assert page.locator("h1").inner_text() == "Test identity provider"  # the provider's own page
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: url.startswith(base_url))
    page.wait_for_load_state()


def _read_port(process: subprocess.Popen) -> int:
    """The port from the server's "READY <port>" line; it migrates its database first."""
    deadline = time.monotonic() + START_TIMEOUT
    assert process.stdout is not None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider exited with {process.returncode} before it was ready")
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.startswith("READY "):
                return int(line.split()[1])
    process.kill()
    raise RuntimeError(f"the OpenID provider was not ready in {START_TIMEOUT:.0f} s")


def serve() -> None:
    """The provider's process: migrate its own database, make a signing key, serve until terminated."""
    import io

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from waitress import create_server

    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", stdout=io.StringIO())
    server = create_server(get_wsgi_application(), host="127.0.0.1", port=0, threads=4)
    settings.SITE_URL = f"http://127.0.0.1:{server.effective_port}"
    print(f"READY {server.effective_port}", flush=True)
    try:
        server.run()
    finally:
        server.close()


if __name__ == "__main__":
    serve()
