"""Who said a thing, where a sentence tells only that it was said: "Who had suggested that the
CSTO troops would behave as occupiers?" over "Stanislav Zas a qualifié de « stupidité totale »
les suggestions selon lesquelles les troupes agiraient comme des occupants" (traps_study58
t58_009/010). The suggestions are nobody's there; the one the sentence names rejected them.
"""

from __future__ import annotations

import re

# the author of words asked ("Who had suggested that ...?", "Qui a affirmé que ...?")
_AUTHOR_ASKED = re.compile(
    r"(?i)^\s*(?:who|qui)\s+(?:(?:had|has|have|first|originally|initially|a|avait|ont|"
    r"avaient|aurait)\s+){0,2}(?:suggest\w*|claim\w*|alleg\w*|assert\w*|contend\w*|"
    r"insinuat\w*|impl(?:y|ied)|rumou?r\w*|spread|sugg[ée]r[ée]\w*|laiss[ée]\s+entendre|"
    r"laissait\s+entendre|affirm[ée]\w*|pr[ée]tendu|pr[ée]tendait|all[ée]gu[ée]\w*|"
    r"insinu[ée]\w*|avanc[ée]\w*|soutenu|soutenait|colport[ée]\w*)\b"
    # (what was said follows: "Who claimed responsibility?" asks no words' author, review 55)
    r"(?=[^?]{0,40}?\b(?:that|que|qu['’]))")
# words said and held by nobody in the sentence: "les suggestions selon lesquelles", "claims
# that", "des rumeurs voulant que" (not "les affirmations de X selon lesquelles")
_UNATTRIBUTED = re.compile(
    # (not someone's: "Trump's claims that", "ses affirmations selon lesquelles", review 55)
    r"(?i)(?<!['’]s )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )(?<!\bses )(?<!\bsa )"
    r"(?<!\bson )(?<!\bleurs )(?<!\bleur )\b(?:suggestions?|affirmations?|allégations?|"
    r"rumeurs?|assertions?|insinuations?|théories?|claims?|allegations?|rumou?rs?|"
    r"theor(?:y|ies)|spéculations?|speculations?)\s+(?:selon\s+lesquel(?:le)?s|selon\s+"
    r"laquelle|selon\s+lequel|voulant\s+que|that|suggesting|claiming|according\s+to\s+"
    r"which)\b")


def author_asked(question: str) -> bool:
    """Whether the question asks who said or suggested something first."""
    return bool(_AUTHOR_ASKED.search(question))


# ... unless the sentence has someone say them ("Senator Smith implied that the vote was
# rigged, fuelling speculation that ...": review 55)
_SAYS = re.compile(
    r"(?i)\b(?:suggested|claimed|alleged|implied|insinuated|asserted|argued|contended|said|"
    r"stated|(?:a|ont|avait|avaient)\s+(?:suggéré|affirmé|prétendu|allégué|insinué|laissé\s+"
    r"entendre|dit|déclaré|avancé|soutenu))\s+(?:que|qu['’]|that)\b")


def said_by_nobody(text: str) -> bool:
    """Whether `text` tells words said without saying whose ("les suggestions selon
    lesquelles ...")."""
    return bool(_UNATTRIBUTED.search(text)) and not _SAYS.search(text)
