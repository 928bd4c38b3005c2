"""Which workspace: a SQLite file (a path) or a team workspace on PostgreSQL (a
``postgresql://`` URL), and how it may be shown (never with its password).

Public functions keep taking ``str | Path`` (users, notebooks and papermill pass strings);
inside, ``Werkruimte.van(x)`` answers the questions that used to be asked of the bare value
(``is_url(x)``, ``str(x) if is_url(x) else Path(x)``, the masked text). No pandas, no
psycopg: a participant's kernel imports this.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

_URL_BEGIN = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class Werkruimte:
    """One workspace. ``str()``, ``repr()`` and :meth:`toon` never show a URL's password;
    :attr:`url` (and :attr:`pad_of_url`) is the full URL, for connecting only."""

    tekst: str = field(repr=False)  # as given: a path's text, or the URL with its password
    is_url: bool = field(init=False)  # from the text: a path's text never holds "://"

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_url", self.tekst.strip().lower().startswith(_URL_BEGIN))

    @classmethod
    def van(cls, werkruimte: Werkruimte | str | os.PathLike[str]) -> Werkruimte:
        """The workspace ``werkruimte`` names: a URL when its text starts with
        ``postgresql://`` (or ``postgres://``; a :class:`~pathlib.Path` never does), anything
        else a file path."""
        if isinstance(werkruimte, Werkruimte):
            return werkruimte
        if isinstance(werkruimte, os.PathLike):
            return cls(os.fspath(werkruimte))
        return cls(str(werkruimte))

    @property
    def pad(self) -> Path:
        """The file of a SQLite workspace (as given, not resolved)."""
        if self.is_url:
            raise ValueError(f"Werkruimte {self.toon()} is geen bestand maar een URL.")
        return Path(self.tekst)

    @property
    def url(self) -> str:
        """The URL of a team workspace, password included: for connecting, never for showing."""
        if not self.is_url:
            raise ValueError(f"Werkruimte '{self.tekst}' is een bestand, geen URL.")
        return self.tekst

    @property
    def pad_of_url(self) -> Path | str:
        """What the store's functions are given: the :class:`~pathlib.Path` or the URL."""
        return self.url if self.is_url else self.pad

    def toon(self) -> str:
        """The workspace as it may be shown: a URL's password replaced by ``***``, a path as
        given."""
        if not self.is_url:
            return self.tekst
        delen = urlsplit(self.tekst)
        tekst = self.tekst
        if delen.password is not None:
            host = delen.netloc.rpartition("@")[2]
            tekst = urlunsplit(delen._replace(netloc=f"{delen.username or ''}:***@{host}"))
        # also a password given as a query parameter (?password=…)
        return re.sub(r"(?i)(password=)[^&]*", r"\1***", tekst)

    def volledig(self) -> str:
        """How a log or report names the workspace: the full path, or the URL without
        password."""
        return self.toon() if self.is_url else str(self.pad.resolve())

    @property
    def naam(self) -> str:
        """A short name: the file name, or the database's name in a URL."""
        if not self.is_url:
            return self.pad.name
        delen = urlsplit(self.tekst)
        db = delen.path.strip("/")
        if not db:
            m = re.search(r"(?:^|&)dbname=([^&]*)", delen.query)
            db = m.group(1) if m else ""
        return db or "postgresql"

    def maskeer(self, tekst: str) -> str:
        """``tekst`` with this workspace's password (if any) replaced by ``***``."""
        if not self.is_url:
            return tekst
        wachtwoord = urlsplit(self.tekst).password
        if wachtwoord:
            for w in {wachtwoord, unquote(wachtwoord)}:
                tekst = tekst.replace(w, "***")
        return tekst.replace(self.tekst, self.toon())

    def __str__(self) -> str:
        return self.toon()

    def __repr__(self) -> str:
        return f"Werkruimte({self.toon()!r})"
