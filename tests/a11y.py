"""Accessibility checks with axe-core (shipped inside the axe-playwright-python package), and
the check for labels whose text does not fit (shared by the Voila and JupyterLab tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _axe_js() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def schendingen(page: object, selector: str | None = None) -> list[str]:
    """axe-core's violations on the page (or inside ``selector``), as 'rule: element' lines."""
    page.add_script_tag(content=_axe_js())
    context = "document" if selector is None else repr(selector)
    res = page.evaluate(f"async () => await axe.run({context})")
    return [f"{v['id']}: {n['html'][:150]}" for v in res["violations"] for n in v["nodes"]]


# What a label's text needs against the box it is shown in: the text's own extent (a Range
# over it, which is not clipped) beyond the element's box, or content wider than the box.
AFGEKAPT_JS = """() => [...document.querySelectorAll(
        '.lm-TabBar-tabLabel, .widget-label, .widget-label-basic, .jupyter-button, '
        + '.widget-toggle-button, .jupyter-widget-Collapse-header')]
    .filter(e => e.offsetParent !== null && !e.closest('.wa-sr') && e.textContent.trim())
    .filter(e => {
        const vak = e.getBoundingClientRect(), r = document.createRange();
        r.selectNodeContents(e);
        const tekst = r.getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 || tekst.right > vak.right + 1
            || tekst.left < vak.left - 1;
    })
    .map(e => e.textContent.trim())"""
