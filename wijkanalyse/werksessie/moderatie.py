"""Likely duplicate proposals: pure functions, no database.

Two proposals are likely the same when their words are the same after normalising
(:func:`normaliseer`: case, accents, punctuation and little words such as "op het" do not
count, nor the order of the words), or when their normalised texts are a close match
(``difflib``'s ratio at least :data:`GELIJKENIS`). "Meer groen op het Hobbemaplein" and
"meer groen hobbemaplein" are the same; "Meer groen" and "Meer blauw" are not.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: difflib ratio from which two normalised texts count as a close match.
GELIJKENIS = 0.85

#: Little words that do not make a proposal different.
KLEINE_WOORDEN = frozenset(
    "de het een op in van voor en aan bij met te tot naar om over uit door of er is".split()
)


def normaliseer(tekst: str) -> str:
    """Lower case, without accents and punctuation, without little words, one space
    between words."""
    s = unicodedata.normalize("NFKD", str(tekst).casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    woorden = re.sub(r"[^\w]+", " ", s).split()
    return " ".join(w for w in woorden if w not in KLEINE_WOORDEN)


def woorden(tekst: str) -> tuple[str, ...]:
    """The normalised words in a fixed order: equal for the same words in any order."""
    return tuple(sorted(set(normaliseer(tekst).split())))


def lijken_op(a: str, b: str, drempel: float = GELIJKENIS) -> bool:
    """Whether two proposals are likely the same (see the module's description)."""
    na, nb = normaliseer(a), normaliseer(b)
    if not na or not nb:
        return False
    if woorden(a) == woorden(b):
        return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= drempel


def dubbelen(voorstellen: Iterable[dict[str, Any]]) -> list[list[int]]:
    """Groups of ids (each at least two, oldest first) of proposals that are likely the
    same; only proposals of the same kind and, for kansen and bedreigingen, the same pair
    are compared. A proposal that looks like two others joins both in one group."""
    lijst = list(voorstellen)
    ouder = {int(v["id"]): int(v["id"]) for v in lijst}

    def wortel(i: int) -> int:
        while ouder[i] != i:
            ouder[i] = ouder[ouder[i]]
            i = ouder[i]
        return i

    for n, a in enumerate(lijst):
        for b in lijst[n + 1 :]:
            if (a["soort"], a.get("koppeling_id")) != (b["soort"], b.get("koppeling_id")):
                continue
            if lijken_op(a["tekst"], b["tekst"]):
                ra, rb = wortel(int(a["id"])), wortel(int(b["id"]))
                ouder[max(ra, rb)] = min(ra, rb)
    groepen: dict[int, list[int]] = {}
    for v in lijst:
        groepen.setdefault(wortel(int(v["id"])), []).append(int(v["id"]))
    return sorted((sorted(g) for g in groepen.values() if len(g) > 1), key=lambda g: g[0])
