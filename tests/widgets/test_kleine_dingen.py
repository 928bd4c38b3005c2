"""The small things an advisor noticed: messages that clear when another wijk is chosen,
form errors that name the field as the form does."""

from __future__ import annotations

from wijkanalyse.model import WijkModel
from wijkanalyse.widgets.inventarisatie import InventarisatieView
from wijkanalyse.widgets.kader import KaderEditor


def test_messages_clear_when_another_wijk_is_chosen(model: WijkModel) -> None:
    kader = KaderEditor(model)
    inv = InventarisatieView(model)
    kader.drempel.value = "32"
    kader.opslaan.click()
    assert "Drempel: 32 kan niet" in kader.melding.value
    inv.melding.ok("Opgave 'Iets in Laak' toegevoegd.")
    model.wijk = "Selwerd"
    assert kader.melding.value == ""
    assert inv.melding.value == ""


def test_form_errors_name_the_field_as_the_form_does(model: WijkModel) -> None:
    inv = InventarisatieView(model)
    inv.formulier.titel.value = "Te laat"
    inv.formulier.start.value = "2031"
    inv.formulier.eind.value = "2026"
    inv.opslaan.click()
    assert "Eindjaar: Het eindjaar (2026) ligt vóór het startjaar (2031)." in inv.melding.value
    assert "kolom" not in inv.melding.value
    inv.formulier.titel.value = ""
    inv.formulier.eind.value = ""
    inv.opslaan.click()
    assert "Titel is verplicht" in inv.melding.value and "kolom" not in inv.melding.value


def test_typing_another_wijk_in_a_notebook_does_not_change_the_file() -> None:
    """Lab saves through the hook: the parameters cell keeps its committed source (what
    the user typed works in the open tab only), other edits and the cleaning still apply."""
    import json

    from wijkanalyse.core import config
    from wijkanalyse.server.jupyter_hooks import zonder_uitvoer

    class Beheer:
        root_dir = str(config.NOTEBOOKS_DIR)

    for naam in ("01-inventarisatie", "02-koppelingen", "03-afwegingskader"):
        pad = config.NOTEBOOKS_DIR / f"{naam}.ipynb"
        nb = json.loads(pad.read_text(encoding="utf-8"))
        param = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        committed = param["source"]
        param["source"] = 'wijk: str = "Rivierenwijk"\nwerkruimte: str = "/home/a/deventer.sqlite"'
        param["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
        model = {"type": "notebook", "content": nb}
        zonder_uitvoer(model, pad.name, contents_manager=Beheer())
        assert param["source"] == committed
        assert param["outputs"] == []
        assert "Rivierenwijk" not in json.dumps(model["content"])


def test_workspace_chooser_needs_no_code(model: WijkModel, tmp_path) -> None:
    import shutil

    from wijkanalyse import store
    from wijkanalyse.widgets.levend import WijkKiezer

    ander = tmp_path / "deventer.sqlite"
    shutil.copy(model.path, ander)
    store.voeg_opgave_toe(ander, "Laak", titel="Alleen in Deventer", transitie="overig")
    kiezer = WijkKiezer(model)
    lijst = InventarisatieView(model)
    assert str(model.path) in kiezer.werkruimte.options
    kiezer.werkruimte.value = str(tmp_path / "bestaat-niet.sqlite")
    kiezer.openen.click()
    assert "bestaat niet" in kiezer.melding.value
    assert "Alleen in Deventer" not in lijst.tabel.value
    kiezer.werkruimte.value = str(ander)
    kiezer.openen.click()
    assert model.path == str(ander) and model.wijk == "Laak"
    assert "Alleen in Deventer" in lijst.tabel.value  # the views follow
    assert "geopend" in kiezer.melding.value
    assert str(ander) in kiezer.werkruimte.options


def test_horizon_buttons_fit_their_labels(model: WijkModel) -> None:
    """ToggleButtons have a fixed button width by default: 'over twee jaar en later' was cut
    to 'over twee jaar en…'."""
    from wijkanalyse.widgets.koppelingen import KoppelingenView

    v = KoppelingenView(model)
    assert "over twee jaar en later" in v.horizon._options_labels
    assert v.horizon.style.button_width == "auto"


def test_network_labels_do_not_overlap(model: WijkModel, browser) -> None:
    """The network of a wijk with 24, 32 and 40 opgaven, drawn by the bundled plotly.js in
    Chromium at the width of a 1440 px page: no two node labels overlap (before: 6 pairs did
    at 24, then 3 at 32) and no label is set smaller than 11 px."""
    from wijkanalyse import sections
    from wijkanalyse.core import config

    js = (config.PACKAGE_DIR / "vendor" / "plotly-cartesian.min.js").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_content(f"<html><body><div id=g style='width:1250px'></div><script>{js}</script>")
    overlappend: dict[int, list[tuple[str, str]]] = {}
    try:
        for n in (24, 32, 40):
            for i in range(len(model.opgaven()), n):
                model.voeg_opgave_toe(
                    titel=f"Opgave nummer {i} met een lange titel", transitie="overig"
                )
            fig = sections.netwerk(model).to_json()
            vakken = page.evaluate(
                """async f => { f = JSON.parse(f);
                    await Plotly.newPlot('g', f.data, f.layout);
                    return [...document.querySelectorAll('.textpoint text')].map(t => {
                        const r = t.getBoundingClientRect();
                        return [t.textContent, r.left, r.top, r.right, r.bottom,
                                parseFloat(getComputedStyle(t).fontSize)]; }); }""",
                fig,
            )
            assert len(vakken) == n
            assert min(v[5] for v in vakken) >= 11
            overlappend[n] = [
                (a[0], b[0])
                for i, a in enumerate(vakken)
                for b in vakken[i + 1 :]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
            ]
    finally:
        page.close()
    assert overlappend == {24: [], 32: [], 40: []}


def _meldingen(widget: object, gezien: set[int] | None = None) -> list:
    """Every message line (Melding) inside a widget tree."""
    from wijkanalyse.widgets.common import Melding

    gezien = set() if gezien is None else gezien
    if id(widget) in gezien:
        return []
    gezien.add(id(widget))
    uit = [widget] if isinstance(widget, Melding) else []
    for kind in getattr(widget, "children", ()) or ():
        uit += _meldingen(kind, gezien)
    return uit


def test_every_message_of_notebooks_01_to_03_clears_on_another_wijk(model: WijkModel) -> None:
    """Every view notebooks 01-03 show (and the dashboard's own), each message line filled
    with a message about Laak: after choosing Selwerd, not one still shows it."""
    from wijkanalyse.widgets.besluiten import BesluitenView
    from wijkanalyse.widgets.gewichten import PuntenVerdeler
    from wijkanalyse.widgets.historie import HistorieView
    from wijkanalyse.widgets.koppelingen import KoppelingenView
    from wijkanalyse.widgets.levend import WijkKiezer
    from wijkanalyse.widgets.matrixklik import matrix_bij_editor
    from wijkanalyse.widgets.resultaat import ResultaatView
    from wijkanalyse.widgets.scoren import ScoreView
    from wijkanalyse.widgets.uitwisseling import UitwisselingView
    from wijkanalyse.widgets.wijkprofiel import WijkprofielView

    werkblad = KoppelingenView(model)
    views = [
        WijkKiezer(model),
        InventarisatieView(model),
        UitwisselingView(model),
        HistorieView(model),
        WijkprofielView(model),
        werkblad,
        matrix_bij_editor(model, werkblad),
        KaderEditor(model),
        PuntenVerdeler(model),
        ScoreView(model),
        ResultaatView(model, n_trekkingen=10),
        BesluitenView(model),
    ]
    meldingen = [m for v in views for m in _meldingen(v)]
    assert len(meldingen) >= len(views)
    for m in meldingen:
        m.ok("Kader gekopieerd naar Laak.")
    model.wijk = "Selwerd"
    blijft = [type(v).__name__ for v in views for m in _meldingen(v) if "Laak" in m.value]
    assert blijft == []
