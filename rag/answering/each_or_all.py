"""A figure said of each that the claim says of all together, or the other way round; a
likeness the sentence denies.

"Armenia, Kyrgyzstan and Tajikistan sent between 100 and 200 personnel in total" over
"L'Arménie, le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 personnes chacun":
every name and figure of the claim is the sentence's, and the meaning scores cannot see that
three hundreds became one. The claim must give a figure and say "in total"/"au total" (or
"each"/"chacun"); the sentence must say the other and not the claim's own.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from rag.text import fold

# Said of each one: "chacun", "each", "apiece", "par pays", "chaque pays" (not "each other",
# "l'un l'autre"; "each of the six", "chacun des pays" count the group; "every year", "chaque
# année" a time)
_TIME = (r"(?:year|years|day|days|week|weeks|month|months|time|année|années|an|ans|jour|"
         r"jours|semaine|semaines|mois|fois)")
_CHACUN = r"(?:chacun|chacune)(?!\s+(?:des|de|d['’])(?![\w-]))"
_EACH_WORD = r"each(?!\s+(?:other|of)\b)"
_PER = r"(?:par|per)\s+(?:pays|country|état|state|personne|person|head)"
_EACH = re.compile(r"(?i)(?<![\w-])(?:" + _CHACUN + r"|apiece|" + _EACH_WORD + r"(?!\s+" + _TIME
                   + r"\b)|" + _PER + r"|(?:chaque|every)(?!\s+" + _TIME + r"\b))(?![\w-])")
# ... as a claim says it of a figure ("each sent 100", "100 each"): "every CSTO member sent
# personnel, a force of 2,600" says the members, not the figure, of each
_EACH_OF_ONE = re.compile(r"(?i)(?<![\w-])(?:" + _CHACUN + r"|apiece|" + _EACH_WORD + r"|" + _PER
                          + r")(?![\w-])")
# Said of all of them together: "in total", "au total", "en tout", "altogether", "à eux trois"
_TOTAL = re.compile(r"(?i)(?<![\w-])(?:in total(?!\s+(?!(?:and|but|or|to|by|at|in|on|for|from|"
                    r"with|since|of|over|across)\b)[a-z])|au total|"
                    # (not "en tout cas", "en tout état de cause")
                    r"en tout(?=\s*(?:[,.;:)]|$|\d|entre|plus|près|environ|quelque|une?\b|"
                    r"des\b))|altogether|all told|in all(?=\s*(?:[,.;:)]|$))|"
                    r"combined|collectively|collectivement|cumulés?|between them|"
                    # (before the verb it sums: "together sent", v36_001; not "together
                    # with Russia", a company, nor "came together", a gathering)
                    r"together(?=\s+(?:sent|send|sends|deployed|deploy|contributed|"
                    r"contribute|provided|provide|supplied|numbered|number|account|accounted|"
                    r"made up|make up|committed|dispatched|pledged|gave|spent|had|have))|"
                    r"à (?:eux|elles) (?:deux|trois|quatre|cinq|tous|toutes))(?![\w-])")
# A figure: digits or a number word
_FIGURE = re.compile(r"(?i)\d|(?<![\w-])(?:deux|trois|quatre|cinq|dix|cent|cents|mille|"
                     r"two|three|four|five|ten|hundred|hundreds|thousand|thousands|"
                     r"centaines?|milliers?|dizaines?)(?![\w-])")


def each_or_all_swapped(claim: str, sentence: str) -> bool:
    """Whether `claim` gives a figure of all together that `sentence` gives of each, or of
    each one a figure `sentence` gives of all together."""
    if not (_FIGURE.search(claim) and _FIGURE.search(sentence)):
        return False
    claim_each, claim_total = _of_a_figure(_EACH_OF_ONE, claim), _of_a_figure(_TOTAL, claim)
    said_each, said_total = _of_a_figure(_EACH, sentence), _of_a_figure(_TOTAL, sentence)
    if claim_total and not claim_each:
        return said_each and not said_total
    if claim_each and not claim_total:
        return said_total and not said_each
    return False



_NEAR = 4  # words between a figure and the "each" or "in total" said of it


def _of_a_figure(marker: re.Pattern[str], text: str) -> bool:
    """Whether `marker` is said within _NEAR words of a figure: "between 100 and 200 personnel
    each", not "Every CSTO member sent personnel, a force of about 2,600". (The words are
    read once: splitting the text again at each marker was quadratic, diff review 43.)"""
    words = [(w.start(), w.end(), bool(_FIGURE.search(w.group())))
             for w in re.finditer(r"\S+", text)]
    starts = [w[0] for w in words]
    for m in marker.finditer(text):
        first = bisect_left(starts, m.start())  # the first word at or after the marker
        last = bisect_left(starts, m.end())  # the first word after it
        # (the words before the marker's own, and after it)
        if any(f for _, _, f in words[max(0, first - _NEAR):first]) or any(
                f for _, _, f in words[last:last + _NEAR]):
            return True
    return False


# "comme lors du sommet", "tout comme", "à l'instar de", "like", "as with", "just as"
# (not "comme à l'accoutumée", the verb "would like", "just as the protests began", "as for")
_LIKE = re.compile(r"(?i)(?<![\w-])(?:comme (?:lors|pour|avec|à(?! l['’]accoutumée| son habitude|"
                   r" l['’]habitude)|au|aux|en|dans)|tout comme|de même que|à l['’]instar d|"
                   r"pareillement|(?:(?<=^)|(?<=[,;(]\s)|(?<=[,;(]))(?:just |much |exactly )?"
                   r"like(?= the| at| in| with| during| [A-Z])|as (?:with|at|in|during)(?= )|"
                   r"similar to|similarly to|the same as|identical to)")
_DENIED = re.compile(r"(?i)(?<![\w-])(?:non|not|pas|ne|n['’]|never|jamais|plus|no longer|rather "
                     r"than|plutôt que|instead of|au lieu d)(?![\w-])")
# "contrairement au sommet", "à la différence de", "unlike", "as opposed to"
# (not "contrairement à ce qui avait été annoncé", "contrary to earlier reports": a report
# contradicted, no likeness)
_UNLIKE = re.compile(r"(?i)(?<![\w-])(?:contrairement|à la différence d|à l['’]inverse d|"
                     r"au contraire d|unlike|as opposed to|in contrast to|in contrast with|"
                     r"contrary to)(?!\s+(?:(?:à|aux?)\s+)?(?:ce qu|ce que|ce qui|what|"
                     r"(?:(?:les|des|the|some|many|earlier|initial|official|media|certaines?)\s+)*"
                     r"(?:rumeurs|informations|annonces|attentes|affirmations|reports?|claims?|"
                     r"expectations?|rumou?rs?|predictions?|prévisions)))")


def likeness_denied(claim: str, sentence: str) -> bool:
    """Whether `claim` says a thing was as at another time or place ("Comme lors du sommet
    Poutine-Biden, ... dans des locaux suisses") where `sentence` says it was unlike it
    ("Contrairement au sommet ..."), and the claim says no unlikeness of its own."""
    like, unlike = _LIKE.search(claim), _UNLIKE.search(sentence)
    if like is None or unlike is None or _UNLIKE.search(claim) or _LIKE.search(
            sentence) or _DENIED.search(" ".join(claim[:like.start()].split()[-_NEAR - 2:])):
        return False  # (the claim's own "et non dans des locaux suisses comme lors du sommet";
        # a sentence that makes a likeness of its own: "..., comme en 2021")
    # ... of the same thing: a word of the few after each marker is shared ("sommet entre
    # Vladimir Poutine et Joe Biden")
    return bool(_compared(claim, like.end()) & _compared(sentence, unlike.end()))


_COMPARED_WORDS = 5  # content words read after a marker for what is compared
_MIN_COMPARED = 4  # letters: "le", "the", "du" compare nothing


def _compared(text: str, at: int) -> set[str]:
    words = [w for w in re.findall(r"[^\W\d_]+", fold(text[at:at + 300]))
             if len(w) >= _MIN_COMPARED][:_COMPARED_WORDS]
    return {w[:_MIN_COMPARED] for w in words}
