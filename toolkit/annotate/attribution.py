"""Attribution layer: who (source) said, thought or wanted what (content), through which cue.

Every attribution is three kinds of span sharing one ``group`` id (``a0``, ``a1``, ... in
text order): ``role="cue"`` (the reporting word or phrase), ``role="source"`` (who) and
``role="content"`` (what; several spans when a quotation runs over sentences or is split
around its speaker). **Labels**: all spans of a group carry the cue's stance, one of
:data:`toolkit.schema.CUE_STANCES`; the role tells them apart. ``rule`` is
``"<pattern>:reporting_verbs:<lemma>"``, naming the construction that fired and the
lexicon entry. A source that is a pronoun or a generic noun (he, they, the ministry,
officials) stays on that word; ``attrs`` holds ``{"canonical": <nearest earlier named
actor>, "resolved_from": <the word>}``. Named sources get ``{"canonical": <name>}``.

How it works, in order:

1. **Cues.** Words and phrases of the ``reporting_verbs`` lexicon are looked up outside
   quotation marks (a quotation is content, so a "said" inside one is not a cue here), plus
   ``Name: ...`` on headline lines and transcript speaker labels (``JOEL BENENSON: ...``),
   never kickers (``Breaking: ...``, ``The Latest: ...``). Each form has a prior (how often it is a cue in PolNeAR
   train); context features (what precedes and follows: ``that``, a colon or quotation, a
   determiner, a modal, a subject, a relative pronoun, ...) and the neighbouring words
   themselves (``p1=``/``n1=`` one word before/after, ``p2=``/``n2=`` two away) add log-odds,
   globally (:data:`CONTEXT_WEIGHTS`) and per entry (``context`` in the lexicon), all fitted by
   logistic regression on PolNeAR train (``benchmarks/attribution.py --fit --apply``). Hand vetoes always win: a capitalised form that is a
   name (``a man named Said``, ``Said Ahmed said``, ``Said was born``) and a ``needs_clause``
   entry without a complement clause (``the fire claimed three lives``) never fire; naming
   verbs after a noun (``a group called X``) are damped. A candidate fires when its odds reach
   :data:`THRESHOLD`.
2. **Attributions** are built in text order (participles and coordinated verbs last); a cue
   inside the content or source of an attribution already built is dropped (each word has one
   role, as in PolNeAR, where an outer report keeps a nested one as its content).
3. **Source**: the subject to the left (skipping auxiliaries, adverbs, a parenthesis, an
   appositive or a ``who ...`` clause), or the name after the cue (``said Smith``,
   ``according to X``), or a possessive / ``by X`` for noun cues; for a participle after a
   comma (``..., asserting that``) the subject of the sentence.
4. **Content**: a quotation or clause after the cue (after ``that``, a colon, an indirect
   object), else the part of the sentence before the speaker (``"...," X said.``), widened
   to the whole quotation when it runs over several sentences; a clause stops before the
   next cue's clause (``..., adding that``). A quotation no attribution took (a follow-on
   quote after ``he said.``) is added to the nearest attribution of its paragraph.

Measured with ``benchmarks/attribution.py`` (threshold, priors and weights from train
only): PolNeAR dev cue P/R/F1 0.816/0.752/0.783, source F1 (matched) 0.926, content-token
F1 0.807. Fitted on the first 700 train articles and checked on the last 140: cue
0.833/0.815/0.824, source 0.916, content 0.864.

The layer uses ``doc.sentences`` from the sentence layer (or a small built-in splitter when
run alone) and ``doc.previous["actor"]`` for canonical names when present.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .base import Doc, Span

NAME = "attribution"
LEXICON = "reporting_verbs"
STANCES = ("neutral", "distancing", "endorsing", "accusing", "denying")
#: Bound on the text handled (characters); the coordinator already bounds articles.
MAX_CHARS = 2_000_000
#: Log-odds added by each context feature of a candidate cue (fitted by logistic regression
#: on the PolNeAR train split, with each form's prior as the offset).
CONTEXT_WEIGHTS: dict[str, float] = {
    "clause_follows": 0.22,
    "deep_in_sentence": -0.39,
    "evidence_subject": 0.73,
    "form_ed": -0.3,
    "form_ing": -0.39,
    "form_s": -0.14,
    "in_parens": 0.08,
    "next_cap": 0.4,
    "next_colon_quote": -0.03,
    "next_comma": -0.69,
    "next_comma_quote": 0.9,
    "next_det": 0.31,
    "next_end": -1.58,
    "next_object": 0.28,
    "next_prep": 0.35,
    "next_pronoun": 0.25,
    "next_that": 0.85,
    "next_to": 0.05,
    "other_strong_cue": -1.0,
    "pos_adverb": -0.36,
    "pos_noun": -0.27,
    "pos_phrase": -0.86,
    "pos_verb": -0.01,
    "prev2_rel": -0.46,
    "prev_be": 0.05,
    "prev_cap": 0.26,
    "prev_close_quote": 0.16,
    "prev_comma": 0.96,
    "prev_det": -0.56,
    "prev_modal": -0.19,
    "prev_not": -0.41,
    "prev_perfect": 0.16,
    "prev_plural": 0.18,
    "prev_pronoun": 0.47,
    "prev_rel": -0.26,
    "prev_to": -0.17,
    "prev_word": 0.09,
    "quote_after": 0.37,
    "quote_before": 0.44,
    "sent_start": 0.39,
    "subj_name": 0.31,
    "subj_none": -0.72,
    "subj_noun": 0.15,
    "subj_pronoun": -0.03,
    "subject_left": 0.06,
    "title": -0.6,
    # neighbour words: p1/n1 the word before/after the cue, p2/n2 two words away
    "n1=\"": -0.24, "n1=$": -0.42, "n1='": 0.16,
    "n1=''": 0.14, "n1=(": 0.15, "n1=)": -0.18,
    "n1=-": 0.43, "n1=.": 0.26, "n1=2016": -0.22,
    "n1=:": 0.32, "n1=?": -0.34, "n1=a": 0.3,
    "n1=aboard": 0.17, "n1=abortion": 0.25, "n1=abortions": 0.11,
    "n1=about": 0.78, "n1=above": -0.13, "n1=across": -0.18,
    "n1=added": -0.11, "n1=after": -0.2, "n1=again": 0.29,
    "n1=against": 0.31, "n1=ahead": -0.11, "n1=aides": -0.16,
    "n1=air": -0.11, "n1=all": -0.15, "n1=alone": -0.14,
    "n1=among": 0.48, "n1=an": 0.25, "n1=and": -1.02,
    "n1=anonymity": 0.17, "n1=any": -0.13, "n1=anything": -0.29,
    "n1=appeal": -0.13, "n1=are": -0.58, "n1=argument": 0.1,
    "n1=around": -0.1, "n1=as": -0.21, "n1=asked": -0.12,
    "n1=at": -0.11, "n1=attacks": 0.1, "n1=away": -0.12,
    "n1=back": 0.24, "n1=backlash": 0.1, "n1=bankruptcy": 0.1,
    "n1=be": -0.17, "n1=because": -0.3, "n1=been": -0.28,
    "n1=before": -0.6, "n1=beijing": -0.12, "n1=being": 0.16,
    "n1=believe": 0.1, "n1=ben": 0.12, "n1=bernie": 0.11,
    "n1=better": -0.23, "n1=between": -0.13, "n1=big": -0.14,
    "n1=billionaire": 0.12, "n1=black": -0.33, "n1=bob": 0.11,
    "n1=both": -0.13, "n1=building": -0.27, "n1=by": -0.21,
    "n1=came": -0.26, "n1=campaign": -0.25, "n1=campaigning": -0.17,
    "n1=can": -0.12, "n1=candidate": -0.23, "n1=carrier": -0.17,
    "n1=cases": 0.16, "n1=centered": 0.22, "n1=china": 0.43,
    "n1=china's": -0.19, "n1=classified": -0.11, "n1=climate": 0.15,
    "n1=clinton's": 0.75, "n1=close": -0.1, "n1=cnn": 0.14,
    "n1=comments": 0.48, "n1=compelled": 0.19, "n1=concern": 0.2,
    "n1=concerning": -0.11, "n1=concerns": 0.2, "n1=congress": 0.13,
    "n1=conservative": 0.18, "n1=continuing": 0.12, "n1=contrasts": -0.15,
    "n1=contributions": -0.16, "n1=convention": -0.16, "n1=could": -0.12,
    "n1=criticism": 0.54, "n1=critics": 0.11, "n1=cruz's": 0.28,
    "n1=cutting": -0.13, "n1=data": 0.14, "n1=debate": 0.11,
    "n1=defense": 0.13, "n1=delegates": -0.38, "n1=democratic": 0.19,
    "n1=democrats": 0.1, "n1=details": 0.2, "n1=did": -0.24,
    "n1=direct": 0.26, "n1=do": -0.22, "n1=donors": -0.1,
    "n1=doubts": 0.1, "n1=down": -0.27, "n1=dr": -0.1,
    "n1=during": -0.23, "n1=each": -0.41, "n1=earlier": 0.2,
    "n1=economic": -0.17, "n1=efforts": 0.12, "n1=election": 0.21,
    "n1=emails": -0.2, "n1=endorsed": 0.15, "n1=endorsements": 0.11,
    "n1=enough": -0.37, "n1=even": -0.32, "n1=every": -0.12,
    "n1=evidence": 0.11, "n1=exactly": 0.15, "n1=fake": 0.24,
    "n1=far": -0.18, "n1=fbi": -0.11, "n1=federal": -0.19,
    "n1=fellow": 0.44, "n1=few": 0.18, "n1=figures": -0.19,
    "n1=fiorina": 0.21, "n1=fit": -0.15, "n1=five": 0.16,
    "n1=florida": 0.13, "n1=following": -0.24, "n1=former": 0.31,
    "n1=forth": 0.2, "n1=forward": 0.36, "n1=found": -0.16,
    "n1=fox": -0.13, "n1=fraud": -0.15, "n1=freddy": -0.13,
    "n1=free": -0.27, "n1=freely": 0.18, "n1=from": -0.34,
    "n1=general": 0.32, "n1=get": -0.19, "n1=global": 0.16,
    "n1=going": -0.22, "n1=good": -0.21, "n1=greater": 0.12,
    "n1=groups": -0.14, "n1=had": -0.15, "n1=has": -0.7,
    "n1=have": -0.55, "n1=having": -0.12, "n1=her": -0.1,
    "n1=herself": 0.3, "n1=higher": -0.28, "n1=him": 0.15,
    "n1=his": 0.24, "n1=history": -0.12, "n1=home": -0.11,
    "n1=how": 0.52, "n1=huge": 0.18, "n1=hundreds": -0.14,
    "n1=hurt": -0.16, "n1=i": -0.25, "n1=if": 0.34,
    "n1=illegal": 0.12, "n1=in": -0.5, "n1=include": -0.1,
    "n1=increasingly": 0.21, "n1=indiana": 0.2, "n1=information": 0.18,
    "n1=instead": 0.14, "n1=into": -0.18, "n1=is": -0.22,
    "n1=isis": -0.23, "n1=it's": 0.27, "n1=its": -0.15,
    "n1=itself": -0.37, "n1=jason": -0.17, "n1=jeb": 0.14,
    "n1=john": 0.25, "n1=johnson": 0.28, "n1=just": -0.15,
    "n1=kasich": 0.14, "n1=large": -0.24, "n1=last": 0.27,
    "n1=later": 0.31, "n1=latino": -0.11, "n1=le": -0.16,
    "n1=left": -0.12, "n1=legal": 0.11, "n1=legislation": 0.15,
    "n1=like": -0.1, "n1=list": -0.14, "n1=long": 0.29,
    "n1=looking": -0.27, "n1=made": -0.17, "n1=majority": -0.13,
    "n1=manafort": 0.12, "n1=many": 0.17, "n1=march": -0.37,
    "n1=marco": 0.16, "n1=margins": -0.1, "n1=mateen": -0.1,
    "n1=may": -0.11, "n1=mean": -0.17, "n1=members": -0.19,
    "n1=men": 0.1, "n1=messages": 0.19, "n1=might": -0.13,
    "n1=millions": -0.1, "n1=monday": -0.13, "n1=money": -0.19,
    "n1=most": 0.35, "n1=mr": 0.63, "n1=mrs": 0.65,
    "n1=muslims": -0.14, "n1=national": 0.16, "n1=near": -0.11,
    "n1=nearly": -0.11, "n1=necessarily": -0.2, "n1=no": 0.81,
    "n1=north": -0.1, "n1=not": 0.31, "n1=nothing": -0.17,
    "n1=obama's": 0.17, "n1=of": 0.2, "n1=off": 0.49,
    "n1=ohio": 0.15, "n1=on": -0.1, "n1=once": 0.19,
    "n1=only": -0.11, "n1=opposition": 0.22, "n1=or": -0.65,
    "n1=other": 0.52, "n1=our": -0.1, "n1=out": 0.21,
    "n1=outside": -0.27, "n1=over": -0.16, "n1=parents": 0.15,
    "n1=part": -0.17, "n1=particularly": -0.14, "n1=past": -0.22,
    "n1=paul": -0.19, "n1=pence": -0.11, "n1=people": -0.31,
    "n1=perez": 0.1, "n1=plans": -0.1, "n1=points": -0.14,
    "n1=policy": -0.2, "n1=political": -0.37, "n1=politics": 0.24,
    "n1=poll": -0.1, "n1=positions": 0.13, "n1=president": -0.37,
    "n1=presidential": 0.33, "n1=press": -0.1, "n1=presumptive": -0.13,
    "n1=pretty": -0.14, "n1=price": -0.12, "n1=protesters": -0.14,
    "n1=provided": -0.14, "n1=public": -0.32, "n1=publicly": 0.16,
    "n1=put": -0.2, "n1=question": 0.22, "n1=questions": 0.15,
    "n1=randolph": -0.26, "n1=ready": 0.27, "n1=real": 0.1,
    "n1=really": -0.14, "n1=recently": 0.12, "n1=remains": 0.17,
    "n1=reporters": 0.3, "n1=response": -0.13, "n1=rhetoric": 0.17,
    "n1=richard": -0.12, "n1=rival": 0.14, "n1=robert": -0.16,
    "n1=role": -0.12, "n1=ronald": -0.17, "n1=rose": -0.17,
    "n1=rubio": 0.21, "n1=safe": -0.21, "n1=sanders": 0.1,
    "n1=sanders's": 0.22, "n1=saturday": 0.11, "n1=say": 0.21,
    "n1=saying": 0.47, "n1=schools": -0.12, "n1=scott": -0.22,
    "n1=sen": -0.38, "n1=senator": 0.16, "n1=services": -0.18,
    "n1=set": -0.13, "n1=several": 0.43, "n1=shaky": 0.19,
    "n1=she": 0.22, "n1=she'll": 0.13, "n1=she's": 0.19,
    "n1=short": 0.25, "n1=sign": -0.25, "n1=simply": -0.23,
    "n1=six": 0.1, "n1=so": 0.14, "n1=something": -0.33,
    "n1=sound": -0.2, "n1=sources": -0.1, "n1=specific": 0.13,
    "n1=specifically": 0.14, "n1=specifics": 0.24, "n1=spending": 0.48,
    "n1=squarely": 0.3, "n1=state": 0.12, "n1=statements": 0.37,
    "n1=states": 0.14, "n1=steve": -0.16, "n1=stories": 0.12,
    "n1=strong": 0.15, "n1=strongly": 0.23, "n1=sunday": -0.26,
    "n1=superdelegates": -0.28, "n1=support": 0.44, "n1=supporter": 0.15,
    "n1=surrounding": -0.14, "n1=sweeping": 0.31, "n1=syrian": -0.13,
    "n1=talking": 0.31, "n1=tank": -0.19, "n1=taxing": 0.1,
    "n1=ted": -0.29, "n1=than": -0.61, "n1=the": 0.13,
    "n1=their": 0.11, "n1=themselves": 0.1, "n1=then": 0.11,
    "n1=they": 0.26, "n1=they're": 0.29, "n1=thinking": 0.1,
    "n1=this": 0.15, "n1=those": 0.14, "n1=through": -0.17,
    "n1=thursday": -0.29, "n1=ties": -0.19, "n1=today": -0.15,
    "n1=too": 0.14, "n1=tough": -0.1, "n1=trade": 0.33,
    "n1=trump": 0.14, "n1=trump's": 0.16, "n1=twice": -0.16,
    "n1=two": -0.43, "n1=u": 0.37, "n1=under": -0.12,
    "n1=undocumented": 0.26, "n1=until": -0.37, "n1=up": -0.21,
    "n1=upon": 0.13, "n1=us": -0.31, "n1=usa": 0.22,
    "n1=users": -0.1, "n1=using": 0.24, "n1=vermont": 0.11,
    "n1=violence": -0.22, "n1=vote": -0.16, "n1=voters": 0.34,
    "n1=walking": -0.21, "n1=wall": -0.32, "n1=want": 0.24,
    "n1=was": -0.14, "n1=way": 0.22, "n1=ways": -0.24,
    "n1=we": -0.31, "n1=websites": -0.17, "n1=wednesday": 0.32,
    "n1=well": 0.12, "n1=what": 0.46, "n1=when": -0.1,
    "n1=where": 0.36, "n1=whether": 0.34, "n1=while": -0.21,
    "n1=who": -0.3, "n1=whomever": -0.1, "n1=why": 0.39,
    "n1=win": -0.11, "n1=with": -0.34, "n1=women": 0.14,
    "n1=words": -0.12, "n1=work": -0.23, "n1=workers": 0.38,
    "n1=working": -0.19, "n1=would": -0.33, "n1=writing": 0.13,
    "n1=wrong": 0.1, "n1=yes": 0.2, "n1=yet": 0.18,
    "n1=your": -0.17, "n1=\u2014": -0.55, "n1=\u2018": -0.38,
    "n1=\u201c": -0.23, "n2=\"": -0.16, "n2=%": 0.37,
    "n2=(": -0.17, "n2=)": 0.17, "n2=,": -0.42,
    "n2=-": -0.15, "n2=.": -0.48, "n2=1": -0.18,
    "n2=10": 0.1, "n2=100": -0.16, "n2=1994": 0.12,
    "n2=2": -0.1, "n2=200": 0.18, "n2=2007": -0.13,
    "n2=2008": -0.14, "n2=2009": 0.15, "n2=2013": -0.15,
    "n2=3": 0.16, "n2=50": -0.12, "n2=56": 0.14,
    "n2=57": -0.12, "n2=6": -0.16, "n2=7": -0.23,
    "n2=:": -0.12, "n2=;": -0.26, "n2=</s>": 0.7,
    "n2=?": -0.17, "n2=@": -0.1, "n2=abc": 0.1,
    "n2=able": -0.12, "n2=abortion": -0.36, "n2=about": 1.02,
    "n2=above": -0.18, "n2=access": -0.18, "n2=according": -1.23,
    "n2=account": 0.19, "n2=acknowledge": 0.27, "n2=action": 0.12,
    "n2=actions": 0.26, "n2=adding": 0.25, "n2=address": 0.45,
    "n2=administration's": 0.12, "n2=admit": 0.2, "n2=advice": 0.15,
    "n2=african": -0.19, "n2=african-american": -0.15, "n2=after": -0.1,
    "n2=again": 0.34, "n2=against": 0.43, "n2=agree": -0.12,
    "n2=agreement": 0.21, "n2=all": -0.22, "n2=allen": -0.13,
    "n2=almost": -0.28, "n2=also": -0.25, "n2=america": -0.1,
    "n2=american": -0.26, "n2=americans": -0.41, "n2=among": 0.39,
    "n2=an": 0.11, "n2=analysis": -0.11, "n2=and": -0.35,
    "n2=angry": -0.11, "n2=announcement": 0.23, "n2=another": 0.45,
    "n2=answer": 0.32, "n2=anti-establishment": -0.12, "n2=anxiety": 0.2,
    "n2=any": 0.26, "n2=anyone": 0.18, "n2=ap": 0.1,
    "n2=appeal": -0.21, "n2=approach": -0.14, "n2=are": 0.41,
    "n2=areas": 0.12, "n2=arguing": 0.16, "n2=argument": 0.32,
    "n2=arms": 0.22, "n2=around": -0.12, "n2=as": 0.27,
    "n2=ask": -0.14, "n2=asked": -0.22, "n2=assertion": 0.1,
    "n2=associated": 0.11, "n2=assure": 0.18, "n2=attack": 0.32,
    "n2=attacking": 0.22, "n2=attacks": 0.33, "n2=attempts": -0.4,
    "n2=attend": 0.23, "n2=attention": 0.18, "n2=attract": -0.11,
    "n2=avoid": 0.11, "n2=away": -0.15, "n2=back": 0.11,
    "n2=background": -0.13, "n2=ballots": -0.39, "n2=ban": -0.1,
    "n2=banning": 0.17, "n2=barack": -0.27, "n2=battle": -0.16,
    "n2=be": -0.6, "n2=beat": 0.24, "n2=beating": -0.17,
    "n2=because": -0.25, "n2=become": -0.21, "n2=been": -0.11,
    "n2=before": 0.12, "n2=beginning": 0.16, "n2=behalf": -0.11,
    "n2=behind": 0.22, "n2=being": 0.11, "n2=believes": 0.11,
    "n2=benefits": -0.23, "n2=bernie": -0.27, "n2=between": -0.15,
    "n2=big": -0.17, "n2=birther": -0.11, "n2=black": -0.21,
    "n2=bloomberg": 0.37, "n2=bolster": -0.25, "n2=book": -0.18,
    "n2=boost": -0.1, "n2=both": 0.19, "n2=boycott": 0.18,
    "n2=bring": 0.58, "n2=bringing": -0.22, "n2=broad": 0.3,
    "n2=buzzfeed": -0.27, "n2=by": -0.1, "n2=call": -0.49,
    "n2=called": -0.15, "n2=calling": 0.18, "n2=calm": -0.19,
    "n2=campaign": -0.22, "n2=can": -0.12, "n2=candidate": -0.17,
    "n2=candidates": 0.65, "n2=carbon": -0.16, "n2=carly": 0.1,
    "n2=carry": 0.2, "n2=carson": -0.19, "n2=carson's": -0.23,
    "n2=case": 0.32, "n2=cases": 0.36, "n2=cast": -0.16,
    "n2=central": 0.13, "n2=certain": 0.17, "n2=chance": -0.11,
    "n2=change": 0.14, "n2=character": 0.17, "n2=chief": 0.13,
    "n2=china": -0.25, "n2=china's": -0.11, "n2=chinese": -0.33,
    "n2=chris": 0.12, "n2=christie": -0.1, "n2=citing": 0.1,
    "n2=citizens": -0.11, "n2=city": -0.18, "n2=claim": 0.16,
    "n2=claiming": -0.19, "n2=claims": -0.1, "n2=clear": 0.24,
    "n2=close": 0.16, "n2=comey": 0.12, "n2=comment": 0.44,
    "n2=commentary": 0.24, "n2=comments": 0.38, "n2=commitment": 0.18,
    "n2=common": -0.19, "n2=communities": -0.11, "n2=companies": 0.1,
    "n2=company": -0.14, "n2=company's": -0.19, "n2=compared": -0.1,
    "n2=concerns": 0.45, "n2=conference": -0.26, "n2=confirm": 0.1,
    "n2=congress": -0.2, "n2=conservative": 0.17, "n2=consider": 0.25,
    "n2=content": -0.11, "n2=continue": 0.27, "n2=continued": -0.12,
    "n2=contrast": 0.18, "n2=controversial": 0.32, "n2=convention": -0.33,
    "n2=corporate": -0.15, "n2=cost": -0.12, "n2=country": -0.19,
    "n2=creating": 0.11, "n2=criticism": 0.22, "n2=criticisms": 0.22,
    "n2=criticizing": 0.14, "n2=critics": -0.19, "n2=crowd": 0.12,
    "n2=cruz": -0.2, "n2=cruz's": -0.17, "n2=current": 0.23,
    "n2=cuts": -0.27, "n2=danger": -0.11, "n2=data": -0.11,
    "n2=day": -0.41, "n2=days": -0.3, "n2=deals": 0.24,
    "n2=death": 0.18, "n2=debate": 0.47, "n2=december": -0.12,
    "n2=decisions": -0.1, "n2=deeply": -0.23, "n2=defeat": -0.2,
    "n2=defend": 0.38, "n2=defending": 0.13, "n2=delegates": -0.13,
    "n2=demand": 0.11, "n2=democrat": 0.22, "n2=democratic": 0.26,
    "n2=democrats": 0.16, "n2=department": 0.3, "n2=describe": 0.32,
    "n2=deserves": 0.1, "n2=details": 0.27, "n2=difference": -0.15,
    "n2=differences": -0.13, "n2=disavow": 0.18, "n2=discuss": 0.16,
    "n2=dnc": -0.2, "n2=do": -0.26, "n2=document": -0.13,
    "n2=documents": -0.18, "n2=does": 0.21, "n2=doing": -0.17,
    "n2=donors": 0.12, "n2=down": -0.25, "n2=draw": 0.13,
    "n2=during": -0.1, "n2=earlier": -0.24, "n2=early": -0.29,
    "n2=ease": 0.11, "n2=easier": 0.11, "n2=economic": 0.14,
    "n2=economy": -0.17, "n2=education": -0.2, "n2=effort": -0.23,
    "n2=either": -0.11, "n2=election": 0.11, "n2=else": 0.3,
    "n2=end": 0.18, "n2=ending": -0.14, "n2=endorsement": 0.27,
    "n2=enthusiasm": -0.2, "n2=even": 0.17, "n2=every": -0.18,
    "n2=everyone": 0.12, "n2=evidence": 0.28, "n2=examples": 0.13,
    "n2=executive": 0.11, "n2=exit": 0.15, "n2=expand": 0.26,
    "n2=facebook": 0.19, "n2=faced": -0.16, "n2=fact": -0.14,
    "n2=failed": 0.15, "n2=fall": -0.19, "n2=false": -0.2,
    "n2=family": -0.5, "n2=favor": 0.8, "n2=favorably": -0.21,
    "n2=fbi": -0.24, "n2=february": -0.26, "n2=felt": 0.19,
    "n2=figure": 0.13, "n2=filings": -0.13, "n2=financial": 0.21,
    "n2=findings": -0.1, "n2=five": -0.17, "n2=florida": 0.28,
    "n2=focus": 0.32, "n2=focused": -0.12, "n2=following": 0.38,
    "n2=for": 0.24, "n2=force": 0.13, "n2=forces": -0.16,
    "n2=foreign": -0.2, "n2=fox": -0.17, "n2=francis": -0.1,
    "n2=free": 0.21, "n2=freedom": 0.14, "n2=friday": -0.1,
    "n2=friends": -0.11, "n2=from": -0.21, "n2=front-runner": 0.22,
    "n2=fundraising": 0.1, "n2=future": 0.19, "n2=garland": -0.17,
    "n2=gathering": -0.1, "n2=general": 0.26, "n2=generally": 0.15,
    "n2=getting": -0.13, "n2=gilbert": -0.19, "n2=give": 0.23,
    "n2=giving": -0.18, "n2=go": -0.3, "n2=going": -0.13,
    "n2=golf": 0.12, "n2=good": -0.12, "n2=gop": -0.27,
    "n2=gop's": -0.17, "n2=government's": -0.13, "n2=gowdy": 0.1,
    "n2=grayson": -0.13, "n2=great": -0.11, "n2=ground": 0.24,
    "n2=group": 0.11, "n2=groups": 0.16, "n2=grow": -0.14,
    "n2=growing": 0.2, "n2=guardian": 0.17, "n2=guccifer": -0.21,
    "n2=gulf": -0.48, "n2=gun": 0.48, "n2=had": -0.28,
    "n2=happen": -0.1, "n2=hard": 0.12, "n2=has": 0.25,
    "n2=have": -0.32, "n2=having": 0.26, "n2=hawaii": -0.17,
    "n2=he'll": -0.13, "n2=he's": 0.25, "n2=heavily": -0.19,
    "n2=help": 0.31, "n2=helped": -0.23, "n2=here": -0.15,
    "n2=hillary": -0.28, "n2=him": -0.31, "n2=himself": 0.14,
    "n2=his": 0.34, "n2=hispanic": -0.1, "n2=hold": 0.13,
    "n2=hopes": -0.16, "n2=host": -0.19, "n2=how": 0.55,
    "n2=however": 0.14, "n2=huffington": 0.11, "n2=hundreds": 0.1,
    "n2=hurt": -0.1, "n2=i": -0.24, "n2=idea": 0.28,
    "n2=if": 0.11, "n2=illegal": 0.34, "n2=illegally": -0.15,
    "n2=immigrants": 0.32, "n2=immigration": 0.1, "n2=importance": -0.16,
    "n2=impose": 0.12, "n2=in": -0.37, "n2=inclination": 0.26,
    "n2=include": -0.16, "n2=included": -0.15, "n2=including": -0.14,
    "n2=increase": 0.1, "n2=increased": -0.16, "n2=individuals": -0.1,
    "n2=information": -0.2, "n2=inside": 0.14, "n2=intelligence": 0.22,
    "n2=intended": -0.13, "n2=interests": -0.19, "n2=interviews": 0.11,
    "n2=into": -0.25, "n2=investigation": 0.14, "n2=investigators": -0.31,
    "n2=investments": 0.17, "n2=iowa": -0.12, "n2=iraq": -0.1,
    "n2=is": -0.13, "n2=islamic": -0.25, "n2=isn't": 0.13,
    "n2=israel": -0.18, "n2=issue": 0.28, "n2=issues": -0.43,
    "n2=its": -0.19, "n2=j": -0.19, "n2=jeb": 0.34,
    "n2=jewish": -0.11, "n2=job": -0.11, "n2=john": -0.15,
    "n2=join": -0.14, "n2=judgment": -0.16, "n2=judicial": 0.11,
    "n2=july": 0.11, "n2=june": -0.27, "n2=just": -0.51,
    "n2=justice": -0.2, "n2=kasich": 0.15, "n2=key": -0.32,
    "n2=khan": 0.16, "n2=kill": -0.16, "n2=kind": 0.13,
    "n2=kkk": 0.2, "n2=knew": -0.11, "n2=know": 0.27,
    "n2=lack": -0.28, "n2=language": 0.1, "n2=largely": 0.12,
    "n2=larger": 0.11, "n2=last": -0.13, "n2=law": 0.19,
    "n2=lawmakers": -0.11, "n2=laws": 0.13, "n2=lead": -0.26,
    "n2=leave": -0.13, "n2=leaving": -0.14, "n2=left": -0.1,
    "n2=length": 0.14, "n2=lengthy": 0.19, "n2=less": -0.17,
    "n2=let": -0.26, "n2=letter": 0.11, "n2=liberal": -0.11,
    "n2=life": -0.13, "n2=like": -0.18, "n2=likely": -0.28,
    "n2=little": 0.12, "n2=live": 0.2, "n2=long": -0.1,
    "n2=look": 0.12, "n2=looking": 0.21, "n2=losses": -0.14,
    "n2=lost": -0.11, "n2=lot": -0.27, "n2=main": 0.16,
    "n2=mainstream": 0.2, "n2=major": -0.45, "n2=majority": 0.22,
    "n2=make": 0.36, "n2=making": 0.14, "n2=manafort": -0.1,
    "n2=manhattan": 0.22, "n2=many": -0.1, "n2=marketing": -0.16,
    "n2=mason": -0.19, "n2=meaning": 0.23, "n2=measure": 0.25,
    "n2=media's": 0.11, "n2=meeting": 0.1, "n2=members": -0.16,
    "n2=memo": 0.15, "n2=mention": 0.26, "n2=microphone": -0.24,
    "n2=middle": 0.18, "n2=mike": -0.23, "n2=miller": 0.16,
    "n2=millions": 0.13, "n2=minimum": -0.11, "n2=minority": 0.17,
    "n2=moderates": -0.11, "n2=mogul": 0.24, "n2=moment": 0.12,
    "n2=momentum": 0.2, "n2=monday": -0.11, "n2=money": -0.23,
    "n2=months": -0.29, "n2=morning": -0.18, "n2=most": -0.24,
    "n2=moving": 0.22, "n2=much": 0.29, "n2=name": -0.3,
    "n2=nation": -0.11, "n2=national": 0.13, "n2=nbc's": 0.14,
    "n2=nearly": 0.21, "n2=need": -0.24, "n2=needs": 0.11,
    "n2=neither": -0.11, "n2=net": 0.15, "n2=nevada": 0.12,
    "n2=next": -0.15, "n2=night's": 0.11, "n2=nomination": 0.12,
    "n2=none": 0.17, "n2=not": -0.18, "n2=noting": 0.22,
    "n2=notion": 0.19, "n2=number": -0.33, "n2=numbers": 0.3,
    "n2=of": 0.37, "n2=officials": 0.22, "n2=often": -0.21,
    "n2=ohio": -0.38, "n2=once": -0.17, "n2=one": -0.16,
    "n2=online": -0.16, "n2=open": 0.15, "n2=opponent": 0.1,
    "n2=opportunity": -0.42, "n2=oppose": 0.16, "n2=opposite": 0.18,
    "n2=opposition": 0.1, "n2=order": 0.14, "n2=organization": 0.15,
    "n2=orlando": -0.2, "n2=other": -0.11, "n2=our": 0.21,
    "n2=outside": -0.12, "n2=over": 0.1, "n2=own": -0.37,
    "n2=paid": 0.15, "n2=participate": -0.1, "n2=particular": -0.17,
    "n2=party": 0.32, "n2=path": 0.3, "n2=pay": 0.36,
    "n2=people": -0.39, "n2=percent": -0.2, "n2=perhaps": -0.11,
    "n2=persistent": -0.1, "n2=person": 0.26, "n2=petition": 0.18,
    "n2=photo": 0.11, "n2=place": -0.1, "n2=plans": 0.21,
    "n2=plotting": 0.11, "n2=point": 0.29, "n2=police": 0.1,
    "n2=policies": -0.34, "n2=policy": -0.28, "n2=politicians": 0.12,
    "n2=poll": 0.13, "n2=pollster": 0.13, "n2=portray": 0.33,
    "n2=posed": -0.1, "n2=position": 0.25, "n2=positions": 0.15,
    "n2=powerful": 0.11, "n2=prediction": 0.35, "n2=preferred": 0.11,
    "n2=present": 0.18, "n2=preserving": 0.11, "n2=presidential": 0.13,
    "n2=press": 0.22, "n2=preview": -0.16, "n2=prime": 0.13,
    "n2=private": -0.31, "n2=problem": -0.21, "n2=progressives": 0.32,
    "n2=properly": -0.19, "n2=proposal": -0.12, "n2=prove": 0.25,
    "n2=provide": 0.33, "n2=public": 0.18, "n2=publicly": 0.22,
    "n2=put": -0.13, "n2=question": 0.29, "n2=questions": 0.44,
    "n2=quoting": -0.11, "n2=raise": -0.27, "n2=raised": 0.11,
    "n2=rally": 0.22, "n2=re-election": 0.13, "n2=reagan's": -0.17,
    "n2=real": 0.14, "n2=receive": -0.15, "n2=recent": 0.4,
    "n2=recognize": 0.15, "n2=reduce": -0.15, "n2=reference": 0.25,
    "n2=referencing": -0.17, "n2=referring": 0.1, "n2=reform": 0.19,
    "n2=refugees": -0.19, "n2=religious": -0.2, "n2=remain": -0.13,
    "n2=remarks": -0.31, "n2=renew": -0.26, "n2=rep": 0.21,
    "n2=report": 0.26, "n2=reporters": -0.2, "n2=republican": 0.17,
    "n2=request": -0.17, "n2=requests": -0.17, "n2=research": 0.1,
    "n2=resolution": 0.13, "n2=rest": 0.15, "n2=results": 0.13,
    "n2=retain": -0.14, "n2=return": -0.15, "n2=returns": 0.1,
    "n2=reuters": -0.21, "n2=revolution": 0.18, "n2=rights": 0.21,
    "n2=rising": 0.12, "n2=risk": 0.19, "n2=rival": -0.2,
    "n2=rivals": 0.1, "n2=roughly": -0.12, "n2=rubio's": 0.11,
    "n2=ruling": 0.13, "n2=run": -0.47, "n2=russia": -0.2,
    "n2=s": -0.11, "n2=safe": 0.25, "n2=said": -0.1,
    "n2=same": -0.14, "n2=same-sex": -0.12, "n2=sanders": -0.33,
    "n2=sanders's": 0.11, "n2=saturday's": 0.19, "n2=save": -0.11,
    "n2=saw": -0.1, "n2=say": 0.33, "n2=saying": 0.33,
    "n2=scathing": 0.21, "n2=second": -0.21, "n2=secret": 0.21,
    "n2=seeing": 0.14, "n2=seemingly": 0.17, "n2=sell": -0.25,
    "n2=sen": 0.17, "n2=senate": -0.25, "n2=senator": -0.12,
    "n2=senators": 0.2, "n2=sent": -0.13, "n2=she": 0.39,
    "n2=she's": -0.16, "n2=shifting": 0.13, "n2=shortly": -0.27,
    "n2=show": 0.29, "n2=showing": -0.12, "n2=shown": -0.14,
    "n2=sign": 0.12, "n2=significant": -0.15, "n2=similar": -0.34,
    "n2=since": -0.15, "n2=sit": 0.16, "n2=social": 0.31,
    "n2=some": 0.37, "n2=someone": -0.33, "n2=something": -0.23,
    "n2=somewhat": 0.18, "n2=sort": -0.2, "n2=sources": -0.1,
    "n2=south": 0.17, "n2=spanish-language": 0.13, "n2=speak": -0.17,
    "n2=specifics": 0.16, "n2=speculate": 0.1, "n2=speeches": -0.13,
    "n2=spending": 0.1, "n2=spoke": 0.12, "n2=stage": -0.35,
    "n2=stance": -0.13, "n2=stand": 0.23, "n2=standing": 0.3,
    "n2=stark": 0.19, "n2=start": -0.38, "n2=state": 0.3,
    "n2=statement": 0.75, "n2=statements": 0.27, "n2=status": -0.13,
    "n2=step": 0.12, "n2=steps": -0.12, "n2=still": -0.15,
    "n2=stock": -0.1, "n2=stop": 0.27, "n2=stopping": 0.27,
    "n2=stories": 0.12, "n2=strategy": -0.12, "n2=street": -0.4,
    "n2=streets": -0.14, "n2=strength": -0.13, "n2=such": 0.17,
    "n2=suggestion": 0.26, "n2=sunday": -0.17, "n2=superdelegates": -0.14,
    "n2=support": 0.58, "n2=supreme": 0.13, "n2=surprise": -0.16,
    "n2=survey": 0.18, "n2=take": -0.18, "n2=talk": 0.38,
    "n2=talking": 0.19, "n2=taxes": -0.12, "n2=technology": -0.11,
    "n2=ted": 0.44, "n2=television": 0.15, "n2=temperament": 0.27,
    "n2=temporary": -0.19, "n2=tendency": -0.25, "n2=term": 0.23,
    "n2=terrorism": -0.4, "n2=terrorists": -0.34, "n2=than": -0.45,
    "n2=that": 0.68, "n2=their": -0.46, "n2=them": -0.14,
    "n2=they've": 0.13, "n2=think": -0.14, "n2=third-party": -0.21,
    "n2=those": 0.27, "n2=thoughts": 0.22, "n2=thousands": 0.27,
    "n2=threats": -0.14, "n2=three": -0.37, "n2=throughout": -0.17,
    "n2=thursday": -0.16, "n2=ties": 0.16, "n2=today": 0.12,
    "n2=tone": -0.22, "n2=top": -0.28, "n2=tough": 0.23,
    "n2=toward": 0.22, "n2=tragic": 0.11, "n2=trans-pacific": 0.1,
    "n2=true": -0.11, "n2=trump": 0.27, "n2=trump's": 0.47,
    "n2=turkey": -0.12, "n2=turnout": -0.13, "n2=tweet": 0.12,
    "n2=twitter": -0.11, "n2=typically": 0.12, "n2=tyson": -0.2,
    "n2=understand": 0.26, "n2=understanding": 0.1, "n2=unfavorably": -0.17,
    "n2=unions": 0.12, "n2=united": 0.37, "n2=unity": 0.22,
    "n2=unnoticed": 0.14, "n2=until": -0.25, "n2=up": -0.39,
    "n2=us": 0.1, "n2=used": -0.15, "n2=using": -0.25,
    "n2=variety": 0.12, "n2=various": 0.11, "n2=vermont": 0.24,
    "n2=very": 0.39, "n2=victims": 0.25, "n2=victories": 0.19,
    "n2=video": -0.87, "n2=view": 0.3, "n2=views": -0.15,
    "n2=violence": 0.2, "n2=voice": 0.13, "n2=vote": 0.12,
    "n2=voter": -0.12, "n2=votes": 0.15, "n2=wall": 0.11,
    "n2=want": 0.12, "n2=was": -0.2, "n2=washington": -0.21,
    "n2=wasn't": 0.27, "n2=way": -0.44, "n2=ways": 0.15,
    "n2=we": 0.36, "n2=website": -0.16, "n2=were": -0.15,
    "n2=western": 0.15, "n2=what": 0.44, "n2=when": 0.19,
    "n2=whether": 0.45, "n2=white": -0.39, "n2=who": -0.11,
    "n2=wider": 0.2, "n2=will": -0.12, "n2=winner": -0.14,
    "n2=winning": -0.23, "n2=with": -0.19, "n2=without": -0.15,
    "n2=woman": -0.18, "n2=won": 0.13, "n2=word": -0.13,
    "n2=words": 0.17, "n2=years": 0.41, "n2=you": 0.16,
    "n2=younger": -0.18, "n2=zucker": 0.1, "n2=\u2014": -0.55,
    "n2=\u2018": -0.3, "n2=\u201c": -0.26, "p1=\"": -0.2,
    "p1=%": 0.31, "p1='": -0.66, "p1=''": 0.27,
    "p1=(": -0.25, "p1=)": 0.49, "p1=,": 0.1,
    "p1=-": 0.46, "p1=000": -0.21, "p1=10": 0.26,
    "p1=2008": -0.29, "p1=2012": -0.24, "p1=2014": -0.12,
    "p1=:": -0.19, "p1=;": -0.2, "p1=a": 0.53,
    "p1=abedin": -0.13, "p1=about": -0.45, "p1=account": -0.16,
    "p1=activist": 0.12, "p1=acutely": 0.11, "p1=ad": 0.29,
    "p1=additional": -0.2, "p1=adelson": -0.12, "p1=administration": 0.28,
    "p1=administration's": 0.16, "p1=ads": 0.17, "p1=adviser": 0.16,
    "p1=advisers": 0.26, "p1=advocates": 0.38, "p1=after": 0.6,
    "p1=again": 0.11, "p1=against": -0.29, "p1=agency": 0.25,
    "p1=agents": -0.14, "p1=aggressively": 0.15, "p1=agreement": -0.11,
    "p1=aides": 0.2, "p1=ailes": 0.17, "p1=all": 0.18,
    "p1=allies": 0.35, "p1=almost": -0.16, "p1=already": 0.2,
    "p1=also": 0.85, "p1=always": 0.36, "p1=ambitious": -0.1,
    "p1=america": -0.16, "p1=american": -0.2, "p1=americans": -0.47,
    "p1=amid": -0.22, "p1=analysis": 0.17, "p1=analysts": 0.2,
    "p1=anderson": -0.1, "p1=anti-immigrant": -0.1, "p1=anti-washington": -0.19,
    "p1=any": -0.13, "p1=are": 0.32, "p1=aren't": 0.48,
    "p1=as": -0.8, "p1=association": 0.17, "p1=at": -0.41,
    "p1=attendees": 0.11, "p1=autor": 0.12, "p1=backers": -0.2,
    "p1=baker": -0.15, "p1=ballot": -0.26, "p1=be": -0.43,
    "p1=beck": 0.11, "p1=been": -0.17, "p1=before": 0.27,
    "p1=began": 0.1, "p1=begun": -0.16, "p1=being": -0.85,
    "p1=best": -0.22, "p1=better": -0.17, "p1=biden": 0.35,
    "p1=billionaire": -0.1, "p1=blackwell": 0.21, "p1=blocher": -0.1,
    "p1=board": 0.28, "p1=bolton": 0.13, "p1=book": -0.27,
    "p1=boss": -0.2, "p1=both": 0.18, "p1=bozell": 0.12,
    "p1=broad": 0.21, "p1=business": -0.13, "p1=businessman": 0.22,
    "p1=but": 0.16, "p1=by": 0.15, "p1=call": -0.13,
    "p1=campaign": 0.33, "p1=campaigns": 0.21, "p1=candidate's": -0.13,
    "p1=candidates": 0.16, "p1=cannot": -0.3, "p1=carson": 0.14,
    "p1=carson's": 0.2, "p1=carter": -0.21, "p1=case": -0.12,
    "p1=cases": -0.15, "p1=caucusgoers": -0.22, "p1=cbs": -0.11,
    "p1=chief": -0.12, "p1=church": 0.11, "p1=claiming": 0.13,
    "p1=cleveland": -0.1, "p1=clinton's": -0.27, "p1=clintons": 0.12,
    "p1=close": -0.17, "p1=club": -0.13, "p1=columbia": 0.11,
    "p1=come": 0.17, "p1=comey": -0.25, "p1=commission": -0.29,
    "p1=company": 0.2, "p1=conference": -0.13, "p1=congressional": -0.21,
    "p1=conservative": -0.28, "p1=conservatives": 0.1, "p1=considerable": 0.12,
    "p1=considering": -0.25, "p1=consistently": 0.27, "p1=contests": 0.17,
    "p1=continued": 0.34, "p1=control": -0.17, "p1=convention": -0.19,
    "p1=cook": -0.12, "p1=couldn't": -0.1, "p1=country": 0.1,
    "p1=country's": 0.11, "p1=critics": 0.26, "p1=crowd": -0.18,
    "p1=crowds": -0.14, "p1=cruz": 0.12, "p1=current": -0.1,
    "p1=d'souza": 0.15, "p1=daily": -0.22, "p1=data": -0.22,
    "p1=deal": -0.22, "p1=deep": 0.11, "p1=delegate": -0.12,
    "p1=delegates": 0.21, "p1=democrat": 0.35, "p1=democratic": -0.27,
    "p1=democrats": 0.23, "p1=department": -0.35, "p1=derisively": 0.27,
    "p1=despite": 0.22, "p1=developer": 0.2, "p1=devine": 0.14,
    "p1=did": 0.44, "p1=didn't": -0.1, "p1=directly": 0.53,
    "p1=disclosures": -0.11, "p1=dismissed": -0.14, "p1=do": 0.16,
    "p1=documents": -0.45, "p1=does": 0.4, "p1=doesn't": 0.56,
    "p1=don't": 0.2, "p1=donald": -0.17, "p1=donations": -0.11,
    "p1=draw": 0.36, "p1=drawing": -0.21, "p1=drawn": 0.2,
    "p1=drew": 0.27, "p1=each": 0.11, "p1=earlier": 0.39,
    "p1=early": -0.22, "p1=economic": -0.16, "p1=economists": 0.25,
    "p1=editor's": -0.33, "p1=editorial": 0.23, "p1=education": 0.26,
    "p1=either": -0.12, "p1=email": 0.18, "p1=emails": -0.12,
    "p1=emissions": -0.15, "p1=employee": 0.17, "p1=employees": -0.13,
    "p1=enough": -0.32, "p1=enthusiastically": 0.15, "p1=entirely": 0.15,
    "p1=erdogan": -0.54, "p1=especially": 0.24, "p1=european": -0.19,
    "p1=evening": 0.11, "p1=ever": 0.12, "p1=everyone": 0.1,
    "p1=executives": 0.37, "p1=experts": 0.46, "p1=express": 0.2,
    "p1=expressed": 0.87, "p1=face": -0.15, "p1=facebook": -0.2,
    "p1=faced": 0.24, "p1=facing": 0.28, "p1=fallon": 0.18,
    "p1=false": 0.14, "p1=family": -0.22, "p1=famously": 0.19,
    "p1=far": -0.24, "p1=favorite": 0.16, "p1=fec": -0.15,
    "p1=ferrera": 0.2, "p1=fierce": 0.22, "p1=fiercely": 0.11,
    "p1=figures": -0.12, "p1=final": -0.24, "p1=financial": -0.15,
    "p1=findings": 0.14, "p1=firms": 0.21, "p1=first": 0.2,
    "p1=followers": -0.1, "p1=for": -1.24, "p1=forbes": 0.19,
    "p1=forcefully": 0.15, "p1=formal": 0.2, "p1=formally": 0.45,
    "p1=frank": 0.12, "p1=frequent": 0.21, "p1=friendly": 0.28,
    "p1=from": -0.19, "p1=fully": 0.15, "p1=fundamental": 0.18,
    "p1=fundraising": -0.19, "p1=further": 0.24, "p1=gates": -0.14,
    "p1=general": -0.24, "p1=get": -0.12, "p1=getting": -0.11,
    "p1=glass-steagall": 0.12, "p1=go": -0.12, "p1=gop": -0.21,
    "p1=gorka": 0.16, "p1=government": -0.16, "p1=grayson": -0.47,
    "p1=growing": -0.2, "p1=had": -0.53, "p1=hadn't": -0.31,
    "p1=half": -0.11, "p1=hall": 0.25, "p1=hampshire": 0.23,
    "p1=hannity": 0.14, "p1=has": 0.24, "p1=hasn't": -0.22,
    "p1=hassan": -0.15, "p1=have": 0.31, "p1=haven't": 0.18,
    "p1=having": -0.14, "p1=he": 0.15, "p1=he'd": -0.2,
    "p1=he's": 0.25, "p1=held": 0.21, "p1=help": -0.16,
    "p1=helped": -0.28, "p1=her": 0.39, "p1=hewitt": -0.13,
    "p1=hicks": 0.11, "p1=higher": -0.13, "p1=highly": -0.29,
    "p1=highway": -0.1, "p1=hillary": -0.21, "p1=him": -0.14,
    "p1=his": 0.36, "p1=home": 0.14, "p1=hotly": 0.1,
    "p1=house": -0.26, "p1=how": -0.16, "p1=huckabee": -0.15,
    "p1=husband": 0.15, "p1=husted": 0.11, "p1=i'm": -0.24,
    "p1=if": -0.19, "p1=immediate": 0.17, "p1=immediately": 0.21,
    "p1=including": -0.25, "p1=increased": -0.18, "p1=increasingly": 0.38,
    "p1=initial": -0.13, "p1=initially": 0.19, "p1=insiders": 0.16,
    "p1=intense": 0.16, "p1=into": 0.11, "p1=investigation": 0.18,
    "p1=investigative": 0.1, "p1=investors": 0.19, "p1=is": 0.7,
    "p1=isn't": 0.27, "p1=issa": -0.17, "p1=it": -0.37,
    "p1=it's": -0.1, "p1=its": -0.31, "p1=james": -0.16,
    "p1=jersey": -0.21, "p1=jobs": -0.1, "p1=johnson": -0.13,
    "p1=journalist": 0.16, "p1=judge": -0.1, "p1=just": -0.14,
    "p1=justice": 0.11, "p1=kasich": -0.11, "p1=kelly": 0.13,
    "p1=kerry": 0.13, "p1=king": -0.17, "p1=klein": -0.11,
    "p1=kurdish": -0.12, "p1=laid": -0.1, "p1=largely": 0.24,
    "p1=last": -0.3, "p1=later": 0.31, "p1=latino": -0.18,
    "p1=latinos": -0.16, "p1=law": -0.13, "p1=lawmakers": 0.14,
    "p1=lawsuit": 0.16, "p1=lazar's": -0.11, "p1=leaders": 0.28,
    "p1=leadership": 0.12, "p1=legal": -0.1, "p1=legislature": 0.26,
    "p1=less": 0.13, "p1=let's": 0.1, "p1=levell": 0.13,
    "p1=levine": 0.1, "p1=lewandowski": -0.18, "p1=liberal": -0.15,
    "p1=limbaugh": 0.14, "p1=little": 0.23, "p1=longer": -0.18,
    "p1=looking": 0.1, "p1=maddow": 0.19, "p1=main": 0.24,
    "p1=major": -0.27, "p1=majority": 0.15, "p1=make": -0.13,
    "p1=making": -0.32, "p1=man": -0.18, "p1=manafort": -0.13,
    "p1=many": 0.1, "p1=march": 0.17, "p1=may": 0.18,
    "p1=measures": -0.1, "p1=media": -0.67, "p1=men": -0.43,
    "p1=might": 0.18, "p1=millennials": 0.14, "p1=million": -0.32,
    "p1=mitchell": 0.27, "p1=mogul": 0.16, "p1=month": 0.23,
    "p1=months": -0.23, "p1=mook": 0.13, "p1=morning": -0.13,
    "p1=most": -0.54, "p1=move": -0.21, "p1=movement": -0.29,
    "p1=much": -0.15, "p1=murphy": 0.1, "p1=muslims": -0.23,
    "p1=my": 0.22, "p1=name": -0.27, "p1=narrator": 0.1,
    "p1=nations": -0.2, "p1=nationwide": -0.38, "p1=need": -0.14,
    "p1=negative": -0.15, "p1=netanyahu": -0.23, "p1=network": 0.14,
    "p1=never": -0.37, "p1=newly": -0.2, "p1=newspaper": 0.18,
    "p1=nieto": 0.25, "p1=night": 0.16, "p1=no": -0.22,
    "p1=nobody": -0.19, "p1=nominee": 0.26, "p1=not": 0.33,
    "p1=now": 0.31, "p1=nra's": -0.17, "p1=numerous": 0.12,
    "p1=obama": -0.1, "p1=obama's": -0.35, "p1=observers": 0.18,
    "p1=of": -0.47, "p1=off": 0.2, "p1=offer": 0.11,
    "p1=office": 0.46, "p1=officers": 0.13, "p1=official": 0.15,
    "p1=officially": 0.37, "p1=officials": 0.41, "p1=often": 0.1,
    "p1=old": -0.15, "p1=once": 0.1, "p1=one": -0.36,
    "p1=ones": 0.1, "p1=only": -0.22, "p1=opening": -0.22,
    "p1=openly": 0.2, "p1=operatives": 0.15, "p1=opinion": 0.21,
    "p1=or": -0.37, "p1=organization": 0.14, "p1=other": -0.14,
    "p1=others": 0.12, "p1=outlets": 0.19, "p1=outspoken": 0.19,
    "p1=overall": -0.3, "p1=overwhelming": 0.35, "p1=page": 0.36,
    "p1=palin": -0.28, "p1=panel": 0.29, "p1=paper": 0.19,
    "p1=participants": -0.1, "p1=particular": 0.43, "p1=past": -0.29,
    "p1=pate": -0.11, "p1=patrick": -0.11, "p1=pay": 0.13,
    "p1=pence's": 0.22, "p1=people": -0.32, "p1=percent": -0.28,
    "p1=perez": -0.13, "p1=persistent": -0.29, "p1=phone": -0.34,
    "p1=plan": 0.1, "p1=pleaded": 0.27, "p1=point": 0.1,
    "p1=police": 0.16, "p1=policy": 0.12, "p1=political": -0.33,
    "p1=politicians": 0.25, "p1=politico": 0.19, "p1=poll": 0.5,
    "p1=polled": 0.19, "p1=polls": -0.13, "p1=populist": -0.17,
    "p1=prager": 0.28, "p1=president": 0.13, "p1=president's": -0.1,
    "p1=presidential": -0.25, "p1=press": 0.19, "p1=previously": 0.17,
    "p1=primaries": -0.19, "p1=primary": -0.23, "p1=privately": 0.22,
    "p1=problem": -0.1, "p1=program": 0.36, "p1=prominently": 0.15,
    "p1=proposed": 0.11, "p1=prosecutors": 0.25, "p1=provide": -0.11,
    "p1=public": -0.19, "p1=publicly": 0.35, "p1=question": 0.3,
    "p1=questions": -0.12, "p1=quickly": 0.2, "p1=race": 0.2,
    "p1=radio": -0.2, "p1=raise": 0.29, "p1=raised": 0.16,
    "p1=raising": -0.11, "p1=rally": 0.28, "p1=rarely": -0.2,
    "p1=real": -0.13, "p1=reality": 0.19, "p1=really": -0.13,
    "p1=recent": 0.16, "p1=recently": -0.16, "p1=record": 0.21,
    "p1=reeves": 0.17, "p1=refugees": -0.18, "p1=regularly": 0.1,
    "p1=reid": 0.15, "p1=remain": 0.21, "p1=remarks": -0.27,
    "p1=renewed": 0.15, "p1=repeated": -0.2, "p1=reportedly": -0.26,
    "p1=reporter": 0.14, "p1=reports": 0.32, "p1=republican": -0.27,
    "p1=republicans": 0.38, "p1=research": -0.18, "p1=researchers": 0.18,
    "p1=resoundingly": -0.17, "p1=respondents": -0.17, "p1=rich": -0.1,
    "p1=richards": -0.19, "p1=rising": -0.18, "p1=rnc": -0.18,
    "p1=roffman": 0.31, "p1=roll": -0.19, "p1=ross": -0.27,
    "p1=rules": 0.15, "p1=ruling": 0.28, "p1=russia": -0.23,
    "p1=russian": -0.12, "p1=ryan": 0.13, "p1=ryan's": -0.27,
    "p1=sabato": -0.17, "p1=said": -0.14, "p1=salceda": -0.37,
    "p1=saldana": 0.16, "p1=same": 0.11, "p1=sanders's": 0.25,
    "p1=santilli's": 0.26, "p1=schlafly": 0.27, "p1=schultz": 0.11,
    "p1=scientists": 0.17, "p1=scripted": -0.13, "p1=second": 0.13,
    "p1=secret": -0.15, "p1=security": -0.12, "p1=seeking": -0.13,
    "p1=seemed": -0.27, "p1=seemingly": 0.14, "p1=senators": 0.37,
    "p1=serious": -0.1, "p1=seriously": 0.19, "p1=sessions": -0.1,
    "p1=several": -0.1, "p1=sexton": 0.15, "p1=sharp": 0.28,
    "p1=she'll": -0.11, "p1=she's": 0.15, "p1=short": -0.1,
    "p1=should": -0.34, "p1=side": 0.22, "p1=signs": -0.21,
    "p1=similar": -0.15, "p1=simply": -0.37, "p1=since": 0.1,
    "p1=so": 0.33, "p1=some": 0.62, "p1=sometimes": -0.11,
    "p1=soon": 0.16, "p1=source": 0.14, "p1=speaker": 0.17,
    "p1=specific": 0.12, "p1=specifically": 0.23, "p1=speech": 0.21,
    "p1=speeches": -0.18, "p1=spokesman": 0.16, "p1=spokeswoman": 0.18,
    "p1=staffer": -0.1, "p1=star": 0.1, "p1=started": 0.17,
    "p1=state": 0.36, "p1=statement": 0.56, "p1=states": -0.53,
    "p1=statistics": -0.11, "p1=stern": 0.25, "p1=strategists": 0.16,
    "p1=street": -0.13, "p1=strongly": 0.21, "p1=suddenly": 0.35,
    "p1=sullivan": 0.13, "p1=superdelegates": -0.24, "p1=supporters": 0.58,
    "p1=surveyed": 0.35, "p1=surveys": -0.29, "p1=swanson": 0.17,
    "p1=system": 0.21, "p1=take": -0.11, "p1=taking": 0.2,
    "p1=talk": -0.35, "p1=tax": -0.1, "p1=team": 0.25,
    "p1=television": -0.16, "p1=telling": 0.16, "p1=text": 0.24,
    "p1=than": -0.22, "p1=that": -0.3, "p1=the": -0.4,
    "p1=their": 0.25, "p1=themselves": 0.1, "p1=then": 0.53,
    "p1=these": 0.16, "p1=they": -0.24, "p1=third": 0.1,
    "p1=this": -0.48, "p1=those": 0.2, "p1=thursday": 0.29,
    "p1=time": 0.19, "p1=times": 0.4, "p1=today": 0.25,
    "p1=today's": 0.12, "p1=took": 0.38, "p1=tough": -0.2,
    "p1=toward": -0.24, "p1=treaty": -0.13, "p1=trumka": 0.15,
    "p1=trump": 0.22, "p1=trump's": -0.13, "p1=tuesday": 0.49,
    "p1=tv": -0.25, "p1=tweet": 0.21, "p1=twitter": -0.22,
    "p1=typically": 0.19, "p1=ultimately": 0.31, "p1=under": 0.49,
    "p1=unfavorable": -0.13, "p1=up": -0.25, "p1=various": -0.17,
    "p1=vehemently": 0.18, "p1=video": -0.29, "p1=viguerie": 0.2,
    "p1=voice": 0.22, "p1=voiced": 0.3, "p1=voter": -0.2,
    "p1=voters": -0.39, "p1=walker": -0.15, "p1=wallnau": 0.13,
    "p1=ware": -0.17, "p1=was": 0.18, "p1=washington": -0.19,
    "p1=we": 0.15, "p1=website": 0.31, "p1=wednesday": 0.32,
    "p1=week": 0.57, "p1=weiner": -0.33, "p1=welch": -0.15,
    "p1=well": -0.2, "p1=were": 0.16, "p1=weren't": -0.17,
    "p1=what": -0.57, "p1=when": -0.17, "p1=whose": -0.19,
    "p1=why": -0.13, "p1=widely": 0.2, "p1=widespread": -0.13,
    "p1=wikileaks": 0.12, "p1=will": 0.17, "p1=williams": 0.14,
    "p1=winning": 0.2, "p1=without": -0.25, "p1=won't": -0.2,
    "p1=woods": 0.2, "p1=work": 0.14, "p1=worth": -0.16,
    "p1=would": -0.2, "p1=year": 0.12, "p1=yet": -0.38,
    "p1=you": -0.12, "p1=\u2013": 0.11, "p1=\u2014": -0.13,
    "p1=\u2018": -0.1, "p2=!": 0.17, "p2=\"": 0.32,
    "p2=%": -0.1, "p2=''": 0.4, "p2=(": -0.27,
    "p2=)": 0.54, "p2=,": 0.64, "p2=.": 0.17,
    "p2=/": 0.13, "p2=15": -0.11, "p2=200": -0.11,
    "p2=2001": 0.13, "p2=2008": -0.25, "p2=2011": 0.13,
    "p2=2013": -0.18, "p2=2016": 0.13, "p2=40": 0.13,
    "p2=48": 0.1, "p2=50": 0.13, "p2=60": -0.37,
    "p2=61": 0.11, "p2=69": 0.14, "p2=9": 0.22,
    "p2=;": 0.3, "p2=<s>": 0.61, "p2=>": -0.38,
    "p2=?": 0.25, "p2=about": -0.67, "p2=account": -0.15,
    "p2=act": -0.3, "p2=actions": 0.28, "p2=activists": 0.18,
    "p2=address": 0.15, "p2=administration": -0.19, "p2=adviser": -0.12,
    "p2=advocacy": -0.12, "p2=advocates": 0.22, "p2=affirm": -0.17,
    "p2=again": 0.13, "p2=against": -0.21, "p2=agency": 0.18,
    "p2=ailes": 0.14, "p2=all": 0.17, "p2=almost": -0.28,
    "p2=also": 0.48, "p2=although": 0.5, "p2=always": 0.1,
    "p2=america": 0.11, "p2=americans": -0.31, "p2=among": 0.52,
    "p2=anger": -0.11, "p2=announced": -0.16, "p2=announcement": 0.11,
    "p2=another": 0.21, "p2=answered": 0.15, "p2=answering": -0.16,
    "p2=answers": -0.17, "p2=anyone": -0.11, "p2=anything": -0.41,
    "p2=appears": -0.15, "p2=approach": -0.11, "p2=are": 0.31,
    "p2=area": -0.19, "p2=arizona": -0.15, "p2=arm": 0.11,
    "p2=as": 0.15, "p2=asked": -0.28, "p2=associated": 0.23,
    "p2=association": -0.1, "p2=at": -0.45, "p2=attack": -0.16,
    "p2=attacks": 0.15, "p2=attempt": 0.1, "p2=attract": -0.14,
    "p2=authorized": -0.25, "p2=avoided": 0.31, "p2=axelrod": -0.15,
    "p2=bad": 0.18, "p2=ban": -0.13, "p2=barack": 0.18,
    "p2=be": -0.16, "p2=became": -0.21, "p2=because": 0.32,
    "p2=beck": -0.27, "p2=been": 0.34, "p2=began": 0.11,
    "p2=begun": -0.16, "p2=behavior": -0.12, "p2=believe": -0.11,
    "p2=ben": 0.1, "p2=benghazi": -0.27, "p2=bernie": 0.13,
    "p2=best": -0.1, "p2=beyond": 0.19, "p2=bill": -0.19,
    "p2=billionaire": -0.14, "p2=bloomberg": 0.2, "p2=board": 0.15,
    "p2=book": -0.24, "p2=boston": 0.1, "p2=both": 0.39,
    "p2=british": 0.11, "p2=brought": 0.27, "p2=budget": 0.15,
    "p2=build": -0.11, "p2=business": 0.12, "p2=businesses": 0.11,
    "p2=but": 0.41, "p2=buy": -0.1, "p2=by": -0.62,
    "p2=calls": -0.11, "p2=cameron": -0.1, "p2=campaign": 0.45,
    "p2=campaigns": 0.23, "p2=can": -0.41, "p2=can't": 0.1,
    "p2=candidacy": 0.13, "p2=candidate": -0.21, "p2=candidates": 0.1,
    "p2=cannot": 0.13, "p2=care": -0.28, "p2=carly": 0.25,
    "p2=carson": 0.1, "p2=case": 0.11, "p2=cases": -0.12,
    "p2=caucus-goers": 0.27, "p2=caucuses": 0.18, "p2=cbs": 0.27,
    "p2=center": 0.1, "p2=centerview": 0.16, "p2=central": -0.11,
    "p2=certainly": 0.12, "p2=changes": -0.15, "p2=chief": 0.26,
    "p2=china": -0.24, "p2=chris": 0.31, "p2=christie": -0.37,
    "p2=city": 0.28, "p2=claim": -0.12, "p2=clear": -0.16,
    "p2=clinton": -0.11, "p2=clinton's": 0.41, "p2=close": -0.2,
    "p2=coalition": -0.1, "p2=college": -0.17, "p2=columbia": -0.23,
    "p2=come": 0.26, "p2=comment": 0.2, "p2=commission": 0.1,
    "p2=committee": 0.3, "p2=community": 0.22, "p2=company": 0.33,
    "p2=concerns": -0.1, "p2=conference": -0.21, "p2=conferences": -0.14,
    "p2=congress": 0.52, "p2=congressional": -0.15, "p2=conservatives": 0.22,
    "p2=continue": 0.35, "p2=continued": 0.62, "p2=continues": 0.1,
    "p2=could": 0.17, "p2=countries": -0.21, "p2=country": 0.17,
    "p2=court": 0.17, "p2=criticism": 0.38, "p2=critics": 0.1,
    "p2=cruz": 0.68, "p2=cuban": 0.22, "p2=current": -0.11,
    "p2=d": 0.19, "p2=daily": 0.15, "p2=data": 0.26,
    "p2=daughter": 0.1, "p2=days": -0.12, "p2=deal": -0.32,
    "p2=decided": -0.21, "p2=decision": -0.27, "p2=decisions": -0.12,
    "p2=declined": -0.11, "p2=defend": -0.17, "p2=defense": 0.18,
    "p2=delegates": -0.27, "p2=delivered": -0.11, "p2=democracy": 0.11,
    "p2=democrat": 0.12, "p2=democratic": -0.1, "p2=democrats": 0.36,
    "p2=despite": 0.16, "p2=devine": 0.11, "p2=diplomat": 0.12,
    "p2=director": 0.14, "p2=dismissed": -0.2, "p2=do": -0.36,
    "p2=document": 0.19, "p2=documents": -0.26, "p2=does": 0.41,
    "p2=donald": -0.13, "p2=donations": 0.21, "p2=donor": 0.15,
    "p2=donors": 0.28, "p2=down": 0.35, "p2=draft": 0.2,
    "p2=drawing": -0.13, "p2=drawn": 0.15, "p2=each": 0.3,
    "p2=early": 0.13, "p2=earned": 0.12, "p2=economic": -0.12,
    "p2=ecosystem": -0.2, "p2=editorial": -0.17, "p2=effort": 0.25,
    "p2=efforts": -0.19, "p2=email": -0.17, "p2=emails": 0.15,
    "p2=embracing": -0.27, "p2=enough": -0.1, "p2=era": -0.12,
    "p2=eric": 0.2, "p2=establishment": 0.31, "p2=estate": 0.12,
    "p2=even": 0.12, "p2=events": -0.2, "p2=every": -0.11,
    "p2=expected": -0.2, "p2=experts": 0.33, "p2=face": 0.27,
    "p2=faced": 0.31, "p2=faces": 0.16, "p2=facing": -0.1,
    "p2=failed": 0.12, "p2=fake": -0.11, "p2=far": -0.25,
    "p2=father": -0.13, "p2=federal": 0.1, "p2=few": 0.17,
    "p2=fields": -0.27, "p2=fight": 0.16, "p2=final": -0.23,
    "p2=financial": -0.29, "p2=fiorina": -0.12, "p2=first": 0.14,
    "p2=florida": 0.16, "p2=followers": -0.15, "p2=for": -0.54,
    "p2=foreign": -0.22, "p2=found": -0.24, "p2=francis": 0.18,
    "p2=friday": 0.22, "p2=from": -0.26, "p2=front-runner": 0.12,
    "p2=fundraising": 0.29, "p2=further": 0.12, "p2=garnered": 0.11,
    "p2=gave": 0.21, "p2=gender": -0.25, "p2=general": -0.44,
    "p2=george": 0.2, "p2=german": 0.12, "p2=germany": 0.11,
    "p2=get": -0.37, "p2=give": -0.1, "p2=given": -0.24,
    "p2=giving": -0.12, "p2=got": -0.16, "p2=government": 0.21,
    "p2=gowdy's": 0.15, "p2=grassley": 0.12, "p2=grayson": 0.11,
    "p2=group": 0.27, "p2=groups": -0.12, "p2=growth": 0.13,
    "p2=guns": 0.1, "p2=had": -0.1, "p2=hampshire": -0.2,
    "p2=hands": -0.1, "p2=harder": -0.2, "p2=hardly": 0.13,
    "p2=has": 0.39, "p2=have": 0.19, "p2=having": -0.35,
    "p2=he": -0.15, "p2=he'd": -0.23, "p2=he's": -0.25,
    "p2=hearing": 0.21, "p2=help": -0.14, "p2=helped": -0.21,
    "p2=her": 0.14, "p2=highlighted": -0.14, "p2=hillary": -0.14,
    "p2=him": -0.1, "p2=himself": 0.15, "p2=holding": -0.22,
    "p2=home": -0.28, "p2=hopes": -0.14, "p2=hoping": -0.17,
    "p2=how": -0.38, "p2=husband": -0.1, "p2=i": 0.26,
    "p2=idea": -0.14, "p2=ideas": -0.29, "p2=if": -0.37,
    "p2=immediately": 0.11, "p2=immigrants": 0.11, "p2=immigration": 0.22,
    "p2=important": -0.3, "p2=in": 0.28, "p2=inability": 0.14,
    "p2=independents": 0.23, "p2=indiana": -0.26, "p2=information": -0.22,
    "p2=initial": 0.18, "p2=initiative": -0.27, "p2=inspector": -0.18,
    "p2=instance": -0.17, "p2=instead": -0.18, "p2=insults": -0.13,
    "p2=intelligence": -0.14, "p2=intended": -0.29, "p2=interjected": 0.23,
    "p2=interviews": 0.17, "p2=investigation": -0.22, "p2=investigations": 0.15,
    "p2=investors": 0.27, "p2=iraq": -0.11, "p2=is": 0.28,
    "p2=isn't": 0.14, "p2=issue": -0.15, "p2=issued": 0.94,
    "p2=issues": -0.19, "p2=it": -0.19, "p2=it's": -0.14,
    "p2=its": -0.49, "p2=jeb": 0.17, "p2=jobs": 0.1,
    "p2=joe": -0.19, "p2=john": -0.29, "p2=journalists": -0.32,
    "p2=judge": 0.23, "p2=kaine": 0.2, "p2=kasich": 0.44,
    "p2=kelly": -0.23, "p2=kentucky": 0.16, "p2=khan": -0.13,
    "p2=known": 0.2, "p2=lack": -0.1, "p2=last": 0.4,
    "p2=latest": -0.14, "p2=latino": -0.29, "p2=law": 0.3,
    "p2=lawmakers": 0.39, "p2=lawsuit": -0.26, "p2=least": -0.13,
    "p2=legal": 0.16, "p2=letter": -0.18, "p2=level": -0.21,
    "p2=lewandowski": 0.2, "p2=liberal": 0.13, "p2=liberals": -0.1,
    "p2=life": 0.19, "p2=likely": 0.19, "p2=line": -0.27,
    "p2=local": 0.19, "p2=locked": 0.19, "p2=long": 0.19,
    "p2=lot": 0.17, "p2=low": -0.13, "p2=lynch": -0.16,
    "p2=made": 0.37, "p2=makes": 0.27, "p2=man": -0.21,
    "p2=manager": 0.16, "p2=martin": 0.16, "p2=me": 0.14,
    "p2=media": 0.26, "p2=meeting": -0.13, "p2=men": -0.11,
    "p2=message": -0.26, "p2=messages": -0.12, "p2=met": 0.33,
    "p2=miami": 0.11, "p2=michael": 0.11, "p2=michelle": -0.21,
    "p2=might": 0.13, "p2=mike": -0.11, "p2=military": -0.38,
    "p2=millennials": 0.13, "p2=million": 0.11, "p2=mission": -0.26,
    "p2=mitch": 0.16, "p2=moment": -0.16, "p2=monday": 0.17,
    "p2=money": -0.16, "p2=more": 0.1, "p2=morning": -0.12,
    "p2=much": -0.4, "p2=multiple": 0.13, "p2=must": 0.12,
    "p2=my": 0.13, "p2=name": -0.13, "p2=names": -0.21,
    "p2=nation": -0.13, "p2=national": 0.17, "p2=nearly": -0.22,
    "p2=need": 0.17, "p2=netanyahu": -0.17, "p2=nevada": -0.13,
    "p2=news": 0.45, "p2=night": 0.44, "p2=nomination": 0.31,
    "p2=nominee": -0.1, "p2=north": -0.13, "p2=not": -0.18,
    "p2=nothing": 0.13, "p2=november": -0.18, "p2=now": 0.31,
    "p2=nuclear": -0.12, "p2=numbers": -0.17, "p2=obama": 0.29,
    "p2=odds": -0.15, "p2=of": -0.58, "p2=off": -0.13,
    "p2=offered": 0.18, "p2=office": 0.33, "p2=official": 0.13,
    "p2=often": 0.13, "p2=old": 0.14, "p2=one": 0.1,
    "p2=ones": 0.2, "p2=only": -0.27, "p2=open": -0.15,
    "p2=opportunity": -0.37, "p2=or": -0.56, "p2=orlando": -0.37,
    "p2=other": 0.35, "p2=others": 0.23, "p2=outreach": 0.1,
    "p2=outside": 0.18, "p2=over": -0.31, "p2=overseas": -0.15,
    "p2=owners": 0.16, "p2=pac": 0.24, "p2=page": 0.1,
    "p2=palin's": 0.29, "p2=panel": 0.14, "p2=paper": -0.14,
    "p2=parties": -0.14, "p2=party": -0.26, "p2=party's": -0.16,
    "p2=passed": 0.24, "p2=past": -0.19, "p2=paul": -0.13,
    "p2=people": -0.11, "p2=percent": 0.21, "p2=piece": -0.17,
    "p2=pinchuk": -0.23, "p2=place": -0.1, "p2=plan": -0.35,
    "p2=planned": -0.26, "p2=planning": -0.19, "p2=plenty": 0.22,
    "p2=point": 0.17, "p2=police": -0.18, "p2=policies": 0.15,
    "p2=political": 0.17, "p2=politician": -0.12, "p2=politicians": 0.13,
    "p2=polling": -0.24, "p2=pollster": 0.23, "p2=popular": 0.1,
    "p2=position": 0.24, "p2=posted": 0.13, "p2=power": -0.16,
    "p2=president": 0.38, "p2=president's": 0.12, "p2=presidential": 0.12,
    "p2=previously": 0.1, "p2=priebus": 0.1, "p2=probably": -0.1,
    "p2=process": 0.16, "p2=program": 0.18, "p2=proposal": 0.14,
    "p2=protesters": 0.2, "p2=provide": 0.2, "p2=provided": 0.42,
    "p2=public": -0.3, "p2=published": 0.48, "p2=push": -0.11,
    "p2=put": 0.27, "p2=qualifications": 0.11, "p2=question": 0.2,
    "p2=quick": 0.51, "p2=rabbis": -0.22, "p2=race": 0.21,
    "p2=raised": 0.16, "p2=rate": -0.17, "p2=reached": 0.11,
    "p2=readers": -0.14, "p2=reasons": 0.11, "p2=recalled": -0.31,
    "p2=received": 0.27, "p2=refusal": -0.36, "p2=refuse": -0.23,
    "p2=refused": 0.13, "p2=registered": 0.18, "p2=rejected": 0.28,
    "p2=released": 0.72, "p2=religious": -0.15, "p2=reluctant": 0.12,
    "p2=remarks": 0.22, "p2=renew": 0.14, "p2=repeated": -0.14,
    "p2=reported": -0.32, "p2=reporters": 0.16, "p2=republican": -0.28,
    "p2=request": -0.31, "p2=requests": -0.23, "p2=respond": -0.2,
    "p2=responded": -0.14, "p2=results": 0.24, "p2=rhetoric": 0.49,
    "p2=right": -0.26, "p2=risk": -0.23, "p2=robby": 0.1,
    "p2=role": -0.24, "p2=romney": -0.22, "p2=roots": 0.14,
    "p2=rubio": 0.55, "p2=rule": 0.12, "p2=ryan": 0.15,
    "p2=s": -0.15, "p2=said": -0.81, "p2=same": 0.16,
    "p2=sanders's": -0.25, "p2=sarah": -0.11, "p2=say": -0.96,
    "p2=saying": -0.26, "p2=says": -0.71, "p2=scene": -0.41,
    "p2=scheduled": -0.11, "p2=school": -0.12, "p2=schultz": 0.15,
    "p2=scott": 0.22, "p2=sean": 0.1, "p2=second": 0.12,
    "p2=secretary": 0.17, "p2=security": -0.25, "p2=see": -0.19,
    "p2=seem": -0.24, "p2=seemed": 0.37, "p2=senate": 0.12,
    "p2=senators": 0.55, "p2=series": 0.12, "p2=server": -0.34,
    "p2=sexist": -0.1, "p2=shared": 0.18, "p2=she": 0.2,
    "p2=she's": -0.12, "p2=shift": -0.31, "p2=shirt": -0.11,
    "p2=should": -0.75, "p2=show": -0.24, "p2=showed": 0.23,
    "p2=shown": 0.16, "p2=side": 0.16, "p2=sign": 0.1,
    "p2=significant": -0.12, "p2=silence": 0.28, "p2=since": 0.26,
    "p2=so": -0.21, "p2=some": 0.91, "p2=something": 0.49,
    "p2=soon": -0.24, "p2=sources": 0.11, "p2=speakers": 0.21,
    "p2=speech": 0.29, "p2=speeches": -0.13, "p2=spent": 0.17,
    "p2=staff": 0.14, "p2=stage": -0.12, "p2=started": 0.4,
    "p2=state": -0.29, "p2=statement": 0.72, "p2=statistics": 0.1,
    "p2=step": 0.15, "p2=story": -0.21, "p2=struggled": 0.23,
    "p2=struggling": 0.32, "p2=subject": 0.37, "p2=sunday": 0.25,
    "p2=super": -0.34, "p2=superdelegates": -0.17, "p2=support": -0.15,
    "p2=supported": -0.23, "p2=supporter": 0.11, "p2=supporters": 0.79,
    "p2=surrogate": -0.12, "p2=svp": 0.2, "p2=system": 0.22,
    "p2=take": 0.21, "p2=taken": 0.32, "p2=tax": -0.13,
    "p2=tayyip": -0.3, "p2=team": 0.17, "p2=technologies": -0.1,
    "p2=tend": 0.23, "p2=term": -0.11, "p2=terrorist": -0.11,
    "p2=texas": -0.13, "p2=than": -0.47, "p2=that": -0.79,
    "p2=that's": -0.1, "p2=their": -0.61, "p2=them": 0.1,
    "p2=then": 0.12, "p2=there's": 0.15, "p2=these": 0.15,
    "p2=they": -0.14, "p2=they're": 0.32, "p2=things": 0.12,
    "p2=this": 0.41, "p2=thomas": -0.24, "p2=those": -0.11,
    "p2=though": 0.51, "p2=three": 0.11, "p2=threw": 0.2,
    "p2=through": -0.12, "p2=thursday": 0.25, "p2=tim": -0.15,
    "p2=time": 0.12, "p2=times": 0.25, "p2=to": -0.43,
    "p2=tone": -0.1, "p2=took": 0.24, "p2=trail": -0.13,
    "p2=transcript": 0.1, "p2=tried": 0.1, "p2=trump": 0.14,
    "p2=trump's": -0.29, "p2=try": 0.14, "p2=trying": 0.34,
    "p2=tuesday's": 0.1, "p2=turned": 0.12, "p2=turning": -0.13,
    "p2=tv": 0.19, "p2=tweeted": 0.21, "p2=under": 0.13,
    "p2=understand": -0.12, "p2=union": 0.1, "p2=unions": -0.23,
    "p2=united": -0.3, "p2=university": 0.25, "p2=until": -0.53,
    "p2=up": 0.23, "p2=usa": 0.31, "p2=use": 0.14,
    "p2=used": 0.16, "p2=users": 0.17, "p2=vegas": -0.12,
    "p2=veteran": 0.21, "p2=victory": -0.12, "p2=view": 0.17,
    "p2=violence": -0.2, "p2=voice": -0.21, "p2=vote": -0.14,
    "p2=voted": 0.4, "p2=voters": -0.27, "p2=voting": 0.18,
    "p2=walker": -0.15, "p2=wall": -0.21, "p2=want": 0.16,
    "p2=wanted": -0.14, "p2=wants": -0.12, "p2=war": -0.25,
    "p2=was": 0.36, "p2=wasserman": 0.11, "p2=wave": -0.13,
    "p2=way": 0.11, "p2=weaver": -0.11, "p2=wednesday": 0.4,
    "p2=week": 0.39, "p2=weeks": -0.24, "p2=well": -0.38,
    "p2=were": -0.23, "p2=what": -0.83, "p2=when": -0.49,
    "p2=whether": -0.65, "p2=which": 0.67, "p2=while": 0.4,
    "p2=white": -0.25, "p2=whose": 0.25, "p2=why": -0.21,
    "p2=willing": -0.19, "p2=win": -0.11, "p2=winning": -0.11,
    "p2=with": -0.11, "p2=without": 0.16, "p2=women": -0.39,
    "p2=won": 0.38, "p2=words": 0.1, "p2=work": -0.12,
    "p2=workers": -0.17, "p2=world": -0.11, "p2=would": -0.29,
    "p2=wrong": -0.11, "p2=wrote": 0.66, "p2=years": 0.25,
    "p2=york": 0.25, "p2=you": 0.1, "p2=zero": -0.18,
    "p2=zoe": 0.16, "p2=\u2014": 0.39, "p2=\u2015": 0.2,
    "p2=\u2018": -0.13, "p2=\u201c": 0.15, "p2=\u201d": 0.44,
}
STOP_AT_NEXT_CUE = True
#: A candidate cue fires when its context-adjusted odds reach this value (tuned on PolNeAR train).
THRESHOLD = 0.6


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


# --- lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueIndex:
    """Forms looked up by their first word: ``first -> [(words, entry, form)]`` longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], CueEntry, str]]]
    #: per (entry, form): form features and whether the form is a strong cue (filled lazily)
    form_cache: dict[tuple[int, str], tuple[list[str], bool]] = field(default_factory=dict)


def _build_index(entries: Sequence[CueEntry]) -> CueIndex:
    by_first: dict[str, list[tuple[tuple[str, ...], CueEntry, str]]] = {}
    for e in entries:
        for f in e.forms:
            words = tuple(f.split(" "))
            by_first.setdefault(words[0], []).append((words, e, f))
    for lst in by_first.values():
        lst.sort(key=lambda t: -len(t[0]))
    return CueIndex(by_first)


@lru_cache(maxsize=1)
def _packaged_index() -> CueIndex:
    """The packaged lexicon (used when the ``Doc`` carries no lexicons object)."""
    path = resources.files("toolkit.annotate").joinpath("lexicons", f"{LEXICON}.v1.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _build_index([CueEntry.model_validate(e) for e in data["entries"]])


def cue_entries(lexicons: Any = None) -> tuple[CueEntry, ...]:
    """Validated ``reporting_verbs`` entries of ``lexicons`` (packaged list when ``None``)."""
    if lexicons is None or not hasattr(lexicons, "get"):
        path = resources.files("toolkit.annotate").joinpath("lexicons", f"{LEXICON}.v1.yml")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return tuple(CueEntry.model_validate(e) for e in data["entries"])
    return tuple(lexicons.get(LEXICON, CueEntry))


def _index(lexicons: Any) -> CueIndex:
    if lexicons is None or not hasattr(lexicons, "compiled"):
        return _packaged_index()
    return lexicons.compiled((NAME, "index"), lambda lx: _build_index(cue_entries(lx)))


# --- tokens, sentences, quotations -----------------------------------------------------------

_TOKEN = re.compile(r"''|\w+(?:['\u2019\-]\w+)*|\S")
_FALLBACK_SENT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018A-Z0-9])|\n\s*\n|\n")


class Tok:
    """A token: offsets, text, normalised lower case, sentence index, quotation mark role."""

    __slots__ = ("start", "end", "text", "low", "sent", "q", "is_word", "is_cap")

    def __init__(self, start: int, end: int, text: str, sent: int = 0) -> None:
        self.start, self.end, self.text, self.sent = start, end, text, sent
        self.low = text.lower().replace("\u2019", "'")
        self.q = ""  # "o" opens a quotation, "c" closes one
        first = text[0]
        self.is_word = first.isalnum() or first == "_"
        self.is_cap = first.isupper()


def _fallback_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _FALLBACK_SENT.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


_NONSPACE = re.compile(r"\S+")
_LAST_NONSPACE = re.compile(r"(\S)\s*$")
_QMARK = re.compile("\'\'|[\"\u201c\u201d\u00ab\u00bb\u201e]")


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Quotations as ``(start, end)`` including their marks, within a paragraph.

    Curly quotes, guillemets, low-high quotes, straight double quotes and the doubled
    apostrophes some archives use (''...''). An opening mark with no closing mark runs to
    the end of its paragraph (a quotation that goes on in the next paragraph reopens there,
    as news style has it).
    """
    regions: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        e0 = para.end()
        open_at: int | None = None
        open_mark = ""
        for m in _QMARK.finditer(text, para.start(), e0):
            mark = m.group()
            if open_at is None:
                if mark in ("\u201d", "\u00bb"):
                    continue  # a stray closing mark
                open_at, open_mark = m.start(), mark
                continue
            if open_mark == "''":
                closes = mark == "''"
            elif mark in ("\u201d", '"', "\u00bb"):
                closes = True  # mixed marks ("...” or “...") still close a quotation
            elif mark == "\u201c":
                # „...“ closes; a “ followed by a space or punctuation is a misused closing mark
                after = text[m.end() : m.end() + 1]
                closes = open_mark == "\u201e" or after == "" or not (after.isalnum() or after in "'\u2018")
            else:
                closes = False
            if closes:
                regions.append((open_at, m.end()))
                open_at = None
        if open_at is not None:
            regions.append((open_at, e0))
    return regions


# --- word classes -------------------------------------------------------------------------

_DET = frozenset("the a an this that these those his her their its my our your some any every each".split())
_PRONOUNS = frozenset("he she they we i you it who which".split())
_GENERIC_HEADS = frozenset(
    """ministry minister spokesman spokeswoman spokesperson official officials government
    department agency campaign company president senator governor office kremlin embassy
    aide aides administration candidate party group committee""".split()
)
_AUX = frozenset(
    """has have had is was are were will would could should may might can must did does do
    been be being also not never n't 'd 's ’s then later earlier again already still just even
    once often ultimately first recently previously now repeatedly reportedly long since
    always initially further yet so thus too both all well each soon
    don't doesn't didn't won't can't isn't wasn't hasn't haven't hadn't wouldn't couldn't
    shouldn't aren't weren't""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_BOUNDARY = frozenset(
    """and but or nor that which who whom whose because if when while as after before since than
    so where although though whether until unless once then for to of in on at with from by into
    about over under against during without is was are were has have had will would be been""".split()
)
_NP_INNER = frozenset("of the for and de van von al el bin la le".split())
_CLAUSE_START = frozenset(
    """that he she they we i it there this these those you how why whether what when where who
    if which""".split()
)
_FINITE = frozenset(
    """is was are were has have had will would could should may might can must did does do
    am 's ’s""".split()
)
_OBJ_VERBS = frozenset(
    """tell told tells telling ask asked asks asking urge urged urges urging warn warned warns
    warning remind reminded reminds reminding assure assured assures inform informed informs
    convince convinced persuade persuaded""".split()
)
_TAIL_EXT = (
    ("in", "a", "statement"),
    ("in", "an", "interview"),
    ("in", "a", "tweet"),
    ("in", "an", "email"),
    ("in", "a", "speech"),
    ("on", "twitter"),
)
_TAIL_FIRST = frozenset(ext[0] for ext in _TAIL_EXT) | {"on"}
_NEXT_PRONOUNS = frozenset("he she they it we i you there".split())
_NEXT_PREPS = frozenset("for on about of with against in at by".split())
_MODALS = frozenset("would could will should may might can must".split())
_HAVE = frozenset("has have had".split())
_NEGATIONS = frozenset("not n't never".split())
_RELATIVES = frozenset("who which that".split())
_SUBJ_PRONOUNS = frozenset("he she they i we you".split())
_BE = frozenset("is was are were be been being".split())
_OBJECTS = frozenset("him her them me us reporters".split())
_EVIDENCE = frozenset(
    """poll polls survey surveys report reports record records data document documents filings
    study studies figures numbers results analysis research statistics estimates""".split()
)
_IRREGULAR_PP = frozenset("told shown known seen written found thought said heard taken given".split())
#: Cues whose grammatical subject is what is attributed, not who ("Carson appears to be slipping").
_RAISING = frozenset("seem seems seemed appear appears appeared expected".split())
#: What may follow a sentence-initial participle cue ("Asked if he would run, Smith said ...").
_AFTER_FRONTED = frozenset(
    """by if whether about what why how when , : to at on in during again later repeatedly
    specifically directly monday tuesday wednesday thursday friday saturday sunday""".split()
)
_PARTICIPLE_LEAD = frozenset("while before after by when without in since".split())
_TIME_WORDS = frozenset(
    """today yesterday tonight earlier later again also repeatedly previously recently publicly
    privately once twice now then""".split()
)
#: Participles used as adjectives before a noun ("the reported attack", "an alleged plot").
_ADJ_PARTICIPLE_DET = frozenset("the a an this that these those its their his her".split())
_NAMING = frozenset("named called titled dubbed known entitled".split())
_COLON_ENTRY = CueEntry(lemma=":", stance="neutral", pos="punct", forms=[":"], prior=0.7)
_CLAUSE_LINKS = frozenset("and but while as when because although though after before since".split())
_PASSIVE_AUX = frozenset("was were is are been be being 's ’s".split())
_NAME_TITLES = frozenset(
    """mr mrs ms dr sen rep gov gen president senator minister secretary chancellor prime
    foreign defense defence interior spokesman spokeswoman chairman leader speaker judge
    pope king queen prince general colonel officer ambassador director chief governor
    mayor representative former deputy vice state press""".split()
)


#: Upper-case line labels that introduce no speaker ("UPDATE: ...", "WATCH: ...").
_NOT_SPEAKERS = frozenset(
    """update updated watch note editor correction related read more video photo photos breaking
    source sources see also listen live exclusive analysis opinion subscribe click here latest wow
    boom byline bombshell busted leaked just email paid notice guide poll report fix""".split()
)


def _speaker_label(head: Sequence[Tok]) -> bool:
    """A transcript speaker before a colon at a line start: ``JOEL BENENSON:``, ``Q:``,
    ``Luciana Lopez:`` (upper-case words, or two or three capitalised words)."""
    if not 1 <= len(head) <= 3 or not all(h.is_word and h.is_cap for h in head):
        return False
    if any(h.low in _NOT_SPEAKERS for h in head):
        return False
    return all(h.text.isupper() for h in head) or len(head) >= 2


def _odds(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return p / (1.0 - p)


# --- the analysis ------------------------------------------------------------------------


@dataclass
class Cand:
    i: int  # first token of the cue
    j: int  # one past the last token
    entry: CueEntry
    form: str
    odds: float
    pattern: str = ""


@dataclass
class Attr:
    cand: Cand
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]] = field(default_factory=list)
    pattern: str = "X_said"


class _Analysis:
    def __init__(self, doc: Doc) -> None:
        text = doc.text[:MAX_CHARS]
        self.text = text
        self.doc = doc
        sents = [(s, e) for s, e in doc.sentences if s < len(text)] or _fallback_sentences(text)
        self.sents = sents
        self.toks: list[Tok] = []
        self.sent_tok: list[tuple[int, int]] = []  # token range per sentence
        k = 0
        toks = self.toks
        finditer = _TOKEN.finditer
        for si, (s, e) in enumerate(sents):
            first = len(toks)
            toks.extend([Tok(*m.span(), m.group(), si) for m in finditer(text, s, min(e, len(text)))])
            self.sent_tok.append((first, len(toks)))
            k += 1
        self._starts = starts = [t.start for t in toks]
        self.quotes = _quote_regions(text)
        # quotation marks: look the few quotation edges up by offset, not every token
        for qs, qe in self.quotes:
            k = bisect.bisect_left(starts, qs)
            if k < len(toks) and toks[k].start == qs:
                toks[k].q = "o"
            if qe - qs > 1 and text[qe - 1] in "\u201d\u00bb\u201c\"'":
                for k in (bisect.bisect_left(starts, qe - 1), bisect.bisect_left(starts, qe - 2)):
                    if k < len(toks):
                        t = toks[k]
                        if t.end == qe and not t.q and t.text in ("\u201d", "\u00bb", "\u201c", '"', "''"):
                            t.q = "c"
        self._marks = sorted({k for qs, qe in self.quotes for k in (
            bisect.bisect_left(starts, qs), bisect.bisect_left(starts, qe - 1), bisect.bisect_left(starts, qe - 2)
        ) if k < len(toks) and toks[k].q})
        self.qmask = bytearray(len(text))
        for qs, qe in self.quotes:
            # the marks themselves are not "inside"
            if qe - qs > 2:
                self.qmask[qs + 1 : qe - 1] = b"\x01" * (qe - qs - 2)
        self.index = _index(doc.lexicons)
        self._title_cache: dict[int, bool] = {}
        self.collect: list[Cand] | None = None

    # -- helpers --
    def in_quote(self, pos: int) -> bool:
        return 0 <= pos < len(self.qmask) and bool(self.qmask[pos])

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        for qs, qe in self.quotes:
            if qs <= pos < qe:
                return qs, qe
        return None

    def sent_range(self, ti: int) -> tuple[int, int]:
        return self.sent_tok[self.toks[ti].sent]

    # -- step 1: candidates --
    def frame_candidates(self) -> list[Cand]:
        """``Name: what they said`` at a paragraph start (headline style)."""
        toks, text = self.toks, self.text
        out: list[Cand] = []
        last_char: dict[int, str] = {}  # line end -> its last non-space character
        for a, b in self.sent_tok:
            if b - a < 3:
                continue
            st = toks[a].start
            if st and text[st - 1] != "\n":
                continue  # only a sentence that opens a line can be a headline frame
            line_end = text.find("\n", st)
            end = len(text) if line_end < 0 else line_end
            # no copy of the rest of the line: linear in texts without line breaks
            if end not in last_char:  # text[st] is a token, so the line is not blank
                m = _LAST_NONSPACE.search(text, st, end)
                last_char[end] = m.group(1) if m else ""
            last = last_char[end]
            headline = self.title_case(toks[a].sent) or (
                sum(1 for _ in islice(_NONSPACE.finditer(text, st, end), 17)) <= 16
                and last not in (".", "?", "!")
            )
            if st == 0 or text[st - 1] == "\n":
                for k in range(a + 1, min(a + 6, b - 1)):
                    t = toks[k]
                    if t.text == ":":
                        head = toks[a:k]
                        if not headline and not _speaker_label(head):
                            break
                        if any(h.low in _NOT_SPEAKERS for h in head) or toks[k + 1].text[0].isdigit():
                            break  # a kicker ("Breaking: ...", "The Latest: ...") or a tally
                        names = all(h.is_word and (h.is_cap or h.low in ("camp", "of", "the")) for h in head)
                        cue_word = any(h.low in self.index.by_first for h in head)
                        if names and not cue_word and (toks[k + 1].is_word or toks[k + 1].q == "o"):
                            out.append(Cand(k, k + 1, _COLON_ENTRY, ":", 2.0, "X_colon"))
                        break
                    if not t.is_word:
                        break
        return out

    def lexicon_hits(self) -> list[int]:
        """Indices of the tokens outside quotation marks that start a lexicon form."""
        idx, qmask = self.index.by_first, self.qmask
        return [k for k, t in enumerate(self.toks) if t.low in idx and not qmask[t.start]]

    def count_strong(self, hits: list[int]) -> dict[int, int]:
        """Per sentence, how many words are forms with a prior of at least 0.8 (said, told, ...)."""
        out: dict[int, int] = {}
        idx = self.index.by_first
        toks = self.toks
        for k in hits:
            t = toks[k]
            words, entry, form = idx[t.low][-1]
            if len(words) == 1 and entry.prior_of(form) >= 0.8:
                out[t.sent] = out.get(t.sent, 0) + 1
        return out

    def candidates(self) -> list[Cand]:
        hits = self.lexicon_hits()
        self.strong_cues = self.count_strong(hits)
        toks, idx = self.toks, self.index.by_first
        out: list[Cand] = self.frame_candidates()
        taken = {c.i for c in out}
        n = len(toks)
        nxt_free = 0  # tokens before this are inside a fired cue
        for i in hits:
            if i < nxt_free or i in taken:
                continue
            t = toks[i]
            options = idx[t.low]
            hit = None
            prev_low = toks[i - 1].low if i > 0 else ""
            nounish = prev_low in _DET or prev_low.endswith("'s")
            for words, entry, form in options:
                j = i + len(words)
                if j <= n and (len(words) == 1 or all(toks[i + k].low == w for k, w in enumerate(words))):
                    if hit is None:
                        hit = Cand(i, j, entry, form, 0.0)
                    elif j == hit.j and nounish and entry.pos == "noun" and hit.entry.pos != "noun":
                        hit = Cand(i, j, entry, form, 0.0)
                    elif j < hit.j:
                        break
            if hit is None:
                continue
            hit.odds = self.score(hit)
            if self.collect is not None:
                self.collect.append(hit)
            if hit.odds >= THRESHOLD:
                out.append(hit)
                nxt_free = hit.j
        return out

    def score(self, c: Cand) -> float:
        toks = self.toks
        t = toks[c.i]
        s0, s1 = self.sent_range(c.i)
        e = c.entry
        prev = toks[c.i - 1] if c.i > s0 else None
        nxt = toks[c.j] if c.j < s1 else None
        # vetoes first (hand rules that the fitted weights may not override): a vetoed
        # candidate needs no features
        # a capitalised cue word that is a name ("a man named Said", "Said Ahmed said")
        if t.is_cap and e.pos not in ("phrase", "punct") and not self.title_case(t.sent):
            after_open = prev is not None and (bool(prev.q) or prev.text in ":(\u2018'\u2014")
            if prev is not None and not after_open:
                return 0.0
            elif nxt is not None and nxt.is_cap and nxt.low not in ("i",) and nxt.is_word:
                return 0.0
            elif prev is None and e.pos == "verb" and not c.form.endswith("ing") and (
                nxt is None or nxt.low not in _AFTER_FRONTED
            ):
                return 0.0  # "Said was born in Cairo": a sentence-initial name, not a verb
        halve = False
        if e.needs_clause and not self.has_clause(c.j, s1) and not self.tail_position(c):
            evidence = c.i - 1 >= s0 and toks[self.skip_aux_left(c.i - 1, s0)].low in _EVIDENCE
            if not evidence:
                return 0.0  # "the fire claimed three lives", "the claimed attack"
            halve = True
        # an adjectival participle: "the reported attack", "an alleged plot", "the claimed strike"
        if (
            e.pos == "verb"
            and prev is not None
            and prev.low in _ADJ_PARTICIPLE_DET
            and (c.form.endswith("ed") or c.form in _IRREGULAR_PP)
            and nxt is not None
            and nxt.is_word
            and not nxt.is_cap
            and nxt.low not in _BOUNDARY
            and nxt.low not in _CLAUSE_START
        ):
            return 0.0
        odds = _odds(e.prior_of(c.form))
        weights, own = CONTEXT_WEIGHTS, e.context
        feats = self.features(c, prev, nxt, s0, s1)
        if own:
            odds *= math.exp(sum([weights.get(f, 0.0) + own.get(f, 0.0) for f in feats]))
        else:
            odds *= math.exp(sum([weights.get(f, 0.0) + 0.0 for f in feats]))
        if halve:
            odds *= 0.5
        # naming, not reporting: "a man named Said", "a group called X"
        if c.form in _NAMING and prev is not None and prev.is_word and not prev.is_cap and (
            prev.low not in _PRONOUNS and prev.low not in _AUX
        ):
            odds *= 0.1
        return odds

    def form_features(self, c: Cand) -> tuple[list[str], bool]:
        """Features of the form alone (part of speech, inflection) and whether it is a strong
        cue (prior >= 0.8); cached per lexicon index."""
        key = (id(c.entry), c.form)
        got = self.index.form_cache.get(key)
        if got is None:
            e = c.entry
            f = [f"pos_{e.pos}"]
            last = c.form.split(" ")[-1] if e.pos != "verb" else c.form.split(" ")[0]
            if last.endswith("ing"):
                f.append("form_ing")
            elif last.endswith("ed") or last in _IRREGULAR_PP:
                f.append("form_ed")
            elif last.endswith("s"):
                f.append("form_s")
            got = self.index.form_cache[key] = (f, e.prior_of(c.form) >= 0.8)
        return got

    def features(self, c: Cand, prev: Tok | None, nxt: Tok | None, s0: int, s1: int) -> list[str]:
        """Names of the context features of candidate ``c`` (weights in :data:`CONTEXT_WEIGHTS`)."""
        toks = self.toks
        ci, cj = c.i, c.j
        base, strong_form = self.form_features(c)
        f = list(base)
        app = f.append
        if nxt is None or nxt.text in ".!?;":
            app("next_end")
        else:
            nl = nxt.low
            if nl == "that":
                app("next_that")
            elif nxt.text == ":" or nxt.q == "o":
                app("next_colon_quote")
            elif nxt.text == ",":
                app("next_comma_quote" if cj + 1 < s1 and toks[cj + 1].q == "o" else "next_comma")
            elif nl == "to":
                app("next_to")
            elif nl in _NEXT_PRONOUNS:
                app("next_pronoun")
            elif nl in _NEXT_PREPS:
                app("next_prep")
            elif nl in _DET:
                app("next_det")
            elif nxt.is_cap:
                app("next_cap")
        if prev is None:
            app("sent_start")
        else:
            pl = prev.low
            if pl in _DET or pl.endswith("'s"):
                app("prev_det")
            elif pl == "to":
                app("prev_to")
            elif pl in _MODALS:
                app("prev_modal")
            elif pl in _HAVE:
                app("prev_perfect")
            elif pl in _NEGATIONS:
                app("prev_not")
            elif pl in _RELATIVES:
                app("prev_rel")
            elif pl in _SUBJ_PRONOUNS:
                app("prev_pronoun")
            elif prev.text == ",":
                app("prev_comma")
            elif prev.q == "c":
                app("prev_close_quote")
            elif prev.is_cap:
                app("prev_cap")
            elif pl in _BE:
                app("prev_be")
            elif prev.is_word:
                app("prev_word")
        k = self.skip_aux_left(ci - 1, s0)
        if self.subject_like_at(k, s0):
            app("subject_left")
        if ci - 1 >= s0 and toks[k].low in _EVIDENCE:
            app("evidence_subject")
        if self.has_clause(cj, s1):
            app("clause_follows")
        if self.title_case(toks[ci].sent):
            app("title")
        p2 = toks[ci - 2].low if ci - 2 >= s0 else "<s>"
        if p2 in _RELATIVES:
            app("prev2_rel")
        if nxt is not None and nxt.low in _OBJECTS:
            app("next_object")
        if self.has_mark(cj, min(s1, cj + 12)):
            app("quote_after")
        if self.has_mark(max(s0, ci - 4), ci):
            app("quote_before")
        if prev is not None and prev.is_word and not prev.is_cap and prev.low.endswith("s") and (
            prev.low not in _AUX and prev.low not in _BOUNDARY
        ):
            app("prev_plural")
        if ci - s0 > 25:
            app("deep_in_sentence")
        if k < s0:
            app("subj_none")
        else:
            tk = toks[k]
            if tk.low in _SUBJ_PRONOUNS:
                app("subj_pronoun")
            elif tk.is_cap:
                app("subj_name")
            elif tk.is_word and tk.low not in _BOUNDARY:
                app("subj_noun")
        if self.strong_cues.get(toks[ci].sent, 0) - strong_form > 0:
            app("other_strong_cue")
        opened = False
        window = toks[max(s0, ci - 6):ci]  # a slice: islice would walk from token 0
        for t in window:
            if t.text == ")":
                opened = False
                break
            if t.text == "(":
                opened = True
        if opened and not any(t.text == ")" for t in window):
            app("in_parens")
        # the neighbouring words themselves (their weights are in CONTEXT_WEIGHTS too)
        app("p1=" + (prev.low if prev is not None else "<s>"))
        app("n1=" + (nxt.low if nxt is not None else "</s>"))
        app("p2=" + p2)
        app("n2=" + (toks[cj + 1].low if cj + 1 < s1 else "</s>"))
        return f

    def has_mark(self, a: int, b: int) -> bool:
        """Whether a token of ``a:b`` opens or closes a quotation (binary search, no scan)."""
        marks = self._marks
        k = bisect.bisect_left(marks, a)
        return k < len(marks) and marks[k] < b

    def title_case(self, si: int) -> bool:
        """Whether sentence ``si`` is a headline in title case (most words capitalised)."""
        cache = self._title_cache
        if si not in cache:
            a, b = self.sent_tok[si]
            n = caps = 0
            for t in self.toks[a:b]:  # islice would walk from token 0 for every sentence
                if t.is_word and t.text[0].isalpha():
                    n += 1
                    caps += t.is_cap
            cache[si] = n >= 3 and caps >= 0.7 * n
        return cache[si]

    def subject_like(self, k: int, s0: int) -> bool:
        """Whether a pronoun, a name or an evidence noun (polls, records) ends right before ``k + 1``."""
        return self.subject_like_at(self.skip_aux_left(k, s0), s0)

    def subject_like_at(self, k: int, s0: int) -> bool:
        """:meth:`subject_like` with the auxiliaries already skipped (``k`` from ``skip_aux_left``)."""
        if k < s0:
            return False
        t = self.toks[k]
        if not t.is_word:
            return False
        if t.low in ("he", "she", "they", "we", "i", "who"):
            return True
        if t.low in _EVIDENCE:
            return True
        return t.is_cap and not (k == s0 and t.low in _CLAUSE_START)

    def skip_time(self, j: int, s1: int) -> int:
        """Skip a time adverbial after a cue ("claimed today that", "said on Monday that")."""
        toks = self.toks
        for _ in range(3):
            if j < s1 and (toks[j].low in _TIME_WORDS or toks[j].low in _WEEKDAYS):
                j += 1
            elif j + 1 < s1 and toks[j].low in ("on", "last", "this", "earlier", "late") and (
                toks[j + 1].low in _WEEKDAYS or toks[j + 1].low in ("week", "month", "year", "night")
            ):
                j += 2
            elif j < s1 and toks[j].low in ("morning", "afternoon", "evening", "night") and j > 0 and (
                toks[j - 1].low in _WEEKDAYS or toks[j - 1].low in ("this", "last", "yesterday")
            ):
                j += 1
            else:
                break
        return j

    def has_clause(self, j: int, s1: int) -> bool:
        """Whether a complement clause (that, quote, colon, subject + verb, to + verb) starts at ``j``."""
        toks = self.toks
        j = self.skip_time(j, s1)
        if j >= s1:
            return False
        t = toks[j]
        if t.low in _CLAUSE_START or t.text == ":" or t.q == "o":
            return True
        if t.low == "to" and j + 1 < s1 and toks[j + 1].is_word:
            return True
        # a short noun phrase followed by a finite verb ("the attack was ...", "Russia will ...")
        for k in range(j, min(j + 6, s1)):
            w = toks[k]
            if not w.is_word:
                return False
            if w.low in _FINITE or (k > j and w.low.endswith("ed") and toks[k - 1].is_cap):
                return k > j
        return False

    def tail_position(self, c: Cand) -> bool:
        """``"...," X said.`` / ``..., said X.``: the cue closes its sentence or clause."""
        s0, s1 = self.sent_range(c.i)
        j = self.skip_tail_ext(c.j, s1)
        if not self.mark_before(s0, s1, c.i):
            return False
        # "..., he claimed." or a parenthetical "This, CNN claimed, violates ..."
        return self.words_at_most(j, s1, 4) or (j < s1 and self.toks[j].text == ",")

    def skip_tail_ext(self, j: int, s1: int) -> int:
        toks = self.toks
        if j >= s1:
            return j
        first = toks[j].low
        if first not in _TAIL_FIRST:
            return j + 1 if first in _WEEKDAYS else j
        for ext in _TAIL_EXT:
            k = j + len(ext)
            if k <= s1 and all(toks[j + m].low == w for m, w in enumerate(ext)):
                return k
        # "on Monday", "Monday"
        if j < s1 and toks[j].low in _WEEKDAYS:
            return j + 1
        if j + 1 < s1 and toks[j].low == "on" and toks[j + 1].low in _WEEKDAYS:
            return j + 2
        return j

    # -- step 3: sources --
    def np_left(self, k: int, s0: int) -> tuple[int, int] | None:
        """Noun phrase ending at token ``k`` (inclusive), as a token range."""
        toks = self.toks
        if k >= s0 and toks[k].text == ")":
            m = k - 1
            while m > s0 and toks[m].text != "(" and k - m < 12:
                m -= 1
            if toks[m].text == "(" and m - 1 >= s0:
                inner = self.np_left(m - 1, s0)
                return (inner[0], k + 1) if inner else None
            return None
        if k < s0 or not toks[k].is_word:
            return None
        if toks[k].low in _PRONOUNS:
            return (k, k + 1)
        start = k
        m = k - 1
        count = 1
        while m >= s0 and count < 10:
            t = toks[m]
            if t.is_word:
                if t.low in _DET:
                    if t.low != "that":  # "claims that Kestrian drones": a complementiser
                        start = m
                    break
                inner = t.low in _NP_INNER and m - 1 >= s0 and toks[m - 1].is_cap and toks[m + 1].is_cap
                # "Officials in Velmora", "residents of Vyrda": a place after a plural head
                located = (
                    t.low in ("in", "of", "from")
                    and toks[m + 1].is_cap
                    and m - 1 >= s0
                    and toks[m - 1].is_word
                    and toks[m - 1].low.endswith("s")
                    and toks[m - 1].low not in _BOUNDARY
                    and toks[m - 1].low not in _AUX
                )
                if t.low in _BOUNDARY and not (inner or located):
                    break
                if t.low in _PRONOUNS or t.low in _AUX:
                    break
                start = m
            elif t.text == "." and m - 1 >= s0 and toks[m - 1].is_cap and len(toks[m - 1].text) <= 4:
                start = m  # "Sen." "Gov."
            elif t.text in "-&" and m - 1 >= s0 and toks[m - 1].is_word:
                start = m
            else:
                break
            m -= 1
            count += 1
        return (start, k + 1)

    def np_right(self, j: int, s1: int, limit: int = 12) -> tuple[int, int] | None:
        toks = self.toks
        if j >= s1 or not toks[j].is_word:
            return None
        if toks[j].low in _PRONOUNS:
            return (j, j + 1)
        k = j
        while k < s1 and k - j < limit:
            t = toks[k]
            if t.is_word:
                if k > j and t.low in _BOUNDARY and not (t.low in _NP_INNER and t.low != "for"):
                    break
                if k > j and t.low in ("that", "who", "which"):
                    break
            elif t.text == "." and toks[k - 1].is_cap and len(toks[k - 1].text) <= 4 and k + 1 < s1 and toks[k + 1].is_cap:
                pass
            elif t.text in "-&'\u2019":
                pass
            else:
                break
            k += 1
        return (j, k) if k > j else None

    def skip_aux_left(self, k: int, s0: int) -> int:
        toks = self.toks
        while k >= s0:
            t = toks[k]
            if t.low in _AUX or (t.low.endswith("ly") and len(t.low) > 4 and not t.is_cap):
                k -= 1
            elif t.low in _WEEKDAYS and k - 1 >= s0 and toks[k - 1].low == "on":
                k -= 2
            elif t.low in _WEEKDAYS:
                k -= 1
            else:
                break
        return k

    def leading_name(self, s0: int, limit: int) -> tuple[int, int] | None:
        """A capitalised name opening the sentence and closed by a comma ("Jeffrey Salkin, a ...")."""
        toks = self.toks
        k = s0
        while k < limit and k - s0 < 6 and (toks[k].is_cap or toks[k].text == "."):
            k += 1
        if k > s0 and k < limit and toks[k].text == "," and toks[s0].is_word and toks[s0].low not in _CLAUSE_START:
            return (s0, k)
        return None

    def subject_of_sentence(self, s0: int, limit: int) -> tuple[int, int] | None:
        toks = self.toks
        k = s0
        # skip an opening adverbial up to the first comma ("On Monday, ...")
        for m in range(s0, min(limit, s0 + 12)):
            if toks[m].text == ",":
                if m + 1 < limit and toks[m + 1].is_word:
                    k = m + 1
                break
        if k >= limit or not toks[k].is_word:
            return None
        if toks[k].low in _PRONOUNS:
            return (k, k + 1)
        m = k
        while m < limit and (toks[m].is_word or toks[m].text in ".-'") and m - k < 8:
            if m > k and (toks[m].low in _BOUNDARY or toks[m].low in _AUX):
                break
            if m > k and not toks[m].is_cap and toks[m].low not in _NP_INNER and toks[m - 1].low not in _DET:
                # lower-case word after a capitalised run ends the subject (a verb)
                if toks[m - 1].is_cap:
                    break
                # so does a verb-looking word after a noun ("The furious minister branded ...")
                if toks[m].low.endswith("ed") or toks[m].low in self.index.by_first:
                    break
            m += 1
        return (k, m) if m > k else None

    def source_left(self, c: Cand, s0: int) -> tuple[tuple[int, int] | None, str]:
        """(source token range, pattern) for a cue whose subject precedes it."""
        toks = self.toks
        k = self.skip_aux_left(c.i - 1, s0)
        if k < s0:
            return None, "said_X"
        t = toks[k]
        if t.text == ")":
            m = k - 1
            while m >= s0 and toks[m].text != "(":
                m -= 1
            if m > s0:
                np_ = self.np_left(m - 1, s0)
                if np_:
                    return (np_[0], k + 1), "X_said"
            return None, "X_said"
        if t.text == ",":
            seg_end = k
            m = k - 1
            while m >= s0 and toks[m].text != "," and k - m < 30:
                m -= 1
            if m <= s0 or toks[m].text != ",":
                return None, "said_X"
            seg = toks[m + 1 : seg_end]
            if not seg:
                return None, "said_X"
            if seg[0].low in ("who", "which", "whose"):
                np_ = self.np_left(m - 1, s0)
                return np_, "X_who_said"
            if seg[0].q or toks[m - 1].q == "c":
                return None, "said_X"
            if seg[0].low in _DET or seg[0].low.endswith("ing") or seg[0].is_cap or len(seg) <= 8:
                np_ = self.np_left(m - 1, s0)
                if np_ is not None and (toks[np_[0]].is_cap or toks[np_[0]].low in _PRONOUNS | _DET):
                    return (np_[0], seg_end), "X_who_said"
            first = self.leading_name(s0, c.i)
            if first is not None:
                return (first[0], seg_end), "X_who_said"
            return None, "said_X"
        if not t.is_word:
            return None, "said_X"
        if t.low in ("that", "and", "but", "as", "because", "to", "for", "of", "in", "on", "with", "from"):
            return None, "X_said"
        return self.np_left(k, s0), "X_said"

    # -- step 2+3+4: build --
    def build(self, c: Cand) -> Attr | None:
        toks = self.toks
        s0, s1 = self.sent_range(c.i)
        e = c.entry
        cue_i, cue_j = c.i, c.j
        after = self.skip_tail_ext(cue_j, s1)
        if after > cue_j and e.pos == "verb" and toks[cue_j].low == "in":
            cue_j = after  # "said in a statement" is one cue
        source: tuple[int, int] | None = None
        content: list[tuple[int, int]] = []
        pattern = "X_said"
        prev = toks[c.i - 1] if c.i > s0 else None

        if e.pos == "punct":  # Name: what they said
            pattern = "X_colon"
            source = (s0, c.i)
            content += [(c.j, self.clip_end(c.j, s1))] if toks[c.j].q != "o" else self.quote_from(c.j)
        elif e.pos == "phrase":  # according to X
            pattern = "according_to_X"
            source = self.np_right(cue_j, s1)
            end_src = source[1] if source else cue_j
            if end_src < s1 and toks[end_src].text == ",":
                tail = self.clip_end(end_src + 1, s1)
                if tail > end_src + 1 and c.i == self.clause_start(c.i, s0):
                    content.append((end_src + 1, tail))
            if not content:
                content += self.before_part(c.i, s0)
            if not content and end_src < s1:
                content.append((end_src, self.clip_end(end_src, s1)))
        elif e.pos == "adverb":  # reportedly
            pattern = "adverb"
            st = self.subject_of_sentence(s0, c.i)
            if st:
                content.append((st[0], self.clip_end(st[0], s1)))
        elif e.pos == "noun":
            pattern = "noun_cue"
            if prev is not None and (prev.low.endswith("'s") or prev.low in ("his", "her", "their", "its", "our", "my")):
                if prev.low.endswith("'s"):
                    source = self.np_left(c.i - 1, s0)
                else:
                    source = (c.i - 1, c.i)
                pattern = "X_claim"
            k = cue_j
            if k + 1 < s1 and toks[k].low in ("by", "from") and toks[k + 1].is_word:
                src = self.np_right(k + 1, s1, limit=6)
                if src:
                    source = src
                    k = src[1]
                    pattern = "claim_by_X"
            if k < s1 and toks[k].low in ("that", "of", "about", "on", "against", ":"):
                content.append((k, self.clip_end(k, s1)))
            elif k < s1 and toks[k].q == "o":
                content += self.quote_from(k)
        else:
            pk = c.i - 1
            while pk >= s0 and (toks[pk].low in ("not", "also", "never", "widely", "often", "long", "n't")
                                or (toks[pk].low.endswith("ly") and len(toks[pk].low) > 4)):
                pk -= 1
            participle_form = c.form.split(" ")[0]
            pp = participle_form.endswith("ed") or participle_form in _IRREGULAR_PP
            by_next = cue_j + 1 < s1 and toks[cue_j].low == "by" and c.i > s0 and toks[c.i - 1].low in ("as", ",")
            passive = pp and ((pk >= s0 and toks[pk].low in _PASSIVE_AUX) or by_next)
            passive = passive or participle_form in _RAISING
            participle = self.is_participle(c)
            coordinated = not participle and self.is_coordinated(c)
            if passive:
                pattern = "passive"
                subj = self.np_left(pk - 1, s0) if pk - 1 >= s0 and toks[pk].low in _PASSIVE_AUX else (
                    self.np_left(c.i - 1, s0) if participle_form in _RAISING and c.i - 1 >= s0 else None)
                k = cue_j
                if k + 1 < s1 and toks[k].low == "by":
                    source = self.np_right(k + 1, s1, limit=8)
                    k = source[1] if source else k
                if subj and toks[subj[0]].low != "it":
                    content.append(subj)
                if k < s1:
                    content.append((k, self.clip_end(k, s1)))
            elif participle or coordinated:
                pattern = "participle" if participle else "X_and_said"
                source = self.earlier_source(c.i, s0) or self.subject_of_sentence(s0, c.i)
                content += self.after_part(cue_j, s1, c)
            else:
                source, pattern = self.source_left(c, s0)
                right = self.skip_tail_ext(cue_j, s1)
                if source is None:
                    src_r = self.np_right(right, s1)
                    if src_r is not None and (
                        toks[src_r[0]].is_cap or toks[src_r[0]].low in _DET or toks[src_r[0]].low in _PRONOUNS
                    ) and (src_r[1] >= s1 or toks[src_r[1]].text in ",.;:!?(" or toks[src_r[1]].q
                           or (prev is not None and (prev.q == "c" or prev.text == ","))):
                        source = src_r
                        pattern = "said_X"
                        right = self.skip_tail_ext(src_r[1], s1)
                if pattern == "said_X" or (pattern in ("X_said", "X_who_said") and source is not None and self.is_tail(right, s1)):
                    content += self.before_part(source[0] if (source and source[0] < c.i) else c.i, s0)
                    if (right < s1 and toks[right].text == "," and right + 1 < s1 and toks[right + 1].is_word
                            and toks[right + 1].low not in self.index.by_first):
                        content.append((right + 1, self.clip_end(right + 1, s1)))
                    elif right < s1 and (toks[right].text in ",:" and right + 1 < s1 and toks[right + 1].q == "o"):
                        content += self.quote_from(right + 1)
                    if not content:
                        content += self.after_part(right, s1, c)
                    pattern = "quote_X_said" if pattern != "said_X" and self.starts_with_quote(s0) else pattern
                else:
                    content += self.after_part(right, s1, c)
                    if not content:
                        content += self.before_part(source[0] if source else c.i, s0)
        # character spans
        cue = (toks[cue_i].start, toks[cue_j - 1].end)
        src_span = (toks[source[0]].start, toks[source[1] - 1].end) if source else None
        spans = []
        for a, b in content:
            if isinstance(a, int) and isinstance(b, int) and b > a:
                spans.append((a, b))
        chars = []
        for a, b in spans:
            if a >= 0 and b <= len(toks) and not (a >= len(toks)):
                chars.append((toks[a].start, toks[b - 1].end))
        return Attr(c, cue, src_span, chars, pattern)

    def is_participle(self, c: Cand) -> bool:
        """``..., asserting that``, ``while denouncing``: a participle whose subject is the clause's."""
        s0, _ = self.sent_range(c.i)
        if not c.form.split(" ")[0].endswith("ing") or c.i <= s0:
            return False
        prev = self.toks[c.i - 1]
        return prev.text in (",", "\u2014", "-", "\u2013") or prev.low in _PARTICIPLE_LEAD

    def is_coordinated(self, c: Cand) -> bool:
        """``X rejected the idea and said that ...``: a second verb sharing the subject."""
        s0, _ = self.sent_range(c.i)
        k = self.skip_aux_left(c.i - 1, s0)
        return k > s0 and self.toks[k].low in ("and", "but") and c.entry.pos == "verb"

    def is_tail(self, j: int, s1: int) -> bool:
        toks = self.toks
        n = min(s1, len(toks)) - j  # no slicing or counting to the end: linear in long sentences
        if n <= 0:
            return True
        first = toks[j]
        if first.text in ".!?;" or (first.q == "c" and n <= 2):
            return True
        if first.text in ",:" and n > 1 and toks[j + 1].q == "o":
            return True
        return first.text == "," and self.words_at_most(j, s1, 25) and self.comma_before_cue(j)

    def mark_before(self, s0: int, s1: int, i: int) -> bool:
        """Whether a comma or closing quote precedes token ``i`` in the sentence ``s0:s1``.

        The first such token of each sentence is found once, so asking for every cue of a
        100,000-word sentence stays linear.
        """
        cache: dict[int, int] = self.__dict__.setdefault("_first_mark", {})
        first = cache.get(s0)
        if first is None:
            toks = self.toks
            end = min(s1, len(toks))
            first = next((k for k in range(s0, end) if toks[k].text in ",\u201d\""), end)
            cache[s0] = first
        return first < i

    def words_at_most(self, j: int, s1: int, limit: int) -> bool:
        """Whether tokens ``j:s1`` hold at most ``limit`` words (stops counting past it)."""
        n = 0
        for k in range(j, min(s1, len(self.toks))):
            if self.toks[k].is_word:
                n += 1
                if n > limit:
                    return False
        return True

    def comma_before_cue(self, j: int) -> bool:
        """Whether the sentence has a comma or closing quote before the cue (``Y, X said, Z``)."""
        s0, _ = self.sent_range(j - 1)
        return any(t.text in ",\u201d\"" for t in self.toks[s0 : j - 1])

    def starts_with_quote(self, s0: int) -> bool:
        t = self.toks[s0] if s0 < len(self.toks) else None
        return t is not None and (t.q == "o" or self.in_quote(t.start))

    def clause_start(self, i: int, s0: int) -> int:
        return s0

    def earlier_source(self, i: int, s0: int) -> tuple[int, int] | None:
        for a in reversed(self.built):
            if a.cand.i < i and a.cand.i >= s0 and a.source_tok is not None:
                return a.source_tok
        return None

    def clip_end(self, j: int, s1: int) -> int:
        """End (token index, exclusive) of a content clause starting at ``j``."""
        toks = self.toks
        k = j
        last_boundary = None
        while k < s1:
            t = toks[k]
            if t.text == ";":
                break
            if k > j and t.text == "," or t.low in _CLAUSE_LINKS:
                last_boundary = k
            if k > j and k in self.fired and last_boundary is not None and STOP_AT_NEXT_CUE:
                k = last_boundary
                break
            if t.text == "," and k + 1 < s1:
                nx = toks[k + 1]
                if nx.q == "c" and k + 2 < s1:
                    nx = toks[k + 2]
                if nx.low.endswith("ing") and nx.low in self.index.by_first and not self.in_quote(nx.start):
                    break
                if nx.low in ("according",):
                    break
            k += 1
        while k > j and toks[k - 1].text in ".,;:!?":
            k -= 1
        return k

    def quote_from(self, k: int) -> list[tuple[int, int]]:
        """Token range of the quotation opening at token ``k`` (may run past the sentence)."""
        q = self.quote_at(self.toks[k].start)
        if q is None:
            return []
        return [self.char_to_tok(q[0], q[1])]

    def char_to_tok(self, a: int, b: int) -> tuple[int, int]:
        import bisect

        starts = self._starts
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_left(starts, b)
        return (i, max(j, i + 1))

    def after_part(self, j: int, s1: int, c: Cand) -> list[tuple[int, int]]:
        toks = self.toks
        j = self.skip_time(j, s1)
        if j >= s1:
            return []
        if c.form in _OBJ_VERBS:
            found = False
            for m in range(j, min(j + 7, s1)):
                if toks[m].low == "that" or toks[m].q == "o" or toks[m].text == ":":
                    j, found = m, True
                    break
                if not toks[m].is_word:
                    break
            if not found and j + 1 < s1 and toks[j].low in (
                "reporters", "him", "her", "them", "me", "us", "supporters", "journalists", "voters", "the"
            ):
                obj = self.np_right(j, s1, limit=4) if toks[j].low == "the" else (j, j + 1)
                if obj and obj[1] < s1 and obj[1] - j <= 3:
                    j = obj[1]
        if toks[j].text == ":" and j + 1 < s1:
            j += 1
        if toks[j].text == "," and j + 1 < s1 and toks[j + 1].q == "o":
            j += 1
        if toks[j].q == "o":
            q = self.quote_from(j)
            if q:
                return q
        end = self.clip_end(j, s1)
        if end <= j or sum(t.is_word for t in toks[j:end]) < 1:
            return []
        # a quotation that starts inside and runs past the sentence is taken whole
        last = toks[end - 1]
        q = self.quote_at(last.start)
        if q is not None and q[1] > toks[s1 - 1].end:
            return [(j, self.char_to_tok(q[0], q[1])[1])]
        return [(j, end)]

    def before_part(self, k: int, s0: int) -> list[tuple[int, int]]:
        """Content before the speaker: sentence start (or the quotation's start) to the comma."""
        toks = self.toks
        end = k
        while end > s0 and (toks[end - 1].text in ",:\u2014-" or toks[end - 1].q == "c"):
            if toks[end - 1].q == "c":
                break
            end -= 1
        if end <= s0:
            return []
        start = s0
        q = self.quote_at(toks[end - 1].start)
        if q is not None and q[1] >= toks[end - 1].end:
            qi, _ = self.char_to_tok(q[0], q[1])
            start = min(start, qi)
        # a clause before the content ("He paused, then ...") is not cut: the sentence start is kept
        if sum(t.is_word for t in toks[start:end]) < 1:
            return []
        return [(start, end)]

    # -- driver --
    def run(self) -> list[Attr]:
        self._starts = [t.start for t in self.toks]
        cands = self.candidates()
        self.fired = {c.i for c in cands}
        # participles after a comma ("..., asserting that") take the source of the main clause,
        # so they are built after the other cues
        def late(c: Cand) -> bool:
            return self.is_participle(c) or self.is_coordinated(c)

        order = sorted(cands, key=lambda c: (late(c), c.i))
        claimed = bytearray(len(self.text))
        self.built: list[Any] = []
        result: list[Attr] = []
        for c in order:
            t0, t1 = self.toks[c.i].start, self.toks[c.j - 1].end
            if any(claimed[t0:t1]):
                continue
            a = self.build(c)
            if a is None:
                continue
            # keep content/source out of already claimed text (one role per word)
            a.content = [sp for sp in (self._trim(claimed, s, e) for s, e in a.content) for sp in sp]
            if a.source and any(claimed[a.source[0] : a.source[1]]):
                pass
            for s, e in [a.cue, *a.content]:
                claimed[s:e] = b"\x01" * (e - s)
            a.source_tok = self._tok_range(a.source)  # type: ignore[attr-defined]
            self.built.append(a)
            result.append(a)
        result.sort(key=lambda a: a.cue[0])
        self.attach_quotes(result, claimed)
        return result

    def attach_quotes(self, result: list[Attr], claimed: bytearray) -> None:
        """Give a quotation no attribution took (a multi-sentence or follow-on quote) to the
        nearest attribution of its paragraph, or of the paragraph before when it opens one."""
        if not result:
            return
        text = self.text
        cues = [a.cue[0] for a in result]
        import bisect

        for qs, qe in self.quotes:
            if len(text[qs:qe].split()) < 3 or any(claimed[qs:qe]):
                continue
            ps = text.rfind("\n", 0, qs) + 1
            pe = text.find("\n", qe)
            pe = len(text) if pe < 0 else pe
            best, dist = None, None
            k = bisect.bisect_left(cues, qs)
            for m in (k - 1, k):
                if 0 <= m < len(result):
                    c0 = cues[m]
                    if ps <= c0 < pe:
                        d = abs(c0 - qs)
                        if dist is None or d < dist:
                            best, dist = result[m], d
            if best is None and k - 1 >= 0 and text[ps:qs].strip() == "":
                prev_pe = ps - 1
                prev_ps = text.rfind("\n", 0, max(0, prev_pe - 1)) + 1
                while prev_ps > 0 and not text[prev_ps:prev_pe].strip():
                    prev_pe = prev_ps - 1
                    prev_ps = text.rfind("\n", 0, max(0, prev_pe - 1)) + 1
                if prev_ps <= cues[k - 1] < prev_pe and any(
                    self.quote_at(s) for s, _ in result[k - 1].content
                ):
                    best = result[k - 1]
            if best is not None:
                best.content.append((qs, qe))
                claimed[qs:qe] = b"\x01" * (qe - qs)

    def _tok_range(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None:
            return None
        return self.char_to_tok(span[0], span[1])

    @staticmethod
    def _trim(claimed: bytearray, s: int, e: int) -> list[tuple[int, int]]:
        """The parts of ``s:e`` not yet claimed (byte searches, no per-character loop)."""
        out = []
        pos = s
        while pos < e:
            free = claimed.find(b"\x00", pos, e)
            if free < 0:
                break
            taken = claimed.find(b"\x01", free, e)
            end = e if taken < 0 else taken
            out.append((free, end))
            pos = end
        return out


# --- source resolution ------------------------------------------------------------------

_PERSON_HEADS = frozenset(
    """minister spokesman spokeswoman spokesperson official officials president senator governor
    aide aides candidate""".split()
)
_NOT_NAMES = frozenset("according said says but and in on at after before when while as".split())
_RESOLVE_PRON = frozenset("he she they him her his them it we".split())
_NAME_RUN = re.compile(r"(?:[A-Z][\w'\u2019\-]*\.?\s+)*[A-Z][\w'\u2019\-]*")


def _strip_possessive(name: str) -> str:
    return re.sub(r"['\u2019]s$", "", name)


def _name_of(span_text: str) -> str | None:
    """The trailing capitalised name in a source phrase ("Russia's foreign minister Sergei Lavrov")."""
    words = span_text.replace(",", " ").split()
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() and w.lower() not in _DET and w.lower() not in _PRONOUNS:
            run.append(w)
        elif run:
            break
    run.reverse()
    # drop everything up to the last title ("Velmoran Foreign Minister Ruslan Dravin") when a
    # name of two words remains
    titles = [i for i, w in enumerate(run) if w.lower().rstrip(".") in _NAME_TITLES]
    if titles and len(run) - titles[-1] - 1 >= 2:
        run = run[titles[-1] + 1 :]
    if len(run) == 2 and run[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "president", "minister"):
        run.pop(0)
    if not run:
        return None
    return _strip_possessive(" ".join(run))


def _is_generic(src: str) -> bool:
    low = src.lower().strip()
    if low in _RESOLVE_PRON:
        return True
    words = low.split()
    head = src.split()[-1] if src.split() else ""
    if len(words) == 1 and low in ("officials", "aides", "authorities", "spokesman", "spokeswoman"):
        return True
    return (
        1 <= len(words) <= 3
        and words[0] in ("the", "a", "an")
        and words[-1] in _GENERIC_HEADS
        and head[:1].islower()  # "the ministry" is generic, "the Kremlin" is a name
    )


class _Resolver:
    """Canonical names for sources: actor spans first, else names seen earlier in the text."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.actors = sorted(
            (s for s in doc.previous.get("actor", []) if isinstance(s, Span)), key=lambda s: s.start
        )
        self.text = text
        self.names: list[tuple[int, str]] = []  # (position, full name) of named sources so far
        # indexes that keep resolving linear in texts with thousands of names
        self.starts = [a.start for a in self.actors]
        self.max_len = max((a.end - a.start for a in self.actors), default=0)
        self.by_last: dict[str, list[str]] = {}

    def _full(self, name: str) -> str:
        parts = name.split()
        for full in reversed(self.by_last.get(parts[-1] if parts else "", [])):
            if len(full) >= len(name):
                return full
        return name

    def _actor_over(self, s: int, e: int) -> Span | None:
        """The last actor inside the source phrase (the head: "Russia's minister Sergei Lavrov")."""
        for k in range(bisect.bisect_left(self.starts, e) - 1, -1, -1):
            a = self.actors[k]
            if a.start + self.max_len <= s:
                break
            if s < a.end:
                return a
        return None

    def resolve(self, s: int, e: int) -> dict[str, Any]:
        src = self.text[s:e]
        if _is_generic(src):
            low = src.lower()
            head = low.split()[-1]
            want_person = low in ("he", "she", "him", "her", "his") or head in _PERSON_HEADS
            best = None
            # a person reference ("he", "the minister") goes back to the last named speaker
            # within the last ~1,500 characters; otherwise to the nearest earlier actor
            if want_person and self.names and s - self.names[-1][0] < 1500:
                best = self.names[-1][1]
            for k in range(bisect.bisect_left(self.starts, s) - 1 if best is None else -1, -1, -1):
                a = self.actors[k]
                typ = str(a.attrs.get("type", ""))
                if want_person and typ not in ("person", ""):
                    continue
                if not want_person and typ == "person" and low not in ("they", "them", "we"):
                    continue
                best = str(a.attrs.get("canonical") or self.text[a.start : a.end])
                break
            if best is None and self.names:
                if want_person or not self.actors:
                    best = self.names[-1][1]
            if best is None:
                before = self.text[max(0, s - 600) : s]
                runs = [m.group() for m in _NAME_RUN.finditer(before) if len(m.group()) > 2]
                runs = [r for r in runs if r.split()[0].lower() not in _CLAUSE_START | _DET | _NOT_NAMES]
                if runs:
                    best = _strip_possessive(runs[-1])
            out: dict[str, Any] = {"resolved_from": src}
            if best:
                out["canonical"] = best
            return out
        actor = self._actor_over(s, e)
        if actor is not None and actor.attrs.get("canonical"):
            name = str(actor.attrs["canonical"])
            if any(w.lower().rstrip(".") in _NAME_TITLES for w in name.split()):
                name = _name_of(name) or name  # "Foreign Minister Ruslan Dravin" -> the name
        else:
            name = _name_of(src)
        if not name:
            return {}
        name = self._full(name)
        self.names.append((s, name))
        self.by_last.setdefault(name.split()[-1], []).append(name)
        return {"canonical": name}


def annotate(doc: Doc) -> list[Span]:
    """Attribution spans (source, cue, content per group) of ``doc``."""
    text = doc.text
    if not text or not text.strip():
        return []
    an = _Analysis(doc)
    attrs = an.run()
    resolver = _Resolver(doc, an.text)
    spans: list[Span] = []
    for n, a in enumerate(attrs):
        group = f"a{n}"
        e = a.cand.entry
        rule = f"{a.pattern}:{LEXICON}:{e.lemma}"
        stance = e.stance
        spans.append(Span(NAME, stance, a.cue[0], a.cue[1], rule, role="cue", group=group,
                          attrs={"lemma": e.lemma, "form": a.cand.form}))
        if a.source is not None:
            spans.append(Span(NAME, stance, a.source[0], a.source[1], rule, role="source",
                              group=group, attrs=resolver.resolve(*a.source)))
        for s, t in a.content:
            spans.append(Span(NAME, stance, s, t, rule, role="content", group=group))
    return spans
