"""Django settings, read from the environment (see README "Configuration").

Defaults make a fresh `make run` work on SQLite with no services; production
(DEBUG off) refuses to start without a real SECRET_KEY.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from rejection.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off "
        "(or set SECRET_KEY_FILE to a file holding one)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "csp",
    "rejection.core",
    "rejection.accounts",
    "rejection.challenges",
    "rejection.journal",
    "rejection.progress",
    "rejection.coach",
    "rejection.share",
    "rejection.data",
    "rejection.reminders",
    "rejection.community",
    "rejection.groups",
    "rejection.media",
    "rejection.api",
    "rejection.web",
    "rejection.cli",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rejection.core.csp.CSPMiddleware",  # django-csp's, its policy built once
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so its 413 page has the user and passes every header middleware on the way out.
    "rejection.core.limits.PageBodyLimitMiddleware",
]

ROOT_URLCONF = "rejection.urls"
WSGI_APPLICATION = "rejection.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The design system's `icon` and `theme` tags, in every template without a load.
            "builtins": ["rejection.web.templatetags.ui"],
        },
    },
]

# Storage: SQLite under DATA_DIR by default, PostgreSQL (or anything dj-database-url
# knows) when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        # DB_HEALTH_CHECKS=false saves a round trip (SELECT 1) per request; a connection the
        # server dropped then fails one request instead (docs/performance.md, "Round two").
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=600, conn_health_checks=env_bool("DB_HEALTH_CHECKS", True)
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, but the health check skips a connection that answered less than
        # DB_HEALTH_CHECK_AFTER_IDLE seconds ago (rejection/core/backends/postgresql).
        DATABASES["default"]["ENGINE"] = "rejection.core.backends.postgresql"
    HEALTH_CHECK_AFTER_IDLE = env_int("DB_HEALTH_CHECK_AFTER_IDLE", 5)  # seconds
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            # Django's SQLite backend with writers queued on a lock file beside the
            # database, so a waiting writer wakes the moment the one before it commits
            # (rejection/core/backends/sqlite3).
            "ENGINE": "rejection.core.backends.sqlite3",
            "NAME": str(DATA_DIR / "rejection.sqlite3"),
            # Keep each worker thread's connection open between requests rather than
            # opening the file and running the PRAGMAs again on every request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers run beside the one writer; IMMEDIATE takes the write
                # lock at BEGIN so two writers queue (on the lock file, then the busy
                # timeout) instead of failing with "database is locked" half-way through
                # a transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # The database cache is shared by every app process (rate limits, allauth's
    # throttles), unlike the per-process memory cache. Its table is made by a migration.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rejection_cache",
            # Room for every active user's rate-limit counter and cached pages; Django's
            # default of 300 would keep evicting them in a community of any size.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Sessions live in the database, which every process reads; with Redis they are also
# cached there (reads skip the database) and still survive a Redis flush or restart.
# Without Redis, Django's database store reads them in one fixed statement (accounts.sessions).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "rejection.accounts.sessions"
)

# Background jobs (huey): queued in Redis when REDIS_URL is set, otherwise in a SQLite
# file beside the data, and run by `manage.py run_huey`. JOBS_IMMEDIATE runs each job
# inside the request that asks for it instead (no consumer; the tests do this).
JOBS_IMMEDIATE = env_bool("JOBS_IMMEDIATE", False)
HUEY: dict[str, object] = {
    "name": "rejection",
    "immediate": JOBS_IMMEDIATE,
    "results": False,  # nothing reads a job's return value; don't store it
    "utc": True,
    "consumer": {"workers": env_int("JOB_WORKERS", 2), "worker_type": "thread", "max_delay": 1.0},
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "connection": {"url": REDIS_URL}}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "jobs.sqlite3")}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# One password rule everywhere; the API's schema states the length (accounts.contracts).
PASSWORD_MIN_LENGTH = 8
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rejection.accounts.backends.ProfileModelBackend",
    "rejection.accounts.backends.ProfileAllauthBackend",
]

# Accounts (django-allauth): username sign-in, e-mail optional but needed for resets.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_FORM_CLASS = "rejection.accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "rejection.accounts.forms.LoginForm",
    "change_password": "rejection.accounts.password_forms.ChangePasswordForm",
    "reset_password_from_key": "rejection.accounts.password_forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/today/"
ACCOUNT_SIGNUP_REDIRECT_URL = "/intake/"

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Development: password-reset mail is printed where `make run` runs.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Rejection Therapy <noreply@localhost>")

# The server's public address, for links in mail and the calendar feed.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Reminders by web push (docs/reminders.md): the VAPID key pair, from the environment or
# the file `make run` makes in DATA_DIR on first start; and the push endpoints allowed
# besides https on public hosts (host:port, for a local push service).
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY")
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY")
VAPID_CONTACT = env_str("VAPID_CONTACT", "noreply@localhost")
PUSH_ENDPOINT_ALLOW = env_list("PUSH_ENDPOINT_ALLOW")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "rejection.core.static.ManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Photos and videos on asks (docs/media.md): in the data folder (never under a static or
# public path) unless MEDIA_S3_BUCKET names an S3-compatible bucket; either way served only
# through the app, or by signed links that expire in minutes.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
MEDIA_URL_SECONDS = env_int("MEDIA_URL_SECONDS", 300)
if MEDIA_S3_BUCKET:
    STORAGES["media"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": MEDIA_URL_SECONDS,
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
else:
    STORAGES["media"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No base_url: nothing maps these files to a URL; a view streams them.
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": None},
    }
# Every stored file of a person (originals, cleaned copies, clips) counts; 1 GB by default.
MEDIA_QUOTA_BYTES = env_int("MEDIA_QUOTA_BYTES", 1_000_000_000)
# The largest upload (a 90-second video); bigger bodies are refused before they are read.
MEDIA_UPLOAD_MAX_BYTES = env_int("MEDIA_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
# Uploads over 2.5 MB stream to a temporary file, never into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Bodies over this are refused with 413 before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_BODY_BYTES", 256 * 1024)

# API rate limits over the defaults in rejection.api.auth, e.g. "api=600/m,signup=10/h".
API_THROTTLE_RATES: dict[str, str] = {}
for _item in env_list("API_THROTTLE_RATES"):
    _scope, _, _rate = (part.strip() for part in _item.partition("="))
    if not re.fullmatch(r"\d+/[smhd]", _rate):
        raise ImproperlyConfigured(
            "API_THROTTLE_RATES: give each limit as scope=count/period (period s, m, h or d), "
            f"not {_item!r}"
        )
    API_THROTTLE_RATES[_scope] = _rate

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS: off in development; in production every plain-HTTP request is redirected and
# browsers are told (HSTS) to use HTTPS only. Behind a proxy that ends TLS, set
# SECURE_PROXY_SSL_HEADER=true so the proxy's X-Forwarded-Proto: https is trusted
# (only when the proxy always sets or strips that header).
SECURE_SSL_REDIRECT = not DEBUG and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' preload list is hard to undo, so it is the operator's choice
# (SECURE_HSTS_PRELOAD=true); leaving it off is deliberate, not a deploy warning.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): scripts and styles only from our own static
# files, never inline, so injected markup cannot run. See docs/security.md.
CONTENT_SECURITY_POLICY: dict[str, dict[str, list[str]]] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Media from a bucket is fetched by the browser from the bucket's own address (a signed
# link the app redirects to), so pages may load images, video and shared files from there.
if MEDIA_S3_BUCKET:
    _endpoint = urlsplit(env_str("MEDIA_S3_ENDPOINT_URL"))
    _bucket_origin = (
        f"{_endpoint.scheme}://{_endpoint.netloc}"
        if _endpoint.netloc
        else "https://*.amazonaws.com"
    )
    _directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    _directives["img-src"] = [*_directives["img-src"], _bucket_origin]
    _directives["media-src"] = ["'self'", _bucket_origin]
    _directives["connect-src"] = ["'self'", _bucket_origin]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # `run_huey` gives the job consumer its own handler; passing its lines on too would
    # print each one twice.
    "loggers": {"huey": {"propagate": False}},
}
