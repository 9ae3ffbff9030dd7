"""Which international body a title belongs to: "NATO's secretary general" is not "le
secrétaire général de l'OTSC" (b16_020, t51_008: Stanislav Zas answered what NATO's and the
UN's secretaries general said).

Bodies are a closed set, named by their acronyms or names in both languages; a title is read
with the body right after it ("secrétaire général de l'ONU", "secretary general of NATO") or
before it in English ("NATO's secretary general", "the NATO secretary general").
"""

from __future__ import annotations

import re

from rag.text import fold

_BODIES = {
    "otan": "NATO", "nato": "NATO", "alliance atlantique": "NATO",
    "otsc": "CSTO", "csto": "CSTO",
    "onu": "UN", "un": "UN", "nations unies": "UN", "united nations": "UN",
    "ue": "EU", "eu": "EU", "union europeenne": "EU", "european union": "EU",
    "osce": "OSCE", "oms": "WHO", "who": "WHO", "fmi": "IMF", "imf": "IMF",
    "ocs": "SCO", "sco": "SCO", "ueea": "EAEU", "eaeu": "EAEU", "cei": "CIS", "cis": "CIS",
}
_TITLE = (r"(?:secr[ée]taire[- ]g[ée]n[ée]ral\w*|secretary[- ]general|porte-parole|"
          r"spokes(?:man|woman|person)|pr[ée]sident\w*|chef|head|chief|directeur|directrice|"
          r"director(?:-general)?|ambassad\w*|envoy[ée]?|repr[ée]sentant\w*|representative|"
          r"patron|dirigeant\w*)")
# the body's word, cased as written: acronyms in capitals ("the UN" is no "un" article)
_BODY = (r"(OTAN|NATO|OTSC|CSTO|ONU|UN|UE|EU|OSCE|OMS|WHO|FMI|IMF|OCS|SCO|UEEA|EAEU|CEI|CIS|"
         r"[Aa]lliance [Aa]tlantique|[Nn]ations [Uu]nies|[Uu]nited [Nn]ations|"
         r"[Uu]nion [Ee]urop[ée]enne|[Ee]uropean [Uu]nion)")
_AFTER = re.compile(r"(?i:" + _TITLE + r")(?:\s+[a-zà-ÿ]+(?<!\bde)(?<!\bdu)(?<!\bdes)"
                    r"(?<!\bof)(?<!\bto))?\s+(?i:de\s+l['’]\s*|de\s+la\s+|du\s+|des\s+|"
                    r"de\s+|of\s+(?:the\s+)?|to\s+(?:the\s+)?|auprès\s+de\s+(?:l['’]\s*|la\s+)?|"
                    r"à\s+l['’]\s*|at\s+(?:the\s+)?)" + _BODY + r"\b")
_BEFORE = re.compile(r"\b" + _BODY + r"(?:['’]s)?\s+(?i:" + _TITLE + r")")
# a title someone speaks to or about is not the speaker's ("Tokaïev a assuré au secrétaire
# général de l'ONU", "What did X say about the CSTO secretary general?")
_ADDRESSED = re.compile(r"(?i)(?:\b(?:à|au|aux|to|about|sur|avec|with)|au sujet d[eu]|"
                        r"à propos d[eu])\s+(?:(?:the|le|la|les|l['’])\s*)?$")


def body_aliases(acronym: str) -> frozenset[str]:
    """The acronym and those of the same body in the other language ("CSTO": "OTSC")."""
    code = _BODIES.get(acronym.lower())
    if code is None:
        return frozenset({acronym})
    return frozenset({acronym} | {k.upper() for k, v in _BODIES.items()
                                  if v == code and " " not in k})


def role_bodies(text: str) -> frozenset[str]:
    """The bodies a title in `text` belongs to, as codes ("NATO"); not a title someone is
    addressed or spoken of by."""
    found = [m.group(1) for m in (*_AFTER.finditer(text), *_BEFORE.finditer(text))
             if not _ADDRESSED.search(text[max(0, m.start() - 20):m.start()])]
    return frozenset(_BODIES[fold(b).lower()] for b in found if fold(b).lower() in _BODIES)


def other_body(asked: frozenset[str], text: str) -> bool:
    """Whether `text` gives the title asked to another body's holder, and none to the one
    asked."""
    of = role_bodies(text)
    return bool(of) and not of & asked

