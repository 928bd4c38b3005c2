"""Accessibility checks with axe-core (shipped inside the axe-playwright-python package)."""

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
