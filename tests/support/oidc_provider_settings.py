"""Settings of the OpenID provider that the tests start (tests/support/oidc_provider.py).

A separate Django site, django-oidc-provider, with its own SQLite file; it runs in a process
of its own, so Seuranta's settings and database never mix with it.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = os.environ["OIDC_TEST_PROVIDER_SECRET"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.support.oidc_provider_urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "oidc_provider_templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_TEST_PROVIDER_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # test users only
USE_TZ = True
LANGUAGE_CODE = "en"
LOGIN_URL = "/login/"
# The provider and Seuranta's live server share the host 127.0.0.1 and browsers keep cookies per host,
# not per port: the provider's cookies get names of their own so that neither overwrites the other's.
SESSION_COOKIE_NAME = "provider_sessionid"
CSRF_COOKIE_NAME = "provider_csrftoken"
SITE_URL = ""  # set by tests/support/oidc_provider.py once the server has its port
OIDC_USERINFO = "tests.support.oidc_provider_urls.userinfo"
OIDC_IDTOKEN_INCLUDE_CLAIMS = False  # Seuranta then reads the e-mail address from the userinfo endpoint
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
