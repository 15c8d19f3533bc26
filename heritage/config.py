"""heritage's settings: every ``HERITAGE_*`` setting, its default and what it does.

Settings are read in this order, each overriding the one before: the defaults below, the
instance file ``<HERITAGE_INSTANCE>/config.py``, ``HERITAGE_*`` environment variables, and
the ``test_config`` mapping given to :func:`heritage.create_app`.

>>> SETTINGS["HERITAGE_DEFAULT_LOCALE"].default
'lv'
>>> parse_value(SETTINGS["HERITAGE_PAGE_SIZE"], "50")
50
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable


class SettingError(ValueError):
    """A setting's value heritage cannot use; the message names the setting and what to write."""


@dataclass(frozen=True)
class Setting:
    """One documented setting: its name, default and a one-line description."""

    name: str
    default: Any
    doc: str
    parse: Callable[[str], Any] = str


def _int(text: str) -> int:
    return int(text.strip())


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("write true or false")


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


_DEFINITIONS = [
    Setting("HERITAGE_INSTANCE", "./instance",
            "Folder holding the SQLite database, the Whoosh index, the secret key and the "
            "optional instance config.py."),
    Setting("HERITAGE_MEDIA_ROOT", "./media",
            "Folder of the local media store: original scans and their derivatives."),
    Setting("HERITAGE_MEDIA_BACKEND", "local",
            "Where masters and derivatives are kept: local (HERITAGE_MEDIA_ROOT) or s3 (an "
            "S3-compatible bucket, HERITAGE_S3_BUCKET and the other S3 settings; credentials from the standard AWS_* variables)."),
    Setting("HERITAGE_S3_BUCKET", "",
            "Bucket of the S3 media store (it must exist; `heritage media check` tries it)."),
    Setting("HERITAGE_S3_ENDPOINT_URL", "",
            "Address of an S3-compatible server, e.g. http://minio.local:9000; empty: AWS S3."),
    Setting("HERITAGE_S3_PREFIX", "",
            "Start of every object name in the bucket, e.g. ezerkalne/, so archives can share "
            "one bucket; empty: none."),
    Setting("HERITAGE_S3_REGION", "",
            "Region of the bucket; empty: AWS_DEFAULT_REGION."),
    Setting("HERITAGE_S3_MULTIPART_MB", 64,
            "Files larger than this many MB go up to S3 in parts of this size (at least 5).",
            _int),
    Setting("HERITAGE_S3_DELIVERY", "stream",
            "How S3-stored originals and listening copies open to everyone reach visitors: "
            "stream (through heritage) or presigned (a redirect to a short-lived bucket URL, "
            "after heritage's access check; the endpoint must be reachable by visitors)."),
    Setting("HERITAGE_S3_PRESIGN_SECONDS", 300,
            "Seconds a presigned download URL works (HERITAGE_S3_DELIVERY=presigned).", _int),
    Setting("HERITAGE_DATABASE_URL", None,
            "SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/heritage for the "
            "scale-out configuration (password from PGPASSWORD or ~/.pgpass); default: SQLite "
            "file heritage.sqlite3 in the instance folder."),
    Setting("HERITAGE_INDEX_DIR", None,
            "Folder of the Whoosh search index; default: index/ in the instance folder."),
    Setting("HERITAGE_SEARCH_BACKEND", "whoosh",
            "Search index: whoosh (a local folder, one machine) or postgres (tables in the "
            "application's PostgreSQL database, shared by several servers)."),
    Setting("HERITAGE_SECRET_KEY", None,
            "Key that signs cookies; default: a random key created once and kept in "
            "<instance>/secret_key."),
    Setting("HERITAGE_SITE_NAME", "Novadpētniecības digitālais arhīvs",
            "Name of the archive shown in the page header and titles."),
    Setting("HERITAGE_DEFAULT_LOCALE", "lv",
            "Language of the interface when the visitor has not chosen one (lv, lt or en)."),
    Setting("HERITAGE_LOCALES", ["lv", "lt", "en"],
            "Interface languages offered in the language switcher, comma separated.", _list),
    Setting("HERITAGE_OCR_LANG", "lav",
            "Tesseract languages used when neither the ingest nor the collection names any "
            "(e.g. lav, lit, rus, lav+rus)."),
    Setting("HERITAGE_OCR_WORKERS", 0,
            "Processes used for OCR during ingest; 0 means one per CPU core.", _int),
    Setting("HERITAGE_MAX_PIXELS", 180_000_000,
            "Largest page heritage decodes, in pixels (a guard against decompression bombs); "
            "a 600-dpi A2 scan is 139 million.", _int),
    Setting("HERITAGE_OAI_NAMESPACE", "heritage.local",
            "The library's domain name, used in OAI-PMH identifiers oai:<namespace>:<item id>; "
            "set it once before the first harvest and never change it."),
    Setting("HERITAGE_OAI_REPOSITORY_NAME", None,
            "Repository name OAI-PMH harvesters see; default: HERITAGE_SITE_NAME."),
    Setting("HERITAGE_OAI_ADMIN_EMAIL", "admin@heritage.local",
            "Address harvesters write to about the OAI-PMH service."),
    Setting("HERITAGE_OAI_PAGE_SIZE", 100,
            "Records in one OAI-PMH list response before a resumption token.", _int),
    Setting("HERITAGE_VENDOR_DIR", None,
            "Folder of the npm packages the pages use (OpenSeadragon, Leaflet); default: "
            "node_modules beside the project, filled by scripts/setup."),
    Setting("HERITAGE_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "Map tile URL template for the place maps ({z}/{x}/{y}); empty turns the tiles off "
            "and the maps show only their markers over a plain background."),
    Setting("HERITAGE_MAP_ATTRIBUTION", "© OpenStreetMap contributors",
            "Attribution shown on the maps for HERITAGE_MAP_TILES."),
    Setting("HERITAGE_PAGE_CACHE_MB", 64,
            "Memory for rendered public pages, kept until the archive changes; 0 turns the "
            "cache off.", _int),
    Setting("HERITAGE_PAGE_CACHE_RECHECK", 1.0,
            "Seconds between looks at the database for changes made by other processes "
            "(another web server, an ingest); changes made by this process show at once.", float),
    Setting("HERITAGE_SECURE_COOKIES", True,
            "Send the session cookie only over HTTPS (browsers still accept it from "
            "http://127.0.0.1 and localhost); set false only for a plain-HTTP intranet.", _bool),
    Setting("HERITAGE_SESSION_HOURS", 12,
            "Hours a staff sign-in lasts before the person signs in again.", _int),
    Setting("HERITAGE_LOGIN_ATTEMPTS", 5,
            "Wrong passwords in a row before an account is locked for a while.", _int),
    Setting("HERITAGE_LOGIN_LOCKOUT_MINUTES", 15,
            "Minutes an account stays locked after too many wrong passwords.", _int),
    Setting("HERITAGE_READING_ROOM_IPS", [],
            "Addresses of the libraries' reading rooms (IP addresses or networks such as "
            "10.20.0.0/16, comma separated); reading-room material opens on them.", _list),
    Setting("HERITAGE_PROXY_COUNT", 0,
            "Reverse proxies in front of heritage whose X-Forwarded-For header is trusted "
            "(0: the connecting address is the visitor's).", _int),
    Setting("HERITAGE_UPLOAD_MAX_MB", 2048,
            "Largest upload from the staff workspace (all files of one upload together), in MB.",
            _int),
    Setting("HERITAGE_UPLOAD_DIR", None,
            "Folder where uploads wait for their ingest job; default: uploads/ in the instance "
            "folder."),
    Setting("HERITAGE_ZIP_MAX_FILES", 5000,
            "Most files a zipped folder may hold.", _int),
    Setting("HERITAGE_ZIP_MAX_UNPACKED_MB", 20480,
            "Largest total size a zipped folder may unpack to, in MB (a guard against zip "
            "bombs).", _int),
    Setting("HERITAGE_ZIP_MAX_RATIO", 200,
            "Largest ratio of unpacked to packed size of any file in a zipped folder.", _int),
    Setting("HERITAGE_JOB_WORKERS", 1,
            "Background threads running ingest jobs in each web server process; 0 leaves jobs "
            "to `heritage jobs work`.", _int),
    Setting("HERITAGE_JOB_QUEUE", "",
            "Redis URL (redis://host:6379/0) of the shared job queue that `heritage jobs work` "
            "processes on any machine take jobs from; empty: jobs run in-process, no Redis.", str),
    Setting("HERITAGE_JOB_RETRIES", 3,
            "Times a queued job that crashed, timed out or lost its worker is run again.", _int),
    Setting("HERITAGE_JOB_RETRY_SECONDS", [10, 60, 300],
            "Waits before each retry of a queued job, in seconds, comma-separated.",
            lambda text: [int(part) for part in _list(text)]),
    Setting("HERITAGE_JOB_TIMEOUT", 3600,
            "Seconds a queued job may run before it is stopped (and retried).", _int),
    Setting("HERITAGE_JOB_HEARTBEAT_SECONDS", 15,
            "Seconds between a queue worker's heartbeats; a job whose worker missed two is "
            "taken to be abandoned and is run again by another worker.", _int),
    Setting("HERITAGE_CONTRIBUTION_MAX_MB", 40,
            "Largest contribution a resident may send (all files together), in MB.", _int),
    Setting("HERITAGE_CONTRIBUTIONS_PER_HOUR", 5,
            "Contributions accepted from one address in an hour.", _int),
    Setting("HERITAGE_USAGE_FLUSH_SECONDS", 5.0,
            "Seconds between writes of the counted item views and downloads to the database "
            "(a background thread writes them; requests never wait for it).", float),
    Setting("HERITAGE_SPEECH_MODEL_DIR", None,
            "Folder of a locally installed speech-to-text model (Vosk or faster-whisper) that "
            "staff may run on recordings; empty: transcripts are typed or imported by hand. "
            "heritage never downloads a model."),
    Setting("HERITAGE_SPEECH_ENGINE", None,
            "The engine of HERITAGE_SPEECH_MODEL_DIR: vosk or faster-whisper; empty: told from "
            "the folder's files."),
    Setting("HERITAGE_PAGE_SIZE", 20,
            "Items per page in collection listings and search results.", _int),
]

SETTINGS: dict[str, Setting] = {s.name: s for s in _DEFINITIONS}


def parse_value(setting: Setting, text: str) -> Any:
    """Turn the text of an environment variable into the setting's value."""
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise SettingError(f"{setting.name}={text!r} is not valid: {exc}") from None


def defaults() -> dict[str, Any]:
    """Every setting at its default value."""
    return {name: s.default for name, s in SETTINGS.items()}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The settings given as HERITAGE_* environment variables."""
    environ = os.environ if environ is None else environ
    return {name: parse_value(s, environ[name]) for name, s in SETTINGS.items() if name in environ}
