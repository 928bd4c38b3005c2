"""A throwaway PostgreSQL cluster in a temporary directory (a real server, never a mock).

Debian's server binaries (``apt-get install postgresql``; ``make test`` does it) are used
directly: ``initdb`` + ``pg_ctl`` on a Unix socket in the temporary directory, no TCP port.
PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user
(``runuser``). Tests and benchmarks connect as ``wijk`` with a password over the socket, so
every connection goes through real password authentication.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

GEBRUIKER = "wijk"
WACHTWOORD = "Gehe1m-wachtwoord-7x9q"  # tests grep every output for this


def bin_dir() -> Path:
    for kandidaat in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(kandidaat, "initdb").is_file():
            return Path(kandidaat)
    gevonden = shutil.which("initdb")
    if gevonden:
        return Path(gevonden).parent
    raise RuntimeError(
        "PostgreSQL-serverprogramma's (initdb, pg_ctl) ontbreken: `make test` installeert ze "
        "(apt-get install postgresql)."
    )


class Cluster:
    def __init__(self) -> None:
        self.bin = bin_dir()
        self.map = Path(tempfile.mkdtemp(prefix="wijkanalyse-pg-"))
        self.data = self.map / "data"
        self.socket = str(self.map)
        self.poort = 5432
        self.als_root = os.geteuid() == 0
        if self.als_root:
            shutil.chown(self.map, "postgres")
        self._draai(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        with open(self.data / "postgresql.conf", "a") as f:
            f.write(
                f"\nlisten_addresses = ''\nunix_socket_directories = '{self.socket}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 200\nshared_buffers = 64MB\n"
            )
        # postgres (the admin, for CREATE DATABASE) without a password; wijk with one.
        (self.data / "pg_hba.conf").write_text(
            "local all postgres trust\nlocal all all scram-sha-256\n"
        )
        self._draai(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.map / "log.txt"),
                "-w",
                "-o",
                f"-p {self.poort}",
                "start",
            ]
        )
        self.admin(
            f"CREATE ROLE {GEBRUIKER} LOGIN CREATEDB PASSWORD '{WACHTWOORD}'",
        )

    def _draai(self, cmd: list[str]) -> None:
        if self.als_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.map)

    def admin(self, *sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=self.socket, port=self.poort, user="postgres", dbname="postgres", autocommit=True
        ) as con:
            for s in sql:
                con.execute(s)

    def url(self, db: str) -> str:
        return (
            f"postgresql://{GEBRUIKER}:{quote(WACHTWOORD)}@/{db}"
            f"?host={quote(self.socket, safe='')}&port={self.poort}"
        )

    def nieuwe_db(self, naam: str, *, sjabloon: str | None = None) -> str:
        """A new, empty database (or a copy of ``sjabloon``) owned by wijk; its URL."""
        extra = f" TEMPLATE {sjabloon}" if sjabloon else ""
        self.admin(f"CREATE DATABASE {naam} OWNER {GEBRUIKER}{extra}")
        return self.url(naam)

    def stop(self) -> None:
        try:
            self._draai([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.map, ignore_errors=True)


def tabel_rijen(werkruimte: Path | str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query on either backend (for tests that compare whole tables)."""
    from wijkanalyse.store.verbinding import verbind

    con = verbind(werkruimte)
    try:
        return [tuple(r) for r in con.execute(sql, params).fetchall()]
    finally:
        con.close()
