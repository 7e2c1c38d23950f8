"""Settings shared by every environment. Every value comes from the environment.

environs fails loudly on a malformed value (DJANGO_DEBUG=maybe raises at start-up) instead of
silently falling back to a default.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _
from environs import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = Env()

# --- Core ---------------------------------------------------------------------------------
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Demo data is never written into a production database.
DEMO_DATA_ALLOWED = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "attachments",
    "stakeholders",
    "procurement",
    "pilots",
    "region",
    "dashboard",
    "search",
    # Below every app in the dependencies, but last here: `send_reminders` runs the apps'
    # reminders in this order, and the daily summary must gather what today's reminders told.
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware, so the session it touches is saved on the way out.
    "core.middleware.SessionIdleMiddleware",
    "core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: everything below reads inside the user's municipality.
    "core.middleware.MunicipalityScopeMiddleware",
    # Before any view: a NUL character in the input is a 400, not a 500 on PostgreSQL.
    "core.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dashboard.context_processors.navigation",
                "search.context_processors.search_box",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite when DATABASE_URL is unset; PostgreSQL (production) when it is set.
DATABASES = {
    "default": env.dj_db_url(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DJANGO_CONN_MAX_AGE", default=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks ---------------------------------------------------------------------
# Rendering documents (WeasyPrint) runs off the request path, in `manage.py db_worker`
# processes (docs/operations.md): the queue is a table in the same database, so SQLite and
# PostgreSQL both work and workers on several machines share it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Authentication -----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

# The number of reverse proxies in front of the application that append to X-Forwarded-For
# (0: none, REMOTE_ADDR is the client and the header is ignored). See core/client_ip.py.
DRAAGVLAK_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Login throttling (django-axes): lock a username from one address after repeated failures.
# Username *and* address together: an attacker elsewhere cannot lock the holder out.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DJANGO_AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not start the pause again (axes' default would: anyone could
# then keep an account locked for ever with one attempt every few minutes).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# At most this many password-reset mails an hour to one address, and from one client address.
DRAAGVLAK_PASSWORD_RESET_LIMIT = env.int("DJANGO_PASSWORD_RESET_LIMIT_PER_HOUR", default=3)
# The username as typed, cut to the longest an account can have (no 500 on a longer one).
AXES_USERNAME_CALLABLE = "core.login.axes_username"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [
    BASE_DIR / "core" / "locale",
    BASE_DIR / "stakeholders" / "locale",
    BASE_DIR / "procurement" / "locale",
    BASE_DIR / "pilots" / "locale",
    BASE_DIR / "dashboard" / "locale",
    BASE_DIR / "locale",
]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Dates as dd/mm/jjjj and amounts as € 12.345,00 (see config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail -------------------------------------------------------------------------------
# DJANGO_EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587 or console://
vars().update(env.dj_email_url("DJANGO_EMAIL_URL", default="console://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Draagvlak <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Forms --------------------------------------------------------------------------------
# Fields without the browser's maxlength (core/forms.py).
FORM_RENDERER = "core.forms.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -----------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browser features no page of Draagvlak uses; each is denied to every origin.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# A session ends after this much time without a request (default: a working day), not
# Django's 14 days; an active session is extended at most every SESSION_ACTIVITY_REFRESH s.
SESSION_COOKIE_AGE = round(env.float("DJANGO_SESSION_IDLE_HOURS", default=8) * 3600)
SESSION_ACTIVITY_REFRESH = min(300, SESSION_COOKIE_AGE // 10)
# Uploaded images (the municipality's logo): PNG or JPEG, checked by content (core.uploads).
UPLOAD_IMAGE_MAX_BYTES = round(env.float("DRAAGVLAK_UPLOAD_IMAGE_MAX_MB", default=2) * 1024 * 1024)
UPLOAD_IMAGE_MAX_SIDE = 4000
# Attachments (specifications, reports, presentations): checked by content (attachments.content).
ATTACHMENT_MAX_BYTES = round(env.float("DRAAGVLAK_ATTACHMENT_MAX_MB", default=20) * 1024 * 1024)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Application --------------------------------------------------------------------------
PAGINATE_BY = 25
# The name the first municipality gets when an installation of one city is upgraded; each
# municipality's own name, logo and settings are edited in the admin since.
ORGANISATION_NAME = env.str("DRAAGVLAK_ORGANISATION_NAME", default="Stad Voorbeeld")
# The address that links in e-mails point to.
SITE_URL = env.str("DRAAGVLAK_SITE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # 4xx answers (a refused page, a missing one) are part of normal use, not errors to log
    # with a traceback; 5xx answers still are. WeasyPrint's progress lines are noise.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
    },
}
