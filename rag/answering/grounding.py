"""Generated answers checked claim by claim before anyone sees them.

A model's text is held back one sentence at a time; each complete sentence goes through the
claim verifier (`verify.py`) against the passages its `[n]` markers cite. A supported claim is
kept; a claim another passage supports is re-cited to that passage; any other claim is dropped,
so an unsupported claim is never shown as cited. What supported each kept citation (score, the
sentence and its offsets in the document) travels with it to the API.

A small model restates the question in its answer ("... en janvier 2022 est Josep Borrell"):
a date the user wrote, or an opening "According to AubeDigitale,", that the evidence sentence
does not repeat, fails the claim. Such echoes are cut from the claim (the rest must still be
supported), not the claim dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.answering.anchors import MONTHS, Anchor, Facts, claim_anchors, facts, holds
from rag.answering.citations import Support, strip_markers
from rag.answering.extractive import cite
from rag.answering.verify import Claim, Passage, Verifier
from rag.answering.wording import stems, with_wording
from rag.retrieval import Hit
from rag.sentences import last_sentence_start
from rag.text import fold


class Grounder:
    """Checks generated text against the passages it was written from."""

    def __init__(self, verifier: Verifier, passages: Sequence[Hit], question: str = "",
                 lang: str | None = None) -> None:
        """`lang`: the answer's language, when known; a claim in another language than its
        source gets the source's wording quoted (`wording.py`)."""
        self._verifier = verifier
        self._lang = lang
        self._question: Facts | None = facts(question) if question.strip() else None
        self._asked = stems(question) if question.strip() else None
        self._hits = list(passages)
        self._passages = [Passage(h.chunk.text, h.chunk.title) for h in passages]
        self._forms = number_forms("\n".join(p.text for p in self._passages))
        self._folded = plain("\n".join(p.text for p in self._passages))
        self.support: dict[int, Support] = {}  # passage number -> best support seen
        self.dropped = 0
        self.recited = 0
        self.unechoed = 0  # claims kept once the question's words they echoed were cut

    def _note(self, n: int, score: float, start: int, end: int, text: str) -> None:
        hit = self._hits[n - 1]
        s = Support(score, hit.chunk.start + start, hit.chunk.start + end, text)
        if n not in self.support or score > self.support[n].score:
            self.support[n] = s

    def _keep(self, answer: str, c: Claim, retry: bool = True) -> str | None:
        piece = " ".join(answer[c.start:c.end].split())  # as the verifier read it
        if c.supported and c.evidence is not None:
            self._note(c.evidence.passage, c.score, c.evidence.start, c.evidence.end,
                       c.evidence.text)
            if not c.citations:  # a claim with no marker gets the passage that holds it
                piece = cite(piece, c.evidence.passage)
            return with_wording(piece, c.evidence.text, self._lang)
        if c.support is not None:
            self.recited += 1
            alt = c.support
            self._note(alt.passage, alt.score, alt.start, alt.end, alt.text)
            return with_wording(cite(strip_markers(piece), alt.passage), alt.text,
                                self._lang)
        if retry and (kept := self._without_echoes(piece, c)):
            self.unechoed += 1
            return kept
        self.dropped += 1
        return None

    def _without_echoes(self, piece: str, c: Claim) -> str | None:
        """The claim with the question's own dates and numbers that its evidence lacks cut out
        (and an opening "According to X," naming a source the evidence does not), if what is
        left is supported. At most two rounds: "en janvier 2022" may fail on the year first,
        then on the month."""
        if self._question is None or c.reason != "missing":
            return None
        for _ in range(2):
            missing = set(c.evidence.missing) if c.evidence is not None else set()
            echoes = [a for a in claim_anchors(strip_markers(piece))
                      if holds(self._question, a) and (not missing or a.text in missing)]
            cut = drop_attribution(piece, [a for a in echoes if a.kind == "name"])
            # only dates and years: "about three decades" names who is meant, not when
            cut = drop_anchors(cut, [a for a in echoes if a.kind == "date" or _is_year(a)])
            if cut == piece or len(strip_markers(cut).split()) < 3:
                return None
            piece = copy_number_forms(cut, self._forms)
            claims = self._verifier.verify(piece, self._passages).claims
            if len(claims) != 1:
                return None
            c = claims[0]
            if c.supported or c.support is not None:
                return self._keep(piece, replace(c, start=0, end=len(piece)), retry=False)
        return None

    def adds_to_question(self, answer: str) -> bool:
        """Whether `answer` says something its question did not: a word (or figure) of its
        supporting sentences that the question lacks. A model that restates the question
        ("les insurgés opéraient dans la région kazakhe") has answered nothing."""
        if self._asked is None:
            return True
        said = stems(strip_markers(answer)) - self._asked
        return bool(said & stems(" ".join(s.text for s in self.support.values())))

    def check(self, text: str) -> str:
        """`text` with supported claims kept, re-cited ones renumbered, the rest removed."""
        if not text.strip():
            return ""
        text = unquote_invented(copy_number_forms(text, self._forms), self._folded)
        result = self._verifier.verify(text, self._passages)
        kept = [k for c in result.claims if (k := self._keep(text, c))]
        return " ".join(kept)


_QUOTED = re.compile(r'"([^"\n]{2,300})"|“([^”\n]{2,300})”|«\s*([^»\n]{2,300}?)\s*»')


def plain(text: str) -> str:
    """Folded, apostrophes and spacing normalised: how quotations are compared."""
    return " ".join(fold(text).replace("’", "'").split())


def unquote_invented(claim: str, sources: str) -> str:
    """`claim` with the quote marks taken off any quotation the sources (`plain` text) do not
    hold word for word: a paraphrase must not read as the source's own words."""
    def fix(m: re.Match[str]) -> str:
        inner = next(g for g in m.groups() if g is not None)
        return m.group(0) if plain(inner) in sources else inner

    return _QUOTED.sub(fix, claim)


_PREP = (r"(?:in|on|at|of|during|since|from|en|au|aux|le|la|les|de|du|des|depuis|pendant|"
         r"lors\s+de|dès)")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


_ATTRIBUTION = re.compile(r"^\s*(?:according to|selon|d['’]après)\b([^,;:]{1,80}),\s*", re.I)


def drop_attribution(claim: str, names: Sequence[Anchor]) -> str:
    """`claim` without its opening "According to X," / "Selon X," when that clause holds one
    of `names`. Elsewhere a name is the claim's subject or object and is not cut."""
    m = _ATTRIBUTION.match(claim)
    if m is None or not any(a.text in m.group(1) for a in names):
        return claim
    rest = claim[m.end():]
    return rest[:1].upper() + rest[1:]


def _is_year(a: Anchor) -> bool:
    return a.kind == "number" and re.fullmatch(r"1[89]\d\d|20\d\d", a.text) is not None


def drop_anchors(claim: str, anchors: Sequence[Anchor]) -> str:
    """`claim` without `anchors` (as written), with the preposition before one that ends a
    phrase ("en janvier 2022", "on 5 January 2022"; "the January 2022 unrest" keeps "the"); a
    year takes its day and month with it."""
    out = claim
    for a in sorted(anchors, key=lambda a: a.kind != "number"):  # years first: they take months
        core = re.escape(a.text)
        if _is_year(a):
            core = rf"(?:(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTH})\.?,?\s+)?{core}"
        elif a.kind == "date":
            core = rf"{core}(?:,?\s+\d{{4}})?"
        lead = rf"(?:\b{_PREP}\s+((?:the|l[ae]|l['’])\s*)?)?"
        m = re.search(rf"{lead}(?<![\w-])({core})(?![\w-])", out, flags=re.I)
        if m is None:
            continue
        attributive = m.group(1) is not None and re.match(r"\s+[^\W\d]", out[m.end():])
        start = m.start(2) if attributive else m.start()
        out = f"{out[:start]} {out[m.end():]}"
    out = re.sub(r"\s+([,.;:!?)\]])", r"\1", re.sub(r"\s+", " ", out))
    out = re.sub(r",\s*(?=[,.;:!?\[])", "", out)
    out = re.sub(r"^\s*,\s*", "", out).strip()
    return out[:1].upper() + out[1:] if claim[:1].isupper() else out


# A number written with thousands groups: "2 600", "2,600", "2, 600", "750.000", "3 000 000".
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:(?:[ \u00a0\u202f]|[,.][ \u00a0\u202f]?)\d{3})+"
                      r"(?![\d]|[,.]\d)")


_AMOUNT_AFTER = re.compile(rf"({_GROUPED.pattern})[ \u00a0\u202f]?([$€£])")
_AMOUNT_BEFORE = re.compile(rf"([$€£])[ \u00a0\u202f]?({_GROUPED.pattern})")


def _value(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_forms(source: str) -> dict[str, str]:
    """Each grouped number of `source` by its digits, as the source writes it; an amount
    whose currency sign follows it ("750 000 $") also under the sign and digits ("$750000")."""
    forms: dict[str, str] = {}
    for m in _GROUPED.finditer(source):
        forms.setdefault(_value(m.group(0)), m.group(0))
    for m in _AMOUNT_AFTER.finditer(source):
        forms.setdefault(m.group(2) + _value(m.group(1)), m.group(0))
    return forms


def copy_number_forms(claim: str, source: str | dict[str, str]) -> str:
    """`claim` with each grouped number written as its supporting source writes it: a model
    turns "2 600" into "2,600" or "2, 600", and "750 000 $" into "$750,000"; the answer keeps
    the source's digit groups (and the place of its currency sign), so a French figure reads as
    in the article and can be found in it. `source` is the text, or its `number_forms`
    computed once."""
    forms = number_forms(source) if isinstance(source, str) else source
    if not forms:
        return claim

    def amount(m: re.Match[str]) -> str:
        return forms.get(m.group(1) + _value(m.group(2)), m.group(0))

    def swap(m: re.Match[str]) -> str:
        return forms.get(_value(m.group(0)), m.group(0))

    return _GROUPED.sub(swap, _AMOUNT_BEFORE.sub(amount, claim))


MAX_BLANK_RUN = 256  # characters of blank text in a row that a streamed answer keeps


class SentenceBuffer:
    """Streamed text released a whole sentence at a time (its markers included)."""

    def __init__(self) -> None:
        self._text = ""
        self._resume = 0  # where the held text's reading picks up (`last_sentence_start`)
        self._blank = 0  # the length of the blank run the held text ends with

    def feed(self, piece: str) -> str:
        """The sentences completed by `piece` ("" while the current one is still open). Blank
        text past MAX_BLANK_RUN in a row is dropped: it shows nothing, and a dot before it was
        read again over the whole run on every piece (16,000 spaces: 2 s)."""
        if piece.isspace():
            if self._blank >= MAX_BLANK_RUN:
                return ""
            self._blank += len(piece)
        elif piece:
            self._blank = len(piece) - len(piece.rstrip())
        self._text += piece
        cut, self._resume = last_sentence_start(self._text, self._resume)
        if cut is None:
            return ""
        done, self._text = self._text[:cut], self._text[cut:]
        self._resume -= cut
        return done

    def flush(self) -> str:
        done, self._text, self._resume, self._blank = self._text, "", 0, 0
        return done
