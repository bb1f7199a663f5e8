"""The candidate a rule proposes, and the three types of entity.

A :class:`_Cand` is a span of the text (with its token indices) that may name
an entity; each rule family adds candidates or evidence for their type, and
:meth:`_Cand.set_type` keeps the strongest evidence (``score``). ``none``
marks a candidate ruled out (a method, a metric, a generic class).
"""

from __future__ import annotations

from dataclasses import dataclass

MODEL, DATASET, BENCHMARK = "Model", "Dataset", "Benchmark"


@dataclass(slots=True)
class _Cand:
    """A span that may name an entity, and the evidence for its type so far."""

    start: int
    end: int
    text: str
    ti: int  # index of first token
    tj: int  # index after last token
    strength: int  # shape strength
    type: str | None = None
    score: int = 0  # strength of the typing evidence
    none: bool = False  # ruled out (framework, method, ...)
    introduced: bool = False
    long_form: tuple[int, int] | None = None
    gaz: bool = False

    def set_type(self, etype: str | None, score: int) -> None:
        """Give the candidate a type (None: no entity) on evidence of strength ``score``.

        Stronger evidence wins; on a tie a type outweighs "no entity".
        """
        if score < self.score:
            return
        if score == self.score and self.type is not None and etype is None:
            return
        self.score = score
        self.type = etype
        self.none = etype is None
