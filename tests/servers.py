"""Real servers for the scale-out tests: PostgreSQL, Redis and an S3-compatible store.

Each is started once per test session on a free port on 127.0.0.1, with its data in a
temporary folder, and stopped at the end:

* PostgreSQL from Debian's ``postgresql`` package (``initdb`` + ``postgres``; as root the
  server runs as the ``postgres`` account, which it insists on);
* Redis from Debian's ``redis-server`` (no persistence);
* moto's S3 server (``moto[server]`` from PyPI), in a thread of the test process.  moto is
  chosen over s3rver because it speaks the S3 API boto3 is written against (multipart
  uploads, ranged GETs, presigned URLs, checksums) and it comes from the same package index
  as the rest of the test tools, with no Node.js process to manage.

The classes work outside pytest too (``scripts/bench_scale.py`` starts its servers with
them); ``start()`` raises :class:`ServerUnavailable`.  In a test session a server that cannot
start makes its tests **fail**, with what went wrong and how to install
it, never skip: ``scripts/test`` installs the packages, so in CI a missing server is a bug.
Set ``HERITAGE_TEST_SERVERS=skip`` to skip these tests on a machine without the servers.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest


class ServerUnavailable(RuntimeError):
    """A server could not be started; the message says what went wrong and how to install it."""


def _unavailable(what: str, detail: str) -> None:
    raise ServerUnavailable(
        f"{what} could not be started: {detail}. scripts/setup test installs it "
        f"(Debian packages postgresql and redis-server, Python package moto[server]); "
        f"set HERITAGE_TEST_SERVERS=skip to skip the scale-out tests on this machine.")


def _started(server):
    """Start ``server`` for the tests: fail loudly when it cannot, skip only when told to."""
    try:
        server.start()
    except ServerUnavailable as exc:
        if os.environ.get("HERITAGE_TEST_SERVERS") == "skip":
            pytest.skip(str(exc))
        pytest.fail(str(exc), pytrace=False)
    return server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen | None, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def _postgres_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return found[-1] if found else shutil.which(name)


class PostgresServer:
    """A private PostgreSQL cluster: ``database()`` gives the URL of a new, empty database."""

    user = "heritage"

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self._as_root = os.geteuid() == 0

    def _run_as(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if self._as_root else []

    def start(self) -> None:
        initdb, postgres = _postgres_bin("initdb"), _postgres_bin("postgres")
        if not initdb or not postgres:
            _unavailable("PostgreSQL", "initdb/postgres not found (Debian package postgresql)")
        data = self.folder / "data"
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._as_root:
            shutil.chown(self.folder, "postgres", "postgres")
            os.chmod(self.folder, 0o700)
        done = subprocess.run(self._run_as() + [initdb, "-D", str(data), "-U", self.user,
                                                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                              capture_output=True, text=True)
        if done.returncode:
            _unavailable("PostgreSQL", f"initdb failed: {done.stderr.strip()[-400:]}")
        self.log = self.folder / "postgres.log"
        log = open(self.log, "w")
        if self._as_root:
            shutil.chown(self.log, "postgres", "postgres")
        self.process = subprocess.Popen(
            self._run_as() + [postgres, "-D", str(data), "-p", str(self.port), "-h", "127.0.0.1",
                              "-k", str(self.folder), "-c", "fsync=off",
                              "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                              "-c", "max_connections=200"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        if not _wait_for_port(self.port, self.process):
            self.stop()
            _unavailable("PostgreSQL", f"the server did not answer: {self.log.read_text()[-600:]}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def database(self, prefix: str = "t") -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def migrated_database(self) -> str:
        """A new database with heritage's schema: a copy of a template migrated once.

        Copying a template takes a fraction of the time of running the migrations, so the
        suite can give every test its own database (``HERITAGE_TEST_DATABASE=postgres``).
        """
        import psycopg

        if not getattr(self, "_template", None):
            from heritage import create_app
            from heritage.services.database import upgrade_schema

            url = self.database("template")
            folder = Path(tempfile.mkdtemp(prefix="heritage-template-"))
            app = create_app({"TESTING": True, "HERITAGE_INSTANCE": str(folder / "instance"),
                              "HERITAGE_MEDIA_ROOT": str(folder / "media"),
                              "HERITAGE_DATABASE_URL": url})
            with app.app_context():
                upgrade_schema()
                from heritage.extensions import db
                db.engine.dispose()  # a template must have no connections when it is copied
            shutil.rmtree(folder, ignore_errors=True)
            self._template = url.rsplit("/", 1)[1]
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return self.url(name)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # smart shutdown
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A private Redis server: ``url(db)`` for one of its 16 databases; ``flush()`` empties all."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if not binary:
            _unavailable("Redis", "redis-server not found (Debian package redis-server)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        if not _wait_for_port(self.port, self.process):
            self.stop()
            _unavailable("Redis", "redis-server did not answer")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flush(self) -> None:
        import redis

        redis.Redis.from_url(self.url()).flushall()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class S3Server:
    """moto's S3 server in a thread: ``bucket()`` creates a new, empty bucket and returns its name.

    Credentials are the fixed test pair below; tests that use the server set them (and the
    region) as the standard AWS environment variables, which is how heritage reads them.
    """

    access_key = "heritage-test"
    secret_key = "heritage-test-secret"
    region = "eu-north-1"

    def __init__(self):
        self.port = free_port()
        self.server = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        try:
            from moto.server import ThreadedMotoServer
        except ImportError as exc:
            _unavailable("The S3 test server", f"moto[server] is not installed ({exc})")
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        if not _wait_for_port(self.port, None):
            _unavailable("The S3 test server", "moto did not answer")

    @classmethod
    def credentials(cls) -> dict[str, str]:
        """The standard AWS variables a heritage process reads its S3 credentials from."""
        return {"AWS_ACCESS_KEY_ID": cls.access_key, "AWS_SECRET_ACCESS_KEY": cls.secret_key,
                "AWS_DEFAULT_REGION": cls.region}

    def environment(self) -> dict[str, str]:
        """The credentials for this server (the same fixed test pair for every one)."""
        return self.credentials()

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=self.region,
                            aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key)

    def bucket(self, prefix: str = "heritage") -> str:
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name, CreateBucketConfiguration={
            "LocationConstraint": self.region})
        return name

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """A running PostgreSQL server on 127.0.0.1 for this test session."""
    server = _started(PostgresServer(Path(tempfile.mkdtemp(prefix="heritage-pg-"))))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A running Redis server on 127.0.0.1 for this test session."""
    server = _started(RedisServer(Path(tempfile.mkdtemp(prefix="heritage-redis-"))))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_server():
    """A running S3-compatible server (moto) on 127.0.0.1 for this test session."""
    server = _started(S3Server())
    yield server
    server.stop()


@pytest.fixture
def s3_environment(s3_server, monkeypatch):
    """The AWS credential variables of the test S3 server, set for this test."""
    for name, value in s3_server.environment().items():
        monkeypatch.setenv(name, value)
    return s3_server
