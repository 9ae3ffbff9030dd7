"""Whether a claim puts in the future what its source tells as done, or the other way round:
"The CSTO is preparing to deploy a mission" over "L'OTSC a déployé une mission cette semaine",
"a conference had been held in Lugano" over "une conférence se tiendra à Lugano". The sentence
embedding reads both as the same statement; the verb forms say otherwise.

Coarse on purpose: a text is read as telling of the future when it has a future form (a future
verb, "will", "is due to", "prévoit de", "next week") and as telling of the past when it has a
compound past ("a déployé", "had been held", "s'est tenue"). Only a text that tells of one and
not the other counts: reported speech ("a annoncé que la conférence se tiendra") tells of both,
a present tense of neither. A conditional alone is neither ("aurait été pris" is hearsay of
the past); after a past and a verb of saying it is the future of that past ("it was hoped that
the government could ..."), so the text tells of both.
"""

from __future__ import annotations

import re

_END = r"(?![\w’'-])"
_FUTURE_EN = re.compile(
    # ("will" before a verb: "the will of the people" is a noun)
    r"(?i)(?<![\w’'-])(?:(?:will|shall|won['’]t)(?=\s+(?:not\s+)?(?!of\b|and\b|to\b)[a-z]+)|"
    r"(?:is|are|'s|'re)\s+(?:due|set|scheduled|expected|preparing|planning|going|poised|"
    r"about)\s+to|plans?\s+to|intends?\s+to|"
    # what is weighed is not done: "he was considering authorising"
    r"(?:is|are|was|were|'s|'re)\s+(?:considering|contemplating|weighing|mulling)|"
    r"next\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    + _END)
_FUTURE_FR = re.compile(
    r"(?i)(?<![\w’'-])(?:"
    r"(?:la\s+semaine|le\s+mois|l['’]an(?:née)?)\s+prochaine?|"
    r"(?:pr[ée]voi(?:t|ent)|projett?e(?:nt)?|envisag(?:e|ent|eait|eaient))\s+(?:de\s+|d['’])"
    r"\w+|"
    r"(?:s['’]appr[êe]te(?:nt)?|se\s+pr[ée]pare(?:nt)?)\s+[àa]\s+\w+|"
    r"(?:va|vont)\s+(?:[\w’'-]+\s+)?[a-zà-ÿ]+(?:er|ir|re|oir)|"
    # what is expected: "devrait être arrêté", "devraient rentrer" (not yet done)
    # ("devrait avoir envoyé" is a past guessed at, not a future)
    r"devrai(?:t|ent)\s+(?:(?:bient[ôo]t|prochainement|encore|aussi|[ée]galement)\s+)?"
    r"(?:[êe]tre\s+|se\s+|s['’])?(?!avoir\b)[a-zà-ÿ]{2,}(?:er|ir|re|oir|é|ée|és|ées|u|ue|us|"
    r"ues|i|ie|is|ies)|"
    # a future verb: "se tiendra", "seront" (lower case: "Ankara", "Pérez" are names)
    r"(?!(?:extra|ultra|op[ée]ra|cam[ée]ra|cobra|mantra|chol[ée]ra|tiara|sutra|front|affront|"
    r"fronts|affronts|environs|patrons|escadrons|citrons|marrons|chaperons|[ée]perons|"
    r"bucherons|b[ûu]cherons|forgerons|vignerons|perrons|larrons|potirons|ronrons)\b)"
    r"(?-i:[a-zà-ÿ]{2,}(?:ra|ront|rai|rons|rez)))" + _END)
_PAST_FR = re.compile(
    # (also negated: "n'avait pas servi")
    r"(?i)(?:(?<![\w’'-])|(?<=\bn['’]))(?:"
    r"(?:a|ont|avait|avaient|eut|eurent)\s+(?:(?:d[ée]j[àa]|d['’]abord|initialement|ensuite|"
    r"également|aussi|bien|encore|alors|finalement|notamment|toutefois|été|pas|jamais)\s+)"
    r"{0,2}"
    r"(?!(?:lieu|droit|besoin|tort|raison|peur|faim|soif|trait|pu|dû|plus|tous|lui|nous|vous|"
    r"trois|mois|fois|pays|prix|temps|cours|avis|succès|accès|procès|ici|ceux|celui|autrui|"
    r"jamais|depuis|parmi|environ|beaucoup|peu|eu)\b)"
    r"[a-zà-ÿ]{2,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes|"
    r"int|inte|ints)|"
    r"(?:s['’]est|se\s+sont|s['’]étai(?:t|ent))\s+[a-zà-ÿ]{2,}(?:é|ée|és|ées|u|ue|us|ues|i|ie|"
    r"is|ies|t|te|ts|tes)|"
    r"(?:a|ont|avait|avaient)\s+(?:(?:d[ée]j[àa]|bien|finalement|enfin)\s+)?eu\s+lieu)" + _END)
# English participles that do not end in -ed ("has seven members", "have children" are none)
_PARTICIPLES = (r"(?:taken|given|seen|done|gone|made|held|sent|left|said|told|found|known|shown|"
                r"written|spoken|chosen|broken|fallen|risen|grown|drawn|begun|won|lost|paid|put|"
                r"set|kept|met|led|brought|bought|thought|fought|caught|become|come|run|cut|hit|"
                r"struck|stood|built|spent|sold|felt|heard|meant|read|shut|quit|driven|flown|"
                r"forbidden|forgotten|hidden|ridden|shaken|stolen|sworn|torn|thrown|woken|worn)")
_PAST_EN = re.compile(
    r"(?i)(?<![\w’'-])(?:"
    r"(?:had|has|have)\s+(?:(?:already|also|just|since|recently|previously)\s+)?"
    r"(?:been|[a-z]{3,}ed|" + _PARTICIPLES + r")|"
    r"(?:was|were)\s+(?:(?:already|also|just|recently|previously)\s+)?"
    r"(?:[a-z]{3,}ed|" + _PARTICIPLES + r")(?!\s+to\b)|"
    r"took\s+place|happened|occurred)" + _END)
# The future of a past, in reported speech: "hope was expressed that the government could
# address ..." tells of what was hoped for, as "nous espérons que le gouvernement sera en
# mesure" does; "a déclaré que les troupes partiraient". In English only after a verb of
# saying, hoping or knowing ("troops that could not leave" is a relative clause).
_SAYING = (r"(?:said|says|say|hoped|hopes|hope|expected|announced|stated|believed|thought|"
           r"warned|promised|feared|added|noted|claimed|insisted|confirmed|expressed|assured|"
           r"told|declared|predicted|reported|knew|wondered|asked)")
_REPORTED_FUTURE = {
    "en": re.compile(r"(?i)(?<![\w’'-])" + _SAYING + r"\s+(?:[\w’'-]+\s+){0,3}?"
                     r"(?:that|whether|if)\s+(?:[\w’'-]+\s+){0,6}?"
                     r"(?:would|could|might)\s+(?:not\s+)?[a-z]+" + _END),
    "fr": re.compile(r"(?i)(?<![\w’'-])(?:(?:que|si)\s+|qu['’]\s*)(?:[\w’'-]+\s+){0,6}?"
                     r"(?!(?:re|por|ex|abs|at|dis|sous)?traits?\b)"
                     r"(?-i:[a-zà-ÿ]{2,}(?:rait|raient))" + _END),
}
# ... and a future told in a simple past of saying tells of that past too: "Armenia confirmed
# that it will take part" is "l'Arménie a confirmé sa participation" (as "a confirmé qu'elle
# participera" tells of both)
_SAID_FUTURE_EN = re.compile(
    r"(?i)(?<![\w’'-])(?:said|announced|confirmed|stated|declared|promised|pledged|vowed|"
    r"warned|added|noted|claimed|insisted|reported|assured|indicated)\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:will|shall)\s+(?:not\s+)?[a-z]+" + _END)
_BY_LANG = {"fr": ((_FUTURE_FR,), (_PAST_FR,)), "en": ((_FUTURE_EN,), (_PAST_EN, _SAID_FUTURE_EN))}
# A verb of saying in a compound past tells when it was said, not of what: "le déploiement ne
# sera pas utilisé ..., ont promis des responsables" tells of the future, "les responsables ont
# constaté que le déploiement n'avait pas servi" of the past.
_SAID = {
    "fr": re.compile(r"(?i)(?<![\w’'-])(?:a|ont|avait|avaient)\s+(?:(?:aussi|également|encore|"
                     r"d[ée]j[àa])\s+)?(?:d[ée]clar[ée]|annonc[ée]|promis|indiqu[ée]|affirm[ée]|"
                     r"soulign[ée]|assur[ée]|constat[ée]|dit|pr[ée]cis[ée]|ajout[ée]|expliqu[ée]|"
                     r"estim[ée]|rapport[ée]|confirm[ée]|averti|pr[ée]venu|r[ée]p[ée]t[ée]|"
                     r"not[ée]|reconnu|d[ée]menti|jug[ée])" + _END
                     # ... or a pronominal one: "se sont engagés à ce que", "s'est dit prêt"
                     + r"|(?<![\w’'-])(?:s['’]est|se\s+sont|s['’]étai(?:t|ent))\s+(?:engag[ée]e?s?"
                     r"(?=\s+[àa]\s)|dit|dite|dits|dites)" + _END),
    "en": re.compile(r"(?i)(?<![\w’'-])(?:has|have|had)\s+(?:(?:also|already)\s+)?"
                     + _SAYING + _END),
}


def times(text: str, lang: str) -> frozenset[str]:
    """"future" and / or "past" as `text` in `lang` ("fr", "en") tells of them (see the module
    docstring); none in another language."""
    futures, pasts = _BY_LANG.get(lang, ((), ()))
    out = set()
    if any(rx.search(text) for rx in futures):
        out.add("future")
    if any(rx.search(text) for rx in pasts):
        out.add("past")
        if lang in _REPORTED_FUTURE and _REPORTED_FUTURE[lang].search(text):
            out.add("future")  # (only beside a past: alone, a conditional is neither)
    return frozenset(out)


def told(text: str, lang: str) -> frozenset[str]:
    """`times` of what `text` tells, its verbs of saying in a compound past aside (`_SAID`)."""
    said = _SAID.get(lang)
    return times(said.sub(" ", text), lang) if said is not None else frozenset()


def tense_differs(claim_times: frozenset[str], sentence: str, lang: str,
                  claim_told: frozenset[str] = frozenset()) -> bool:
    """Whether a claim telling of one time only (`times`) is over a sentence in `lang` telling
    of the other only; or, where a verb of saying is why either tells of both, whether what
    the claim tells (`told`) is of one time and what the sentence tells of the other only."""
    theirs = times(sentence, lang)
    if len(claim_times) == 1 and len(theirs) == 1 and theirs != claim_times:
        return True
    if len(claim_told) != 1 or (len(claim_times) == 1 and len(theirs) == 1):
        return False
    told_there = told(sentence, lang)
    return len(told_there) == 1 and told_there != claim_told
