"""The ``Werkruimte`` value: a file or a URL, shown without its password everywhere a user
sees a workspace, and still the full URL where one is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_cluster import WACHTWOORD

from wijkanalyse import databank
from wijkanalyse.databank import Werkruimte
from wijkanalyse.model import WijkModel

URL = "postgresql://anna:Gehe1m@db.gemeente.nl:5432/wijken"


def test_a_file_and_a_url() -> None:
    bestand = Werkruimte.van("team/deventer.sqlite")
    assert not bestand.is_url and bestand.pad == Path("team/deventer.sqlite")
    assert Werkruimte.van(Path("team/deventer.sqlite")) == bestand
    assert bestand.pad_of_url == Path("team/deventer.sqlite") and bestand.naam == "deventer.sqlite"
    assert bestand.volledig() == str(Path("team/deventer.sqlite").resolve())
    assert str(bestand) == "team/deventer.sqlite"
    with pytest.raises(ValueError):
        _ = bestand.url

    url = Werkruimte.van(URL)
    assert url.is_url and url.url == URL and url.pad_of_url == URL and url.naam == "wijken"
    assert Werkruimte.van(url) is url and Werkruimte.van("  POSTGRES://h/db").is_url
    with pytest.raises(ValueError) as fout:
        _ = url.pad
    assert "Gehe1m" not in str(fout.value)
    # a Path is never a URL, whatever its text
    assert not Werkruimte.van(Path("postgresql:/x")).is_url


def test_shown_without_password() -> None:
    url = Werkruimte.van(URL)
    getoond = "postgresql://anna:***@db.gemeente.nl:5432/wijken"
    assert url.toon() == str(url) == url.volledig() == f"{url}" == getoond
    assert "Gehe1m" not in repr(url) and "***" in repr(url)
    assert "Gehe1m" not in repr([url]) and "Gehe1m" not in repr({"db": url})
    query = Werkruimte.van("postgresql:///wijken?host=/run/pg&password=Gehe1m")
    assert "Gehe1m" not in query.toon() and query.naam == "wijken"
    assert Werkruimte.van(URL).maskeer(f"kan {URL} niet openen (Gehe1m)") == (
        f"kan {getoond} niet openen (***)"
    )
    # the functions for a bare str/Path give the value's answers
    assert databank.toon(URL) == getoond and databank.naam(URL) == "wijken"
    assert databank.is_url(URL) and not databank.is_url(Path("a.sqlite"))
    assert not databank.is_url(None) and databank.getoond(URL) == getoond


def test_a_workspace_named_to_the_advisor_without_password() -> None:
    """The learning advisor names another workspace by its database, or 'postgresql' when
    the URL names none (it used to show the URL's last part: ``anna:Gehe1m@host``)."""
    from wijkanalyse.widgets.leren import werkruimte_naam

    assert werkruimte_naam(URL) == "wijken"
    assert werkruimte_naam("postgresql://anna:Gehe1m@db.gemeente.nl") == "postgresql"
    assert werkruimte_naam("/data/deventer.sqlite") == "deventer.sqlite"


def test_launchers_pass_the_full_url_and_reports_name_it_without_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wijkanalyse.rapport import batch
    from wijkanalyse.server.launcher import voila_env

    monkeypatch.chdir(tmp_path)
    assert voila_env(URL)["WIJKANALYSE_DB"] == URL  # the kernels must be able to connect
    assert voila_env("w.sqlite")["WIJKANALYSE_DB"] == str(tmp_path / "w.sqlite")
    assert batch.standaard_uitvoer(URL) == tmp_path / "wijken-rapporten"
    assert batch.standaard_uitvoer(tmp_path / "deventer.sqlite") == tmp_path / "deventer-rapporten"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_workspace_chooser_shows_a_team_workspace_without_password(model: WijkModel) -> None:
    """The notebooks' workspace chooser (a real team workspace on PostgreSQL): its field, its
    list and its messages show the URL masked, and choosing it opens the real one."""
    from wijkanalyse.widgets.levend import WijkKiezer

    url = str(model.path)
    assert WACHTWOORD in url
    kiezer = WijkKiezer(model)
    assert WACHTWOORD not in kiezer.werkruimte.value and "***" in kiezer.werkruimte.value
    assert not any(WACHTWOORD in o for o in kiezer.werkruimte.options)
    kiezer.openen.click()  # the masked text as shown: opens the workspace behind it
    assert "geopend" in kiezer.melding.value, kiezer.melding.value
    assert WACHTWOORD not in kiezer.melding.value and model.path == url
    assert not any(WACHTWOORD in o for o in kiezer.werkruimte.options)
