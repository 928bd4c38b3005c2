"""Weights from pairwise comparisons (AHP, Saaty) and from 100-point allocations: pure
functions on numbers, no workspace.

- A person's judgements fill a reciprocal matrix ``A`` (``A[i, j]`` = how many times more
  important criterium i is than j; ``A[j, i] = 1 / A[i, j]``).
- Their weights are its principal eigenvector, normalised to sum 1; ``λmax`` its eigenvalue.
- Consistency: ``CI = (λmax − n) / (n − 1)``, ``CR = CI / RI[n]`` with Saaty's random index
  ``RI``; CR above 0.10 deserves a second look (:data:`CR_GRENS`). Two criteria are always
  consistent (CR 0).
- A group: the element-wise geometric mean of its members' matrices (aggregation of individual
  judgements, AIJ), which is again reciprocal; its weights and CR as for a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

# Saaty's random consistency index for n = 1 … 10.
RI = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
CR_GRENS = 0.10
CR_HINT = (
    "Uw vergelijkingen spreken elkaar tegen (consistentie-ratio {cr} is hoger dan 0,10). Kijk "
    "ze nog eens na: als A belangrijker is dan B en B belangrijker dan C, dan is A ook "
    "belangrijker dan C."
)


def matrix(n: int, oordelen: Mapping[tuple[int, int], float]) -> np.ndarray:
    """The reciprocal matrix of ``n`` criteria from judgements ``{(i, j): a_ij}`` (positions,
    i ≠ j); a missing pair counts as equally important (1)."""
    a = np.ones((n, n))
    for (i, j), v in oordelen.items():
        a[i, j] = float(v)
        a[j, i] = 1.0 / float(v)
    return a


def gewichten(a: np.ndarray) -> tuple[np.ndarray, float]:
    """The principal eigenvector of ``a`` normalised to sum 1, and its eigenvalue λmax."""
    waarden, vectoren = np.linalg.eig(a)
    k = int(np.argmax(waarden.real))
    v = np.abs(vectoren[:, k].real)
    return v / v.sum(), float(waarden[k].real)


def consistentie(a: np.ndarray, lambda_max: float | None = None) -> float:
    """Saaty's consistency ratio CR = CI / RI of a reciprocal matrix."""
    n = a.shape[0]
    if n <= 2:
        return 0.0
    if lambda_max is None:
        lambda_max = gewichten(a)[1]
    ci = (lambda_max - n) / (n - 1)
    return max(0.0, ci / RI[n])


def groepsmatrix(matrices: Iterable[np.ndarray]) -> np.ndarray:
    """The element-wise geometric mean of individual matrices (AIJ)."""
    stapel = np.array(list(matrices), dtype=float)
    return np.exp(np.log(stapel).mean(axis=0))


def ahp(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and consistency ratio of one matrix."""
    w, lam = gewichten(a)
    return w, consistentie(a, lam)


def punten_gewichten(punten: Iterable[Mapping[int, float]]) -> dict[int, float]:
    """The mean share (0–1) per criterium over several 100-point allocations."""
    lijst = list(punten)
    if not lijst:
        return {}
    ids = sorted({k for p in lijst for k in p})
    return {k: float(np.mean([p.get(k, 0.0) for p in lijst])) / 100.0 for k in ids}
