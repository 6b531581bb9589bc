"""Seuranta's one settings module, driven by environment variables.

Without any configuration Seuranta runs on a SQLite file in the user's data
directory; `DATABASE_URL` points it at PostgreSQL for production.

    DATABASE_URL          e.g. postgres://user@host:5432/seuranta (default: SQLite in the data dir)
    SEURANTA_DATA_DIR     where the SQLite file, uploads and the secret key live
    SECRET_KEY            (default: generated once and kept in the data dir)
    DEBUG                 "1" for development
    ALLOWED_HOSTS         comma-separated (default: localhost names)
    EMAIL_BACKEND (default: console), DEFAULT_FROM_EMAIL, and for SMTP EMAIL_HOST,
    EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS
    SEURANTA_TASKS_BACKEND   dotted path of the Django tasks backend
    SEURANTA_REPORT_BACKGROUND_ITEMS  plan items above which a PDF report is made by the task worker
    CSRF_TRUSTED_ORIGINS, and the transport, cookie, login throttling and cache settings of
    seuranta/settings_security.py; the README's configuration table lists every variable.
    SEURANTA_IMPORT_TIMEOUT, SEURANTA_IMPORT_MEMORY_MB   limits of parsing one uploaded document
    SEURANTA_SOTKANET_URL, SEURANTA_SOTKANET_TIMEOUT     Sotkanet's JSON API (values/sotkanet.py)
    OIDC_*                single sign-on with OpenID Connect: seuranta/settings_sso.py
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from seuranta.paths import data_dir

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


DATA_DIR = data_dir()


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # API v1's documentation UI (Swagger UI) from its own static files, never a CDN
    "seuranta.plans",
    "seuranta.importing",
    "seuranta.monitoring",
    "seuranta.reports",
    "seuranta.organizations",
    "seuranta.sso",
    "seuranta.api",
    "seuranta.public",
    "seuranta.values",
    "seuranta.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "seuranta.web.middleware.ChosenLanguageMiddleware",  # Finnish unless the person chose another
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "seuranta.urls"
WSGI_APPLICATION = "seuranta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'seuranta.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if not os.environ.get("DATABASE_URL") else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and a CLI command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")  # Finnish full-text search on the plan page

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("suomi")), ("sv", _("svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(
    parents=True, exist_ok=True
)  # WhiteNoise serves from the finders; it wants the folder there
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Mail goes to the console unless EMAIL_BACKEND names another backend (e.g. smtp).
_email_backend = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": _env_bool("EMAIL_USE_TLS"),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "seuranta@localhost")

# Background tasks (reminder emails) are stored in the database and run by the
# worker that `seuranta serve` starts beside the web server (or by
# `seuranta manage db_worker` on its own). SEURANTA_TASKS_BACKEND overrides,
# e.g. "django.tasks.backends.immediate.ImmediateBackend" to run them at once.
INSTALLED_APPS.append("django_tasks_db")
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SEURANTA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Each uploaded document is parsed in a child process of the task worker, killed
# past this many seconds and refused more memory (address space) than this.
SEURANTA_IMPORT_TIMEOUT = float(os.environ.get("SEURANTA_IMPORT_TIMEOUT") or 120)
SEURANTA_IMPORT_MEMORY_MB = int(os.environ.get("SEURANTA_IMPORT_MEMORY_MB") or 1024)

# A PDF report of a plan with more items (nodes and indicators) than this is made by the task
# worker, with a progress page, instead of in the web request (0: every PDF).
SEURANTA_REPORT_BACKGROUND_ITEMS = int(os.environ.get("SEURANTA_REPORT_BACKGROUND_ITEMS") or 60)

# Sotkanet's JSON API (values of linked indicators, read by the task worker) and its time limit in seconds.
SEURANTA_SOTKANET_URL = os.environ.get("SEURANTA_SOTKANET_URL") or "https://sotkanet.fi/rest/1.1/json"
SEURANTA_SOTKANET_TIMEOUT = float(os.environ.get("SEURANTA_SOTKANET_TIMEOUT") or 20)

X_FRAME_OPTIONS = "DENY"

# Transport, cookies, CSP, login throttling and caching: seuranta/settings_security.py (the README lists them).
from seuranta.settings_security import *  # noqa: E402,F403
from seuranta.settings_security import install  # noqa: E402

install(INSTALLED_APPS, MIDDLEWARE, TEMPLATES)

# Single sign-on with OpenID Connect (Microsoft Entra ID): seuranta/settings_sso.py (the README lists it).
from seuranta.settings_sso import *  # noqa: E402,F403
from seuranta.settings_sso import backends as _sso_backends  # noqa: E402

AUTHENTICATION_BACKENDS = _sso_backends(AUTHENTICATION_BACKENDS)  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint and its font subsetter warn about every CSS property they skip while writing a report.
    "loggers": {name: {"level": "ERROR"} for name in ("weasyprint", "fontTools")},
}
