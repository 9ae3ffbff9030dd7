"""Retrieval on the shipped articles, in French and English, for each retriever."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.config import Settings
from rag.documents import Document
from rag.embedders.e5 import E5Embedder
from rag.errors import RagError
from rag.ingest import Ingestor
from rag.retrieval import (
    BM25Retriever,
    DenseRetriever,
    Searcher,
    bm25_part_weight,
    shutdown_pool,
)
from rag.store import IndexStore
from tests.counting import CountingEmbedder

TROOPS_FR = "Combien de soldats la Russie a-t-elle envoyés ?"


def _texts(hits: list) -> str:  # type: ignore[type-arg]
    return "\n".join(h.chunk.text for h in hits)


def test_french_question_finds_the_answer(corpus_searcher: Searcher) -> None:
    hits = corpus_searcher.search(TROOPS_FR, 5)
    assert "3 000 personnes" in _texts(hits)


@pytest.mark.parametrize("retriever", ["dense", "hybrid"])
def test_english_question_finds_french_passage(corpus_searcher: Searcher, retriever: str) -> None:
    hits = corpus_searcher.search(
        "How large was the CSTO peacekeeping force in total?", 5, retriever)
    assert "2 600 militaires" in _texts(hits)
    hits = corpus_searcher.search("What price increase triggered the protests?", 5, retriever)
    assert any(w in _texts(hits).lower() for w in ("carburant", "gaz", "prix"))


def test_paraphrased_french_question(corpus_searcher: Searcher) -> None:
    # The text says the aircraft "auraient transporté des parachutistes ... déployés à Almaty".
    hits = corpus_searcher.search(
        "Quels militaires les avions de l'armée de l'air russe ont-ils amenés dans la plus "
        "grande ville du pays ?", 5)
    assert "parachutistes" in _texts(hits)


def test_bm25_folds_accents_and_case(corpus_searcher: Searcher) -> None:
    plain = corpus_searcher.search("TOKAIEV", 3, "bm25")
    accented = corpus_searcher.search("tokaïev", 3, "bm25")
    assert plain and [h.chunk.id for h in plain] == [h.chunk.id for h in accented]
    assert "Tokaïev" in plain[0].chunk.text


def test_hits_carry_offsets_ranks_and_sorted_scores(corpus_searcher: Searcher) -> None:
    store = corpus_searcher.snapshot.store
    hits = corpus_searcher.search(TROOPS_FR, 8, "hybrid")
    assert len(hits) == 8
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        doc = store.get_document(h.chunk.doc_id)
        assert doc is not None and doc.text[h.chunk.start : h.chunk.end] == h.chunk.text
        assert h.chunk.title == doc.title
        assert set(h.ranks) <= {"dense", "bm25"} and h.ranks
    assert any(set(h.ranks) == {"dense", "bm25"} for h in hits)
    for name in ("dense", "bm25"):
        single = corpus_searcher.search(TROOPS_FR, 3, name)
        assert [list(h.ranks) for h in single] == [[name]] * 3
        assert [h.ranks[name] for h in single] == [1, 2, 3]


def test_fusion_rewards_agreement(corpus_searcher: Searcher) -> None:
    dense = [h.chunk.id for h in corpus_searcher.search(TROOPS_FR, 20, "dense")]
    bm25 = [h.chunk.id for h in corpus_searcher.search(TROOPS_FR, 20, "bm25")]
    top = corpus_searcher.search(TROOPS_FR, 1, "hybrid")[0].chunk.id
    # The fused winner is near the top of both lists, not just one.
    assert top in dense[:5] and top in bm25[:5]


def _standard(values: dict[str, float]) -> dict[str, float]:
    n = len(values)
    mean = sum(values.values()) / n
    sd = (sum((v - mean) ** 2 for v in values.values()) / n) ** 0.5
    return {k: (v - mean) / sd for k, v in values.items()}


@pytest.mark.parametrize("fusion", ["zscore", "rrf"])
def test_hybrid_score_is_the_configured_fusion(corpus_searcher: Searcher, embedder: E5Embedder,
                                               fusion: str) -> None:
    settings = corpus_searcher.settings.model_copy(
        update={"fusion": fusion, "dense_weight": 1.0, "bm25_weight": 0.5})
    searcher = Searcher(corpus_searcher.snapshot, embedder, settings)
    depth = settings.fusion_depth
    lists = {name: {h.chunk.id: h.score for h in searcher.search(TROOPS_FR, depth, name)}
             for name in ("dense", "bm25")}
    weights = {"dense": 1.0, "bm25": 0.5}
    expected: dict[str, float] = {}
    for name, scores in lists.items():
        if fusion == "zscore":
            z = _standard(scores)
            part = {cid: weights[name] * v for cid, v in z.items()}
            floor = min(part.values())
        else:
            ranked = sorted(scores, key=lambda c: -scores[c])
            part = {cid: weights[name] / (settings.rrf_k + r) for r, cid in enumerate(ranked, 1)}
            floor = 0.0
        for cid in set(lists["dense"]) | set(lists["bm25"]):
            expected[cid] = expected.get(cid, 0.0) + part.get(cid, floor)
    hits = searcher.search(TROOPS_FR, 10, "hybrid")
    for h in hits:
        assert h.score == pytest.approx(expected[h.chunk.id], rel=1e-4, abs=1e-6)
    best = sorted(expected.values(), reverse=True)[:10]
    assert [h.score for h in hits] == pytest.approx(best, rel=1e-4, abs=1e-6)


def test_zscore_fusion_keeps_the_margin_rrf_throws_away(corpus_searcher: Searcher,
                                                        embedder: E5Embedder) -> None:
    """A chunk far ahead in one list beats one that is merely middling in both under zscore;
    the settings switch really changes the method (the two orders differ on some query)."""
    orders = {}
    for fusion in ("zscore", "rrf"):
        s = Searcher(corpus_searcher.snapshot, embedder,
                     corpus_searcher.settings.model_copy(update={"fusion": fusion}))
        orders[fusion] = [[h.chunk.id for h in s.search(q, 10, "hybrid")] for q in (
            TROOPS_FR, "Qui a ordonné de tirer sans sommation ?",
            "What did the European Union say about the intervention?")]
    assert orders["zscore"] != orders["rrf"]


@pytest.mark.parametrize(
    ("query", "k", "retriever", "message"),
    [
        ("", 5, None, "empty"),
        ("   ", 5, None, "empty"),
        ("x" * 2001, 5, None, "limit"),
        ("ok", 0, None, "k must be"),
        ("ok", 101, None, "k must be"),
        ("ok", 5, "colbert", "unknown retriever"),
    ],
)
def test_bad_queries_are_refused(
    corpus_searcher: Searcher, query: str, k: int, retriever: str | None, message: str
) -> None:
    with pytest.raises(RagError, match=message):
        corpus_searcher.search(query, k, retriever)


def test_off_topic_question_gets_nothing_from_bm25(corpus_searcher: Searcher) -> None:
    assert corpus_searcher.search("photosynthèse chlorophylle", 5, "bm25") == []


def test_side_by_side_retrieval_gives_the_same_hits(corpus_dir: Path, embedder: E5Embedder,
                                                     corpus_searcher: Searcher) -> None:
    """Dense in a worker thread beside BM25 (large indexes) changes timing, never results,
    including under concurrent callers."""
    settings = Settings(index_dir=corpus_dir, parallel_retrieval_min_chunks=0)
    side = Searcher(corpus_searcher.snapshot, embedder, settings)
    assert side._hybrid._side_by_side and not corpus_searcher._hybrid._side_by_side
    questions = [TROOPS_FR, "How large was the CSTO peacekeeping force in total?",
                 "Qui est Kassym-Jomart Tokaïev ?", "prix du gaz liquéfié"]

    def key(hits: list) -> list[tuple[int, float, dict[str, int]]]:  # type: ignore[type-arg]
        return [(h.row, h.score, h.ranks) for h in hits]

    want = {q: key(corpus_searcher.search(q, 8)) for q in questions}
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda q: (q, key(side.search(q, 8))), questions * 5))
    assert all(hits == want[q] for q, hits in got)
    assert all(len(hits) == 8 for hits in want.values())


# A rare name in one long passage about something else; a menu and a portrait that dense likes
# at least as much for "who is ...?" questions (the "Who is Maria Zakharova?" case).
_RARE_NAME_DOCS = [
    Document("telegram", "Des vols d'Antonov et d'Iliouchine ont été suivis vers le Kazakhstan et "
             "des parachutistes ont été déployés à Almaty. Le communiqué a été diffusé sur "
             "Telegram par Zakharova. Les pays de l'alliance n'ont pas les mêmes moyens "
             "militaires que la Russie.", "Intervention"),
    Document("bio", "La porte-parole de la diplomatie russe est une diplomate de carrière, connue "
             "pour ses déclarations virulentes contre l'Occident.", "Portrait"),
    Document("nav", "Accueil | Actualités | Politique | International | Diplomatie | "
             "Qui sommes-nous | Contact", "Menu"),
    Document("presse", "La porte-parole du ministère des Affaires étrangères a tenu sa conférence "
             "de presse hebdomadaire et répondu aux questions des journalistes.", "Presse"),
    Document("meteo", "Il a neigé sur les Alpes et les routes de montagne sont fermées jusqu'à "
             "lundi.", "Neige"),
    Document("foot", "Le club de Marseille a gagné le match trois buts à un au stade Vélodrome.",
             "Victoire de l'OM"),
]


@pytest.fixture(scope="module")
def rare_name_searcher(tmp_path_factory: pytest.TempPathFactory,
                       embedder: E5Embedder) -> Searcher:
    root = tmp_path_factory.mktemp("rare-name-index")
    settings = Settings(index_dir=root)
    Ingestor(settings, embedder, IndexStore(root)).run(_RARE_NAME_DOCS)
    snap = IndexStore(root).load(Ingestor(settings, embedder, IndexStore(root)).identity)
    return Searcher(snap, embedder, settings)


@pytest.mark.parametrize("query", ["Who is Zakharova?", "Qui est Zakharova ?"])
def test_a_lone_bm25_hit_keeps_its_signal(rare_name_searcher: Searcher, query: str) -> None:
    """BM25's only candidate was z-scored against itself to 0, like a chunk it never saw, and
    the hybrid followed dense to the menu; standardised over the depth it stays on top."""
    bm25 = rare_name_searcher.search(query, 5, "bm25")
    assert [h.chunk.doc_id for h in bm25] == ["telegram"]
    assert rare_name_searcher.search(query, 1, "dense")[0].chunk.doc_id != "telegram"
    assert rare_name_searcher.search(query, 1, "hybrid")[0].chunk.doc_id == "telegram"


def test_bm25_weighs_less_for_a_question_in_another_language() -> None:
    settings = Settings()  # the index is French
    fr = bm25_part_weight("Qui a envoyé des troupes au Kazakhstan ?", 1.0, 1.0, settings)
    en = bm25_part_weight("Who sent troops to Kazakhstan?", 1.0, 1.0, settings)
    assert 0 < en < fr == 1.0
    # and less when fewer of the query's terms (idf-weighted) are known to the index at all
    assert bm25_part_weight("Who sent troops to Kazakhstan?", 1.0, 0.4, settings) < en
    english = settings.model_copy(update={"index_language": "en"})
    assert bm25_part_weight("Who sent troops to Kazakhstan?", 1.0, 1.0, english) == 1.0


def test_bm25_coverage_is_the_idf_share_of_known_terms(corpus_searcher: Searcher) -> None:
    bm25 = corpus_searcher.retrievers["bm25"]
    assert isinstance(bm25, BM25Retriever)
    _, full = bm25.ranked("Tokaïev Kazakhstan", 5)
    _, part = bm25.ranked("Tokaïev grandmother", 5)
    _, none = bm25.ranked("grandmother", 5)
    assert full == pytest.approx(1.0) and 0 < part < 1 and none == 0.0


# One chunk of town news whose one sentence answers, beside a chunk about the same bridge that
# does not: the whole chunk matches the question less than the other, its best sentence more.
_BRIDGE_DOCS = [
    Document("ville", "La mairie a repeint les bancs du parc au printemps. Le marché du samedi "
             "accueille quarante producteurs locaux. La bibliothèque ouvre désormais le dimanche "
             "matin. Les travaux de la piscine reprendront en septembre. Le club de rugby "
             "cherche des bénévoles. Le pont de Millau mesure 343 mètres de haut. La fête de la "
             "musique aura lieu place de l'église.", "Nouvelles de la ville"),
    Document("viaduc", "Le viaduc de Millau, dans l'Aveyron, est un pont à haubans inauguré en "
             "2004 par Jacques Chirac.", "Le viaduc"),
]
BRIDGE_EN = "How tall is the Millau bridge?"


@pytest.fixture(scope="module")
def bridge_index(tmp_path_factory: pytest.TempPathFactory, embedder: E5Embedder) -> Path:
    root = tmp_path_factory.mktemp("bridge-index")
    Ingestor(Settings(index_dir=root), embedder, IndexStore(root)).run(_BRIDGE_DOCS)
    return root


def _searcher(root: Path, embedder: E5Embedder, **kw: object) -> Searcher:
    settings = Settings(index_dir=root, **kw)  # type: ignore[arg-type]
    snap = IndexStore(root).load(Ingestor(settings, embedder, IndexStore(root)).identity)
    return Searcher(snap, embedder, settings)


def test_best_sentence_signal_reorders_dense_candidates(bridge_index: Path,
                                                        embedder: E5Embedder) -> None:
    chunk_only = _searcher(bridge_index, embedder, sentence_weight_cross=0.0)
    assert [h.chunk.doc_id for h in chunk_only.search(BRIDGE_EN, 2, "dense")] == \
        ["viaduc", "ville"]
    with_sentences = _searcher(bridge_index, embedder, sentence_weight_cross=1.0)
    assert with_sentences.sentences is not None
    hits = with_sentences.search(BRIDGE_EN, 2, "dense")
    assert [h.chunk.doc_id for h in hits] == ["ville", "viaduc"]
    # the score is the best sentence's cosine (w = 1), computed from the stored vectors
    q = embedder.embed_query(BRIDGE_EN)
    best = embedder.embed_passages(["Le pont de Millau mesure 343 mètres de haut."])[0] @ q
    assert hits[0].score == pytest.approx(float(best), abs=2e-3)  # stored as float16
    mixed = _searcher(bridge_index, embedder, sentence_weight_cross=0.5)
    s0 = {h.chunk.doc_id: h.score for h in chunk_only.search(BRIDGE_EN, 2, "dense")}
    s1 = {h.chunk.doc_id: h.score for h in hits}
    got = {h.chunk.doc_id: h.score for h in mixed.search(BRIDGE_EN, 2, "dense")}
    assert got["ville"] == pytest.approx(0.5 * s0["ville"] + 0.5 * s1["ville"], abs=1e-5)


def test_sentence_weight_follows_the_question_language(bridge_index: Path,
                                                       embedder: E5Embedder) -> None:
    """One weight for questions in the index's language, one for the others: 0 and 0.3 by
    default (evals/study/results_sentences.md); with both 0 the file is not even opened."""
    s = _searcher(bridge_index, embedder, sentence_weight_cross=0.2)
    dense = s.retrievers["dense"]
    assert isinstance(dense, DenseRetriever)
    assert dense.sentence_weight(BRIDGE_EN) == 0.2
    assert dense.sentence_weight("Quelle est la hauteur du pont de Millau ?") == 0.0
    default = _searcher(bridge_index, embedder).retrievers["dense"]
    assert isinstance(default, DenseRetriever)
    assert default.sentence_weight(BRIDGE_EN) == 0.3
    assert default.sentence_weight("Quelle est la hauteur du pont de Millau ?") == 0.0
    assert _searcher(bridge_index, embedder, sentence_weight_cross=0.0).sentences is None


def test_a_sentence_only_lifts_its_chunk(bridge_index: Path, embedder: E5Embedder) -> None:
    """(1 - w) * cosine + w * max(cosine, best sentence): the town-news chunk as a whole is
    about "the town's news", none of its sentences alone is, and it keeps its own cosine."""
    q = "Quelles sont les nouvelles de la ville ?"
    chunk_only = {h.row: h.score for h in _searcher(bridge_index, embedder).search(q, 2, "dense")}
    s = _searcher(bridge_index, embedder, sentence_weight=1.0)
    assert s.sentences is not None
    best = s.sentences.best(list(chunk_only), embedder.embed_query(q))
    town = max(chunk_only, key=lambda r: chunk_only[r])
    assert best[town] < chunk_only[town] - 0.02  # its best sentence is well below the chunk
    got = {h.row: h.score for h in s.search(q, 2, "dense")}
    assert got[town] == pytest.approx(chunk_only[town], abs=1e-6)
    for row, score in got.items():
        assert score == pytest.approx(max(chunk_only[row], best[row]), abs=1e-4)


def test_sentence_signal_skips_a_question_with_no_term_in_the_index(
        bridge_index: Path, embedder: E5Embedder) -> None:
    """A question none of whose words the index holds is rarely about it: the best-sentence
    signal would only hand it a quotable sentence (evals/study/results_sentences.md)."""
    s = _searcher(bridge_index, embedder, sentence_weight_cross=1.0)
    dense = s.retrievers["dense"]
    bm25 = s.retrievers["bm25"]
    assert isinstance(dense, DenseRetriever) and isinstance(bm25, BM25Retriever)
    unknown = "How high is that bridge?"
    assert bm25.query_coverage(unknown) == 0.0 < bm25.query_coverage(BRIDGE_EN)
    assert dense.sentence_weight(unknown) == 0.0
    assert dense.sentence_weight(BRIDGE_EN) == 1.0
    chunk_only = _searcher(bridge_index, embedder, sentence_weight_cross=0.0)
    assert [(h.chunk.doc_id, h.score) for h in s.search(unknown, 2, "dense")] == \
        [(h.chunk.doc_id, h.score) for h in chunk_only.search(unknown, 2, "dense")]


def test_index_without_sentences_scores_by_chunk(tmp_path: Path, embedder: E5Embedder) -> None:
    Ingestor(Settings(index_dir=tmp_path, sentence_index=False), embedder,
             IndexStore(tmp_path)).run(_BRIDGE_DOCS)
    assert not (tmp_path / "sentences.sqlite").exists()
    s = _searcher(tmp_path, embedder, sentence_weight_cross=1.0)
    assert s.sentences is None
    assert [h.chunk.doc_id for h in s.search(BRIDGE_EN, 2, "dense")] == ["viaduc", "ville"]


def test_hybrid_candidates_and_search_are_one_path(corpus_searcher: Searcher) -> None:
    hybrid = corpus_searcher.retrievers["hybrid"]
    for q in (TROOPS_FR, "How large was the CSTO peacekeeping force in total?"):
        hits = corpus_searcher.search(q, 7)
        assert [(h.row, h.score) for h in hits] == hybrid.candidates(q, 7)


def test_query_embeddings_are_cached(corpus_dir: Path, embedder: E5Embedder,
                                     corpus_searcher: Searcher) -> None:
    s = Searcher(corpus_searcher.snapshot, embedder, Settings(index_dir=corpus_dir))
    calls = s._embed.cache_info  # type: ignore[attr-defined]
    s.search("Qui est Tokaïev ?", 3)
    s.search("Qui est Tokaïev ?", 3)
    assert calls().misses == 1 and calls().hits >= 1


def test_retrieval_pool_shuts_down(corpus_dir: Path, embedder: E5Embedder,
                                   corpus_searcher: Searcher) -> None:
    """The side-by-side pool's threads stop on `shutdown_pool` (registered atexit) and a later
    search starts a new pool."""
    side = Searcher(corpus_searcher.snapshot, embedder,
                    Settings(index_dir=corpus_dir, parallel_retrieval_min_chunks=0))
    want = side.search(TROOPS_FR, 5)
    assert any(t.name.startswith("rag-retrieval") for t in threading.enumerate())
    shutdown_pool()
    assert not any(t.name.startswith("rag-retrieval") and t.is_alive()
                   for t in threading.enumerate())
    assert [h.row for h in side.search(TROOPS_FR, 5)] == [h.row for h in want]
    shutdown_pool()


def test_an_acronym_question_is_embedded_once(corpus_searcher: Searcher,
                                              embedder: E5Embedder) -> None:
    """Security review 56 F1: the dense search embeds "CSTO" as "OTSC"; the evidence step
    asks `embed_query` for the same vector, served from the cache, not a second model run."""
    counting = CountingEmbedder(embedder)
    s = Searcher(corpus_searcher.snapshot, counting, corpus_searcher.settings)
    q = "How large was the CSTO peacekeeping force in total?"
    hits = s.search(q, 5)
    assert counting.calls == 1
    s.embed_query(q)
    s.best_dense_score(q, hits)
    assert counting.calls == 1
