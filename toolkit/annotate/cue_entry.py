"""The ``reporting_verbs`` lexicon entry of the attribution layer (:class:`CueEntry`).

A module of its own so that :mod:`toolkit.annotate.attribution` can be compiled with mypyc:
pydantic models must stay in interpreted code (mypyc mishandles ``Field()`` defaults on a
``BaseModel`` subclass). Import it from :mod:`toolkit.annotate.attribution` as before.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class CueEntry(BaseModel):
    """One entry of ``reporting_verbs``: a lemma, its stance and inflected forms."""

    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=1, max_length=60)
    stance: Literal["neutral", "distancing", "endorsing", "accusing", "denying"]
    pos: Literal["verb", "noun", "phrase", "adverb", "punct"] = "verb"
    forms: list[str] = Field(min_length=1)
    needs_clause: bool = False
    prior: float = Field(default=0.9, ge=0.0, le=1.0)
    form_prior: dict[str, float] = Field(default_factory=dict)
    #: log-odds added for this entry when a context feature is present (see ``CONTEXT_WEIGHTS``)
    context: dict[str, float] = Field(default_factory=dict)
    note: str | None = None

    @field_validator("forms")
    @classmethod
    def _clean_forms(cls, v: list[str]) -> list[str]:
        out = [" ".join(f.lower().replace("\u2019", "'").split()) for f in v]
        if any(not f for f in out):
            raise ValueError("empty form")
        return out

    @field_validator("form_prior")
    @classmethod
    def _bounded(cls, v: dict[str, float]) -> dict[str, float]:
        for k, p in v.items():
            if not 0.0 <= p <= 1.0:
                raise ValueError(f"form_prior[{k!r}] must be within 0..1")
        return {" ".join(k.lower().replace("\u2019", "'").split()): p for k, p in v.items()}

    def prior_of(self, form: str) -> float:
        """Prior that ``form`` is a cue."""
        return self.form_prior.get(form, self.prior)
