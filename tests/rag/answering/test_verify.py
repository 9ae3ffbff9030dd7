"""The claim verifier with the real e5 model: anchors, languages, spellings, re-citing."""

from __future__ import annotations

import time

import numpy as np
import pytest

from rag.answering.anchors import claim_anchors, facts, holds, negated
from rag.answering.verify import (
    Passage,
    Verifier,
    _orders_said,
    conjuncts,
    deed_of_other,
    number_roles,
    split_claims,
)
from rag.embedders.e5 import E5Embedder
from rag.text import fold
from tests.counting import CountingEmbedder
from tests.cpu import cpu_spent

TROOPS = ("Des dizaines de personnes ont été tuées à Almaty. La Russie a envoyé quelque 3 000 "
          "personnes, selon l’agence de presse russe RIA. L’Arménie a envoyé 100 personnes.")
EMERGENCY = ("Le président kazakh Kassym-Jomart Tokaïev a déclaré l’état d’urgence jusqu’au "
             "19 janvier. M. Nazarbaïev, 81 ans, n’est pas apparu en public.")


def one(verifier: Verifier, answer: str, *passages: str | Passage) -> tuple[bool, str]:
    claims = verifier.verify(answer, list(passages)).claims
    assert len(claims) == 1, claims
    return claims[0].supported, claims[0].reason


def test_true_claim_supported_with_evidence_offsets(verifier: Verifier) -> None:
    result = verifier.verify("La Russie a envoyé 3 000 personnes [1].", [TROOPS])
    (claim,) = result.claims
    assert claim.supported and claim.citations == (1,) and claim.score >= verifier.threshold
    ev = claim.evidence
    assert ev is not None and ev.passage == 1 and TROOPS[ev.start:ev.end] == ev.text
    assert ev.text.startswith("La Russie a envoyé")


def test_swapped_number_caught(verifier: Verifier) -> None:
    ok, why = one(verifier, "La Russie a envoyé quelque 2 600 personnes [1].", TROOPS)
    assert not ok and why == "missing"
    # A number of another sentence of the same passage does not support this one.
    ok, why = one(verifier, "La Russie a envoyé 100 personnes [1].", TROOPS)
    assert not ok and why == "missing"


TOLL = ("La police kazakhe a arrêté 3 811 personnes. Au moins 13 policiers ont été tués et 353 "
        "blessés dans le chaos, ont rapporté les médias officiels.")


@pytest.mark.parametrize(("claim", "ok"), [
    ("At least 13 police officers were killed and 353 injured [1].", True),
    ("Au moins 13 policiers ont été tués [1].", True),
    ("The police arrested 3 811 people [1].", True),
    # a figure of the sentence, but of the injured, not the dead
    ("353 Kazakh law-enforcement officers were reported killed in the riots [1].", False),
    ("353 policiers ont été tués [1].", False),
    ("The police killed 3 811 people [1].", False),  # the arrested, not the dead
])
def test_what_a_figure_counts_is_checked(verifier: Verifier, claim: str, ok: bool) -> None:
    assert one(verifier, claim, TOLL)[0] is ok


def test_number_roles() -> None:
    assert dict((min(k), r) for k, r in number_roles(TOLL)) == {
        "n:3811": "arrested", "n:13": "dead", "n:353": "injured"}
    assert number_roles("Russia sent 3 000 troops.") == ()


@pytest.mark.parametrize("written", ["3000", "3 000", "3,000", "3\u202f000", "three thousand"])
def test_digit_groups_and_number_words(verifier: Verifier, written: str) -> None:
    assert one(verifier, f"Russia sent some {written} people, according to RIA [1].",
               TROOPS)[0]


@pytest.mark.parametrize("name", ["Tokayev", "Tokaïev", "Tokaev", "TOKAYEV"])
def test_transliterations_accepted(verifier: Verifier, name: str) -> None:
    ok, why = one(verifier, f"President {name} declared a state of emergency until January "
                  "19 [1].", EMERGENCY)
    assert ok, why


def test_other_name_caught(verifier: Verifier) -> None:
    ok, why = one(verifier, "President Nazarbayev declared a state of emergency until January "
                  "19 [1].", EMERGENCY)
    # the date is the sentence before Nazarbaïev's, which gives none: his sentence holds the
    # claim's anchors then, and says something else
    assert not ok and why in ("missing", "meaning")
    ok, _ = one(verifier, "Armenia sent some 3,000 people, according to RIA [1].", TROOPS)
    assert not ok


def test_english_claim_over_french_passage(verifier: Verifier) -> None:
    assert one(verifier, "Russia sent about 3,000 people, according to the Russian news "
               "agency RIA [1].", TROOPS)[0]


@pytest.mark.parametrize(("date", "ok"), [("January 19", True), ("19 January", True),
                                          ("19 janvier", True), ("February 19", False),
                                          ("January 18", False)])
def test_dates_across_languages(verifier: Verifier, date: str, ok: bool) -> None:
    assert one(verifier, f"Tokayev declared a state of emergency until {date} [1].",
               EMERGENCY)[0] is ok


def test_negation_caught(verifier: Verifier) -> None:
    ok, why = one(verifier, "Russia did not send any people, according to RIA [1].", TROOPS)
    assert not ok and why in ("negation", "meaning")


def test_recite_and_uncited_claims(verifier: Verifier) -> None:
    result = verifier.verify("Tokayev declared a state of emergency until January 19 [1]. "
                             "Russia sent some 3,000 people.", [TROOPS, EMERGENCY])
    first, second = result.claims
    assert not first.supported and first.support is not None and first.support.passage == 2
    assert second.citations == () and second.supported  # no marker: any passage may support
    assert second.evidence is not None and second.evidence.passage == 1
    assert not result.all_supported


def test_citation_to_no_passage(verifier: Verifier) -> None:
    assert one(verifier, "Russia sent 3,000 people [7].", TROOPS) == (False, "no passage")


def test_split_claims_markers() -> None:
    answer = ("Russia sent 3,000 people [1] and Armenia 100 [2]. Both acted [1][2]. "
              "Selon M. Tokaïev, la crise est grave [3, 4].")
    claims = split_claims(answer)
    assert [(c.text, c.citations) for c in claims] == [
        ("Russia sent 3,000 people", (1,)), ("and Armenia 100.", (2,)),
        ("Both acted.", (1, 2)), ("Selon M. Tokaïev, la crise est grave.", (3, 4))]
    assert answer[claims[0].start:claims[0].end] == "Russia sent 3,000 people [1]"


def test_one_embedding_call_and_cached_vectors(embedder: E5Embedder) -> None:
    counting = CountingEmbedder(embedder)
    verifier = Verifier(counting)
    answer = "Russia sent 3,000 people [1]. Tokayev declared an emergency until January 19 [2]."
    first = verifier.verify(answer, [TROOPS, EMERGENCY])
    assert counting.calls == 1
    cached = [verifier.embed_sentences(TROOPS), verifier.embed_sentences(EMERGENCY)]
    counting.calls = 0
    again = verifier.verify(answer, [TROOPS, EMERGENCY], sentence_vectors=cached)
    assert counting.calls == 1  # the claims only
    assert [c.supported for c in again.claims] == [c.supported for c in first.claims] == [
        True, True]
    assert np.isclose(again.claims[0].score, first.claims[0].score, atol=1e-4)
    with pytest.raises(ValueError):
        verifier.verify(answer, [TROOPS, EMERGENCY], sentence_vectors=[cached[1], None])


def test_anchor_normalisation() -> None:
    f = facts("Le 7 janvier, 2,5 millions de dollars et trois mille soldats de l’OTSC.")
    for claim in ["on January 7", "$2.5 million", "3,000 soldiers", "the CSTO"]:
        anchors = claim_anchors(f"They said {claim}.")
        assert anchors and all(holds(f, a) for a in anchors), claim
    for claim in ["on January 8", "$3.5 million", "4,000 soldiers", "the NATO"]:
        anchors = claim_anchors(f"They said {claim}.")
        assert anchors and not all(holds(f, a) for a in anchors), claim


def test_off_topic_claim_in_the_source_language(verifier: Verifier) -> None:
    """No anchor to miss and an on-topic cosine above the threshold: the words tell it apart."""
    result = verifier.verify("Les manifestants ont incendié la résidence présidentielle dans la "
                             "nuit [1].", [TROOPS])
    (claim,) = result.claims
    assert claim.score >= verifier.threshold
    assert not claim.supported and claim.reason == "meaning"


def test_lone_surrogates_do_not_break_it(verifier: Verifier) -> None:
    """Legal as JSON escapes, not encodable for the model: replaced, offsets kept."""
    answer = "Russia sent 3,000 \ud800people [1]."
    result = verifier.verify(answer, ["La Russie a envoyé 3 000 \udc00personnes."])
    (claim,) = result.claims
    assert claim.end - claim.start == len(answer)
    assert claim.evidence is not None and claim.evidence.text.endswith("\ufffdpersonnes.")


def test_odd_numbers_do_not_break_anchors() -> None:
    """A 400-digit number is infinite as a float; Unicode digits are digits."""
    for text in ["9" * 400 + " millions", "٣ janvier", "31 février 2022", "[1-2-3] x"]:
        claim_anchors(text)
        facts(text)
    huge = claim_anchors(f"They counted {'9' * 400} people.")
    assert huge and not holds(facts("Ils ont compté 9 personnes."), huge[0])


def test_english_capitals_that_are_not_names() -> None:
    """Sentence-initial nouns and English place names spelt otherwise in French."""
    f = facts("Le Kazakhstan, plus grand pays d’Asie centrale, a vu la hausse du prix du gaz.")
    for claim in ["Unrest spread in Kazakhstan, in Central Asia.", "Fuel prices rose in "
                  "Kazakhstan.", "Protests hit Kazakhstan."]:
        assert all(holds(f, a) for a in claim_anchors(claim)), claim
    assert not all(holds(f, a) for a in claim_anchors("Unrest spread in Kyrgyzstan."))


def test_claim_with_nothing_in_common_is_not_supported(verifier: Verifier) -> None:
    """No name, number or word shared with any sentence: a cosine alone does not support it."""
    result = verifier.verify("Je pense que oui.", [TROOPS])
    assert not result.claims[0].supported


# evals/reports/answers/local-gold.json q049: the cited chunk (Massimov's arrest is elsewhere).
AID = ("L’appel à l’aide a été reconnu par le CSTO quelques heures après que Tokayev a fait son "
       "plaidoyer. Tard mercredi, le président sortant du bloc, le Premier ministre arménien "
       "Nikol Pashinyan, a confirmé qu’une aide serait envoyée.")
MISSION = ("Le président de l’OTSC, Nikol Pashinyan, a annoncé une mission « limitée » en raison "
           "de la « menace pour la sécurité nationale » du Kazakhstan.")


def test_names_of_a_sentence_with_an_invented_predicate_caught(verifier: Verifier) -> None:
    """Every name and a cosine above the threshold, but nothing said of them is in the
    sentence: the predicate is another sentence's (or made up)."""
    for answer in ["Le Premier ministre arménien Nikol Pashinyan a été arrêté pour trahison [1].",
                   "Tokaïev a nommé Nikol Pashinyan nouveau Premier ministre après la démission "
                   "du gouvernement [1]."]:
        (claim,) = verifier.verify(answer, [AID]).claims
        assert claim.score >= verifier.threshold, claim
        assert not claim.supported and claim.reason == "meaning", claim


def test_reworded_predicate_still_supported(verifier: Verifier) -> None:
    """A predicate said in other words keeps one of the sentence's words (q068: one of six)."""
    assert one(verifier, "Le Premier ministre arménien Nikol Pashinyan a confirmé l’envoi d’une "
               "aide [1].", AID) == (True, "supported")
    assert one(verifier, "Nikol Pashinyan, le Premier ministre arménien à la tête de l’OTSC, a "
               "annoncé l’envoi d’une force de maintien de la paix au Kazakhstan [1].",
               AID + " " + MISSION) == (True, "supported")
    # MISSION alone calls him the CSTO's president, not the Armenian prime minister: it never
    # names a minister (the office is missing before the title is judged misplaced)
    assert one(verifier, "Nikol Pashinyan, le Premier ministre arménien à la tête de l’OTSC, a "
               "annoncé l’envoi d’une force de maintien de la paix au Kazakhstan [1].",
               MISSION) == (False, "missing")


FIRE = ("Ce vendredi, le président du Kazakhstan, Kassym-Jomart Tokaïev, a annoncé autoriser les "
        "forces de l’ordre à ouvrir le feu «sans avertissement» pour mettre un terme aux émeutes "
        "chaotiques qui secouent le pays.")
ANTONOV = ("La Russie pense que les troubles civils au Kazakhstan ont été provoqués par des forces "
           "extérieures, a déclaré l’ambassadeur de Russie aux États-Unis, Anatoly Antonov.\n\n"
           "« La Russie considère que les développements violents provoqués de l’extérieur dans le "
           "pays ami visent à perturber sa sécurité et son intégrité. Nous soutiendrons les "
           "efforts visant à rétablir une vie normale au Kazakhstan », a déclaré le diplomate "
           "russe au média Newsweek.")
NOT_COMBAT = ("« Le personnel militaire des forces de maintien de la paix collectives de l’OTSC "
              "n’est pas impliqué dans les activités opérationnelles et de combat des forces de "
              "l’ordre locales et des unités de l’armée pour établir la loi et l’ordre dans le "
              "pays », a déclaré vendredi le ministère russe de la Défense.")


def test_nationality_words_compounds_and_glued_labels_name_their_country() -> None:
    """Hand-written translations (evals/verifier/blind_pairs.jsonl) were flagged for names the
    passage holds in another form: "Kazakh" over "Kazakhstan", "Russian-led" over "dirigée par
    la Russie", "Ukraine" over a scraped "UkraineLien externe"."""
    kazakh = next(a for a in claim_anchors("The Kazakh President spoke.") if a.text == "Kazakh")
    assert holds(facts("le président du Kazakhstan a parlé"), kazakh)
    assert [a.text for a in claim_anchors("a Russian-led alliance")] == ["Russian"]
    assert holds(facts("dirigée par la Russie"), claim_anchors("a Russian-led alliance")[0])
    ukraine = claim_anchors("une conférence sur l’Ukraine")[0]
    assert holds(facts("les réformes concernant l’UkraineLien externe"), ukraine)
    assert not holds(facts("les réformes concernant la Géorgie"), ukraine)


def test_translation_with_nationality_word_supported(verifier: Verifier) -> None:
    assert one(verifier, "On Friday, Kazakh President Kassym-Jomart Tokayev announced that he "
               "was authorising law enforcement to open fire 'without warning' to end the "
               "riots [1].", FIRE) == (True, "supported")


INVITED = ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart Tokayev, a "
           "initialement limogé le gouvernement du pays en début de semaine en réponse aux "
           "troubles. Mais les protestations s’amplifiant, il a changé de tactique et invité les "
           "troupes d’une alliance militaire d’anciens États soviétiques dirigée par la Russie à "
           "entrer au Kazakhstan pour rétablir l’ordre.")


def test_a_verb_of_refusal_is_a_negation(verifier: Verifier) -> None:
    """"refused to invite" over "a invité": no negation word, the opposite meaning."""
    assert one(verifier, "As the protests grew, Tokayev refused to invite troops from a "
               "Russian-led military alliance of former Soviet states into Kazakhstan [1].",
               INVITED) == (False, "negation")
    assert one(verifier, "As the protests grew, Tokayev invited troops from a Russian-led "
               "military alliance of former Soviet states into Kazakhstan [1].",
               INVITED) == (True, "supported")


def test_the_speaker_may_be_named_two_sentences_before(verifier: Verifier) -> None:
    """A quote over two sentences names its speaker before it ("a déclaré le diplomate")."""
    assert one(verifier, "Anatoly Antonov a assuré au média Newsweek que la Russie soutiendrait "
               "les efforts pour ramener une vie normale au Kazakhstan [1].",
               ANTONOV) == (True, "supported")
    # ... a country is not: the sentence about it names it.
    assert one(verifier, "La Russie soutiendra les efforts pour ramener une vie normale en "
               "Géorgie [1].", ANTONOV)[0] is False


def test_the_negated_clause_of_a_long_sentence_is_what_the_claim_restates(
        verifier: Verifier) -> None:
    """The negation is in the clause the claim restates, not in another one."""
    assert one(verifier, "The Russian Defence Ministry said on Friday that CSTO peacekeepers "
               "are involved in the operational and combat activities of local law enforcement "
               "and army units [1].", NOT_COMBAT) == (False, "negation")
    assert one(verifier, "The Russian Defence Ministry said on Friday that CSTO peacekeepers are "
               "not involved in the combat activities of local law enforcement [1].",
               NOT_COMBAT) == (True, "supported")


EXERCISES = ("Les participants organisent des exercices militaires conjoints chaque année et ne "
             "peuvent pas faire partie d’autres blocs militaires, tels que l’OTAN dirigée par "
             "les États-Unis.")


def test_a_negation_in_another_statement_of_the_clause_is_not_the_claims(
        verifier: Verifier) -> None:
    """The clause joins two statements with "et", only the second negated: a claim restating
    the first is supported, one denying the second is still caught (blind_pairs5 v6_061,
    blind_pairs2 v3_091)."""
    assert one(verifier, "The members hold joint military exercises every year [1].",
               EXERCISES) == (True, "supported")
    assert one(verifier, "Les participants organisent chaque année des exercices militaires "
               "conjoints [1].", EXERCISES) == (True, "supported")
    short = ("Les participants organisent des exercices militaires chaque année et ne peuvent "
             "pas rejoindre l’OTAN.")
    assert one(verifier, "The participants hold military exercises every year [1].",
               short) == (True, "supported")
    assert one(verifier, "Les participants peuvent rejoindre l’OTAN [1].",
               short) == (False, "negation")
    # a claim joining statements restates both (blind_pairs5 v6_055)
    assert one(verifier, "According to Moskovsky Komsomolets, staff at the strategic facility "
               "report a real danger but say they feel well protected [1].",
               "Selon les données officielles, la situation à Baïkonour est calme, cependant, "
               "selon le journal Moskovsky Komsomolets, les employés de cette installation "
               "stratégique signalent un réel danger et ne se sentent pas protégés.")[0] is False
    # a last statement too short to stand alone joins the one before
    assert one(verifier, "The soldiers who left for Almaty are coming back [1].",
               "Les soldats sont partis vers Almaty et ne reviennent pas.") == (False, "negation")


def test_a_claim_joining_statements_is_read_statement_by_statement(verifier: Verifier) -> None:
    """blind_pairs9 v9_030: the whole claim is closest to the sentence's clause that says yes;
    its first statement restates the clause that says no."""
    deployment = ("Le déploiement ne sera pas utilisé pour s’engager directement avec les "
                  "manifestants et les émeutiers, et les tâches d’application de la loi "
                  "continueront d’être effectuées par la police locale, ont promis des "
                  "responsables.")
    assert one(verifier, "Officials said the peacekeepers would engage directly with "
               "protesters and take over law enforcement duties from the local police [1].",
               deployment) == (False, "negation")
    assert one(verifier, "Officials promised the deployment would not engage directly with "
               "protesters and rioters, and local police would keep enforcing the law [1].",
               deployment) == (True, "supported")


PLEDGE = ("Le porte-parole du Kremlin, Dmitry Peskov, s’est exprimé sur ces événements qui "
          "évoluent rapidement et qui ont vu le président kazakh s’engager à ne pas quitter la "
          "capitale « quoi qu’il arrive ».")


def test_a_deed_done_by_another_party_in_the_sentence_is_caught(verifier: Verifier) -> None:
    """The claim's verb is in the sentence, done there by someone else (blind_pairs9 v9_015):
    the speaker's deed is not the pledge he spoke about."""
    assert one(verifier, "Le porte-parole du Kremlin, Dmitry Peskov, s’est engagé à ne pas "
               "quitter la capitale « quoi qu’il arrive » [1].", PLEDGE) == (False, "agent")
    assert one(verifier, "Le président kazakh s’est engagé à ne pas quitter la capitale "
               "[1].", PLEDGE) == (True, "supported")
    assert one(verifier, "Dmitry Peskov s’est exprimé sur ces événements [1].",
               PLEDGE) == (True, "supported")
    # across languages by the lexicon's translations ("blamed" is "imputé"; blind_pairs4 v5_117)
    blamed = ("Cette annonce intervient après que le président Tokayev a imputé à une « agression "
              "extérieure » les troubles.")
    assert deed_of_other("Nikol Pashinyan blamed the unrest on external aggression.", blamed,
                         lang="en")
    assert not deed_of_other("President Tokayev blamed the unrest on external aggression.",
                             blamed, lang="en")
    # a sentence's end or a quote between the last party named and the verb: the doer is
    # unknown (blind_pairs8 v9_010)
    assert not deed_of_other("Ned Price a appelé les forces de l’OTSC à respecter les droits "
                             "humains.", "Il s’agit des institutions du Kazakhstan », a déclaré "
                             "le porte-parole Ned Price. « Nous appelons les forces de l’OTSC "
                             "à respecter les droits humains.")
    # a passive names no doer before it; a party far before the verb is not its doer
    # (pairs.jsonl p0087, p0147)
    formed = ("Le bloc de sécurité, composé de six anciens États soviétiques – Arménie, "
              "Biélorussie, Kazakhstan, Kirghizistan, Russie et Tadjikistan – a été formé en "
              "1992.")
    assert not deed_of_other("The CSTO was formed in 1992.", formed, lang="en")
    assert not deed_of_other("Le Bureau de la démocratie a alloué 750 000 $.", "Le Bureau de "
                             "la démocratie, des droits de l’homme et du travail du département "
                             "d’État américain a annoncé un programme de soutien à la liberté "
                             "d’association au Kazakhstan et a alloué 750 000 $ à cette cause.")
    # a verb of saying is not read (the speaker often comes after it: "a déclaré X")
    assert not deed_of_other("Tokaïev a déclaré que l’ordre était rétabli.",
                             "« L’ordre est rétabli », a déclaré jeudi Kassym-Jomart Tokaïev.")


SUCCESSOR = ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart Tokayev, "
             "a initialement limogé le gouvernement du pays en début de semaine en réponse aux "
             "troubles.")


@pytest.mark.parametrize(("claim", "supported"), [
    # who succeeds whom, reversed (blind_pairs2 v2_034, 4 v5_047, 9 v9_031, 10 v11_058)
    ("Nazarbayev, Tokayev's hand-picked successor, initially dismissed the country's "
     "government early in the week [1].", False),
    ("Nazarbayev, successeur choisi par Tokayev, a d’abord limogé le gouvernement en réaction "
     "aux troubles [1].", False),
    ("President Tokayev hand-picked Nazarbayev as his successor and initially sacked the "
     "government early in the week [1].", False),
    # ... and as the sentence says it
    ("Tokayev, Nazarbayev's hand-picked successor, initially dismissed the country's "
     "government early in the week [1].", True),
    ("Le président Tokayev, successeur choisi par Nazarbaïev, a d’abord limogé le gouvernement "
     "en réponse aux troubles [1].", True),
])
def test_who_succeeds_whom_is_read(verifier: Verifier, claim: str, supported: bool) -> None:
    assert one(verifier, claim, SUCCESSOR)[0] is supported


def test_the_closing_reviews_misfires_are_mended(verifier: Verifier) -> None:
    """Closing review of the nineteenth session: each rule's misfire on a constructed case."""
    # M2: the agent spelt otherwise in French is the doer ("Putin" is "Poutine")
    assert not deed_of_other("Meanwhile, Putin promised to send troops to Kazakhstan.",
                             "Vladimir Poutine a promis d’envoyer des troupes au Kazakhstan.",
                             lang="en")
    # M3: the agent named after the verb ("par la voix de"), and "par décret" names no doer
    assert not deed_of_other("Le porte-parole Dmitri Peskov a confirmé l’envoi de troupes.",
                             "Le Kremlin a confirmé l’envoi de troupes, par la voix de son "
                             "porte-parole Dmitri Peskov.")
    assert not deed_of_other("Le président Tokaïev a limogé le gouvernement par décret.",
                             "Le président Kassym-Jomart Tokaïev a limogé le gouvernement par "
                             "décret du Kazakhstan.")
    # M7: the English article "a" is no auxiliary
    assert not deed_of_other("Russia has a contingent of paratroopers in Kazakhstan.",
                             "La Biélorussie a fourni un contingent, tandis que la Russie a "
                             "déployé des parachutistes.", lang="en")
    # M4: a noun phrase after "et" is no statement of its own
    assert one(verifier, "Les autorités ont confirmé le nombre de personnes arrêtées [1].",
               "Les autorités n’ont pas confirmé le nombre de morts et le nombre de personnes "
               "arrêtées.") in ((False, "negation"), (False, "antonym"))
    # M6: "ne signera pas sans" is a refusal, not a litotes
    assert negated("Le Kazakhstan ne signera pas sans garanties de sécurité.")
    assert one(verifier, "Kazakhstan will not sign without security guarantees [1].",
               "Le Kazakhstan ne signera pas sans garanties de sécurité.")[0]
    # L1: "un car de police" is a bus, not "because"
    from rag.answering.verify import _cause_at
    assert not _cause_at("ils ont incendié un car de police", "fr")


def test_causes_and_parts_stay_linear(verifier: Verifier) -> None:
    """M1: every cause marker re-read the rest of the claim ("car " x 2,000: 8 s); M5: the
    parts of a long negated sentence were embedded again for each claim."""
    from rag.answering.verify import _cause

    with cpu_spent() as spent:
        _cause("Les manifestants sont partis " + "car " * 8000 + "fin.", "fr")
        _cause("They left " + "because " * 4000 + "end.", "en")
    assert spent.seconds < 1.0
    parts = " et ne ".join(f"les soldats numéro {i} partent" for i in range(48))
    claims = " ".join(f"Les soldats numéro {i} partent [1]." for i in range(20))
    with cpu_spent() as spent:
        verifier.verify(claims, [parts + " pas."])
    assert spent.seconds < 8.0


def test_hyphenated_words_share_their_stem_across_languages(verifier: Verifier) -> None:
    """"weekend" over "week-end": the claim has no name to anchor it, only words."""
    assert one(verifier, "The protests began over the weekend, sparked by a rise in fuel prices "
               "[1].", "Les manifestations ont commencé au cours du week-end, déclenchées par la "
               "hausse des prix du carburant.") == (True, "supported")


def test_a_title_given_to_the_wrong_person_is_caught(verifier: Verifier) -> None:
    """Every name, a close cosine, but the passage gives her another title (tests/rag/answering/
    test_titles.py for the reading)."""
    passage = ("L’OTSC a indiqué, ce jeudi matin, dans un communiqué diffusé sur "
               "Telegram par la porte-parole de la diplomatie russe, Maria Zakharova, que des "
               "soldats étaient envoyés.")
    assert one(verifier, "The CSTO statement was posted on Telegram by CSTO Secretary General "
               "Maria Zakharova [1].", passage) == (False, "title")
    assert one(verifier, "The statement was posted on Telegram by Russian foreign ministry "
               "spokeswoman Maria Zakharova [1].", passage) == (True, "supported")


def test_a_claim_drawn_from_two_adjacent_sentences(verifier: Verifier) -> None:
    """One claim summing up two sentences is supported by the pair; a claim that restates one
    sentence with a figure or a name swapped in from the next is still caught
    (evals/verifier/combined_dev.jsonl)."""
    assert one(verifier, "La Russie a envoyé quelque 3 000 personnes selon l’agence RIA, et "
               "l’Arménie en a envoyé 100 [1].", TROOPS) == (True, "supported")
    assert one(verifier, "L’Arménie a envoyé quelque 3 000 personnes, selon l’agence de presse "
               "russe RIA [1].", TROOPS)[0] is False
    assert one(verifier, "La Russie a envoyé quelque 100 personnes, selon l’agence de presse "
               "russe RIA [1].", TROOPS)[0] is False


MONITORED = ("Le ministère russe des affaires étrangères a confirmé séparément qu’il "
             "surveillait les troubles. « Nous préconisons la résolution pacifique de tous les "
             "problèmes dans le cadre constitutionnel et légal et par le dialogue, plutôt que "
             "par des émeutes de rue et la violation des lois », indique un communiqué.")


def test_a_sentence_with_no_anchor_is_drawn_on_by_its_own_words(verifier: Verifier) -> None:
    """blind_pairs33 v33_018: the quote holds none of the claim's names or figures, but four
    of its words; the pair supports the claim."""
    claim = ("Russia's foreign ministry separately confirmed that it was monitoring the "
             "unrest, saying in a statement that it favours settling all problems peacefully, "
             "through dialogue and within the constitutional and legal framework, rather than "
             "through street riots and breaking the law [1].")
    assert one(verifier, claim, MONITORED) == (True, "supported")


def test_a_pair_whose_one_sentence_gives_another_cause_does_not_give_the_claims(
        verifier: Verifier) -> None:
    """blind_pairs14 v15_034: the announcement's cause is "la menace pour la sécurité
    nationale"; the burnt buildings are in the next sentence, as what the unrest did."""
    passage = ("Le président de l’OTSC, Nikol Pashinyan, a annoncé une mission « limitée » en "
               "raison de la « menace pour la sécurité nationale » du Kazakhstan. Cette annonce "
               "intervient après que le président Tokayev a imputé à une « agression extérieure "
               "» les troubles qui ont vu des bâtiments gouvernementaux incendiés et des "
               "banques pillées.")
    assert one(verifier, "Nikol Pashinyan a annoncé une mission « limitée » de l’OTSC parce que "
               "des bâtiments gouvernementaux avaient été incendiés et des banques pillées au "
               "Kazakhstan [1].", passage)[0] is False
    assert one(verifier, "Nikol Pashinyan a annoncé une mission « limitée » de l’OTSC en raison "
               "de la menace pour la sécurité nationale du Kazakhstan [1].", passage) == (
        True, "supported")


def test_a_purpose_beside_the_claims_cause_is_no_other_cause(verifier: Verifier) -> None:
    """Diff review 42: "afin de stabiliser" is a purpose; the next sentence gives the claim's
    cause, and the pair supports it."""
    passage = ("Nikol Pashinyan a annoncé l'envoi d'une mission « limitée » de l'OTSC afin de "
               "stabiliser la situation au Kazakhstan. Selon Pashinyan, cette décision a été "
               "prise en raison de la menace pour la sécurité nationale du Kazakhstan.")
    assert one(verifier, "Nikol Pashinyan a annoncé l'envoi d'une mission « limitée » de l'OTSC "
               "au Kazakhstan en raison de la menace pour la sécurité nationale du Kazakhstan "
               "[1].", passage) == (True, "supported")


def test_not_only_is_no_negation_and_a_capital_names_its_state(verifier: Verifier) -> None:
    """evals/verifier/paraphrase_dev.jsonl: "not just ... but" restates "non seulement ...
    mais"; "Moscou" is how news names Russia as an actor."""
    assert one(verifier, "Tokayev said the authorities were facing not just protesters but a "
               "highly organised terrorist threat [1].", "M. Tokaïev a déclaré que les "
               "autorités étaient confrontées non seulement à des manifestants, mais à une "
               "« menace terroriste » hautement organisée.") == (True, "supported")
    assert one(verifier, "Le 6 janvier, le chef de la diplomatie européenne a averti Moscou "
               "contre une intervention militaire au Kazakhstan [1].", "Jeudi 6 janvier, le "
               "plus haut diplomate de l’Union européenne a mis en garde la Russie contre une "
               "intervention militaire au Kazakhstan voisin.") == (True, "supported")


BLASTS = ("Les journalistes de l’agence de presse russe Sputnik sont déployés au Kazakhstan. "
          "Internet reste coupé dans tout le pays depuis mercredi. Les banques sont "
          "fermées. Par ailleurs, trois "
          "explosions ont été entendues ce vendredi dans la partie nord d’Almaty, ont indiqué "
          "des sources d’information. Des dizaines de morts et au moins un millier de blessés, "
          "dont douze tués chez les forces de l’ordre.")


def test_a_framing_name_may_come_from_elsewhere_in_the_passage(verifier: Verifier) -> None:
    """An outlet or a body named alone ("selon des journalistes de Sputnik") may be given in
    another sentence of the passage than the evidence; a person or a country may not."""
    assert one(verifier, "Trois explosions ont été entendues vendredi dans le nord d’Almaty, "
               "selon l’agence Sputnik [1].", BLASTS) == (True, "supported")
    assert one(verifier, "Trois explosions ont été entendues vendredi dans le nord d’Almaty, "
               "selon l’agence Reuters [1].", BLASTS)[0] is False
    assert one(verifier, "Trois explosions ont été entendues vendredi dans le nord d’Almaty, "
               "selon le journaliste Igor Sputnik [1].", BLASTS)[0] is False


def test_a_claim_opening_on_a_number_word_or_a_participle_names_no_one(
        verifier: Verifier) -> None:
    """"Twelve members ..." opens on a figure, "Nées de ..." on a participle: capitalised
    because they start the claim, neither is a name the passage must hold."""
    assert [a.kind for a in claim_anchors("Twelve members of the security forces died.")] == [
        "number"]
    assert claim_anchors("Nées de griefs économiques, les manifestations ont éclaté.") == []
    # blind_pairs11: a French participle or adverb that opens the sentence is no name either,
    # but a first name in "é" is one when a name follows
    assert claim_anchors("Constitué en 1992, le bloc regroupe six États.")[0].kind == "number"
    assert claim_anchors("Déclenchée samedi par la hausse des prix, la crise dure.")[0].kind \
        == "date"
    assert claim_anchors("Jamais le pays n’avait connu de tels troubles.") == []
    assert [a.text for a in claim_anchors("René Dupont a parlé.")] == ["René", "Dupont"]
    assert claim_anchors("Faute de journalistes sur place, les accusations restent vagues.") \
        == []
    assert claim_anchors("Partie de province, la contestation a gagné les villes.") == []
    assert [a.text for a in claim_anchors("Tokaïev de Russie, dit-il.")] == ["Tokaïev", "Russie"]
    assert [a.text for a in claim_anchors("Moscou de son côté, a réagi.")] == ["Moscou"]
    # closing review M12: a town in "é" before a verb, a name before ", de son côté"
    assert [a.text for a in claim_anchors("Aktobé a été touchée.")] == ["Aktobé"]
    assert [a.text for a in claim_anchors("Tokaïev, de son côté, a parlé.")] == ["Tokaïev"]
    assert one(verifier, "Twelve members of the security forces were among those killed [1].",
               BLASTS) == (True, "supported")


QUOTE = ("L’ambassadeur de Russie aux États-Unis, Anatoly Antonov, s’est exprimé jeudi. Il a "
         "parlé longuement. « La situation est grave. Nous soutiendrons les efforts pour "
         "rétablir une vie normale », a-t-il ajouté.")


def test_a_speaker_named_sentences_before_holds_the_claim(verifier: Verifier) -> None:
    """A person the passage names three sentences before the quote still anchors the claim;
    someone it never names does not (a country from another sentence does not either:
    evals/verifier/pairs.jsonl, entity swaps)."""
    assert one(verifier, "Anatoly Antonov a déclaré : « Nous soutiendrons les efforts pour "
               "rétablir une vie normale » [1].", QUOTE) == (True, "supported")
    assert one(verifier, "Sergueï Lavrov a déclaré : « Nous soutiendrons les efforts pour "
               "rétablir une vie normale » [1].", QUOTE)[0] is False


ARMENIA = ("On ignore encore quel sera l’apport des autres pays de l’OTSC (Kazakhstan, "
           "Kirghizistan, Arménie, Russie, Tadjikistan, Biélorussie). Mais ces pays ne disposent "
           "pas des mêmes moyens d’intervention militaires que la Russie. Toutefois, l’Arménie, "
           "qui assure actuellement la présidence de l’OTSC, a confirmé ce matin sa "
           "participation à cette opération de stabilisation. Pour les Russes, il s’agit de "
           "démontrer qu’ils n’agissent pas seuls\n, explique Marie Dumoulin, directrice de "
           "programme à l’European Council on Foreign Relations (ECFR).")


def test_a_negated_claim_drawn_from_two_sentences_is_supported(verifier: Verifier) -> None:
    """The negation is in the second sentence the claim sums up, not in the best one alone;
    a negation neither sentence makes is still caught."""
    assert one(verifier, "Alors que l’Arménie, qui assure la présidence de l’OTSC, a confirmé ce "
               "matin sa participation à l’opération de stabilisation, Marie Dumoulin explique "
               "que pour les Russes il s’agit de démontrer qu’ils n’agissent pas seuls [1].",
               ARMENIA) == (True, "supported")  # evals/verifier/combined_dev.jsonl c_021
    assert one(verifier, "L’Arménie, qui assure la présidence de l’OTSC, n’a pas confirmé sa "
               "participation à cette opération de stabilisation [1].", ARMENIA)[0] is False


def test_a_translation_without_names_or_figures_passes_on_clear_meaning(
        verifier: Verifier) -> None:
    crisis = ("Une crise qui a déjà fait des dizaines de morts chez les manifestants et au moins "
              "un millier de blessés.")
    assert one(verifier, "The crisis has already left dozens of protesters dead and at least a "
               "thousand injured [1].", crisis) == (True, "supported")
    assert one(verifier, "The weather was cold and the shops stayed open all week [1].",
               crisis)[0] is False


SENDS = ("La Russie a envoyé quelque 3 000 personnes au Kazakhstan. Les manifestations ont éclaté "
         "après la hausse du prix du gaz liquéfié. Le Bélarus a déployé un groupe de travail "
         "vendredi, transporté par avion via la Russie.")


def test_a_claim_joining_two_distant_sentences_is_checked_part_by_part(
        verifier: Verifier) -> None:
    joined = ("La Russie a envoyé quelque 3 000 personnes au Kazakhstan, tandis que le Bélarus a "
              "déployé vendredi un groupe de travail transporté par avion [1].")
    assert one(verifier, joined, SENDS) == (True, "supported")
    # Each part must hold on its own: a day or a figure from nowhere still fails.
    for wrong in (joined.replace("vendredi", "jeudi"), joined.replace("3 000", "2 500")):
        ok, why = one(verifier, wrong, SENDS)
        assert not ok and why == "missing"


def test_conjuncts() -> None:
    assert conjuncts("La Russie a envoyé 3 000 personnes au pays, tandis que le Bélarus a "
                     "déployé un groupe vendredi.") == [
        "La Russie a envoyé 3 000 personnes au pays", "le Bélarus a déployé un groupe vendredi."]
    # Short parts are no statements: "Russia and its allies" stays one claim.
    assert conjuncts("Russia and its allies sent troops, and stayed.") == []


def test_adjacent_pairs_are_embedded_once_per_passage(embedder: E5Embedder) -> None:
    """Twenty claims that need a pair of sentences (the name in one, the figure in the next,
    a negation so none passes) over one passage: its pairs are embedded once, not for each
    claim (25 claims over 20 such passages took 42 s, 3.6 s now)."""
    counting = CountingEmbedder(embedder)
    passage = " ".join(["La Russie a envoyé des troupes au Kazakhstan. Il y avait 3000 "
                        "personnes sur place."] * 2)
    answer = " ".join("La Russie n'a pas 3000 personnes [1]." for _ in range(20))
    result = Verifier(counting).verify(answer, [passage], recite=False)
    assert len(result.claims) == 20 and not any(c.supported for c in result.claims)
    pairs = [t for t in counting.texts if t.count(".") >= 2]
    assert 1 <= len(pairs) <= 3, pairs  # at most one per adjacent pair (20 x 3 before)


def test_stems_are_linear_on_long_words() -> None:
    """A 50,000-letter word with no hyphen: the hyphenated-word pattern was tried from each
    letter (20,000 letters: 4 s, quadratic); linear now (about a millisecond)."""
    from rag.answering.verify import _stems

    t0 = time.monotonic()
    _stems("a" * 50_000)
    assert time.monotonic() - t0 < 2
    assert {"jeanp", "sudou"} <= _stems("Jean-Pierre et le sud-ouest")


@pytest.mark.parametrize(("text", "negative"), [
    ("Les autorités n’excluent pas que des pillards aient profité des troubles.", True),
    ("La police n'a arrêté que 30 personnes.", False),  # "ne ... que": only
    ("Il ne reste plus que deux bataillons.", False),
    ("Les alliés enverront des troupes sans délai.", False),  # "immédiatement"
    ("Les alliés enverront des troupes sans armes.", True),
    ("Several countries, not least Armenia, sent troops.", False),
    # an open alternative (blind_pairs6)
    ("The US had questions about whether or not it was a legitimate invitation.", False),
    ("Ils se demandaient s’il s’agissait d’une invitation légitime ou non.", False),
    ("Il ne savait pas s’il s’agissait d’une invitation légitime.", True),
    # what a warning tells someone not to do (blind_pairs6): "mis en garde contre"
    ("Le chef de la diplomatie européenne a averti Moscou de ne pas intervenir.", False),
    ("The EU's top diplomat warned Russia not to intervene militarily.", False),
    ("The EU's top diplomat did not warn Russia.", True),
    ("He warned that the troops would not leave.", True),
    # a negated absence is a presence (blind_pairs10 v11_021)
    ("Cette intervention n’est pas sans risques car elle pourrait perturber les équilibres.",
     False),
    ("The move was not without risk.", False),
    ("Les troupes sont arrivées sans armes et ne sont pas reparties.", True),
])
def test_what_counts_as_a_negation(text: str, negative: bool) -> None:
    assert negated(text) is negative


def test_a_negated_que_clause_is_a_negation_on_both_sides(verifier: Verifier) -> None:
    passage = ("Les autorités n’excluent pas que des pillards aient profité des troubles à "
               "Almaty, selon le ministère de l’Intérieur.")
    assert one(verifier, "Les autorités n'excluent pas que des pillards aient profité des "
               "troubles à Almaty [1].", passage) == (True, "supported")
    ok, why = one(verifier, "Les autorités affirment que des pillards ont profité des troubles "
                  "à Almaty [1].", passage)
    # refused: "n'excluent pas que" is also a possibility the claim states as a fact (hedge)
    assert not ok and why in ("negation", "hedge")


def test_an_adjective_in_tique_names_what_its_english_form_names(verifier: Verifier) -> None:
    passage = ("Le pays est membre de l’Union économique eurasiatique depuis sa création, "
               "a rappelé le ministre.")
    assert one(verifier, "The country has been a member of the Eurasian Economic Union since "
               "it was created [1].", passage) == (True, "supported")


def test_a_translated_claim_without_anchors_passes_from_087(verifier: Verifier) -> None:
    """No name, no figure, no shared word across languages: meaning alone at cosine >= 0.87
    (0.90 before: this true claim scores about 0.88); an unrelated one still fails."""
    passage = ("Ceci après qu’il ait étendu l’état d’urgence à l’ensemble du pays, et alors que "
               "des observateurs extérieurs ont déclaré qu’Internet a été bloqué.")
    assert one(verifier, "The state of emergency was extended to the whole country [1].",
               passage) == (True, "supported")
    ok, why = one(verifier, "The protesters stayed peaceful throughout the week [1].", passage)
    assert not ok and why == "meaning"


def test_unknown_impossible_and_absence_are_negations_on_both_sides(verifier: Verifier) -> None:
    passage = ("Les détails des explosions n’ont pas encore été communiqués, et on ne sait rien "
               "quant à la cause de l’incident.")
    assert one(verifier, "La cause de l'incident reste inconnue [1].", passage) == (
        True, "supported")
    ok, why = one(verifier, "La cause de l'incident a été communiquée [1].", passage)
    assert not ok and why == "negation"


SPUTNIK_BLASTS = (
    "Trois explosions ont été entendues ce vendredi dans la partie nord d’Almaty. Les "
    "journalistes de Sputnik ont annoncé que ces explosions avaient été suivies d’une "
    "odeur de produits chimiques. Les secours sont arrivés samedi sur les lieux.")


def test_a_date_may_come_from_the_sentence_before_one_that_gives_none(
        verifier: Verifier) -> None:
    assert one(verifier, "Sputnik journalists said the blasts on Friday were followed by a "
               "chemical smell [1].", SPUTNIK_BLASTS) == (True, "supported")
    # ... not over a sentence that gives a date of its own
    ok, why = one(verifier, "Rescuers arrived at the scene on Friday [1].", SPUTNIK_BLASTS)
    assert not ok, why


def test_a_date_from_the_sentence_before_never_costs_a_claim_its_support(
        verifier: Verifier) -> None:
    """The date of the sentence before is tried only when the claim fails without it: with it,
    the closer negated sentence (which gives no date) was judged instead, and the claim that
    the first sentence supports was refused on negation."""
    passage = ("Jeudi, un premier contingent a débarqué à l'aéroport : des soldats russes, venus "
               "d'Almaty. Les soldats russes ne sont pas arrivés à Almaty.")
    assert one(verifier, "Les soldats russes sont arrivés jeudi à Almaty [1].", passage) == (
        True, "supported")


@pytest.mark.parametrize(("claim", "supported"), [
    # the acronym written out in the source, letters reordered as in French
    ("On 6 January, the EU's top diplomat warned Russia against an intervention [1].", True),
    ("On 6 January, NATO's top diplomat warned Russia against an intervention [1].", False),
])
def test_an_acronym_holds_where_the_source_writes_the_name_out(verifier: Verifier, claim: str,
                                                                supported: bool) -> None:
    passage = ("Jeudi 6 janvier, le plus haut diplomate de l’Union européenne a mis en garde la "
               "Russie contre une intervention militaire au Kazakhstan voisin.")
    assert one(verifier, claim, passage)[0] is supported


def test_an_acronym_the_gazetteer_spells_is_not_read_from_initials() -> None:
    """US is the États-Unis: "l'Union soviétique" (U, S) does not hold it."""
    from rag.answering.anchors import claim_anchors, facts, holds

    us = next(a for a in claim_anchors("The US warned Moscow.") if a.name == "us")
    assert not holds(facts("L’Union soviétique a averti Moscou."), us)
    eu = next(a for a in claim_anchors("The EU warned Moscow.") if a.name == "eu")
    assert holds(facts("L’Union européenne a averti Moscou."), eu)


@pytest.mark.parametrize(("text", "value"), [
    ("environ un millier et demi de militaires russes", "n:1500"),
    ("deux milliers de soldats", "n:2000"),
    ("plus de trois décennies de règne", "n:30"),
    # a fraction of a scale (blind_pairs6)
    ("earmarked three quarters of a million dollars", "n:750000"),
    ("half a million people", "n:500000"),
    ("un demi-million de personnes", "n:500000"),
    ("a quarter of a million troops", "n:250000"),
])
def test_number_words_a_source_may_use(text: str, value: str) -> None:
    from rag.answering.anchors import facts

    assert value in facts(text).keys


def test_and_between_two_spelled_numbers_joins_neither() -> None:
    """"between one hundred and two hundred" is 100 and 200, not 10,200."""
    from rag.answering.anchors import claim_anchors

    keys = [a.keys for a in claim_anchors("They sent between one hundred and two hundred "
                                          "personnel.") if a.kind == "number"]
    assert keys == [frozenset({"n:100"}), frozenset({"n:200"})]
    assert [a.keys for a in claim_anchors("one hundred and twenty soldiers")
            if a.kind == "number"] == [frozenset({"n:120"})]


@pytest.mark.parametrize(("claim", "supported"), [
    ("Unofficial data suggest around 1,500 Russian servicemen guard the cosmodrome [1].", True),
    ("Unofficial data suggest around 2,500 Russian servicemen guard the cosmodrome [1].", False),
])
def test_a_figure_written_in_words_holds_its_digits(verifier: Verifier, claim: str,
                                                    supported: bool) -> None:
    passage = ("À en juger par certaines données non officielles, environ un millier et demi de "
               "militaires russes sont impliqués dans la garde des installations du cosmodrome.")
    assert one(verifier, claim, passage)[0] is supported


def test_ne_guere_is_a_degree_not_a_negation() -> None:
    assert not negated("Jusqu’ici, Washington n’a guère réagi aux événements.")
    assert negated("Jusqu’ici, Washington n’a pas réagi aux événements.")


def test_decades_in_a_claim_and_a_capital_for_its_people() -> None:
    """blind_pairs5 false alarms: "three decades ago" over "il y a 30 ans"; "Moscou tient à
    montrer" over "Pour les Russes"; "Flight-tracking data" and "Née en 1992" opening a claim
    name no one."""
    f = facts("Le pays a obtenu son indépendance de l’Union soviétique il y a 30 ans.")
    three = [a for a in claim_anchors("It became independent three decades ago.")
             if a.kind == "number"]
    assert three and all(holds(f, a) for a in three)
    assert not all(holds(f, a) for a in claim_anchors("It became independent four decades ago.")
                   if a.kind == "number")
    moscow = next(a for a in claim_anchors("Selon elle, Moscou tient à montrer sa force.")
                  if a.kind == "name" and a.name == "moscou")
    assert holds(facts("Pour les Russes, il s’agit de démontrer qu’ils n’agissent pas seuls."),
                 moscow)
    assert not holds(facts("Pour les Chinois, il s’agit de démontrer leur force."), moscow)
    assert [a.text for a in claim_anchors("Flight-tracking data show Russian aircraft.")
            if a.kind == "name"] == ["Russian"]
    assert [a.text for a in claim_anchors("Russian-led troops arrived.")
            if a.kind == "name"] == ["Russian"]
    assert not [a for a in claim_anchors("Née en 1992, l’alliance réunit six pays.")
                if a.kind == "name"]


def test_a_claim_said_of_all_needs_a_source_that_says_so(verifier: Verifier) -> None:
    """blind_pairs4/5: "all", "toutes", "only" over a sentence that says it of some."""
    burnt = ("Entre-temps, de nombreux bâtiments publics, dont au moins une résidence "
             "présidentielle, ont été incendiés, selon des vidéos circulant largement.")
    assert one(verifier, "D’après des vidéos, toutes les résidences présidentielles du pays ont "
                         "été incendiées [1].", burnt) == (False, "quantifier")
    assert one(verifier, "D’après des vidéos, au moins une résidence présidentielle a été "
                         "incendiée [1].", burnt)[0]
    drills = ("Les participants organisent des exercices militaires conjoints chaque année "
              "et ne peuvent pas faire partie d’autres blocs militaires.")
    # "every year" is "chaque année"
    assert one(verifier, "The members hold joint military drills every year [1].",
               drills)[1] != "quantifier"
    # "not only ... but" says nothing of all
    from rag.answering.verify import QUANTIFIER
    assert not QUANTIFIER.search("not only protesters but a terrorist threat")
    assert not QUANTIFIER.search("Russia above all fears the unrest")
    assert QUANTIFIER.search("Il ne reste que deux soldats.")


def test_an_opposite_in_the_claim_is_not_supported(verifier: Verifier) -> None:
    """blind_pairs5: "perdu le contrôle" over "repris le contrôle" (cosine 0.96)."""
    airport = ("Jeudi soir, les militaires avaient repris le contrôle du principal aéroport, "
               "saisi plus tôt par les manifestants, mais les combats se poursuivaient.")
    assert one(verifier, "Jeudi soir, les militaires avaient perdu le contrôle du principal "
                         "aéroport [1].", airport) == (False, "antonym")
    assert one(verifier, "Jeudi soir, les militaires avaient repris le contrôle du principal "
                         "aéroport [1].", airport)[0]


@pytest.mark.parametrize(("claim", "supported"), [
    ("Plus de 3 800 personnes ont été interpellées par la police kazakhe [1].", True),
    ("More than 3,500 people were detained by the Kazakh police [1].", True),
    ("Près de 3 900 personnes ont été interpellées par la police kazakhe [1].", True),
    ("About 3,700 people were detained by the Kazakh police [1].", True),
    # the wrong side of the figure, or too far from it
    ("Près de 3 800 personnes ont été interpellées par la police kazakhe [1].", False),
    ("Plus de 3 900 personnes ont été interpellées par la police kazakhe [1].", False),
    ("About 3,000 people were detained by the Kazakh police [1].", False),
    ("Some 2,000 people were detained by the Kazakh police [1].", False),
])
def test_a_rough_figure_holds_a_source_figure_on_its_side(verifier: Verifier, claim: str,
                                                          supported: bool) -> None:
    """blind_pairs6: "Plus de 3 800 personnes" over "3 811 personnes"; a year is no figure."""
    passage = ("La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours "
               "d’émeutes en 2021.")
    assert one(verifier, claim, passage)[0] is supported


def test_a_claim_said_of_some_over_a_sentence_said_of_all_is_not_supported(
        verifier: Verifier) -> None:
    """blind_pairs6: "une partie seulement des vols" over "tous les vols étant annulés"."""
    airport = ("Selon des informations non confirmées, l’aéroport d’Almaty aurait été pris "
               "d’assaut par les émeutiers, tous les vols étant annulés.")
    assert one(verifier, "Selon des informations non confirmées, une partie seulement des vols "
                         "a été annulée après la prise de l’aéroport d’Almaty [1].",
               airport) == (False, "quantifier")
    assert one(verifier, "Selon des informations non confirmées, tous les vols ont été annulés "
                         "après la prise de l’aéroport d’Almaty [1].", airport)[0]
    # a claim that says "none" and "some" itself is not said of some only
    from rag.answering.verify import _of_some
    assert not _of_some("Aucun vol n’a décollé, et une partie des passagers est restée.")


def test_a_few_or_the_whole_over_a_sentence_that_says_otherwise(verifier: Verifier) -> None:
    """blind_pairs9/5: "a few flights were cancelled" over "tous les vols étant annulés",
    "la totalité des 38 000 ONG" over "la majorité d'entre elles"; "a few hours later" and
    "some 3,000" are no quantifier."""
    airport = ("Selon des informations non confirmées, l’aéroport d’Almaty aurait été pris "
               "d’assaut par les émeutiers, tous les vols étant annulés.")
    assert one(verifier, "According to unconfirmed reports, Almaty airport was seized by "
                         "rioters and a few flights were cancelled [1].",
               airport) == (False, "quantifier")
    assert one(verifier, "According to unconfirmed reports, Almaty airport was seized by "
                         "rioters and all flights were cancelled [1].", airport)[0]
    ngos = ("L’ICNL estime qu’il y a 38 000 ONG actives au Kazakhstan, tandis que la majorité "
            "d’entre elles sont financées par les États-Unis.")
    assert one(verifier, "Selon l’ICNL, la totalité des 38 000 ONG actives au Kazakhstan sont "
                         "financées par les États-Unis [1].", ngos) == (False, "quantifier")
    from rag.answering.verify import _of_some
    assert not _of_some("A few hours later, flights were cancelled.")
    assert not _of_some("Russia sent some 3,000 troops.")


def test_a_cause_the_sentence_does_not_give_is_not_supported(verifier: Verifier) -> None:
    """blind_pairs6: a claim that gives a cause or purpose sharing no word with the one its
    sentence gives ("déclenchée par l'arrestation" over "provoquée par la hausse des prix")."""
    crisis = "La crise a été provoquée par la hausse des prix du carburant samedi dernier."
    # (an arrest the passage never tells is refused on its own: fates_unsaid)
    assert not one(verifier, "La crise a été déclenchée samedi dernier par l’arrestation de "
                             "plusieurs figures de l’opposition [1].", crisis)[0]
    assert one(verifier, "La crise a été déclenchée samedi dernier par la démission de "
                         "plusieurs figures de l’opposition [1].", crisis) == (False, "cause")
    assert one(verifier, "La crise a été déclenchée samedi dernier par la hausse des prix du "
                         "carburant [1].", crisis)[0]
    fire = ("Ce vendredi, le président du Kazakhstan, Kassym-Jomart Tokaïev, a annoncé "
            "autoriser les forces de l’ordre à ouvrir le feu « sans avertissement » pour mettre "
            "un terme aux émeutes chaotiques qui secouent le pays.")
    # ("les troupes russes" would be refused first: the passage never says Russian)
    assert one(verifier, "Tokaïev a autorisé les forces de l’ordre à tirer sans avertissement "
                         "afin de protéger les troupes étrangères arrivées dans le pays [1].",
               fire) == (False, "cause")
    assert one(verifier, "Tokaïev a autorisé les forces de l’ordre à tirer sans avertissement "
                         "afin de mettre un terme aux émeutes [1].", fire)[0]


FUEL = ("Les manifestations ont commencé au cours du week-end, déclenchées par la hausse des "
        "prix du carburant.")
BORDER = ("Le Kazakhstan présente un intérêt stratégique pour la Russie car il a une frontière "
          "avec la Russie de plus de 7 000 kilomètres, une importante population ethnique russe "
          "et abrite les installations spatiales russes à Baïkonour, a souligné l’expert.")


@pytest.mark.parametrize(("claim", "passage", "supported"), [
    # across languages, by the lexicon's translations (blind_pairs4 v5_005, blind_pairs6 v7_108)
    ("The protests began over the weekend, triggered by the arrest of opposition leaders [1].",
     FUEL, False),
    ("The protests began over the weekend, triggered by a rise in fuel prices [1].", FUEL, True),
    ("The protests began over the weekend, sparked by higher fuel prices [1].", FUEL, True),
    # "car" gives a cause in French (blind_pairs9 v9_087)
    ("Selon l’expert, le Kazakhstan présente un intérêt stratégique pour la Russie avant tout "
     "en raison de ses réserves de pétrole [1].", BORDER, False),
    ("Selon l’expert, le Kazakhstan présente un intérêt stratégique pour la Russie en raison de "
     "sa longue frontière avec elle [1].", BORDER, True),
    ("Kazakhstan matters strategically to Russia because of its long border with Russia [1].",
     BORDER, True),
    # a claim giving two causes is kept by the one its sentence gives (blind_pairs3 v4_033)
    ("Sparked by higher fuel prices at the weekend, the demonstrations quickly turned against "
     "the government, fuelled by anger at Nazarbayev's more than thirty years in power [1].",
     "Elles se sont rapidement transformées en protestations antigouvernementales, alimentées "
     "par le ressentiment à l’égard de plus de trois décennies de règne de l’ex-président "
     "Nursultan Nazarbayev.", True),
    # a modal verb says nothing of the cause (blind_pairs6 v7_008)
    ("L’intervention des Russes et de leurs alliés comporte des risques car elle pourrait "
     "déstabiliser l’économie kazakhe [1].", "Cette intervention des Russes, et de leurs "
     "alliés, n’est pas sans risques car elle pourrait perturber les équilibres ethniques au "
     "Kazakhstan.", False),
])
def test_a_cause_is_compared_across_languages_and_after_car(
        verifier: Verifier, claim: str, passage: str, supported: bool) -> None:
    assert one(verifier, claim, passage)[0] is supported


def test_some_and_all_words_that_are_not_quantifiers(verifier: Verifier) -> None:
    """Review: "as part of the CSTO mission" is not said of some, "no less than 300 flights"
    and "not all was lost" are not said of all or none."""
    from rag.answering.verify import _of_all, _of_some
    assert not _of_some("As part of the CSTO mission, Russia sent troops to Kazakhstan.")
    assert not _of_all("No less than 300 flights were cancelled.")
    assert not _of_all("Not all was lost.")
    assert _of_all("All flights were cancelled.") and _of_all("No flights left Almaty.")
    assert _of_some("Only some of the flights were cancelled.")
    members = ("As part of the CSTO mission, all the member states, Russia among them, sent "
               "troops to Kazakhstan on 6 January.")
    _, why = one(verifier, "As part of the CSTO mission, Russia sent troops to Kazakhstan "
                            "on 6 January [1].", members)
    assert why != "quantifier"


def test_words_that_only_look_like_a_cause_or_purpose() -> None:
    """Review: "alimentaires", "causerie" are no cause; "pour notre pays" is no purpose."""
    from rag.answering.verify import _CAUSE, PURPOSE
    assert not _CAUSE.search("des produits alimentaires importés par la Russie")
    assert not _CAUSE.search("une causerie animée par le ministre")
    assert _CAUSE.search("une colère alimentée par la hausse des prix")
    assert _CAUSE.search("une crise causée par la hausse des prix")
    for text in ("pour notre pays", "pour votre sécurité", "pour autre chose",
                 "pour le premier ministre", "pour premier objectif", "pour dernier recours"):
        assert not PURPOSE.search(text), text
    assert PURPOSE.search("pour mettre un terme aux émeutes")
    # "car" is a cause in French only
    from rag.answering.verify import _cause_at
    assert _cause_at("car il a une frontière", "fr") and not _cause_at("a car bomb", "en")


BLAMED = ("Cette annonce intervient après que le président Tokayev a imputé à une « agression "
          "extérieure » les troubles qui ont vu des bâtiments gouvernementaux incendiés et des "
          "banques pillées.")


@pytest.mark.parametrize("claim,supported", [
    # blind_pairs9 v9_011: what someone blames a thing on is its cause as they tell it
    ("President Tokayev blamed the unrest, which saw government buildings torched and banks "
     "looted, on the surge in fuel prices [1].", False),
    ("President Tokayev blamed the unrest, which saw government buildings torched and banks "
     "looted, on external aggression [1].", True),
    ("Le président Tokayev a imputé les troubles à la hausse des prix du carburant [1].", False),
    ("Le président Tokayev a imputé les troubles à une agression extérieure [1].", True),
    # blind_pairs34 v34_026: "blamed X for Y" gives X as the cause; the passage's cause is
    # read inside its quotes
    ("President Tokayev blamed the rise in fuel prices for the unrest, in which government "
     "buildings were set on fire and banks looted [1].", False),
    ("President Tokayev blamed external aggression for the unrest, in which government "
     "buildings were set on fire and banks looted [1].", True),
])
def test_what_the_unrest_is_blamed_on_is_its_cause(verifier: Verifier, claim: str,
                                                    supported: bool) -> None:
    assert one(verifier, claim, BLAMED)[0] is supported


CHAIR = ("Toutefois, l’Arménie, qui assure actuellement la présidence de l’OTSC, a confirmé ce "
         "matin sa participation à cette opération de stabilisation.")


def test_a_body_of_countries_must_be_the_one_the_passage_names(verifier: Verifier) -> None:
    ok, why = one(verifier, "L’Arménie, qui assure actuellement la présidence de l’Union "
                  "économique eurasiatique, a confirmé sa participation à l’opération [1].", CHAIR)
    assert not ok and why == "missing"
    # ... in any of its names, in either language
    assert one(verifier, "Armenia, which currently chairs the Collective Security Treaty "
               "Organization, confirmed its participation in the operation [1].", CHAIR)[0]


def test_the_first_day_of_a_span_is_a_date_the_passage_gives(verifier: Verifier) -> None:
    passage = ("Le niveau de menace terroriste a été augmenté pour la période du 7 au 19 janvier "
               "2022.")
    assert one(verifier, "Le niveau de menace terroriste a été relevé pour la période du "
               "07.01.2022 au 19.01.2022 [1].", passage)[0]
    assert not one(verifier, "Le niveau de menace terroriste a été relevé pour la période du "
                   "08.01.2022 au 19.01.2022 [1].", passage)[0]


def test_an_office_the_passage_never_names_is_missing(verifier: Verifier) -> None:
    """blind_pairs8: a quote given to "the Russian foreign ministry spokeswoman" over a passage
    where Blinken says it; an office the passage names, in either language, holds."""
    blinken = ("Vendredi soir, Blinken s’est dit préoccupé par la décision de l’OTSC, ajoutant "
               "qu'« une fois que les Russes sont dans votre maison, il est parfois très "
               "difficile de les faire partir ».")
    ok, why = one(verifier, "The Russian foreign ministry spokeswoman warned that once the "
                            "Russians are in your house, it is sometimes very difficult to make "
                            "them leave [1].", blinken)
    assert (ok, why) == (False, "missing")
    peskov = ("Le porte-parole du Kremlin, Dmitry Peskov, a déclaré que le pays peut résoudre "
              "ses propres problèmes.")
    assert one(verifier, "Kremlin spokesman Dmitry Peskov said the country can solve its own "
                         "problems [1].", peskov)[0]
    # a ministry or a diplomacy is no office held by someone
    ministry = "Le ministère russe des Affaires étrangères a salué la décision de l’OTSC."
    assert one(verifier, "The Russian foreign ministry welcomed the CSTO decision [1].",
               ministry)[0]
    # ... and an office named by other words holds: the head of diplomacy is the foreign
    # minister, and "porte parole" unhyphenated is a spokesman (closing review)
    lavrov = "Le chef de la diplomatie russe, Sergueï Lavrov, a salué la décision de l’OTSC."
    assert one(verifier, "Foreign Minister Sergei Lavrov welcomed the CSTO decision [1].",
               lavrov)[0]
    press = "Le porte parole du Kremlin, Dmitry Peskov, a salué la décision de l’OTSC."
    assert one(verifier, "Kremlin spokesman Dmitry Peskov welcomed the CSTO decision [1].",
               press)[0]


RIOTS = ("Le Kazakhstan est ébranlé par une contestation qui a éclaté dimanche, où les "
         "manifestations ont dégénéré en émeutes qui ont fait des dizaines de morts.")
WOUNDED = ("Une crise qui a déjà fait des dizaines de morts chez les manifestants et au moins un "
           "millier de blessés.")
DETAINED = "La police kazakhe a détenu 3 811 personnes au cours de plusieurs jours d’émeutes."


def test_a_passages_orders_of_size_are_read_once_per_verification(
        verifier: Verifier, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each claim's check folded and scanned its passage again: 2.3 s of a 200-claim /verify
    (fourteenth review, I1). Now once a passage, whatever the number of claims."""
    import rag.answering.verify as module

    calls: list[int] = []
    real = module._orders_held

    def counted(whole: object, text: str) -> frozenset[int]:
        calls.append(len(text))
        return real(whole, text)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_orders_held", counted)
    answer = " ".join(f"Hundreds of people were detained in town {i} [1]." for i in range(20))
    claims = verifier.verify(answer, [DETAINED, RIOTS]).claims
    assert len(claims) == 20 and not any(c.supported for c in claims)
    assert len(calls) <= 2  # one per passage read


def test_an_order_of_size_given_once_is_not_given_twice(verifier: Verifier) -> None:
    """ "Hundreds ... were killed ... and hundreds more were injured" over "des dizaines ...
    tuées ... et des centaines d'autres blessées" (blind_pairs17 v18_019)."""
    said = ("Des dizaines de personnes ont été tuées, des milliers ont été arrêtées et des "
            "centaines d’autres ont été blessées.")
    ok, why = one(verifier, "Hundreds of people were killed, thousands were arrested and "
                  "hundreds more were injured [1].", said)
    assert not ok and why == "missing"
    assert one(verifier, "Dozens of people were killed, thousands were arrested and hundreds "
               "more were injured [1].", said)[0]
    assert one(verifier, "Hundreds were detained and hundreds more were injured [1].",
               "Des centaines de personnes ont été arrêtées et des centaines blessées.")[0]


def test_a_figure_of_the_order_may_stand_for_the_second_word() -> None:
    """ "Hundreds ... and hundreds more" over "des centaines ... et 300": the figure may be
    the second hundreds (the rule reads words said twice over a passage saying them once)."""
    from rag.answering.verify import _orders_unsaid, describe

    claim = "Hundreds were arrested and hundreds more were injured."
    assert _orders_unsaid(claim, describe("Des centaines ont été arrêtées et 300 blessées.")) == ()
    assert _orders_unsaid(claim, describe("Des centaines ont été arrêtées et des dizaines "
                                          "blessées.")) == ("hundreds",)


def test_a_claims_offices_are_read_once_a_claim() -> None:
    """A 20,000-character claim over 50 passages folded its words once a passage: 7 s of a
    /verify (twenty-fifth review, F2)."""
    from rag.answering.verify import _roles_unsaid

    claim = "Le porte-parole a dit. " + "mot " * 5_000
    _roles_unsaid(claim, set())
    with cpu_spent() as spent:
        for _ in range(50):
            assert _roles_unsaid(claim, {"ambassade"}) == ("porte-parole",)
    assert spent.seconds < 0.5, spent.seconds


def test_an_order_of_size_in_words_must_be_the_passages(verifier: Verifier) -> None:
    ok, why = one(verifier, "The riots in Kazakhstan have left hundreds dead [1].", RIOTS)
    assert not ok and why == "missing"
    assert not one(verifier, "La crise a fait des dizaines de morts chez les manifestants et au "
                   "moins une centaine de blessés [1].", WOUNDED)[0]
    # the same order, in words or as a figure of that size, holds it
    assert one(verifier, "The riots in Kazakhstan have left dozens dead [1].", RIOTS)[0]
    assert one(verifier, "Kazakh police detained thousands of people during the riots [1].",
               DETAINED)[0]
    # "une cinquantaine" is an order of tens; a year is no count of thousands
    assert one(verifier, "The crisis has left dozens dead [1].",
               "Une crise qui a déjà fait une cinquantaine de morts.")[0]
    ok, why = one(verifier, "In 2022, thousands died in the crisis [1].",
                  "En 2022, la crise a fait une cinquantaine de morts.")
    assert not ok and why == "missing"
    # a figure right before the word is a number, read as one ("2 500 milliers")
    assert _orders_said(fold("3 millions de personnes, in 2022, hundreds"), True) == {
        100: "hundreds"}


@pytest.mark.parametrize(("claim", "passage"), [
    ("Tokaïev a interdit aux forces de l’ordre d’ouvrir le feu sans avertissement [1].",
     "Tokaïev a annoncé autoriser les forces de l’ordre à ouvrir le feu sans avertissement."),
    ("Josep Borrell s’est dit rassuré par l’évolution de la situation au Kazakhstan [1].",
     "Josep Borrell s’est dit « très préoccupé par l’évolution de la situation au Kazakhstan »."),
    ("Nikol Pashinyan a annoncé une mission de durée illimitée au Kazakhstan [1].",
     "Nikol Pashinyan a annoncé une mission « limitée » au Kazakhstan."),
    ("Nazarbayev called on the population to oppose the government [1].",
     "Noursoultan Nazarbaïev a appelé la population à soutenir le gouvernement."),
    ("Xi made the remarks in a written letter to Tokayev [1].",
     "Xi a fait ces remarques dans un message verbal adressé au président Tokayev."),
])
def test_more_opposites_of_news_text(verifier: Verifier, claim: str, passage: str) -> None:
    ok, why = one(verifier, claim, passage)
    assert not ok and why == "antonym"


FIRST = ("Il s’agit de sa première action militaire et d’une indication que les voisins du "
         "Kazakhstan craignent que les troubles ne s’étendent, a rapporté AP.")


def test_an_expletive_ne_negates_nothing(verifier: Verifier) -> None:
    assert not negated(FIRST)
    assert negated("Ils craignent que les troubles ne cessent pas.")
    ok, why = one(verifier, "According to AP, this is not the first military action taken by "
                  "the alliance [1].", FIRST)
    assert not ok and why == "negation"
    assert one(verifier, "AP souligne qu’il s’agit de la première action militaire de "
               "l’alliance, signe que les voisins redoutent une propagation des troubles [1].",
               FIRST)[0]


def test_just_before_is_not_just_after(verifier: Verifier) -> None:
    passage = ("Les troubles semblaient coordonnés pendant la période de Noël orthodoxe et juste "
               "avant le dialogue de sécurité entre les États-Unis et la Russie.")
    ok, why = one(verifier, "The unrest seemed coordinated during Orthodox Christmas, just after "
                  "the security dialogue between the United States and Russia [1].", passage)
    assert not ok and why == "antonym"


def test_a_common_word_opening_the_claim_is_no_name(verifier: Verifier) -> None:
    passage = ("Effectivement, le suivi du trafic aérien montre des vols d’Antonov et "
               "d’Iliouchine russes en direction du Kazakhstan.")
    assert [a.text for a in claim_anchors("Flight tracking shows Russian Antonov aircraft "
                                          "heading to Kazakhstan.") if a.kind == "name"] == [
        "Russian", "Antonov", "Kazakhstan"]
    assert one(verifier, "Flight tracking shows Russian Antonov and Ilyushin planes heading to "
               "Kazakhstan [1].", passage)[0]
    # ... a name that starts like one is still a name
    assert "Churchill" in [a.text for a in claim_anchors("Churchill once described Russia as a "
                                                         "riddle.")]


def test_a_colon_joins_two_statements_each_checked(verifier: Verifier) -> None:
    passage = ("Aucun calendrier précis n’a été annoncé pour la mission. Les casques bleus "
               "resteront au Kazakhstan aussi longtemps que le pays aura besoin de leur aide, "
               "selon Zas.")
    assert conjuncts("Aucun calendrier précis n’a été annoncé : selon Zas, les casques bleus "
                     "resteront tant que le Kazakhstan aura besoin d’eux.") == [
        "Aucun calendrier précis n’a été annoncé",
        "selon Zas, les casques bleus resteront tant que le Kazakhstan aura besoin d’eux."]
    assert conjuncts("La réunion est prévue à 10:30 avec les ministres des pays membres.") == []
    assert one(verifier, "Aucun calendrier précis n’a été annoncé : selon Zas, les casques bleus "
               "resteront tant que le Kazakhstan aura besoin d’eux [1].", passage)[0]


SMELL = ("Les journalistes de Sputnik ont annoncé que trois explosions avaient été entendues "
          "dans la partie nord d’Almaty, suivies d’une odeur de produits chimiques.")
MASS = ("Des manifestations de masse fondées sur des griefs économiques ont commencé au début de "
        "la nouvelle année, après une forte hausse des prix du gaz de pétrole liquéfié.")
TREASON = ("Karim Massimov, ancien Premier ministre, a été arrêté pour trahison après avoir été "
           "démis de ses fonctions de chef du Comité national de sécurité.")


@pytest.mark.parametrize(("claim", "passage", "supported"), [
    # a sentence that gives no cause gives not the claim's (blind_pairs5 v6_010)
    ("Des manifestations de masse ont éclaté au début de la nouvelle année, provoquées par une "
     "vague de licenciements dans le secteur pétrolier [1].", MASS, False),
    ("Des manifestations de masse ont éclaté au début de la nouvelle année, provoquées par la "
     "forte hausse des prix du gaz [1].", MASS, True),
    # ... across languages, by general words of the lexicon (blind_pairs10 v11_053)
    ("Three explosions heard in northern Almaty were caused by chemical weapons [1].",
     "Trois explosions ont été entendues ce vendredi dans la partie nord d’Almaty, ont indiqué "
     "des sources d’information.", False),
    ("Sputnik journalists said three explosions were heard in northern Almaty, followed by a "
     "smell of chemicals [1].", SMELL, True),
    # a charge is a cause, up to a time clause (blind_pairs4 v5_097)
    ("Karim Massimov was arrested for corruption after being removed as head of the National "
     "Security Committee [1].", TREASON, False),
    ("Karim Massimov was arrested for treason after being removed as head of the National "
     "Security Committee [1].", TREASON, True),
])
def test_a_cause_the_sentence_never_gives(verifier: Verifier, claim: str, passage: str,
                                          supported: bool) -> None:
    ok, why = one(verifier, claim, passage)
    assert ok is supported, why
    if not supported:
        assert why == "cause"


def test_orders_of_size_in_words_keep_what_they_count(verifier: Verifier) -> None:
    """blind_pairs12 v13_024: "des centaines arrêtées ... des milliers blessées" over a
    sentence with thousands arrested and hundreds injured swaps what the two count."""
    passage = ("Des dizaines de personnes ont été tuées, des milliers ont été arrêtées dans la "
               "capitale, Almaty, et des centaines d’autres ont été blessées.")
    ok, _ = one(verifier, "Des dizaines de personnes ont été tuées, des centaines ont été "
                          "arrêtées à Almaty et des milliers d’autres ont été blessées [1].",
                passage)
    assert not ok
    assert one(verifier, "Des dizaines de personnes ont été tuées, des milliers ont été "
                         "arrêtées à Almaty et des centaines d’autres ont été blessées [1].",
               passage)[0]
    ok, _ = one(verifier, "Dozens were killed, hundreds were arrested in Almaty and thousands "
                          "more were injured [1].", passage)
    assert not ok


def test_closing_review_mends_of_causes_colons_and_orders(verifier: Verifier) -> None:
    assert conjuncts("The operation has two aims for the members of the bloc: a ceasefire and "
                     "the protection of key sites in the country.") == []
    assert number_roles("Des centaines de manifestants blessés ont été arrêtés.") == (
        (frozenset({"o:100"}), "injured"), (frozenset({"o:100"}), "arrested"))
    assert one(verifier, "Des centaines de manifestants ont été arrêtés [1].",
               "Des centaines de manifestants blessés ont été arrêtés à Almaty.")[0]
    # an opposite in the next sentence counts only where it goes on about the same subject
    assert one(verifier, "La présence de soldats russes a été signalée à Almaty [1].",
               "La présence de soldats russes a été signalée à Almaty. Le gouvernement a "
               "déploré l’absence de dialogue.")[0]


def test_a_claims_order_of_size_counts_its_first_role(verifier: Verifier) -> None:
    """blind_pairs10 v11_047: "des dizaines de morts et au moins mille blessés" gives the
    dozens to the dead only ("mille" is a figure, not an order of size)."""
    assert one(verifier, "Les troubles ont fait des dizaines de morts et au moins mille "
                         "blessés, dont douze morts parmi les forces de l’ordre [1].",
               "Cette crise a déjà fait des dizaines de morts et au moins un millier de "
               "blessés dont douze tués chez les forces de l’ordre et 353 blessés.")[0]


@pytest.mark.parametrize(("claim", "passage"), [
    # "no more than" is a bound, not a negation (blind_pairs13 v14_039)
    ("Official figures put US foreign aid to Kazakhstan in 2020 at no more than $61 million "
     "[1].", "En 2020, les agences américaines ont transféré jusqu’à 61 millions de dollars "
     "d’aide étrangère au Kazakhstan, selon les chiffres officiels."),
    # a given name after the surname the passage writes alone (v14_015)
    ("Xi Jinping conveyed his condolences to the Kazakh president [1].",
     "Xi a fait ces remarques dans un message verbal adressé au président kazakh Kassym-Jomart "
     "Tokayev, dans lequel il a exprimé ses sincères condoléances pour les récentes émeutes."),
    # "whom X had hand-picked as his successor": X is the one succeeded (v14_025)
    ("Early in the week, Tokayev, whom Nazarbayev had hand-picked as his successor, first "
     "reacted to the unrest by dismissing the government [1].",
     "Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart Tokayev, a "
     "initialement limogé le gouvernement du pays en début de semaine en réponse aux troubles."),
    # "depends entirely on" is a degree, not "all" (v14_052)
    ("Zas indicated that how long the peacekeepers stay depends entirely on how long "
     "Kazakhstan needs them [1].", "Les casques bleus resteront au Kazakhstan aussi longtemps "
     "que le pays aura besoin de leur aide, selon Zas."),
    # "no longer" over an end (v14_009)
    ("Massimov ne dirige plus le KNB [1].", "Karim Massimov, ancien Premier ministre, a été "
     "arrêté pour trahison après avoir été démis de ses fonctions de chef du Comité national de "
     "sécurité (KNB)."),
])
def test_bounds_given_names_successors_degrees_and_ends_hold(verifier: Verifier, claim: str,
                                                              passage: str) -> None:
    assert one(verifier, claim, passage) == (True, "supported")


def test_a_weekend_holds_its_saturday_and_sunday() -> None:
    """"dès le samedi et le dimanche" over "au cours du week-end" (v14_042): the dates."""
    weekend = facts("Les manifestations ont commencé au cours du week-end.")
    for day in claim_anchors("Les premiers rassemblements ont eu lieu samedi et dimanche."):
        assert holds(weekend, day), day
    (monday,) = claim_anchors("Les rassemblements ont commencé lundi.")
    assert not holds(weekend, monday)


@pytest.mark.parametrize(("claim", "passage", "reason"), [
    # a plan over a deed done, a deed done over a plan (v14_033, v14_041, v14_057)
    ("The CSTO is preparing to deploy a joint peacekeeping mission to Kazakhstan, with national "
     "units expected to arrive next week [1].", "L’OTSC a déployé une mission conjointe de "
     "maintien de la paix au Kazakhstan cette semaine, les unités de chaque pays arrivant "
     "séparément jeudi et vendredi.", "tense"),
    ("Emilia Nazarenko noted that a conference on reforms in Ukraine had been held in Lugano, in "
     "southern Switzerland, in July 2022 [1].", "Emilia Nazarenko note encore qu’une conférence "
     "sur les réformes concernant l’Ukraine se tiendra à Lugano, dans le sud de la Suisse, en "
     "juillet 2022.", "tense"),
    ("Le National Endowment for Democracy prévoit de consacrer plus d’un million de dollars au "
     "soutien des processus démocratiques au Kazakhstan [1].", "Le National Endowment for "
     "Democracy a dépensé à lui seul plus d’un million de dollars pour soutenir les processus "
     "démocratiques au Kazakhstan en 2020, selon les données publiées par l’organisation.",
     "tense"),
    # a cause of two parts, one the sentence never gives (v14_046)
    ("Selon l’expert, le Kazakhstan compte pour la Russie surtout en raison de ses réserves "
     "d’hydrocarbures et des installations spatiales de Baïkonour [1].", "Le Kazakhstan présente "
     "un intérêt stratégique pour la Russie car il a une frontière avec la Russie de plus de "
     "7 000 kilomètres et abrite les installations spatiales russes à Baïkonour, a souligné "
     "l’expert.", "cause"),
    # isolated over widespread (v14_049)
    ("Quelques pillages isolés ont été signalés dans les grandes villes kazakhes jeudi [1].",
     "Dans le même temps, des pillages généralisés ont été signalés dans les principales villes "
     "kazakhes dans la nuit de jeudi.", "antonym"),
])
def test_tenses_causes_and_extents_are_caught(verifier: Verifier, claim: str, passage: str,
                                              reason: str) -> None:
    assert one(verifier, claim, passage) == (False, reason)


def test_a_tense_said_both_ways_is_no_catch(verifier: Verifier) -> None:
    """Reported speech tells of a past and a future: neither side alone."""
    assert one(verifier, "Zas said the peacekeepers will stay in Kazakhstan as long as the "
               "country needs them [1].", "Les casques bleus resteront au Kazakhstan aussi "
               "longtemps que le pays aura besoin de leur aide, a déclaré Zas.") == (
        True, "supported")
    assert one(verifier, "Une conférence sur les réformes en Ukraine se tiendra à Lugano en "
               "juillet 2022 [1].", "Emilia Nazarenko note encore qu’une conférence sur les "
               "réformes concernant l’Ukraine se tiendra à Lugano, dans le sud de la Suisse, en "
               "juillet 2022.") == (True, "supported")


def test_a_close_rewording_is_taken_on_meaning(verifier: Verifier) -> None:
    """A claim in its source's language that rewords most of its words, this close to it
    (cosine >= CLOSE_REWORDING), is supported though it shares under MIN_OVERLAP of its words
    (blind_pairs6 v7_102); an on-topic claim less close still needs the words."""
    assert one(verifier, "Josep Borrell, qui dirige la diplomatie de l’Union européenne, a fait "
               "part de sa vive inquiétude face à la tournure des événements au Kazakhstan [1].",
               "Le chef des affaires étrangères de l’UE, Josep Borrell, s’est dit « très "
               "préoccupé par l’évolution de la situation au Kazakhstan ».") == (
        True, "supported")
    assert one(verifier, "Josep Borrell a salué l’arrivée des troupes au Kazakhstan [1].",
               "Le chef des affaires étrangères de l’UE, Josep Borrell, s’est dit « très "
               "préoccupé par l’évolution de la situation au Kazakhstan ».")[0] is False


@pytest.mark.parametrize(("claim", "passage"), [
    # "the two" as a pronoun counts nothing (v16_038)
    ("Kazakhstan matters to Russia because the two share a border of more than 7,000 "
     "kilometres [1].", "Le Kazakhstan présente un intérêt stratégique pour la Russie car il a "
     "une frontière avec la Russie de plus de 7 000 kilomètres."),
    # the whole country over "au niveau national" (v16_020)
    ("On a fait état de pillages massifs dans les grandes villes du Kazakhstan, alors que les "
     "coupures d’Internet se prolongeaient dans tout le pays [1].", "Des pillages généralisés "
     "ont été signalés dans les principales villes kazakhes, dans un contexte de pannes "
     "d’Internet persistantes au niveau national."),
])
def test_pronouns_and_the_nation_hold(verifier: Verifier, claim: str,
                                                   passage: str) -> None:
    assert one(verifier, claim, passage) == (True, "supported")


def test_a_first_name_before_an_outlet_or_a_surname_with_another_is_refused(
        verifier: Verifier) -> None:
    """The lone surname is a person's, not an outlet's or a party's, and no one else's first
    name stands before it in the passage."""
    assert one(verifier, "Selon le journaliste Igor Sputnik, trois explosions ont été "
               "entendues [1].", "Selon l’agence de presse russe Sputnik, trois explosions "
               "ont été entendues. Sputnik ajoute que le calme est revenu.")[0] is False
    assert one(verifier, "Antony Blinken voiced concern [1].", "Vendredi soir, Blinken s’est "
               "dit préoccupé. Donald Blinken a répondu.")[0] is False
    assert one(verifier, "Only the two leaders spoke [1].", "Les dirigeants ont parlé.")[0] \
        is False  # (a count of leaders: "two" held nowhere)
    assert one(verifier, "Seuls les pillages ont été signalés dans tout le pays [1].",
               "Des pillages ont été signalés au niveau national, ainsi que des incendies.")[0] \
        is False  # (the nation holds "tout le pays", not "seuls")


def test_words_of_one_meaning_count_as_shared(verifier: Verifier) -> None:
    """A French claim over a French source that says it in other words of the lexicon's same
    sense ("devant la presse" over "devant les journalistes"; blind_pairs5 v6_018) shares
    them."""
    from rag.answering.lexicon import french_synonyms

    assert "militair" in french_synonyms("soldat")
    assert one(verifier, "Devant la presse, Dmitri Peskov a insisté sur la capacité du "
               "Kazakhstan à régler lui-même ses difficultés, sans aucune ingérence étrangère "
               "[1].", "Le porte-parole du Kremlin, Dmitry Peskov, s’est exprimé sur ces "
               "événements qui ont vu le président kazakh s’engager à ne pas quitter la "
               "capitale. M. Peskov a souligné devant les journalistes que le pays peut « "
               "résoudre ses propres problèmes » et qu’il est crucial que « personne "
               "n’interfère de l’extérieur ».") == (True, "supported")



@pytest.mark.parametrize(("claim", "passage"), [
    # closing review H1: "no longer" needs an end of what the claim says, not any "former"
    ("Tokayev no longer supports the CSTO mission [1].",
     "Tokayev, a former diplomat, supports the CSTO mission."),
    ("Russian troops are no longer in Kazakhstan [1].",
     "Russian troops left for Kazakhstan on Thursday."),
    # M5: a close rewording still shares some of its words
    ("Josep Borrell, qui dirige la diplomatie européenne, se réjouit de la tournure des "
     "événements au Kazakhstan [1].", "Le chef des affaires étrangères de l’UE, Josep Borrell, "
     "s’est dit « très préoccupé par l’évolution de la situation au Kazakhstan »."),
    # M6: a figure bounded the other way
    ("The CSTO sent no more than 2,500 soldiers [1].", "L’OTSC a envoyé plus de 2 500 soldats."),
    # M7 is below; L1: "the two were killed" counts two
    ("The two were killed in Almaty [1].", "Trois personnes ont été tuées à Almaty."),
    # L3: "depends entirely on Russia" is all, not a degree
    ("The outcome depends entirely on Russia [1].", "The outcome depends partly on Russia."),
    # L2: a city is no surname
    ("The Washington Post reported the talks [1].", "Washington a déclaré que les pourparlers "
     "auraient lieu."),
])
def test_review_17_false_claims_stay_caught(verifier: Verifier, claim: str,
                                            passage: str) -> None:
    assert one(verifier, claim, passage)[0] is False


@pytest.mark.parametrize(("claim", "passage"), [
    # M4: the will of the people is no future
    ("Tokayev said the protests reflected the will of the people [1].",
     "Tokayev a déclaré que les manifestations reflétaient la volonté du peuple."),
    # M7: a new clause after "et" is no second cause
    ("Les manifestations ont éclaté à cause de la hausse des prix du gaz et le président a "
     "limogé le gouvernement [1].", "Les manifestations ont éclaté à cause de la hausse des prix "
     "du gaz. Le président a ensuite limogé le gouvernement."),
    # M1: each minister's own portfolio
    ("Defence Minister Sergei Shoigu met the delegation [1].", "Defence Minister Sergei Shoigu "
     "and Foreign Minister Sergei Lavrov met the delegation."),
    # H2: "who picked X as his successor" keeps the one who picked
    ("Nazarbayev, who picked Tokayev as his successor, is 81 [1].",
     "Nazarbayev, 81, picked Tokayev as his successor."),
])
def test_review_17_true_claims_stay_supported(verifier: Verifier, claim: str,
                                              passage: str) -> None:
    assert one(verifier, claim, passage) == (True, "supported")


@pytest.mark.parametrize(("claim", "passage", "reason"), [
    # a figure in another unit than the source's (v15_004)
    ("Kazakhstan shares a border of more than 4,350 kilometres with Russia [1].",
     "Le Kazakhstan a une frontière avec la Russie de plus de 7 000 kilomètres (4 350 miles).",
     "missing"),
    # done already over not yet (v15_022)
    ("The results of the vote have already been published [1].",
     "Les résultats du vote n’ont pas encore été publiés.", "antonym"),
    # shown over guessed at (v15_026)
    ("Les accusations de fraude sont solidement étayées, selon l’ONG [1].",
     "Les accusations de fraude restent hautement spéculatives, selon l’ONG.", "antonym"),
    # another office for the same person; a head of diplomacy is a foreign minister (v15_060)
    ("Le président du Conseil européen, Josep Borrell, a appelé au calme [1].",
     "Le chef de la diplomatie européenne, Josep Borrell, a appelé au calme.", "title"),
    # most over a count (v15_042)
    ("Most of the detainees were released on Monday, the ministry said [1].",
     "Trois des personnes détenues ont été libérées lundi, a indiqué le ministère.",
     "quantifier"),
    # what the source hedges, told plainly (v15_046, v15_048)
    ("The paratroopers were flown to Almaty on Thursday [1].",
     "Les parachutistes auraient été acheminés jeudi à Almaty.", "hedge"),
    ("The new mission will focus on fighting terrorism [1].",
     "Il semble que la nouvelle mission sera probablement axée sur la lutte contre le "
     "terrorisme.", "hedge"),
    # all of a region over a part of it (v15_056)
    ("Moscou veut limiter les capacités de l’alliance dans toute l’Europe [1].",
     "Moscou veut limiter les capacités de l’alliance en Europe orientale.", "quantifier"),
    # a supported claim's second statement contradicted by another sentence (v15_028)
    ("Western capitals had not reacted by Thursday, while fuel prices fell sharply in the west "
     "of the country [1].", "Les capitales occidentales n’avaient pas réagi jeudi. Les prix du "
     "carburant ont fortement augmenté dans l’ouest du pays.", "antonym"),
    # ... negated by a long sentence of one clause that the part restates whole (v15_028)
    ("Western countries had not reacted on Thursday, but this government decision is expected "
     "to ease the current tensions between the unions and the employers of the sector [1].",
     "Les Occidentaux n’ont pas réagi jeudi. Mais, avec cette décision du gouvernement, les "
     "tensions actuelles entre les syndicats et les employeurs du secteur ne vont pas s’en "
     "trouver atténuées.", "negation"),
])
def test_units_hedges_shares_offices_and_parts_are_caught(verifier: Verifier, claim: str,
                                                         passage: str, reason: str) -> None:
    assert one(verifier, claim, passage) == (False, reason)


@pytest.mark.parametrize(("claim", "passage"), [
    ("Kazakhstan shares a border of more than 4,350 miles with Russia [1].",
     "Le Kazakhstan a une frontière avec la Russie de plus de 7 000 kilomètres (4 350 miles)."),
    ("The results of the vote have not yet been published [1].",
     "Les résultats du vote n’ont pas encore été publiés."),
    ("EU foreign policy chief Josep Borrell called for calm [1].",
     "Le chef de la diplomatie de l’UE, Josep Borrell, a appelé au calme."),
    ("La plupart des manifestants ont été libérés lundi [1].",
     "La majorité des manifestants ont été libérés lundi."),
    ("Observers said the internet had been blocked for most of the previous 24 hours [1].",
     "Des observateurs ont déclaré qu’Internet a été bloqué pendant la majeure partie des "
     "dernières 24 heures."),
    ("The paratroopers were reportedly flown to Almaty on Thursday [1].",
     "Les parachutistes auraient été acheminés jeudi à Almaty."),
    ("The new mission is likely to focus on fighting terrorism [1].",
     "Il semble que la nouvelle mission sera probablement axée sur la lutte contre le "
     "terrorisme."),
    ("This government decision will not ease the current tensions between the unions and the "
     "employers of the sector [1].", "Les Occidentaux n’ont pas réagi jeudi. Mais, avec cette "
     "décision du gouvernement, les tensions actuelles entre les syndicats et les employeurs du "
     "secteur ne vont pas s’en trouver atténuées."),
    # the future of a past in reported speech is the quote's future (v15_051)
    ("It was hoped that the government could solve the country's economic problems [1].",
     "« Nous espérons que le gouvernement sera en mesure de résoudre les problèmes économiques "
     "du pays », a-t-il ajouté."),
    # a conditional in the claim keeps the source's doubt (v15_027)
    ("On ne sait pas si des soldats iraient à Baïkonour, où la menace a été relevée [1].",
     "Il n’a pas été confirmé si des soldats seraient déployés à Baïkonour, où la menace a été "
     "relevée."),
])
def test_units_hedges_shares_and_offices_said_alike_hold(verifier: Verifier, claim: str,
                                                        passage: str) -> None:
    assert one(verifier, claim, passage) == (True, "supported")


@pytest.mark.parametrize(("claim", "passage"), [
    # H1: a part keeps the whole claim's 'according to'
    ("According to the Kazakh health ministry, 164 people were killed during the unrest, and "
     "more than 2,200 people were injured in the clashes [1].",
     "Selon le ministère kazakh de la Santé, 164 personnes auraient été tuées pendant les "
     "troubles et plus de 2 200 personnes auraient été blessées dans les affrontements."),
    # H2: an apposition's 'suspected' hedges nothing the claim says
    ('The official was fired on Monday.' + " [1]",
     'The official, suspected of corruption, was fired on Monday.'),
    # H3: 'il est probable' is a hedge
    ('Il est probable que la mission soit axée sur la lutte contre le terrorisme.' + " [1]",
     'Il semble que la mission sera probablement axée sur la lutte contre le terrorisme.'),
    # H3: 'alleged' is a hedge
    ('The alleged attacker was arrested on Friday.' + " [1]",
     'The attacker was probably arrested on Friday.'),
    # M5: the future of a past ten words after 'que'
    ("The ministry announced on Thursday the withdrawal of the 3,000 Russian soldiers deployed "
     "in Kazakhstan [1].", "Le ministère a annoncé jeudi que les 3 000 soldats russes déployés "
     "au Kazakhstan seraient retirés."),
    # M6: 'the most votes' is a superlative, not most of
    ('The Party of Regions won the most votes in the election.' + " [1]",
     'Le Parti des régions a obtenu le plus de voix lors de l’élection.'),
    # M6: 'principalement' is a share as large
    ('Most of the victims were civilians, the ministry said.' + " [1]",
     'Les victimes étaient principalement des civils, a indiqué le ministère.'),
    # M6: a percentage with a non-breaking space
    ('Most of the voters backed the reform, the commission said.' + " [1]",
     'Selon la commission, 85\u202f% des électeurs ont soutenu la réforme.'),
])
def test_review_closing_true_claims_hold(verifier: Verifier, claim: str, passage: str) -> None:
    """The closing review's false alarms of this session's rules (hedges, parts, "most")."""
    assert one(verifier, claim, passage) == (True, "supported")


def test_a_noun_in_rait_is_no_conditional(verifier: Verifier) -> None:
    """Closing review M4: "retrait" made the claim read as hedged, so a hedge dropped passed."""
    assert one(verifier, "Le retrait des troupes a commencé [1].",
               "Le retrait des troupes aurait commencé.") == (False, "hedge")


def test_a_negation_restated_from_the_next_sentence_is_said(verifier: Verifier) -> None:
    """blind_pairs16 v17_004: a claim joining two sentences takes its "et pas la première" from
    the second ("ce n'est pas la première"); the first, closest in meaning, says no "no". A
    "not the first" the neighbour says of nothing of the kind is still refused."""
    passage = ("«Le secrétaire d’État américain a essayé de faire de l’humour sur la tragédie "
               "qui se déroule au Kazakhstan», a déclaré le ministère russe des Affaires "
               "étrangères dans un communiqué publié sur Facebook. «C’était une tentative "
               "grossière et ce n’est pas la première», a ajouté le ministère.")
    claim = ("Dans un communiqué publié sur Facebook, le ministère russe des Affaires étrangères "
             "a qualifié de « tentative grossière », et pas la première, l'humour du secrétaire "
             "d'État américain sur la tragédie au Kazakhstan [1].")
    assert one(verifier, claim, passage) == (True, "supported")
    other = ("Le ministère russe des Affaires étrangères a déclaré dans un communiqué publié sur "
             "Facebook que le secrétaire d’État américain a essayé de faire de l’humour sur la "
             "tragédie au Kazakhstan. Ce n’est pas la première fois qu'il publie un communiqué.")
    assert one(verifier, "Le ministère russe des Affaires étrangères n'a pas publié de "
               "communiqué sur Facebook [1].", other) == (False, "negation")
    # a claim negating its own verb is read against its own sentence, whatever the next one
    # says no of (closing review H2)
    border = ("Le Kazakhstan a fermé sa frontière avec la Chine jeudi. La Russie, elle, n'a pas "
              "fermé sa frontière avec le Kazakhstan.")
    assert one(verifier, "Le Kazakhstan n'a pas fermé sa frontière avec la Chine [1].",
               border) == (False, "negation")


def test_a_source_opening_is_read_in_linear_time() -> None:
    """20,000 characters of "Xy," (one sentence of 6,663 names, each closed by a comma): each
    name walked back to the sentence's start (8,000 names: 9.9 s, twenty-sixth review, F1)."""
    from rag.answering.titles import titles

    for text in ("Xy," * 6663, "Selon " + "Xy, " * 6663):
        t0 = time.monotonic()
        titles(text)
        assert time.monotonic() - t0 < 2
    assert titles("Selon le porte-parole du ministère de la Défense, le général de division "
                  "Igor Konashenkov, les casques bleus seront utilisés.")["konashenkov"]


def test_spaces_inside_a_marker_and_a_claim_are_read_in_linear_time() -> None:
    """A marker "[1" + 19,950 spaces + "-2]": its groups were split with "\\s*,\\s*", tried
    from each space (2.4 s a split, seven splits a request: twenty-sixth review, F2); a claim's
    conjunctions likewise ("a" + 19,970 spaces + "b": 55 s, F3)."""
    from rag.answering.citations import _numbers as cited_numbers
    from rag.answering.verify import conjuncts, split_claims

    t0 = time.monotonic()
    claims = split_claims("La Russie a envoyé 3 000 soldats [1" + " " * 19_950 + "-2].")
    conjuncts("a" + " " * 19_970 + "b")
    cited_numbers("1" + " " * 19_950 + "-2")
    assert time.monotonic() - t0 < 2
    assert claims[0].citations == (1, 2)
    assert cited_numbers("1 , 2 - 3") == [1, 2, 3]


EXPLOSIONS = ("Trois explosions ont été entendues vendredi dans le nord d’Almaty, suivies d’une "
              "odeur de produits chimiques qui se propage dans l’air.")


@pytest.mark.parametrize(("claim", "passage", "supported"), [
    # one word of a cause of three is not the cause (blind_pairs17 v18_024)
    ("Trois explosions, provoquées par l’attaque d’un entrepôt de produits chimiques, ont été "
     "entendues vendredi dans le nord d’Almaty [1].", EXPLOSIONS, False),
    # ... a name in it is held in another spelling
    ("Le Conseil de l’OTSC a décidé, en réponse à l’appel de Tokaïev, d’envoyer des forces de "
     "maintien de la paix au Kazakhstan [1].", "En réponse à l’appel du président Tokayev, le "
     "Conseil de sécurité collective de l’OTSC a décidé d’envoyer les forces de maintien de la "
     "paix au Kazakhstan.", True),
    # "d'autant que", "en réaction à" give a cause (v18_060, v19_026)
    ("Les accusations d’ingérence étrangère restent très spéculatives, d’autant que les "
     "autorités ont expulsé les correspondants internationaux [1].", "Les allégations "
     "d’ingérence étrangère restent hautement spéculatives en l’absence de correspondants "
     "internationaux sur le terrain.", False),
    ("La contestation a gagné les grandes villes en réaction à la répression des premiers "
     "rassemblements [1].", "Une contestation a éclaté dimanche en province après une hausse "
     "des prix du gaz avant de s’étendre aux grandes villes, où les manifestations ont "
     "dégénéré en émeutes.", False),
    # ... where the sentence gives a cause of its own, one word is enough: it may reword the
    # claim's (blind_pairs10 v11_011)
    ("Le Kazakhstan compte pour la Russie parce qu’il partage avec elle une frontière de plus de "
     "7 000 kilomètres [1].", "Le Kazakhstan présente un intérêt stratégique pour la Russie car "
     "il a une frontière avec la Russie de plus de 7 000 kilomètres.", True),
    # across languages a name counts as a word known in both (v18_049)
    ("Jen Psaki said the unrest would not affect next week's NATO talks with Russia because "
     "Moscow had promised to pull its troops out [1].", "Les troubles au Kazakhstan "
     "n’affecteront pas les discussions de l’OTAN avec la Russie la semaine prochaine, a déclaré "
     "Jen Psaki, porte-parole de la Maison Blanche.", False),
])
def test_a_cause_needs_more_than_one_of_its_words(verifier: Verifier, claim: str, passage: str,
                                                  supported: bool) -> None:
    ok, why = one(verifier, claim, passage)
    assert ok is supported, why
    if not supported:
        assert why == "cause"


def test_a_rough_figure_keeps_its_unit(verifier: Verifier) -> None:
    """blind_pairs17 v18_011: "plus de 4 000 kilomètres" is not "4 350 miles"."""
    passage = ("Le Kazakhstan a une frontière avec la Russie de plus de 7 000 kilomètres "
               "(4 350 miles), a souligné l’expert.")
    ok, _ = one(verifier, "Le Kazakhstan partage avec la Russie une frontière de plus de 4 000 "
                          "kilomètres [1].", passage)
    assert not ok
    assert one(verifier, "Le Kazakhstan partage avec la Russie une frontière de plus de 4 000 "
                         "miles [1].", passage)[0]


def test_tenses_told_behind_a_verb_of_saying(verifier: Verifier) -> None:
    """blind_pairs18 v19_034, v18_039: a past over a future promised; weighed over done."""
    assert one(verifier, "Les responsables ont constaté que le déploiement n’avait pas servi à "
               "affronter directement les manifestants [1].", "Le déploiement ne sera pas "
               "utilisé pour s’engager directement avec les manifestants et les émeutiers, ont "
               "promis des responsables.") == (False, "tense")
    assert one(verifier, "On Friday Tokayev said that he was considering authorising the "
               "security forces to open fire without warning [1].", "Ce vendredi, le président "
               "Tokaïev a annoncé autoriser les forces de l’ordre à ouvrir le feu sans "
               "avertissement.") == (False, "tense")



def test_one_alone_is_not_each(verifier: Verifier) -> None:
    """blind_pairs18 v19_023: "only Armenia" over a sentence saying it of three, "chacun"."""
    passage = ("L’Arménie, le Kirghizistan et le Tadjikistan ont envoyé entre 100 et 200 "
               "personnes chacun et ont également déployé du matériel militaire.")
    assert one(verifier, "Armenia, Kyrgyzstan and Tajikistan each sent between 100 and 200 "
               "personnel, though only Armenia also deployed military equipment [1].",
               passage) == (False, "quantifier")
    assert one(verifier, "Armenia, Kyrgyzstan and Tajikistan each sent between 100 and 200 "
               "personnel and also deployed military equipment [1].", passage) == (
        True, "supported")
    assert one(verifier, "Seule l’Arménie a déployé du matériel militaire [1].",
               "L’Arménie est la seule à avoir déployé du matériel militaire.")[0]


FUEL_CHAIN = ("Et plus encore, le rapport cite Peskov en disant que « le Kazakhstan n’avait pas "
              "demandé l’aide de la Russie pour faire face aux protestations, déclenchées par une "
              "augmentation du prix du carburant, qui ont provoqué la démission de son "
              "gouvernement mercredi ».")
GAS_CHAIN = ("Le début de l’année 2022 au Kazakhstan a été marqué par le déclenchement d’émeutes "
             "dans les rues d’Almaty, vraisemblablement causées par une multiplication par deux du "
             "prix du gaz liquéfié dans le pays après la suppression des subventions de l’État.")


@pytest.mark.parametrize("claim,passage,supported", [
    # blind_pairs30 v30_004: cause and effect exchanged, both named by the sentence
    ("D’après Peskov, le Kazakhstan n’avait pas sollicité l’aide russe face aux protestations, "
     "qui avaient été déclenchées par la démission du gouvernement mercredi et avaient entraîné "
     "une hausse du prix du carburant [1].", FUEL_CHAIN, False),
    ("D’après Peskov, le Kazakhstan n’avait pas sollicité l’aide russe face aux protestations, "
     "déclenchées par une hausse du prix du carburant, qui ont entraîné la démission du "
     "gouvernement [1].", FUEL_CHAIN, True),
    # blind_pairs29 v29_020: across languages, by the lexicon ("removal" is "suppression")
    ("The riots that broke out in Almaty's streets at the start of 2022 were presumably caused "
     "by the removal of state subsidies, which itself came after liquefied gas prices doubled "
     "[1].", GAS_CHAIN, False),
    ("The riots that broke out in Almaty's streets at the start of 2022 were presumably caused "
     "by liquefied gas prices doubling after state subsidies were removed [1].", GAS_CHAIN, True),
    # blind_pairs5 v6_116: a one-word charge the claim gives too is no cause exchanged
    ("Ancien chef du gouvernement et proche de Nazarbaïev, Karim Massimov a été interpellé "
     "pour trahison après avoir perdu la direction du KNB à la suite des émeutes [1].",
     "L’appel de l’ex-président Noursoultan Nazarbaïev intervient alors qu’un de ses alliés "
     "proches, Karim Kajymkanouli Massimov, ancien Premier ministre, a été arrêté pour trahison "
     "après avoir été démis de ses fonctions de chef du Comité national de sécurité (KNB) comme "
     "conséquence des émeutes déclenchées par une hausse du prix du gaz.", True),
])
def test_a_cause_exchanged_with_its_effect_is_refused(verifier: Verifier, claim: str,
                                                      passage: str, supported: bool) -> None:
    assert one(verifier, claim, passage)[0] is supported


CRISIS_TOLL = ("Cette crise a déjà fait des dizaines de morts et au moins un millier de "
               "blessés dont douze tués chez les forces de l’ordre et 353 blessés.")


def test_a_verb_before_a_figure_says_what_it_counts(verifier: Verifier) -> None:
    """blind_pairs30 v30_029: "killed dozens and injured ..." counts the dead in dozens, not
    the injured; and a claim without anchors whose words the passage says in French is read
    as sharing them ("crisis", "killed", "dozens")."""
    assert dict(number_roles("Police killed 12 and injured 353 people.")) == {
        frozenset({"n:12"}): "dead", frozenset({"n:353"}): "injured"}
    assert one(verifier, "The crisis has already killed dozens and injured at least a thousand "
               "people, among them twelve members of the security forces killed and 353 wounded "
               "[1].", CRISIS_TOLL) == (True, "supported")
    assert one(verifier, "The crisis has already killed dozens [1].",
               CRISIS_TOLL) == (True, "supported")
    assert one(verifier, "The crisis has already injured dozens and killed at least a thousand "
               "people [1].", CRISIS_TOLL)[0] is False


RESENTMENT = ("Elles se sont rapidement transformées en protestations antigouvernementales, "
              "alimentées par le ressentiment à l’égard de plus de trois décennies de règne de "
              "l’ex-président Nursultan Nazarbayev, âgé de 81 ans, et de la répartition inégale "
              "des vastes richesses minérales du pays.")


@pytest.mark.parametrize("claim,supported", [
    # blind_pairs22 v22_059, blind_pairs27 v27_006: a cause's second conjunct, across
    # languages, must be said too
    ("The protests quickly turned anti-government, fuelled by resentment over the 81-year-old "
     "Nazarbayev's three decades in power and over soaring unemployment [1].", False),
    ("The protests quickly became anti-government, fuelled by resentment over Nazarbayev's "
     "three decades in power and over pervasive corruption among regional officials [1].", False),
    ("The protests quickly became anti-government, fuelled by resentment over Nazarbayev's "
     "three decades in power and over the unequal distribution of the country's vast mineral "
     "wealth [1].", True),
])
def test_each_part_of_a_cause_is_said_across_languages(verifier: Verifier, claim: str,
                                                       supported: bool) -> None:
    assert one(verifier, claim, RESENTMENT)[0] is supported


def test_what_a_count_is_of_is_read_after_who_is_among_them(verifier: Verifier) -> None:
    """blind_pairs31 v31_023: "Des dizaines de personnes, dont des citoyens et des policiers,
    ont été tuées": the dozens are the dead, read past the clause of who is among them, so
    "des centaines ... tuées" is not what the sentence says."""
    toll = ("Des dizaines de personnes, dont des citoyens et des policiers, ont été tuées, des "
            "milliers ont été arrêtées dans la capitale, Almaty, et des centaines d’autres ont "
            "été blessées.")
    assert (frozenset({"o:10"}), "dead") in number_roles(toll)
    assert (frozenset({"n:164"}), "dead") in number_roles(
        "164 people, including three children, were killed.")
    assert not one(verifier, "Des centaines de personnes, dont des civils et des policiers, "
                             "ont été tuées, tandis que des milliers ont été arrêtées à Almaty "
                             "et que des centaines d’autres ont été blessées [1].", toll)[0]
    assert not one(verifier, "Hundreds of people, including civilians and police officers, "
                             "were killed, thousands were arrested in Almaty and hundreds more "
                             "were injured [1].", toll)[0]
    assert one(verifier, "Dozens of people, including civilians and police officers, were "
                         "killed, thousands were arrested in Almaty and hundreds more were "
                         "injured [1].", toll)[0]


def test_an_order_counted_by_is_whose_role_comes_right_before_it(verifier: Verifier) -> None:
    """blind_pairs18 v19_004: "les morts ... se comptent par dizaines et les blessés par
    centaines": the dozens are not the injured named after them."""
    toll = ("Des dizaines de personnes, dont des citoyens et des policiers, ont été tuées, des "
            "milliers ont été arrêtées dans la capitale, Almaty, et des centaines d’autres ont "
            "été blessées.")
    claim = ("Des milliers de personnes ont été interpellées à Almaty, tandis que les morts, "
             "parmi lesquels des policiers, se comptent par {} et les blessés par {} [1].")
    assert number_roles(claim.format("dizaines", "centaines"), every_role=False) == (
        (frozenset({"o:1000"}), "arrested"), (frozenset({"o:100"}), "injured"))
    assert one(verifier, claim.format("dizaines", "centaines"), toll)[0]
    assert not one(verifier, claim.format("centaines", "dizaines"), toll)[0]


def test_a_cause_that_shares_one_word_of_three_is_another(verifier: Verifier) -> None:
    """blind_pairs14 v15_038 (and v8_049, v26_030): "because many officers had sided with the
    protesters" over "dépassées par la virulence des manifestants" shares the protesters
    only; the sentence's own reason, reworded, is still supported."""
    passage = ("Les forces de sécurité kazakhes ont été dépassées par la virulence des "
               "manifestants. D’où le recours aux forces russes et de l’OTSC.")
    assert not one(verifier, "Kazakhstan's security forces were overwhelmed because many "
                             "officers had sided with the protesters, hence the call on Russian "
                             "and CSTO forces [1].", passage)[0]
    assert one(verifier, "Kazakhstan's security forces were overwhelmed by the ferocity of the "
                         "protesters, which is why Russian and CSTO forces were called in [1].",
               passage)[0]
    # a sentence that gives a cause itself may give another of the claim's (v25_013)
    assert one(verifier, "Sparked by higher fuel prices, the weekend protests soon turned "
                         "against the government, fuelled by resentment of more than three "
                         "decades of Nazarbayev's rule and the unequal sharing of mineral "
                         "wealth [1].",
               "Elles se sont rapidement transformées en protestations antigouvernementales, "
               "alimentées par le ressentiment à l’égard de plus de trois décennies de règne "
               "de l’ex-président Nursultan Nazarbayev, âgé de 81 ans, et de la répartition "
               "inégale des vastes richesses minérales du pays.")[0]


def test_several_thousand_is_an_order_the_passage_must_give(verifier: Verifier) -> None:
    """blind_pairs3 v4_090: "several thousand Russian soldiers" over "des troupes russes"."""
    passage = ("Les présidents des deux pays se sont concertés alors que des troupes russes "
               "sont arrivées au Kazakhstan pour soutenir le régime en place.")
    assert not one(verifier, "The two presidents held talks as several thousand Russian "
                             "soldiers arrived in Kazakhstan to support the government [1].",
                   passage)[0]
    assert one(verifier, "The two presidents held talks as Russian troops arrived in "
                         "Kazakhstan to support the government [1].", passage)[0]
    assert one(verifier, "Russia sent 3 thousand troops [1].", "La Russie a envoyé 3 000 "
                                                               "soldats.")[0]
    # ... not "fifteen hundred", a figure (blind_pairs10 v11_054)
    assert one(verifier, "By unofficial accounts, around fifteen hundred Russian troops are "
                         "involved in guarding the Baikonur cosmodrome facilities [1].",
               "À en juger par certaines données non officielles, environ un millier et demi "
               "de militaires russes sont impliqués dans la garde des installations du "
               "cosmodrome de Baïkonour.")[0]


def test_a_blame_is_read_past_a_phrasal_verbs_on(verifier: Verifier) -> None:
    """blind_pairs15 v16_018: in "blamed the unrest, which saw government buildings set on
    fire ..., on economic grievances" the cause is the grievances, not "fire and banks"."""
    passage = ("Cette annonce intervient après que le président Tokayev a imputé à une « agression "
               "extérieure » les troubles qui ont vu des bâtiments gouvernementaux incendiés et "
               "des banques pillées.")
    claim = ("The announcement came after President Tokayev blamed the unrest, which saw "
             "government buildings set on fire and banks looted, on {} [1].")
    assert not one(verifier, claim.format("economic grievances at home"), passage)[0]
    assert one(verifier, claim.format("foreign aggression"), passage)[0]


def test_several_hundred_thousand_is_no_order_of_a_hundred(verifier: Verifier) -> None:
    """The session's review: "several hundred thousand" over "des centaines de milliers"."""
    assert one(verifier, "Several hundred thousand people took part in the protests [1].",
               "Des centaines de milliers de personnes ont pris part aux manifestations.")[0]


UNKNOWN_CAUSE = ("Les détails des explosions n’ont pas encore été communiqués, et on ne sait rien "
                 "quant à la cause de l’incident.")


@pytest.mark.parametrize("claim,supported", [
    # blind_pairs23 v24_033: a cause the passage says is not known
    ("The explosions were caused by sabotage by armed radicals, and details have not yet been "
     "released [1].", False),
    ("Les explosions ont été provoquées par un sabotage, selon les autorités [1].", False),
    # ... said as unknown: supported
    ("The cause of the explosions is unknown and details have not yet been released [1].",
     True),
])
def test_a_cause_the_passage_says_is_unknown(verifier: Verifier, claim: str,
                                             supported: bool) -> None:
    assert one(verifier, claim, UNKNOWN_CAUSE)[0] is supported


def test_a_government_kept_is_not_one_dismissed(verifier: Verifier) -> None:
    """blind_pairs2 v3_040: "kept the government in place" over "a initialement limogé le
    gouvernement" (cosine 0.92)."""
    sacked = ("Le successeur trié sur le volet de Nazarbayev, le président Kassym-Jomart "
              "Tokayev, a initialement limogé le gouvernement du pays en début de semaine en "
              "réponse aux troubles.")
    ok, why = one(verifier, "Early in the week, President Kassym-Jomart Tokayev kept the "
                  "government in place in response to the unrest [1].", sacked)
    assert not ok and why == "antonym"
    assert one(verifier, "Early in the week, President Kassym-Jomart Tokayev dismissed the "
               "government in response to the unrest [1].", sacked)[0]



@pytest.mark.parametrize("passage", [
    # diff review 43: the cause unknown is another thing's
    "Les manifestations ont été déclenchées par la hausse du prix du gaz, mais on ignore encore "
    "les raisons des violences à Almaty.",
    "Déclenchées par la hausse du prix du gaz, les manifestations ont été suivies d'explosions "
    "dont la cause est indéterminée.",
])
def test_a_cause_unknown_beside_the_claims_own_cause(verifier: Verifier, passage: str) -> None:
    assert one(verifier, "Les manifestations ont été déclenchées par la hausse du prix du gaz "
               "[1].", passage)[0]
