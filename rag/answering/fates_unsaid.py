"""A fate the claim says befell people (killed, injured, arrested) that its passage never tells.

"Three explosions were heard on Friday in the north of Almaty, injuring several people" over
"trois explosions ont été entendues ce vendredi dans la partie nord d'Almaty": every other
word is the passage's, and the meaning scores see a close paraphrase. A toll is what a reader
takes from such a claim, so it must be the passage's: the claim's word for a fate (in either
language) needs a word of that fate, or of a toll, somewhere in the passage. The passage's
words are read broadly ("ont perdu la vie", "victimes", "hospitalisés", "en garde à vue"):
only a passage that tells no such thing at all refutes the claim.
"""

from __future__ import annotations

import re

from rag.text import fold

_WORD = re.compile(r"[^\W\d_]+")

# The claim's word for each fate, folded: what it says happened to people
_CLAIMED = {
    "dead": re.compile(r"(?:killed|killing|dead|died|deaths?|fatalities|tue[es]?s?|tuant|"
                       r"morte?s|deces|decede[es]?s?|perie?s?|peri)"),
    "injured": re.compile(r"(?:injur(?:ed|ing|ies|y)|wound(?:ed|ing)|bless(?:e|es|ee|ees|ant|"
                          r"ures?))"),
    # ("arrêté" alone may be a decree or a stop, "détenue" a thing held: "la société détenue
    # par l'État")
    # ("interpellé" alone may be a deputy questioning the government)
    "arrested": re.compile(r"(?:arrest(?:ed|ing|s)|detain(?:ed|ing)|arretee?s|arrestations?|"
                           r"interpellee?s|interpellations?)"),
}
# ... not where it is a figure of speech: "the protests died down", "a dead end"
_FIGURATIVE = re.compile(r"(?i)\b(?:died|dies|dying)\s+(?:down|out|away|off)\b|\bdead[\s-]+"
                         r"(?:end|line|lock)s?\b|\bdeadlock")
# ... and the passage's words that tell it (or a toll, which may be any of them)
_TOLL = r"|casualt\w*|victim\w*|toll|bilan"
_SAID = {
    "dead": re.compile(r"(?:kill\w*|dead\w*|die[ds]?|dying|death\w*|fatal\w*|lives|life|bod(?:y|"
                       r"ies)|murder\w*|massacr\w*|execut\w*|behead\w*|shot|tue\w*|tuer|tuant|"
                       r"mort\w*|dece\w*|peri\w*|vies?|corps|cadavres?|assassin\w*|decapit\w*|"
                       r"meurtr\w*|abattu\w*|succomb\w*|meur\w*|noy\w*|drown\w*" + _TOLL + ")"),
    "injured": re.compile(r"(?:injur\w*|wound\w*|hurt|bless\w*|hospital\w*|hopita\w*|"
                          r"hospitalis\w*" + _TOLL + ")"),
    "arrested": re.compile(r"(?:arrest\w*|detain\w*|detention\w*|custody|jail\w*|prison\w*|"
                           r"imprison\w*|captur\w*|apprehend\w*|arret\w*|interpell\w*|deten\w*|"
                           r"garde|incarcer\w*|emprisonn\w*|rafle\w*|rounded|held|hold\w*|ecrou\w*"
                           + _TOLL + ")"),
}


def fates_unsaid(claim: str, passage_words: set[str]) -> tuple[str, ...]:
    """The claim's words (folded) for a fate of people that no word of the passage (folded,
    as `Facts.words`) tells."""
    words = [fold(w) for w in _WORD.findall(_FIGURATIVE.sub(" ", claim))]
    out: list[str] = []
    for fate, claimed in _CLAIMED.items():
        said = next((w for w in words if claimed.fullmatch(w)), None)
        if said is not None and not any(_SAID[fate].fullmatch(w) for w in passage_words):
            out.append(said)
    return tuple(out)
