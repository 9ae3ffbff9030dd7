"""What a document provides, when a question asks it: "What conditions did the separate
peacekeeping agreement lay down ...?", "Que stipulent les accords de sécurité entre le
Kazakhstan et la Russie ...?" (t52_007, t52_028). A sentence that only names the document ("dans
le cadre des accords de sécurité", "a été envoyée pour une période limitée") does not say what
it provides; one that does says so ("l'article 2 prévoit", "stipulates that", "aux termes de").
"""

from __future__ import annotations

import re

# what ... (a document) ... provides: the document is the verb's subject ("What conditions
# did the agreement lay down?", "Que stipulent les accords ...?", "Que prévoit l'article 5
# ...?", "Quelles conditions l'accord impose-t-il ?"), not where it is only a frame ("What
# help did Russia provide under the CSTO treaty?", "What restrictions did the authorities
# impose, according to the article?"); an article counts only numbered ("article 2")
_PROVIDES = (r"stipul\w*|lay(?:s)? down|laid down|set(?:s)? out|provides?(?: for)?|provided|"
             r"pr[ée]voi\w*|pr[ée]voyai\w*|[ée]nonc\w*|impos\w*|fix\w*")
_DOC = (r"(?:accords?|agreements?|trait[ée]s?|treat(?:y|ies)|articles?\s+(?:\d+|premier|"
        r"first)|r[ée]solutions?|lois?|laws?|d[ée]crets?|decrees?|contrats?|contracts?|"
        r"chartes?|charters?|conventions?|pactes?|pacts?|m[ée]morandums?|memorand(?:um|a)|"
        r"protocoles?|protocols?)")
_ARTICLE_EN = r"(?:the |this |that |its |their |a |an )?"
_ASKED = re.compile(
    # English: "What (conditions) did/does the (separate peacekeeping) agreement lay down?",
    # "What does Article 3 of the treaty provide?"
    rf"(?i)^\s*(?:what|which)\b[^?]{{0,40}}?\b(?:did|does|do)\s+{_ARTICLE_EN}"
    rf"(?:[\w’'-]+\s+){{0,4}}?{_DOC}\b[^?]{{0,60}}?\b(?:{_PROVIDES})\b|"
    # French: "Que stipulent les accords ...", "Que prévoit l'article 5 ...",
    # "Quelles conditions l'accord impose-t-il ?"
    rf"^\s*(?:que|qu['’]|quelles?|quels?)\b[^?]{{0,40}}?\b(?:{_PROVIDES})(?:-t)?(?:-\w+)?\s+"
    rf"(?:les?|la|l['’]|ce|cet|cette|ces)\s*(?:[\w’'-]+\s+){{0,2}}?{_DOC}\b|"
    rf"^\s*(?:que|qu['’]|quelles?|quels?)\b[^?]{{0,40}}?\b(?:les?|la|l['’])\s*"
    rf"(?:[\w’'-]+\s+){{0,2}}?{_DOC}\b[^?]{{0,40}}?\b(?:{_PROVIDES})")
_TOLD = re.compile(
    rf"(?i)\b(?:{_PROVIDES}|pr[ée]vu\w*|dispos\w*|provision\w*|states? that|stipulat\w*|"
    r"selon (?:lequel|laquelle|lesquels|lesquelles)|aux termes d\w*|en vertu d\w*|"
    r"under which|under (?:its|the) (?:terms|\w+)|conform[ée]ment|engag\w* [àa]|"
    r"commit\w* to|oblig\w*|autoris\w*|authori[sz]\w*|permet\w*|allows?|proclam\w*|"
    r"reconna\w*|recogni[sz]\w*|exig\w*|interdi\w*|requir\w*|bans?|banned|prohib\w*|"
    r"garanti\w*|guarantee\w*)\b")


def provisions_asked(question: str) -> bool:
    """Whether the question asks what a document provides."""
    return bool(_ASKED.search(question[:300]))


def provisions_told(text: str) -> bool:
    """Whether `text` says what a document provides."""
    return bool(_TOLD.search(text))
