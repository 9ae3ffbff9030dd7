"""Build evals/verifier/pairs.jsonl: true and false claims over passages of the shipped articles.

True claims: the article sentence that holds each gold answer (as an extractive answer quotes
it), hand-written French rewordings and English paraphrases of it (an English answer over a
French source). False claims are made from each true claim by swapping one number, date, person
or entity (country, city, organisation) for another one of the corpus, plus hand-written
negations and role swaps that keep every anchor, and each true claim (numbers removed) over
an unrelated passage, and (appended last, so older ids stay) predicate swaps: one sentence's
subject joined to a nearby sentence's predicate. The passage is the sentence with two sentences
either side, as a retrieved chunk would hold it. Deterministic; split tune/heldout by a hash of
the source sentence, so a claim and its variants never straddle the split.

    .venv/bin/python -m evals.verifier.make_pairs
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.answering.anchors import Anchor, claim_anchors, facts, holds, words_of
from rag.sentences import Span, split_sentences
from rag.text import fold

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("pairs.jsonl")

# question id -> English paraphrases of the answer sentence; "neg"/"role": same anchors,
# meaning changed (a negation added or removed, two participants exchanged).
EN: dict[str, list[dict[str, str]]] = {
    "q001": [{"claim": "EU foreign policy chief Josep Borrell said he was very concerned about "
              "the situation in Kazakhstan.", "neg": "EU foreign policy chief Josep Borrell said "
              "he was not concerned about the situation in Kazakhstan."}],
    "q002": [{"claim": "Former president Nursultan Nazarbayev, aged 81, ruled the country for "
              "more than three decades."}],
    "q003": [{"claim": "Russia sent some 3,000 people, according to the Russian news agency RIA.",
              "neg": "Russia did not send any people, according to the Russian news agency RIA."}],
    "q004": [{"claim": "White House press secretary Jen Psaki said the unrest in Kazakhstan "
              "would not affect plans for NATO talks with Russia about Ukraine.",
              "neg": "White House press secretary Jen Psaki said the unrest in Kazakhstan "
              "would affect plans for NATO talks with Russia about Ukraine."}],
    "q005": [{"claim": "CSTO Secretary General Stanislav Zas called suggestions that the troops "
              "would act as occupants total stupidity."}],
    "q006": [{"claim": "The Monday meeting takes place at the US diplomatic mission in Geneva."}],
    "q007": [{"claim": "Kazakhstan gained its independence from the Soviet Union 30 years ago."}],
    "q009": [{"claim": "According to Emilia Nazarenko, Switzerland's neutrality and the presence "
              "of the UN's European headquarters in Geneva are important factors in choosing "
              "the venue."}],
    "q010": [{"claim": "On Thursday evening, fighting continued between security personnel and "
              "protesters on the main square of Almaty, according to Reuters."}],
    "q011": [{"claim": "President Tokayev blamed the unrest on external aggression."}],
    "q012": [{"claim": "Kremlin spokesman Dmitry Peskov commented on the fast-moving events."}],
    "q017": [{"claim": "The security bloc of six former Soviet states was formed in 1992, after "
              "the collapse of the Soviet Union."}],
    "q020": [{"claim": "The force consists of about 2,600 troops in total."}],
    "q021": [{"claim": "Armenia, Kyrgyzstan and Tajikistan each sent between 100 and 200 people."}],
    "q023": [{"claim": "Defence Ministry spokesman Major General Igor Konashenkov said Russian "
              "peacekeepers would protect the country's consulates and the international "
              "airport of Almaty."}],
    "q025": [{"claim": "Russia also rents strategically important sites from Kazakhstan, such as "
              "the famous Baikonur cosmodrome.", "role": "Kazakhstan also rents strategically "
              "important sites from Russia, such as the famous Baikonur cosmodrome."}],
    "q027": [{"claim": "The International Center for Not-for-Profit Law estimates that 38,000 "
              "NGOs are active in Kazakhstan."}],
    "q028": [{"claim": "In 2020, US agencies transferred up to $61 million in foreign aid to "
              "Kazakhstan."}],
    "q029": [{"claim": "In 2021 the State Department's Bureau of Democracy, Human Rights and "
              "Labor allocated $750,000 to support freedom of association in Kazakhstan."}],
    "q030": [{"claim": "Another grant worth $740,740 was announced in December to promote "
              "international standards of religious freedom in Kazakhstan."}],
    "q032": [{"claim": "Kazakhstan shares a border of more than 7,000 kilometres with Russia."}],
    "q034": [{"claim": "Russian Ambassador to the United States Anatoly Antonov said the unrest "
              "in Kazakhstan was provoked by external forces."}],
    "q035": [{"claim": "Mass protests began earlier in the week as residents of Zhanaozen and "
              "Aktau opposed a doubling of liquefied petroleum gas prices."}],
    "q036": [{"claim": "Kazakh police detained 3,811 people during several days of riots across "
              "the country."}],
    "q037": [{"claim": "Chinese President Xi Jinping said on Friday that China opposes foreign "
              "forces deliberately creating unrest in Kazakhstan."}],
    "q039": [{"claim": "The terrorist threat level was raised for the period from January 7 to "
              "January 19, 2022."}],
    "q041": [{"claim": "Three explosions were heard on Friday in the northern part of Almaty."}],
    "q042": [{"claim": "Tajik soldiers of the CSTO peacekeeping force left for Kazakhstan from "
              "the Ayni air base in Tajikistan on January 7."}],
    "q045": [{"claim": "Kazakh President Kassym-Jomart Tokayev declared a state of emergency "
              "until January 19."}],
    "q047": [{"claim": "The peacekeepers will stay in Kazakhstan as long as the country needs "
              "their help, according to Zas."}],
    "q048": [{"claim": "Spokesman Aidos Ukibay wrote on Twitter that Nazarbayev calls on all "
              "citizens to rally around the president."}],
    "q049": [{"claim": "Karim Massimov, a former prime minister and close ally of Nazarbayev, "
              "was arrested for treason."}],
    "q053": [{"claim": "Almaty is the economic capital of Kazakhstan."}],
    "q054": [{"claim": "Maria Zakharova, the Russian diplomacy spokeswoman, published the "
              "alliance's statement on Telegram."}],
    "q060": [{"claim": "On Wednesday, January 5, 2022, the Kremlin called for the crisis in "
              "Kazakhstan to be resolved through dialogue rather than street riots.",
              "neg": "On Wednesday, January 5, 2022, the Kremlin called for the crisis in "
              "Kazakhstan to be resolved through street riots and not through dialogue."}],
    "q061": [{"claim": "The protests began over the weekend, triggered by rising fuel prices."}],
    "q064": [{"claim": "President Kassym-Jomart Tokayev said that reaching out to CSTO partners "
              "was appropriate and timely."}],
    "q066": [{"claim": "At least 13 law enforcement officers were killed and 353 injured."}],
    "q068": [{"claim": "CSTO chairman Nikol Pashinyan announced a limited mission."}],
    "q085": [{"claim": "Belarus deployed a working group on Friday, flying it into the country "
              "via Russia.", "role": "Russia deployed a working group on Friday, flying it "
              "into the country via Belarus."}],
    "q090": [{"claim": "Late on Wednesday, Armenian Prime Minister Nikol Pashinyan confirmed "
              "that aid would be sent.", "neg": "Late on Wednesday, Armenian Prime Minister "
              "Nikol Pashinyan said that no aid would be sent."}],
    "q092": [{"claim": "President Kassym-Jomart Tokayev dismissed the country's government "
              "earlier in the week."}],
}
# Short English claims (one clause of a long source sentence), added after a probe of
# such claims showed false alarms.
SHORT_EN: dict[str, str] = {
    "q041": "Sputnik reported that three explosions were heard in northern Almaty.",
    "q042": "Tajik troops left from the Ayni air base.",
    "q068": "Pashinyan announced a limited mission.",
    "q012": "Peskov, the Kremlin spokesman, spoke about the events.",
    "q033": "Rasmussen said the riots seemed coordinated around Orthodox Christmas.",
    "q017": "The CSTO was formed in 1992.",
    "q035": "Protests started in Janaozen and Aktau over gas prices.",
    "q020": "The CSTO force had about 2,600 troops in total.",
    "q032": "The border between Kazakhstan and Russia is over 4,350 miles long.",
    "q037": "Xi Jinping accused foreign forces of organising a colour revolution in Kazakhstan.",
    "q053": "Almaty is Kazakhstan’s economic capital.",
    "q047": "Zas said the peacekeepers would stay as long as needed.",
    "q063": "Blinken said it can be very difficult to get Russians to leave once they are in "
            "your house.",
    "q026": "Earl Rasmussen is the executive vice-president of Eurasia Group.",
}
# French rewordings (not the source's words) and meaning changes with the same anchors.
FR: dict[str, list[dict[str, str]]] = {
    "q003": [{"claim": "Selon RIA, la Russie a dépêché environ 3 000 personnes.",
              "neg": "Selon RIA, la Russie n'a envoyé personne."}],
    "q020": [{"claim": "La force compte à peu près 2 600 militaires."}],
    "q036": [{"claim": "La police a arrêté 3 811 personnes pendant les émeutes."}],
    "q045": [{"claim": "Tokaïev a décrété l'état d'urgence jusqu'au 19 janvier.",
              "role": "L'OTSC a décrété l'état d'urgence jusqu'au 19 janvier et Tokaïev a été "
              "invité à aider."}],
    "q017": [{"claim": "Le bloc a été créé en 1992, après l'effondrement de l'URSS."}],
    "q025": [{"claim": "Le Kazakhstan loue à la Russie des sites stratégiques comme Baïkonour.",
              "role": "La Russie loue au Kazakhstan le cosmodrome de Baïkonour, un site "
              "stratégique qu'il possède."}],
    "q047": [{"claim": "D'après Zas, les soldats de la paix ne quitteront pas le Kazakhstan tant "
              "que le pays aura besoin d'eux."}],
    "q061": [{"claim": "C'est la hausse des prix du carburant qui a déclenché les manifestations.",
              "neg": "La hausse des prix du carburant n'a joué aucun rôle dans les "
              "manifestations."}],
    "q068": [{"claim": "Nikol Pashinyan, qui préside l'OTSC, a annoncé une mission limitée."}],
}

# (French, English) forms; swaps stay within a type.
PERSONS = [("Josep Borrell", "Josep Borrell"), ("Jen Psaki", "Jen Psaki"),
           ("Dmitry Peskov", "Dmitry Peskov"), ("Antony Blinken", "Antony Blinken"),
           ("Maria Zakharova", "Maria Zakharova"), ("Nikol Pashinyan", "Nikol Pashinyan"),
           ("Stanislav Zas", "Stanislav Zas"), ("Igor Konashenkov", "Igor Konashenkov"),
           ("Earl Rasmussen", "Earl Rasmussen"), ("Marie Dumoulin", "Marie Dumoulin"),
           ("Anatoly Antonov", "Anatoly Antonov"), ("Emilia Nazarenko", "Emilia Nazarenko"),
           ("Aidos Ukibay", "Aidos Ukibay"), ("Ned Price", "Ned Price"),
           ("Xi Jinping", "Xi Jinping"), ("Vladimir Poutine", "Vladimir Putin"),
           ("Joe Biden", "Joe Biden"), ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
           ("Nursultan Nazarbayev", "Nursultan Nazarbayev"), ("Karim Massimov", "Karim Massimov"),
           ("Tokaïev", "Tokayev"), ("Nazarbaïev", "Nazarbayev"), ("Poutine", "Putin"),
           ("Zas", "Zas"), ("Rasmussen", "Rasmussen"), ("Blinken", "Blinken"),
           ("Massimov", "Massimov"), ("Pashinyan", "Pashinyan"), ("Peskov", "Peskov")]
ENTITIES = [
    [("Russie", "Russia"), ("Kazakhstan", "Kazakhstan"), ("Arménie", "Armenia"),
     ("Biélorussie", "Belarus"), ("Kirghizistan", "Kyrgyzstan"), ("Tadjikistan", "Tajikistan"),
     ("Chine", "China"), ("Ukraine", "Ukraine"), ("Suisse", "Switzerland")],
    [("Almaty", "Almaty"), ("Genève", "Geneva"), ("Moscou", "Moscow"),
     ("Washington", "Washington"), ("Aktau", "Aktau"), ("Zhanaozen", "Zhanaozen"),
     ("Pavlodar", "Pavlodar"), ("Baïkonour", "Baikonur")],
    [("OTSC", "CSTO"), ("OTAN", "NATO"), ("ONU", "UN"), ("UE", "EU"), ("Kremlin", "Kremlin")],
    [("Reuters", "Reuters"), ("RIA", "RIA"), ("TASS", "TASS"), ("Sputnik", "Sputnik"),
     ("AP", "AP")],
    [("Telegram", "Telegram"), ("Twitter", "Twitter"), ("Facebook", "Facebook")],
]
MONTHS = {"fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
                "décembre".split(),
          "en": "January February March April May June July August September October "
                "November December".split()}
DAYS = {"fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
        "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()}
WORDS = {"fr": "deux trois quatre cinq six sept huit neuf dix douze".split(),
         "en": "two three four five six seven eight nine ten twelve".split()}
_NUM = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f,](?=\d{3}(?!\d))\d{3})+(?!\d)|"
                  r"(?<![\w.,])\d+(?![\w])")


def _h(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode()).hexdigest()[:8], 16)


def _articles() -> dict[str, str]:
    return {p.stem: p.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
            for p in sorted((ROOT / "data" / "articles").glob("*.txt"))}


def _value(num: str) -> int:
    return int(re.sub(r"\D", "", num))


def _fmt(v: int, lang: str) -> str:
    if 1900 <= v <= 2100:
        return str(v)
    s = f"{v:,}"
    return s if lang == "en" else s.replace(",", "\u00a0" if False else " ")


def _swap_number(claim: str, lang: str, pool: list[int], seed: str) -> str | None:
    nums = list(_NUM.finditer(claim))
    if nums:
        m = nums[_h(seed, "n") % len(nums)]
        old = _value(m.group())
        here = {_value(x.group()) for x in nums}
        year = 1900 <= old <= 2100
        choices = [v for v in pool if v not in here and (1900 <= v <= 2100) == year]
        if not choices:
            return None
        new = choices[_h(seed, "v") % len(choices)]
        return claim[:m.start()] + _fmt(new, lang) + claim[m.end():]
    for w in WORDS[lang]:
        m = re.search(rf"\b{w}\b", claim, re.I)
        if m:
            others = [x for x in WORDS[lang] if x != w.lower()]
            new = others[_h(seed, w) % len(others)]
            new = new.capitalize() if m.group()[0].isupper() else new
            return claim[:m.start()] + new + claim[m.end():]
    return None


def _swap_date(claim: str, lang: str, seed: str) -> str | None:
    for names in (MONTHS[lang], DAYS[lang]):
        for i, w in enumerate(names):
            m = re.search(rf"\b{w}\b", claim, re.I)
            if m:
                j = (i + 1 + _h(seed, w) % (len(names) - 1)) % len(names)
                new = names[j]
                new = new.capitalize() if m.group()[0].isupper() else new
                return claim[:m.start()] + new + claim[m.end():]
    return None


def _swap_name(claim: str, lang: str, table: list[tuple[str, str]], seed: str) -> str | None:
    k = 0 if lang == "fr" else 1
    forms = sorted({t[k] for t in table}, key=lambda f: (-len(f), f))  # not set order
    for name in forms:
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", claim)
        if not m:
            continue
        full = " " in name
        choices = [f for f in forms if (" " in f) == full and fold(f) not in fold(claim)
                   and not set(fold(f).split()) & set(fold(name).split())]
        if not choices:
            return None
        new = choices[_h(seed, name) % len(choices)]
        return claim[:m.start()] + new + claim[m.end():]
    return None


def _gold_sources(spans: dict[str, list[Span]]) -> Iterator[tuple[dict[str, Any], str, int]]:
    """Each answerable gold question with its document and the index of the sentence that
    holds a gold answer (30 characters or more), in file order."""
    for line in (ROOT / "evals" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if not q["answers"]:
            continue
        doc = q["doc_ids"][0]
        sents = spans[doc]
        idx = next((i for i, s in enumerate(sents)
                    if any(fold(a) in fold(s.text) for a in q["answers"])), None)
        if idx is not None and len(sents[idx].text) >= 30:
            yield q, doc, idx


def build() -> list[dict[str, object]]:
    arts = _articles()
    titles = {k: v.strip().split("\n", 1)[0].strip() for k, v in arts.items()}
    spans = {k: split_sentences(v) for k, v in arts.items()}
    pool = sorted({_value(m.group()) for v in arts.values() for m in _NUM.finditer(v)})
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for q, doc, idx in _gold_sources(spans):
        sents = spans[doc]
        lo, hi = max(0, idx - 2), min(len(sents) - 1, idx + 2)
        passage = arts[doc][sents[lo].start:sents[hi].end]
        sentence = sents[idx].text
        split = "tune" if _h(sentence) % 2 == 0 else "heldout"
        claims: list[tuple[str, str, dict[str, str]]] = []
        if sentence not in seen:
            claims.append(("fr", "verbatim", {"claim": sentence}))
        seen.add(sentence)
        claims += [("fr", "reworded", c) for c in FR.get(q["id"], [])]
        claims += [("en", "paraphrase", c) for c in EN.get(q["id"], [])]
        if q["id"] in SHORT_EN:
            claims.append(("en", "short", {"claim": SHORT_EN[q["id"]]}))
        for lang, kind, c in claims:
            base = {"source": q["id"], "split": split, "lang": lang, "passage": passage,
                    "title": titles[doc], "doc_id": doc}
            seed = c["claim"]
            rows.append({**base, "claim": c["claim"], "label": True, "kind": kind})
            variants = {
                "number": _swap_number(c["claim"], lang, pool, seed),
                "date": _swap_date(c["claim"], lang, seed),
                "name": _swap_name(c["claim"], lang, PERSONS, seed),
                "entity": next((x for t in ENTITIES
                                if (x := _swap_name(c["claim"], lang, t, seed))), None),
                "negation": c.get("neg"),
                "role": c.get("role"),
            }
            for vkind, text in variants.items():
                if text and text != c["claim"]:
                    rows.append({**base, "claim": text, "label": False, "kind": vkind})
    # Off-topic: a true claim over the passage of another claim that shares no sentence with
    # it (an anchor-less claim is only caught there by the meaning threshold).
    true = [r for r in rows if r["label"]]
    for k, r in enumerate(true):
        other = true[(k + 17) % len(true)]
        if other["passage"] != r["passage"] and r["claim"] not in other["passage"]:
            rows.append({**other, "claim": _unanchored(str(r["claim"])), "label": False,
                         "kind": "unrelated", "source": r["source"], "split": r["split"],
                         "lang": r["lang"]})
    # Predicate swaps, appended so the older pairs keep their ids.
    rows += _predicate_pairs(arts, titles, spans)
    for i, r in enumerate(rows):
        r["id"] = f"p{i:04d}"
    return rows


REACH = 4  # sentences between a predicate's sentence and the subject's
# Where a sentence's predicate starts: its first auxiliary or common finite verb, singular in
# French (a plural subject and a singular one would not agree); a clitic ("se", "ne") counts
# when the verb after it is not plural.
_VERB = {
    "fr": re.compile(r"(?<![\w’'-])(?:(?:a|avait|est|était|sera|serait|va|doit|peut|devrait|"
                     r"pourrait|fait|dit|affirme|déclare|estime|indique|annonce|explique|"
                     r"souligne|note|ajoute|rappelle|compte|partage|loue|possède|dispose|reste|"
                     r"accuse|appelle|dénonce|craint|assure|précise|juge|considère)(?![\w-])|"
                     r"(?:(?:se|ne)\s+|[sn][’'])(?!(?:sont|ont|étaient|avaient|seront|seraient|"
                     r"vont|doivent|peuvent|font)\b|\w+ent\b))"),
    "en": re.compile(r"(?<![\w’'-])(?:has|had|is|was|will|would|said|says|"
                     r"called|announced|confirmed|declared|dismissed|blamed|commented|"
                     r"published|deployed|sent|rents|shares|began|started|left|detained|"
                     r"opposes|accused|transferred|allocated|estimates|consists|takes|gained|"
                     r"ruled|raised|wrote|reported|spoke|did|does)(?![\w-])"),
}
# A subject with one of these is not a plain noun phrase the predicate follows.
_CLAUSE = re.compile(r"(?<![\w’'])(?:(?:que|qui|dont|où|si|lorsque|et|that|who|which|when|"
                     r"as|and)(?![\w’'])|qu[’'])", re.I)
_SURNAMES = {fold(f.split()[-1]) for p in PERSONS for f in p}
_PLACES = {fold(f) for t in ENTITIES for p in t for f in p}


# Subject words that may refer back to a named subject of the sentence before ("il", "le
# président", "le bloc"): a predicate after such a subject may be true of that name too.
_REFERS = frozenset("""il elle ils elles on celui celle ceci cela ce cet cette president
    presidente premier ministre chef porte parole secretaire bloc alliance pays gouvernement
    organisation force forces dirigeant dirigeants successeur m mme he she they it this that
    spokesman spokeswoman minister chief bloc alliance country government leader""".split())


# A subject without a name must start like an indefinite or plural noun phrase ("Des
# manifestants", "Au moins 13 agents", "The protests"): "le plus haut diplomate de l'UE" may
# be a name of the sentence before.
_INDEFINITE = re.compile(r"(?:des|les|un|une|plusieurs|quelques?|au moins|\d|some|several|"
                         r"many|at least|the\s+\w+s$)(?![\w’'])", re.I)


def _split_predicate(sentence: str, lang: str, named: bool = True) -> tuple[str, str] | None:
    """(subject, predicate) of a sentence whose subject names a person of the corpus or is a
    bare country/organisation ("La Russie"), or with `named` false, one without a name or a
    word that may refer to one ("Des manifestants"); else None. The subject is the text before
    the first verb, less leading comma-ended phrases without a name ("Tard mercredi, ");
    skipped: a quote or a clause word before the verb, a long subject, a short predicate."""
    m = _VERB[lang].search(sentence)
    if not m or re.search(r"[«“\"—–]", sentence[:m.start()]):
        return None
    subject = sentence[:m.start()].strip().rstrip(",").strip()
    while "," in subject and not _names(subject.split(",", 1)[0]):
        subject = subject.split(",", 1)[1].strip()
    predicate = sentence[m.start():].strip()
    words = words_of(subject)
    if named and not (words & _SURNAMES or (len(subject.split()) <= 3 and words & _PLACES)):
        return None
    if not named and (words & _REFERS or _names(subject) or not _INDEFINITE.match(subject)):
        return None
    if not words or _CLAUSE.search(subject) or len(subject.split()) > 15 \
            or len(predicate.split()) < 3:
        return None
    return subject[0].upper() + subject[1:], predicate


def _names(text: str) -> list[Anchor]:
    return [a for a in claim_anchors(text) if a.kind == "name"]


def _mentions(text: str, names: list[Anchor]) -> bool:
    """Whether text holds any of the names (spelling-tolerant: Russia = Russie = russe)."""
    f = facts(text)
    return any(holds(f, a) for a in names)


def _predicate_pairs(arts: dict[str, str], titles: dict[str, str],
                     spans: dict[str, list[Span]]) -> list[dict[str, object]]:
    """Predicate swaps: the subject (the names) of a passage sentence joined to the predicate
    of another sentence of the article, up to REACH sentences away, whose subject names someone
    else or no one who may be the same. A small model writes this when it merges two sentences
    it read ("Le Premier ministre arménien Nikol Pashinyan a été arrêté pour trahison"). French
    from the article's sentences, English from the paraphrases of two gold sentences of one
    article; every pair the rules let through is kept."""
    where: dict[str, tuple[str, int]] = {}
    order: list[str] = []
    for q, doc, idx in _gold_sources(spans):
        where[q["id"]] = (doc, idx)
        order.append(q["id"])
    rows: list[dict[str, object]] = []
    done: set[tuple[str, str]] = set()
    for qid in order:
        doc, idx = where[qid]
        texts = [s.text for s in spans[doc]]
        lo, hi = max(0, idx - 2), min(len(texts) - 1, idx + 2)
        passage = arts[doc][spans[doc][lo].start:spans[doc][hi].end]
        split = "tune" if _h(texts[idx]) % 2 == 0 else "heldout"
        base = {"source": qid, "split": split, "passage": passage, "title": titles[doc],
                "doc_id": doc, "label": False, "kind": "predicate"}
        pairs: list[tuple[str, str, str]] = []  # (lang, subject sentence, predicate sentence)
        # The subject from a sentence of the passage (the claim's names are there), the
        # predicate from a sentence up to REACH away: the model read neighbouring chunks too.
        for i in range(lo, hi + 1):
            for j in sorted(range(max(0, i - REACH), min(len(texts), i + REACH + 1)),
                            key=lambda j: (abs(j - i), j)):
                if j != i:
                    pairs.append(("fr", texts[i], texts[j]))
        en = {where[o][1]: c["claim"] for o in order if o in EN and where[o][0] == doc
              for c in EN[o][:1]}
        for i in sorted(en):
            for j in sorted(en, key=lambda j: (abs(j - i), j)):
                if lo <= i <= hi and j != i and abs(j - i) <= REACH:
                    pairs.append(("en", en[i], en[j]))
        for lang, a, b in pairs:
            sa = _split_predicate(a, lang)
            sb = _split_predicate(b, lang) or _split_predicate(b, lang, named=False)
            if not sa or not sb or (a, b) in done:
                continue
            if _mentions(b, _names(sa[0])) or _mentions(a, _names(sb[0])):
                continue  # the predicate may be about the same people
            done.add((a, b))
            claim = f"{sa[0]} {sb[1]}"
            rows.append({**base, "lang": lang, "claim": claim if claim[-1] in ".!?" else
                         claim + "."})
    return rows


def _unanchored(claim: str) -> str:
    """The claim without its numbers, so it tests meaning more than anchors."""
    return re.sub(r"\s+", " ", _NUM.sub("", claim)).strip()


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r[k] for k in ("id", "split", "lang", "label", "kind",
                                                  "source", "doc_id", "claim", "title",
                                                  "passage")}, ensure_ascii=False) + "\n")
    pos = sum(1 for r in rows if r["label"])
    print(f"{len(rows)} pairs ({pos} supported, {len(rows) - pos} unsupported) -> {OUT}")


if __name__ == "__main__":
    main()
