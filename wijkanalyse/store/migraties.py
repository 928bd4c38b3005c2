"""The workspace's schema and how an older workspace is brought up to date."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import warnings
from pathlib import Path

from .. import databank
from ..databank import Werkruimte
from ..databank.journaal import HISTORIE_TABELLEN, UITVOERING_TABELLEN
from ..databank.versie import SCHEMA_VERSIE, te_nieuw
from ..databank.werksessie import TABELLEN as _WERKSESSIE_TABELLEN
from ..databank.werksessie import TRIGGERS as _WERKSESSIE_TRIGGERS
from ..databank.werksessie import TRIGGERS_VRAGEN as _VRAGEN_TRIGGERS
from ..databank.werksessie import VRAAG_SOORTEN as _VRAAG_SOORTEN
from ..databank.werksessie import WIJK_VAN_VRAGEN as _WIJK_VAN_VRAGEN
from ..databank.werksessie import pg_triggers as _werksessie_pg_triggers
from .verbinding import controleer, verbind

SCHEMA = """
CREATE TABLE IF NOT EXISTS wijken (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL UNIQUE COLLATE NOCASE,
    gemeente TEXT NOT NULL DEFAULT '',
    inwoners INTEGER,
    fictief INTEGER NOT NULL DEFAULT 0,
    drempel REAL NOT NULL DEFAULT 3.0,
    capaciteit INTEGER NOT NULL DEFAULT 4
);
CREATE TABLE IF NOT EXISTS opgaven (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    titel TEXT NOT NULL,
    transitie TEXT NOT NULL,
    soort TEXT NOT NULL,
    aanleiding TEXT NOT NULL DEFAULT '',
    eigenaar TEXT NOT NULL DEFAULT '',
    start_jaar INTEGER,
    eind_jaar INTEGER,
    rol TEXT NOT NULL,
    beschrijving TEXT NOT NULL DEFAULT '',
    titel_sleutel TEXT NOT NULL,
    UNIQUE (wijk_id, titel_sleutel)
);
CREATE TABLE IF NOT EXISTS koppelingen (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    opgave_a INTEGER NOT NULL REFERENCES opgaven(id) ON DELETE CASCADE,
    opgave_b INTEGER NOT NULL REFERENCES opgaven(id) ON DELETE CASCADE,
    niveau TEXT NOT NULL,
    toelichting TEXT NOT NULL DEFAULT '',
    CHECK (opgave_a < opgave_b),
    UNIQUE (opgave_a, opgave_b)
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    koppeling_id INTEGER NOT NULL REFERENCES koppelingen(id) ON DELETE CASCADE,
    soort TEXT NOT NULL,
    tekst TEXT NOT NULL,
    impact TEXT NOT NULL,
    horizon TEXT NOT NULL,
    interventie TEXT NOT NULL DEFAULT '',
    interventie_eigenaar TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS criteria (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    naam TEXT NOT NULL,
    vraag TEXT NOT NULL DEFAULT '',
    richting TEXT NOT NULL,
    gewicht REAL NOT NULL,
    schaal_min INTEGER NOT NULL,
    schaal_max INTEGER NOT NULL,
    betekenis_min TEXT NOT NULL DEFAULT '',
    betekenis_max TEXT NOT NULL DEFAULT '',
    volgorde INTEGER NOT NULL DEFAULT 0,
    UNIQUE (wijk_id, naam)
);
CREATE TABLE IF NOT EXISTS scores (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    onderwerp_soort TEXT NOT NULL,
    onderwerp_id INTEGER NOT NULL,
    criterium_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    waarde INTEGER NOT NULL,
    scorer TEXT NOT NULL,
    groep TEXT NOT NULL,
    moment TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scores_wijk ON scores (wijk_id);
CREATE TABLE IF NOT EXISTS besluiten (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    onderwerp_soort TEXT NOT NULL,
    onderwerp_id INTEGER NOT NULL,
    besluit TEXT NOT NULL,
    redenering TEXT NOT NULL CHECK (length(trim(redenering)) > 0),
    datum TEXT NOT NULL,
    door TEXT NOT NULL DEFAULT '',
    maakt_of_breekt INTEGER NOT NULL DEFAULT 0
);
"""


_SCHEMA_CBS = """
CREATE TABLE IF NOT EXISTS cbs_regios (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL UNIQUE REFERENCES wijken(id) ON DELETE CASCADE,
    regiocode TEXT NOT NULL,
    regionaam TEXT NOT NULL DEFAULT '',
    gemeentecode TEXT NOT NULL DEFAULT '',
    gekoppeld_via TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS cbs_cijfers (
    id INTEGER PRIMARY KEY,
    regiocode TEXT NOT NULL,
    regionaam TEXT NOT NULL DEFAULT '',
    niveau TEXT NOT NULL,
    onderwerp TEXT NOT NULL,
    eenheid TEXT NOT NULL DEFAULT '',
    periode TEXT NOT NULL,
    waarde REAL,
    bron_tabel TEXT NOT NULL,
    bron_bestand TEXT NOT NULL DEFAULT '',
    importdatum TEXT NOT NULL,
    UNIQUE (regiocode, bron_tabel, onderwerp, periode)
);
CREATE INDEX IF NOT EXISTS cbs_cijfers_regio ON cbs_cijfers (regiocode);
"""


# Tables added after schema version 1: created (idempotently) whenever a workspace is opened,
# so older workspaces get them too.
SCHEMA_EXTRA = {
    "historie": """
CREATE TABLE IF NOT EXISTS historie (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER REFERENCES wijken(id) ON DELETE CASCADE,
    moment TEXT NOT NULL,
    wie TEXT NOT NULL DEFAULT '',
    wat TEXT NOT NULL,
    is_ongedaan_maken INTEGER NOT NULL DEFAULT 0,
    ongedaan_door INTEGER
);
CREATE INDEX IF NOT EXISTS historie_wijk ON historie (wijk_id, id);""",
    "historie_rijen": """
CREATE TABLE IF NOT EXISTS historie_rijen (
    id INTEGER PRIMARY KEY,
    wijziging_id INTEGER REFERENCES historie(id) ON DELETE CASCADE,
    tabel TEXT NOT NULL,
    rij_id INTEGER NOT NULL,
    wijk_id INTEGER,
    voor TEXT,
    na TEXT
);
CREATE INDEX IF NOT EXISTS historie_rijen_wijziging ON historie_rijen (wijziging_id);""",
    # a scorer's new score replaces the old one: find that cell without reading the wijk
    "scores_cel": """
CREATE INDEX IF NOT EXISTS scores_cel
    ON scores (wijk_id, onderwerp_soort, onderwerp_id, criterium_id);""",
    "kader_regels": """
CREATE TABLE IF NOT EXISTS kader_regels (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL UNIQUE REFERENCES wijken(id) ON DELETE CASCADE,
    min_groepen INTEGER NOT NULL DEFAULT 1 CHECK (min_groepen >= 1),
    vereiste_groepen TEXT NOT NULL DEFAULT '[]'
);""",
}


# --------------------------------------------------------------------------- migrations
# One numbered list for both databases: migration n brings a workspace from version n-1 to
# n. The tables are written once, in SQLite's DDL; :func:`_pg_ddl` turns that into
# PostgreSQL's (the few words that differ). Triggers are per dialect: SQLite's are SQL
# triggers, PostgreSQL's plpgsql functions (same rows, same JSON, same counter).
# SQLite keeps the version in ``PRAGMA user_version``, PostgreSQL in table ``schema_versie``.

MIGRATIES: list[tuple[int, str]] = [
    (1, "wijken, opgaven, koppelingen, kansen/bedreigingen, criteria, scores en besluiten"),
    (2, "werksessies met de wijzigingsteller, CBS-kerncijfers, historie en volledigheidsregel"),
    (3, "scores onthouden de ronde en de deelnemer van de werksessie"),
    (4, "waar een criterium voor geldt (opgaven, koppelingen of beide); gekozen importkolommen"),
    (5, "de uitvoering: acties met hun logboek, risico's van bedreigingen en terugblikken"),
    (6, "herkomst van een overgenomen kans/bedreiging; afgewezen overeenkomsten met andere wijken"),
    (7, "vraagsoorten in de werksessie: stemmen, gewichten samen bepalen, 2×2"),
    (8, "werksessie: wat de beamer toont, timer per ronde, voorstellen verbergen en samenvoegen"),
]


# Migration 4. An existing criterium applies to both kinds of subject, except one whose name
# speaks of a koppeling ("Meerkosten koppeling"): that one can only be answered for a pair.
# The same rule gives a new criterium its default (:func:`wijkanalyse.store.kader.geldt_voor`).
_SCHEMA_4_KOLOM = """
ALTER TABLE criteria ADD COLUMN geldt_voor TEXT NOT NULL DEFAULT 'beide';
UPDATE criteria SET geldt_voor = 'koppeling' WHERE lower(naam) LIKE '%koppeling%';
"""
_SCHEMA_4 = """
CREATE TABLE IF NOT EXISTS importkeuzes (
    id INTEGER PRIMARY KEY,
    soort TEXT NOT NULL,
    kop TEXT NOT NULL,
    doel TEXT NOT NULL,
    UNIQUE (soort, kop)
);
"""


# Migration 5: following the uitvoering after the besluiten (wijkanalyse.store.uitvoering).
# An actie comes from the interventie of a kans or bedreiging (item_id) of a chosen opgave or
# koppeling (onderwerp), or is added by hand (item_id NULL); dates are ISO text (jjjj-mm-dd).
# Each update of an actie's status or progress is a dated line in actie_log. A bedreiging's
# risk (kans × impact, 1–5 each), treatment and next review date are in risicos, one row per
# item. A terugblik is a dated reflection on a wijk. Every table has wijk_id for the history.
_SCHEMA_UITVOERING = """
CREATE TABLE IF NOT EXISTS acties (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    onderwerp_soort TEXT NOT NULL,
    onderwerp_id INTEGER NOT NULL,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    titel TEXT NOT NULL,
    eigenaar TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'gepland'
        CHECK (status IN ('gepland', 'loopt', 'gereed', 'vervallen')),
    voortgang INTEGER NOT NULL DEFAULT 0 CHECK (voortgang BETWEEN 0 AND 100),
    start TEXT,
    deadline TEXT,
    toelichting TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS acties_wijk ON acties (wijk_id);
CREATE INDEX IF NOT EXISTS acties_item ON acties (item_id);
CREATE TABLE IF NOT EXISTS actie_log (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    actie_id INTEGER NOT NULL REFERENCES acties(id) ON DELETE CASCADE,
    datum TEXT NOT NULL,
    door TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    voortgang INTEGER NOT NULL,
    tekst TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS actie_log_actie ON actie_log (actie_id);
CREATE TABLE IF NOT EXISTS risicos (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
    risico_kans INTEGER CHECK (risico_kans BETWEEN 1 AND 5),
    risico_impact INTEGER CHECK (risico_impact BETWEEN 1 AND 5),
    maatregel TEXT NOT NULL DEFAULT '',
    herzien_op TEXT
);
CREATE TABLE IF NOT EXISTS terugblikken (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    datum TEXT NOT NULL,
    door TEXT NOT NULL DEFAULT '',
    volgens_plan TEXT NOT NULL DEFAULT '',
    veranderd TEXT NOT NULL DEFAULT '',
    geleerd TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS terugblikken_wijk ON terugblikken (wijk_id);
"""


# Migration 6. A kans or bedreiging taken over from another wijk says where it came from
# ("overgenomen uit Pendrecht"; empty for the wijk's own); an advisor who rejects a match
# with another wijk's pair (wijkanalyse.leren) keeps it rejected, per wijk, undoable.
_SCHEMA_LEREN_KOLOM = """
ALTER TABLE items ADD COLUMN herkomst TEXT NOT NULL DEFAULT '';
"""
_SCHEMA_LEREN = """
CREATE TABLE IF NOT EXISTS leren_afwijzingen (
    id INTEGER PRIMARY KEY,
    wijk_id INTEGER NOT NULL REFERENCES wijken(id) ON DELETE CASCADE,
    sleutel TEXT NOT NULL,
    omschrijving TEXT NOT NULL DEFAULT '',
    UNIQUE (wijk_id, sleutel)
);
"""


# Migration 7: rounds of the werksessie's question types. ``rondes.soort`` accepts the new
# kinds (its CHECK widened: every existing row still satisfies it), a round keeps its settings
# (dots per person, axis names, top-N) as JSON, and every answer is one row of ``antwoorden``
# (a participant's dots on a subject, points or a pairwise judgement for a criterium, a place
# on a 2x2). Existing rounds keep their kind ('scores', 'opgaven', 'kansen').
_RONDE_SOORTEN_OUD = "CHECK (soort IN ('opgaven', 'kansen', 'scores'))"
_RONDE_SOORTEN_5 = (
    "CHECK (soort IN ('opgaven', 'kansen', 'scores', "
    + ", ".join(f"'{k}'" for k in _VRAAG_SOORTEN)
    + "))"
)
_SCHEMA_VRAGEN = """
CREATE TABLE IF NOT EXISTS antwoorden (
    id INTEGER PRIMARY KEY,
    ronde_id INTEGER NOT NULL REFERENCES rondes(id) ON DELETE CASCADE,
    deelnemer_id INTEGER NOT NULL REFERENCES deelnemers(id) ON DELETE CASCADE,
    onderwerp TEXT NOT NULL,
    waarde REAL,
    waarde2 REAL,
    moment TEXT NOT NULL,
    UNIQUE (ronde_id, deelnemer_id, onderwerp)
);
CREATE INDEX IF NOT EXISTS antwoorden_ronde ON antwoorden (ronde_id);
"""


def _migratie_7(dialect: str, con: sqlite3.Connection | None) -> str:
    """Widen the CHECK on ``rondes.soort`` and add ``instellingen`` and ``antwoorden``.

    SQLite cannot alter a CHECK; its documented procedure for widening one edits the table's
    stored SQL (``writable_schema``) and bumps the schema version, so no table is rebuilt and
    no foreign key (``voorstellen``) or trigger on ``rondes`` is touched. Idempotent."""
    kolom = "ALTER TABLE rondes ADD COLUMN instellingen TEXT NOT NULL DEFAULT '{}';"
    if dialect != "sqlite":
        return (
            "ALTER TABLE rondes DROP CONSTRAINT IF EXISTS rondes_soort_check;"
            f"ALTER TABLE rondes ADD CONSTRAINT rondes_soort_check {_RONDE_SOORTEN_5};"
            + kolom.replace("ADD COLUMN", "ADD COLUMN IF NOT EXISTS")
            + _pg_ddl(_SCHEMA_VRAGEN)
            + _werksessie_pg_triggers(_WIJK_VAN_VRAGEN)
        )
    assert con is not None
    sql = ""
    ddl = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'rondes'")
    if _RONDE_SOORTEN_OUD in ddl.fetchone()[0]:
        versie = con.execute("PRAGMA schema_version").fetchone()[0]
        sql += (
            "PRAGMA writable_schema = ON;"
            f'UPDATE sqlite_master SET sql = replace(sql, "{_RONDE_SOORTEN_OUD}", '
            f"\"{_RONDE_SOORTEN_5}\") WHERE type = 'table' AND name = 'rondes';"
            f"PRAGMA schema_version = {versie + 1};PRAGMA writable_schema = OFF;"
        )
    if not any(r[1] == "instellingen" for r in con.execute("PRAGMA table_info(rondes)")):
        sql += kolom
    return sql + _SCHEMA_VRAGEN + _VRAGEN_TRIGGERS


# Migration 8: columns only (werksessie tables are not in the history). The beamer shows the
# round the facilitator chose (NULL: the open round) and, on request, the join QR codes; a
# round may have a deadline that closes it by itself; a proposal can be hidden, edited
# (its first wording kept) and merged into another (``samengevoegd_in``: the one kept).
_SCHEMA_WERKSESSIE_REGIE: dict[str, list[str]] = {
    "sessies": ["beamer_ronde INTEGER", "beamer_qr INTEGER NOT NULL DEFAULT 0"],
    "rondes": ["sluit_om TEXT", "auto_sluiten INTEGER NOT NULL DEFAULT 0"],
    "voorstellen": [
        "verborgen INTEGER NOT NULL DEFAULT 0",
        "samengevoegd_in INTEGER",
        "oorspronkelijk TEXT",
    ],
}


def _migratie_8(dialect: str, con: sqlite3.Connection | None) -> str:
    """Add :data:`_SCHEMA_WERKSESSIE_REGIE`'s columns (idempotent on both databases)."""
    sql = []
    for tabel, kolommen in _SCHEMA_WERKSESSIE_REGIE.items():
        if dialect == "sqlite":
            assert con is not None
            al = {r[1] for r in con.execute(f"PRAGMA table_info({tabel})").fetchall()}
            sql += [
                f"ALTER TABLE {tabel} ADD COLUMN {k};" for k in kolommen if k.split()[0] not in al
            ]
        else:
            sql += [f"ALTER TABLE {tabel} ADD COLUMN IF NOT EXISTS {k};" for k in kolommen]
    return "".join(sql)


def _migratie_sql(n: int, dialect: str, con: sqlite3.Connection | None = None) -> str:
    if n == 3:
        return _migratie_3(dialect, con)
    if n == 6:
        return _migratie_6(dialect, con)
    if n == 7:
        return _migratie_7(dialect, con)
    if n == 8:
        return _migratie_8(dialect, con)
    if n == 1:
        tabellen = SCHEMA
    elif n == 2:
        tabellen = _WERKSESSIE_TABELLEN + _SCHEMA_CBS + "".join(SCHEMA_EXTRA.values())
    elif n == 4:
        tabellen = _SCHEMA_4
        if dialect != "sqlite":
            tabellen = _SCHEMA_4_KOLOM.replace("ADD COLUMN", "ADD COLUMN IF NOT EXISTS") + tabellen
    elif n == 5:
        tabellen = _SCHEMA_UITVOERING
    else:  # pragma: no cover - the list above and this function grow together
        raise ValueError(n)
    if dialect == "sqlite":
        return tabellen + (_WERKSESSIE_TRIGGERS if n == 2 else "")
    sql = _pg_ddl(tabellen)
    if n == 1:
        sql = _PG_NOCASE + sql
    if n == 2:
        sql += _pg_historie_triggers(_HISTORIE_TABELLEN_TOT_SCORES) + _werksessie_pg_triggers()
    if n == 5:
        sql += _pg_historie_triggers(UITVOERING_TABELLEN)
    return sql


def _migratie_3(dialect: str, con: sqlite3.Connection | None) -> str:
    """Scores get ``ronde_id`` and ``deelnemer_id`` (both NULL for scores from outside a
    werksessie); earlier werksessie scores are attributed to the participant who gave them
    (session from ``moment``, then group and name) and named after their session, so they
    never count as the same person as a scorer outside it. Their round is unknown: NULL.
    Idempotent. The history triggers are off meanwhile: a migration is nobody's edit."""
    if dialect == "sqlite":
        assert con is not None
        kolommen = {r[1] for r in con.execute("PRAGMA table_info(scores)").fetchall()}
        triggers = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'scores' "
                "AND name LIKE 'hist_%'"
            ).fetchall()
        ]
        # dropped, not paused: _maak_extra_tabellen makes them anew for the new columns
        sql = "".join(f"DROP TRIGGER IF EXISTS {t};" for t in triggers)
        sql += "".join(
            f"ALTER TABLE scores ADD COLUMN {k} INTEGER;"
            for k in ("ronde_id", "deelnemer_id")
            if k not in kolommen
        )
        return sql + _SCORES_TOESCHRIJVEN
    return (
        "ALTER TABLE scores ADD COLUMN IF NOT EXISTS ronde_id INTEGER;"
        "ALTER TABLE scores ADD COLUMN IF NOT EXISTS deelnemer_id INTEGER;"
        "ALTER TABLE scores DISABLE TRIGGER USER;"
        + _SCORES_TOESCHRIJVEN
        + "ALTER TABLE scores ENABLE TRIGGER USER;"
    )


def _migratie_6(dialect: str, con: sqlite3.Connection | None) -> str:
    """items.herkomst and leren_afwijzingen; on PostgreSQL also the new table's history
    trigger (SQLite's come from :func:`_maak_extra_tabellen`, which sees the new column)."""
    if dialect == "sqlite":
        assert con is not None
        heeft = any(r[1] == "herkomst" for r in con.execute("PRAGMA table_info(items)"))
        return ("" if heeft else _SCHEMA_LEREN_KOLOM) + _SCHEMA_LEREN
    return (
        _SCHEMA_LEREN_KOLOM.replace("ADD COLUMN", "ADD COLUMN IF NOT EXISTS")
        + _pg_ddl(_SCHEMA_LEREN)
        + _pg_historie_triggers(("leren_afwijzingen",))
    )


_SCORES_TOESCHRIJVEN = """
UPDATE scores SET deelnemer_id = (
    SELECT d.id FROM deelnemers d JOIN sessie_groepen g ON g.id = d.groep_id
    JOIN sessies se ON se.id = d.sessie_id
    WHERE se.wijk_id = scores.wijk_id AND 'werksessie ' || se.id = scores.moment
    AND g.naam = scores.groep AND d.naam = scores.scorer)
WHERE deelnemer_id IS NULL AND moment LIKE 'werksessie %';
UPDATE scores SET scorer = scorer || ' (' || moment || ')'
WHERE moment LIKE 'werksessie %' AND scorer NOT LIKE '% (' || moment || ')';
CREATE INDEX IF NOT EXISTS scores_deelnemer ON scores (deelnemer_id, ronde_id);
"""


# Case-insensitive equality for wijk names, as SQLite's COLLATE NOCASE (the DDL's and the
# queries' ``COLLATE NOCASE`` then name this collation: unquoted, PostgreSQL folds it).
_PG_NOCASE = (
    "CREATE COLLATION IF NOT EXISTS nocase "
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false);\n"
)


def _pg_ddl(sql: str) -> str:
    sql = re.sub(
        r"\bid INTEGER PRIMARY KEY\b",
        "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        sql,
    )
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    # deferrable, so undo can put rows back in any order within its transaction
    return re.sub(
        r"(REFERENCES \w+\(\w+\)(?: ON DELETE CASCADE)?)", r"\1 DEFERRABLE INITIALLY IMMEDIATE", sql
    )


_gewaarschuwd: set[str] = set()  # once per workspace and process


def maak_werkruimte(path: Path | str) -> Path | str:
    """Create the workspace if missing and migrate it to the current schema.

    A SQLite file (and its folder) is created when missing; an older one is first copied
    next to itself (``<naam>.voor-v<n>.sqlite``). A ``postgresql://`` URL names an existing
    (possibly empty) database. A workspace newer than this version is refused in Dutch.
    """
    werkruimte = Werkruimte.van(path)
    if werkruimte.is_url:
        _maak_pg(werkruimte.url)
        return werkruimte.url
    path = werkruimte.pad
    controleer(path)  # an empty, foreign, newer or damaged file: refused, never initialised
    path.parent.mkdir(parents=True, exist_ok=True)
    waarschuwing = databank.netwerkschijf_waarschuwing(path)
    if waarschuwing and str(path) not in _gewaarschuwd:
        _gewaarschuwd.add(str(path))
        warnings.warn(waarschuwing, databank.NetwerkschijfWaarschuwing, stacklevel=2)
    con = verbind(path)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        versie = con.execute("PRAGMA user_version").fetchone()[0]
        if versie > SCHEMA_VERSIE:
            raise te_nieuw(versie)
        if versie < SCHEMA_VERSIE:
            heeft_tabellen = con.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if heeft_tabellen:
                _reservekopie(con, path, versie)
            for n, _wat in MIGRATIES:
                if n > versie:
                    con.executescript(
                        "BEGIN IMMEDIATE;"
                        + _migratie_sql(n, "sqlite", con)
                        + (_SCHEMA_4_KOLOM if n == 4 and not _heeft_geldt_voor(con) else "")
                        + f"PRAGMA user_version = {n};COMMIT;"
                    )
        _maak_extra_tabellen(con)
    finally:
        con.close()
    return path


def _heeft_geldt_voor(con: sqlite3.Connection) -> bool:
    """Whether criteria has its column of migration 4 already (SQLite has no ADD COLUMN IF
    NOT EXISTS; a workspace whose version was set back must not fail on it)."""
    return any(r[1] == "geldt_voor" for r in con.execute("PRAGMA table_info(criteria)"))


def _reservekopie(con: sqlite3.Connection, path: Path, versie: int) -> Path:
    """A copy of the workspace as it was, before a migration changes it."""
    doel = path.with_name(f"{path.stem}.voor-v{SCHEMA_VERSIE}{path.suffix}")
    n = 1
    while doel.exists():
        n += 1
        doel = path.with_name(f"{path.stem}.voor-v{SCHEMA_VERSIE}-{n}{path.suffix}")
    kopie = sqlite3.connect(str(doel))
    try:
        con.backup(kopie)
    finally:
        kopie.close()
    return doel


def _maak_pg(url: str) -> None:
    con = verbind(url)
    try:
        # up to date (the usual case, every page that opens): no lock, no DDL
        if con.execute("SELECT to_regclass('schema_versie') IS NOT NULL").fetchone()[0]:
            versie = con.execute("SELECT coalesce(max(versie), 0) FROM schema_versie").fetchone()
            if int(versie[0]) == SCHEMA_VERSIE:
                return
        con.execute("BEGIN IMMEDIATE")  # one migrator at a time, and no writer meanwhile
        try:
            con.executescript("CREATE TABLE IF NOT EXISTS schema_versie (versie INTEGER NOT NULL);")
            versie = int(
                con.execute("SELECT coalesce(max(versie), 0) FROM schema_versie").fetchone()[0]
            )
            if versie > SCHEMA_VERSIE:
                raise te_nieuw(versie)
            for n, _wat in MIGRATIES:
                if n > versie:
                    con.executescript(_migratie_sql(n, "postgresql"))
            if versie < SCHEMA_VERSIE:
                con.execute("DELETE FROM schema_versie")
                con.execute("INSERT INTO schema_versie (versie) VALUES (?)", (SCHEMA_VERSIE,))
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


def schema_versie(path: Path | str) -> int:
    con = verbind(path)
    try:
        if Werkruimte.van(path).is_url:
            return int(
                con.execute("SELECT coalesce(max(versie), 0) FROM schema_versie").fetchone()[0]
            )
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


#: The tables migration 2 gave history triggers (later migrations add their own).
_HISTORIE_TABELLEN_TOT_SCORES = HISTORIE_TABELLEN[: HISTORIE_TABELLEN.index("scores") + 1]


def _pg_historie_triggers(tabellen: tuple[str, ...] = HISTORIE_TABELLEN) -> str:
    """PostgreSQL's history triggers: per table one function that writes the row before and
    after as JSON (``row_to_json`` keeps the column order, as SQLite's ``json_object``)."""
    sql = []
    for tabel in tabellen:
        if tabel == "wijken":
            wijk = "{r}.id"
        elif tabel == "items":
            wijk = "(SELECT wijk_id FROM koppelingen WHERE id = {r}.koppeling_id)"
        else:
            wijk = "{r}.wijk_id"
        kop = "INSERT INTO historie_rijen (tabel, rij_id, wijk_id, voor, na) VALUES"
        nieuw, oud = "row_to_json(NEW)::text", "row_to_json(OLD)::text"
        sql.append(
            f"CREATE OR REPLACE FUNCTION hist_{tabel}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            "  IF TG_OP = 'INSERT' THEN\n"
            f"    {kop} ('{tabel}', NEW.id, {wijk.format(r='NEW')}, NULL, {nieuw});\n"
            "  ELSIF TG_OP = 'DELETE' THEN\n"
            f"    {kop} ('{tabel}', OLD.id, {wijk.format(r='OLD')}, {oud}, NULL);\n"
            "  ELSE\n"
            f"    {kop} ('{tabel}', NEW.id, {wijk.format(r='NEW')}, {oud}, {nieuw});\n"
            "  END IF;\n"
            "  RETURN NULL;\n"
            "END $$;\n"
        )
        if tabel != "wijken":  # a new wijk is not undone; its kader changes are
            sql.append(
                f"CREATE TRIGGER hist_{tabel}_id AFTER INSERT OR DELETE ON {tabel} "
                f"FOR EACH ROW EXECUTE FUNCTION hist_{tabel}();\n"
            )
        sql.append(
            f"CREATE TRIGGER hist_{tabel}_u AFTER UPDATE ON {tabel} FOR EACH ROW "
            f"WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION hist_{tabel}();\n"
        )
    return "".join(sql)


def _maak_extra_tabellen(con: sqlite3.Connection) -> None:
    """Create the tables and history triggers this version needs, if missing (idempotent)."""
    aanwezig = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')"
        ).fetchall()
    }
    ontbrekend = [sql for naam, sql in SCHEMA_EXTRA.items() if naam not in aanwezig]
    if ontbrekend:
        con.executescript("BEGIN IMMEDIATE;" + "".join(ontbrekend) + "COMMIT;")
    triggers = _historie_triggers(con)
    oud = [n for n, t in aanwezig.items() if t == "trigger" and n.startswith("hist_")]
    weg = [n for n in oud if n not in triggers]
    nieuw = [sql for naam, sql in triggers.items() if naam not in aanwezig]
    if weg or nieuw:
        con.executescript(
            "BEGIN IMMEDIATE;"
            + "".join(f"DROP TRIGGER IF EXISTS {n};" for n in weg)
            + "".join(nieuw)
            + "COMMIT;"
        )


def _historie_triggers(con: sqlite3.Connection) -> dict[str, str]:
    """Trigger name -> CREATE statement, one set per table; the name carries a hash of the
    columns so a table that gains a column gets fresh triggers."""
    uit: dict[str, str] = {}
    for tabel in HISTORIE_TABELLEN:
        kolommen = [r[1] for r in con.execute(f"PRAGMA table_info({tabel})").fetchall()]
        if not kolommen:
            continue
        teken = hashlib.sha1(",".join(kolommen).encode()).hexdigest()[:8]

        def obj(rij: str, kolommen: list[str] = kolommen) -> str:
            return "json_object(" + ", ".join(f"'{k}', {rij}.{k}" for k in kolommen) + ")"

        def wijk(rij: str, tabel: str = tabel) -> str:
            if tabel == "wijken":
                return f"{rij}.id"
            if tabel == "items":
                return f"(SELECT wijk_id FROM koppelingen WHERE id = {rij}.koppeling_id)"
            return f"{rij}.wijk_id"

        veranderd = " OR ".join(f"OLD.{k} IS NOT NEW.{k}" for k in kolommen)
        kop = "INSERT INTO historie_rijen (tabel, rij_id, wijk_id, voor, na) VALUES"
        if tabel != "wijken":  # a new wijk is not undone; its kader changes are
            uit[f"hist_{tabel}_i_{teken}"] = (
                f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_i_{teken} AFTER INSERT ON {tabel} "
                f"BEGIN {kop} ('{tabel}', NEW.id, {wijk('NEW')}, NULL, {obj('NEW')}); END;"
            )
            uit[f"hist_{tabel}_d_{teken}"] = (
                f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_d_{teken} AFTER DELETE ON {tabel} "
                f"BEGIN {kop} ('{tabel}', OLD.id, {wijk('OLD')}, {obj('OLD')}, NULL); END;"
            )
        uit[f"hist_{tabel}_u_{teken}"] = (
            f"CREATE TRIGGER IF NOT EXISTS hist_{tabel}_u_{teken} AFTER UPDATE ON {tabel} "
            f"WHEN {veranderd} "
            f"BEGIN {kop} ('{tabel}', NEW.id, {wijk('NEW')}, {obj('OLD')}, {obj('NEW')}); END;"
        )
    return uit
