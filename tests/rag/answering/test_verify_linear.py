"""Thirty-third review: two verifier patterns that a small POST /verify body made run in
quadratic time, holding the GIL (F1: "X, mais pas Y" tried from each space of a passage's run
of 19,000 spaces, 11 s a claim; F2: a conditional ending tried from each letter of a claim's
19,000-letter word, 4.5 s). Both are tried from a run's or a word's start now."""

from __future__ import annotations

from rag.answering import nationality_swap, verify
from rag.answering.verify import _BUT_NOT, _MAYBE_TOO, _contrast_swapped
from tests.cpu import cpu_spent
from tests.rag.deadline import deadline


def test_but_not_is_linear_on_a_run_of_spaces() -> None:
    sentence = "Le président a déclaré l'état d'urgence" + " " * 50_000 + "jusqu'au 19 janvier."
    with deadline(2.0):
        assert not _contrast_swapped("Le président a déclaré l'état d'urgence, mais pas la "
                                     "loi martiale.", sentence)
        assert len(_BUT_NOT.split("a" + " " * 50_000 + "b", maxsplit=1)) == 1
    # ... and still reads the contrast, after a comma or a space
    assert _BUT_NOT.split("on sait quand elles commencent, mais pas quand elles se terminent",
                          maxsplit=1) == ["on sait quand elles commencent",
                                          "quand elles se terminent"]
    assert _contrast_swapped(
        "on sait quand elles se terminent, mais pas quand elles commencent",
        "on sait quand elles commencent, mais pas quand elles se terminent")


def test_a_conditional_ending_is_linear_on_a_long_word() -> None:
    with deadline(2.0):
        assert _MAYBE_TOO.search("Les " + "ra" * 25_000 + " radicaux vont agir.") is None
    assert _MAYBE_TOO.search("les radicaux organiseraient un sabotage")
    assert _MAYBE_TOO.search("il pourrait partir")


def test_money_only_reads_a_sign_near_each_figure_in_linear_time() -> None:
    """A sentence of 25,000 figures each after a "$": the sign was searched for through the
    whole sentence before each figure (20,000 characters: 0.66 s; review 33, left as a
    suspicion); near the figure now."""
    from rag.answering.holds import money_only

    with deadline(2.0):
        assert money_only("$1, " * 25_000)
    assert money_only("Une subvention de $ 740 740 a été allouée en 2021.")
    assert not money_only("Le pays a envoyé 3 000 soldats et 750 000 $.")


def test_joined_statements_and_name_lists_are_linear() -> None:
    """Thirty-fifth review: F2, statements joined by "et"/"mais" were cut by a pattern tried
    from each space of a 19,900-space run, once per claim (8 s a claim); F1, a list of names
    was looked for from each capital of a 20,000-letter word (20 s a POST /verify)."""
    from rag.answering.anchors import _list_counts, facts
    from rag.answering.verify import _joined

    with deadline(2.0):
        assert len(_joined("Le gouvernement n'a pas envoyé" + " " * 50_000
                           + "des soldats.")) == 1
        facts("Le " + "A" * 50_000)
        facts("Le " + "A'" * 25_000)
        _list_counts(", ".join(["B" * 2_000] * 25) + " et C")
    # ... and still cut and count as before
    assert _joined("Les participants organisent des exercices chaque année et ne peuvent pas "
                   "faire partie d'autres blocs") == [
        "Les participants organisent des exercices chaque année",
        "ne peuvent pas faire partie d'autres blocs"]
    assert _list_counts("composée de la Russie, du Belarus, de l’Arménie, du Kazakhstan, du "
                        "Kirghizstan et du Tadjikistan.") == {"n:6"}


def test_the_word_before_a_name_is_read_near_it() -> None:
    """Thirty-sixth review, F2: the capitalised word before each of a claim's names the passage
    lacks was searched for from each capital of a long word ("Ab-" x 6,000 then 60 names: 51 s
    a POST /verify); it is read within a few words of the name now."""
    from rag.answering.verify import _word_before

    claim = "Ab-" * 6_000 + " " + " ".join(f"Nom{i}" for i in range(60)) + " ont dit."
    with deadline(2.0):
        assert all(_word_before(claim, f"Nom{i}") is not None for i in range(1, 60))
    found = _word_before("Le président chinois Xi Jinping a dit.", "Jinping")
    assert found is not None and found.group(1) == "Xi"
    assert _word_before("le président jinping a dit", "jinping") is None


def test_a_capital_named_often_is_looked_up_once_per_spelling() -> None:
    """Thirty-seventh review, F1: each mention of a capital the passage lacks scanned every
    word of the passage for a seat of the same country ("Kyiv " x 3,990 over 10,000
    distinct words: 16.7 s a POST /verify), in the seats check and in the capitals check."""
    from rag.answering.anchors import claim_anchors, facts
    from rag.answering.cities import cities_unsaid
    from rag.answering.verify import _holds

    passage = " ".join(f"mot{i}" for i in range(50_000)) + "."
    f = facts(passage)
    kyiv = next(a for a in claim_anchors("Le ministre était à Kyiv.") if a.text == "Kyiv")
    with cpu_spent() as spent:
        for _ in range(2_000):
            assert not _holds(None, f, kyiv)  # type: ignore[arg-type]
        for _ in range(50):
            assert cities_unsaid("Le 3 mars à Kyiv" + " à Kyiv" * 80, f.words)
    assert spent.seconds < 0.5
    # ... and a seat of the same country still holds it
    kiev = facts("Les responsables de Kiev ont répondu.")
    assert _holds(None, kiev, kyiv)  # type: ignore[arg-type]


def test_figures_written_in_words_are_read_in_a_window() -> None:
    """Thirty-eighth review, F1: for each figure `number_roles` read the whole rest of the
    sentence ("x dix " x 3,000, 18,000 characters: 0.70 s a call, once per claim and
    sentence: 26 s a 13 KB POST /verify); F2: the initials of a run of capitals copied the
    rest of the words for each capital ("L " x 10,000: 0.43 s)."""
    from rag.answering.anchors import facts
    from rag.answering.verify import number_roles

    sentence = "Dix personnes ont été tuées " + "x dix " * 3_000
    spent = []  # the least of three tries: 0.35-0.39 s here, 0.61-0.62 s in two CI runs on a
    for _ in range(3):  # shared box; the quadratic reading took 2.5 s, well over the bound
        with cpu_spent() as one:
            for _ in range(3):
                roles = number_roles(sentence)
            facts("L " * 10_000)
        spent.append(one.seconds)
    assert min(spent) < 1.0
    assert any(role == "dead" for _, role in roles)
    # ... and a figure's role is still read after it, or before it
    assert [r for _, r in number_roles("Au moins 13 policiers ont été tués.")] == ["dead"]
    assert [r for _, r in number_roles("The police arrested at least 3,811 people.")] == [
        "arrested"]



def test_a_long_sentence_is_not_kept_by_the_caches() -> None:
    """A cache keeps what it is given: a run of text without a full stop (20,000 characters on
    POST /verify) is read each time, not held after the request by the figure-roles or the
    nationality caches; a sentence of ordinary length still is."""
    long = "Trois soldats russes sont arrivés et " * 200  # one "sentence" of 7,400 characters
    roles, nouns = verify._cached_roles.cache_info(), nationality_swap._passage_nouns.cache_info()
    verify._sentence_roles(long)
    nationality_swap.nationality_swapped("Les soldats kazakhs sont arrivés.", "fr", long, "fr")
    assert verify._cached_roles.cache_info().misses == roles.misses
    assert nationality_swap._passage_nouns.cache_info().misses == nouns.misses
    short = f"Trois soldats russes sont arrivés le {id(long)}."
    verify._sentence_roles(short)
    nationality_swap.nationality_swapped("Les soldats kazakhs sont arrivés.", "fr", short, "fr")
    assert verify._cached_roles.cache_info().misses == roles.misses + 1
    assert nationality_swap._passage_nouns.cache_info().misses == nouns.misses + 1


def test_many_nationality_words_are_read_once() -> None:
    """Review of this session's change: for each nationality word of the claim, whether the
    passage names its country was read again over the whole passage (a 9 KB claim of 600
    "russes" over a 13 KB sentence of 473 nationality nouns that names Russia: 5.3 s a call).
    The passage's countries are read once a call now, the claim's words once each."""
    claim = "Les troupes russes sont arrivées. " * 300
    passage = ("Les troupes kazakhes et les troupes russes arrivent, " * 200) + "."
    with deadline(10), cpu_spent() as spent:
        assert nationality_swap.nationality_swapped(claim, "fr", passage, "fr") == ""
    assert spent.seconds < 0.5, spent.seconds


def _words(n: int, seed: str) -> list[str]:
    """n distinct six-letter pseudo-words."""
    letters = "bcdfghjklmnpqrstvz"
    return [seed + "".join(letters[(i // len(letters) ** k) % len(letters)] for k in range(4))
            + "a" for i in range(n)]


def test_a_long_first_then_claim_reads_the_passage_once() -> None:
    """Security review 43, F2: for each word between a claim's "d'abord" and "puis",
    `sequence_swapped` scanned every word of the passage (1,360 words each side over a 20 KB
    passage: 2.8 s of a POST /verify)."""
    from rag.answering.order import sequence_swapped

    a, b = _words(1_300, "x"), _words(1_300, "y")
    claim = f"Le gouvernement a d'abord {' '.join(a)} puis {' '.join(b)}."
    passage = f"{' '.join(b)} puis {' '.join(a)}."
    with deadline(10), cpu_spent() as spent:
        sequence_swapped(claim, passage)
    assert spent.seconds < 0.5, spent.seconds
    # ... and the order is still read
    assert sequence_swapped("Tokaïev a d'abord limogé le gouvernement, puis il a invité les "
                            "troupes.", "Il a initialement invité les troupes. Puis il a "
                            "limogé le gouvernement.")


def test_the_verifiers_text_caches_keep_no_long_text() -> None:
    """Security review 43, F3: caches keyed by a claim or a sentence (`_says_no`, `_hedges`,
    `_language`, `_leaning`, `_events`, `_offices_given`, `_calls_unknown_capital`, ...) held
    the 19,000-character texts of /verify bodies after the request (+0.8 MB of RSS a request,
    up to some 300 MB). A long text is read each time; a short one is still cached."""
    from rag.answering import cities, order

    caches = (verify._says_no, verify._hedges, verify._language, verify._leaning,
              order._events, verify._offices_given, cities._calls_unknown_capital)
    long = "Le gouvernement n'a pas démissionné après avoir " + "été " * 5_000 + "limogé."
    before = [c.cache_info().currsize for c in caches]
    for c in caches:
        c(long)  # type: ignore[operator]
    assert [c.cache_info().currsize for c in caches] == before
    short = f"Le gouvernement n'a pas démissionné {id(long)}."
    for c in caches:
        c(short)  # type: ignore[operator]
    assert all(c.cache_info().currsize == n + 1 for c, n in zip(caches, before, strict=True))


def test_a_first_then_claim_of_words_sharing_a_key_is_bounded() -> None:
    """Diff review 43: each claim word whose key matched every passage word added all their
    positions (2,800 "gouv..." words over 4,000 "gouv": 5.1 M positions, 0.88 s)."""
    from rag.answering.order import sequence_swapped

    claim = "Il a d'abord " + " ".join(_words(2_800, "gouv")) + " puis limogé."
    passage = "Il a initialement limogé puis " + "gouv " * 4_000 + "."
    with deadline(10), cpu_spent() as spent:
        sequence_swapped(claim, passage)
    assert spent.seconds < 0.5, spent.seconds


def test_clauses_are_cut_in_linear_time_on_a_run_of_spaces() -> None:
    """Forty-fourth review, F1: a passage of 20 words and 19,900 spaces (no sentence break,
    kept whole) was cut into clauses by a pattern tried from every space of the run, twice a
    request (1.8 s at 20,000 spaces, 7.7 s for one 40 KB /verify body)."""
    from rag.answering.verify import _clauses

    words = ("Le gouvernement du Kazakhstan a demandé l aide de l Organisation du traité de "
             "sécurité collective pour rétablir l ordre dans le pays en janvier 2022")
    with cpu_spent() as spent:
        _clauses(words + " " * 60_000 + "b")
    assert spent.seconds < 1.0  # 16 s before
    # ... and clauses read as before: cut at the marks, without their spaces
    assert _clauses("Le président kazakh a déclaré l'état d'urgence jusqu'au 19 janvier , "
                    "en raison des troubles civils dans le pays ; il a invité les forces de "
                    "l'OTSC à aider") == [
        "Le président kazakh a déclaré l'état d'urgence jusqu'au 19 janvier",
        "en raison des troubles civils dans le pays", "il a invité les forces de l'OTSC à aider"]


def test_a_name_beside_an_acronym_is_read_in_linear_time() -> None:
    """Security review 50, F1: "What does CSTO stand for?" over passages of word lists held an
    answer 0.5 s (1,200 characters a sentence, 28 ms each; 35,000 characters took 25 s): the
    words before a bracket were tried from every letter."""
    from rag.answering.meanings import meaning_told
    text = "CSTO " + "Alpha " * 6_000 + "fin."
    with deadline(2.0):
        assert not meaning_told("", "CSTO", text)
    assert meaning_told("", "CSTO", "la Collective Security Treaty Organization (CSTO) a "
                        "décidé d'envoyer des troupes")
    assert meaning_told("", "KNB", "chef du Comité national de sécurité (KNB)")
