"""Shared pieces for views: a message line, a callback guard, a delete confirmation and a
number field that reads Dutch and English numbers alike."""

from __future__ import annotations

import functools
import html
import logging
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ..core import validation
from ..core.errors import KOLOM_LABELS, InvoerFout, WijkanalyseFout
from ..core.html_tables import melding_html

log = logging.getLogger("wijkanalyse.widgets")


# Label width of the form fields in the step 3 views.
VELD_STIJL = {"description_width": "110px"}


class Melding(w.HTML):
    """One line that tells the user what happened (escaped). With ``wijk_van`` (a model) the
    line is cleared when another wijk is chosen: an old message is about the old wijk."""

    def __init__(self, *args: Any, wijk_van: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if wijk_van is not None:
            wijk_van.observe(lambda _c: self.wis(), "wijk")

    def fout(self, tekst: str) -> None:
        self.value = melding_html(tekst, soort="fout")

    def ok(self, tekst: str) -> None:
        self.value = melding_html(tekst, soort="ok")

    def wis(self) -> None:
        self.value = ""


def bewaakt(melding: Melding) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a callback: user errors become a Dutch message, bugs are logged and shown.

    Without this, errors inside callbacks vanish in Voila.
    """

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except InvoerFout as e:
                melding.fout(formulier_tekst(e))
            except WijkanalyseFout as e:
                melding.fout(str(e))
            except Exception as e:  # a bug: keep the app alive, say so
                log.error("Fout in %s: %s", fn.__name__, traceback.format_exc())
                from ..core.error_display import melding as nl_melding

                tekst = nl_melding(e)  # a system fault (disk, damage, lock) in Dutch
                melding.fout(
                    tekst
                    + (
                        " Kijk of uw laatste wijziging in het overzicht staat voordat u het "
                        "opnieuw probeert."
                        if tekst.startswith("Er ging iets mis")
                        else ""
                    )
                )
            return None

        return wrapper

    return deco


def formulier_tekst(e: InvoerFout) -> str:
    """A refusal as a form says it: the field by its label ("Eindjaar: ..."), not
    "kolom 'eindjaar'" as for a file (a file's row and column stay as they are).

    >>> formulier_tekst(InvoerFout("Het eindjaar (2025) ligt vóór het startjaar (2027).",
    ...                            kolom="eind_jaar"))
    'Eindjaar: Het eindjaar (2025) ligt vóór het startjaar (2027).'
    >>> formulier_tekst(InvoerFout("'titel' is verplicht en mag niet leeg zijn.", kolom="titel"))
    'Titel is verplicht en mag niet leeg zijn.'
    """
    if e.bestand or e.rij is not None or not e.kolom:
        return str(e)
    veld = KOLOM_LABELS.get(e.kolom, e.kolom).replace("_", " ")
    veld = veld[:1].upper() + veld[1:]
    if e.melding.startswith(f"{veld}:"):  # named already (a number field's refusal)
        return e.melding
    for genoemd in (f"'{e.kolom}' ", f"'{KOLOM_LABELS.get(e.kolom, e.kolom)}' "):
        if e.melding.startswith(genoemd):
            return f"{veld} {e.melding[len(genoemd) :]}"
    return f"{veld}: {e.melding}"


def jaar_of_leeg(tekst: str) -> str | None:
    return tekst.strip() or None


def knop(beschrijving: str, stijl: str = "", **extra: Any) -> w.Button:
    """A button as wide as its text; ``stijl``: "primary", "danger" or "" (plain)."""
    return w.Button(
        description=beschrijving, button_style=stijl, layout=w.Layout(width="auto"), **extra
    )


def upload_knop(beschrijving: str, accept: str) -> w.FileUpload:
    """A button as wide as its text that uploads one file ending in one of ``accept``
    (e.g. ".csv,.xlsx")."""
    return w.FileUpload(
        accept=accept, multiple=False, description=beschrijving, layout=w.Layout(width="auto")
    )


def geweigerd_html(
    fouten: Sequence[tuple[int | None, str | None, str]],
    totaal: int,
    eenheid: tuple[str, str],
    uitleg: str,
) -> str:
    """The refused part of an import preview: a red heading "Geweigerd: N rijen" (``eenheid``:
    singular and plural), the listed ``fouten`` (row, column, reason) escaped, "… en nog M"
    when ``totaal`` is more than listed, then ``uitleg``."""
    items = "".join(
        "<li>"
        + html.escape(
            ", ".join(x for x in (f"rij {r}" if r else "", f"kolom '{k}'" if k else "") if x)
            + f": {m}"
        )
        + "</li>"
        for r, k, m in fouten
    )
    meer = f"<p>… en nog {totaal - len(fouten)}.</p>" if totaal > len(fouten) else ""
    woord = eenheid[0] if totaal == 1 else eenheid[1]
    return (
        f"<h5 style='color:#a80000'>Geweigerd: {totaal} {woord}</h5>"
        f"<ul class='wa-geweigerd'>{items}</ul>{meer}<p>{uitleg}</p>"
    )


class Bevestiging(w.VBox):
    """Asks before something is deleted: the question (naming what goes with it) with
    'Ja, verwijderen' and 'Nee'. Hidden until :meth:`vraag_eerst` is called."""

    def __init__(self, melding: Melding) -> None:
        self.melding = melding
        self.vraag = w.HTML()
        self.ja = knop("Ja, verwijderen", "danger")
        self.nee = knop("Nee, laten staan")
        self._actie: Callable[[], None] | None = None
        guard = bewaakt(melding)
        self.ja.on_click(guard(self._ja))
        self.nee.on_click(guard(self._nee))
        super().__init__([self.vraag, w.HBox([self.ja, self.nee])])
        self.add_class("wa-bevestiging")
        self.layout.display = "none"

    def vraag_eerst(self, vraag: str, actie: Callable[[], None]) -> None:
        self._actie = actie
        self.vraag.value = melding_html(vraag, soort="fout")
        self.layout.display = None
        self.melding.wis()

    def sluit(self) -> None:
        self._actie = None
        self.layout.display = "none"

    def _ja(self, _b: Any = None) -> None:
        actie, self._actie = self._actie, None
        self.sluit()
        if actie is not None:
            actie()

    def _nee(self, _b: Any = None) -> None:
        self.sluit()
        self.melding.ok("Niets verwijderd.")


class GetalVeld(w.Text):
    """A number field that takes ``3,2`` and ``3.2`` alike and shows a decimal comma.

    Browsers drop the comma in ipywidgets' FloatText (``3,2`` became 32), so this is a text
    field read by :func:`wijkanalyse.core.nl_format.lees_getal`. :meth:`lees` gives the number or
    raises :class:`InvoerFout` naming the field as the form names it (its ``description``)
    when it is no number or lies outside ``minimum``..``maximum``; forms call it for every
    field before saving anything. A typed value is rewritten the Dutch way once it is read
    (on Enter or leaving the field); a wrong one is said in ``melding`` right away.
    """

    def __init__(
        self,
        waarde: float | None = None,
        *,
        description: str = "",
        heel: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
        melding: Melding | None = None,
        reden: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("continuous_update", False)
        super().__init__(description=description, **kwargs)
        self.heel = heel
        self.minimum = minimum
        self.maximum = maximum
        self.melding = melding
        self.reden = reden
        self.add_class("wa-getal")
        self.getal = waarde
        self.observe(self._getypt, "value")

    @property
    def naam(self) -> str:
        return self.description or "Dit veld"

    @property
    def getal(self) -> float | int | None:
        """The number shown (None when empty); raises like :meth:`lees`."""
        return self.lees(verplicht=False)

    @getal.setter
    def getal(self, waarde: float | None) -> None:
        self.value = _als_tekst(waarde, self.heel)

    def grenzen(self, minimum: float | None, maximum: float | None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def lees(self, *, verplicht: bool = True) -> Any:
        """The number typed; InvoerFout (Dutch, naming the field and its range) when it
        cannot be: the store's own reader, :func:`wijkanalyse.core.validation.getal_veld`."""
        lo, hi = self.minimum, self.maximum
        x = validation.getal_veld(
            self.value, self.naam, minimum=lo, maximum=hi, heel=self.heel, reden=self.reden
        )
        if x is None and verplicht:
            raise InvoerFout(f"{self.naam}: vul {validation.bereik(lo, hi, heel=self.heel)} in.")
        return x

    def _getypt(self, change: dict[str, Any]) -> None:
        try:
            x = self.lees(verplicht=False)
        except InvoerFout as e:
            self.add_class("wa-getal-fout")
            if self.melding is not None:
                self.melding.fout(e.melding)
            return
        self.remove_class("wa-getal-fout")
        netjes = _als_tekst(x, self.heel)
        if netjes != change["new"]:
            self.value = netjes  # 3.2 -> 3,2 (observers see the same number again)


def _als_tekst(x: float | None, heel: bool) -> str:
    """A number as a field shows it: decimal comma, no thousands points, nothing rounded
    (what is shown reads back as the same number)."""
    if x is None:
        return ""
    f = float(x)
    if heel or f.is_integer():
        return str(int(f))
    return repr(f).replace(".", ",")
