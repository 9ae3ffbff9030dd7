"""Any sentence-transformers model, by hub name or local path (optional `st` extra, needs torch)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embedders.base import Vectors, normalise
from rag.errors import RagError


class SentenceTransformerEmbedder:
    def __init__(self, model: str, threads: int = 2, batch_size: int = 32) -> None:
        if not model:
            raise RagError("RAG_EMBEDDER=st:<model> needs a model name or path")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise RagError(
                "the sentence-transformers backend needs the `st` extra: "
                "pip install 'torch==2.13.0' -e '.[st]'"
            ) from None
        torch.set_num_threads(threads)
        local = Path(model).expanduser()
        try:
            self._model: Any = SentenceTransformer(
                str(local) if local.exists() else model,
                device="cpu",
                local_files_only=not local.exists() and os.environ.get("HF_HUB_OFFLINE") == "1",
            )
        except Exception as exc:  # the library raises many types for a missing or bad model
            raise RagError(f"cannot load sentence-transformers model {model!r}: {exc}") from None
        self._spec = model
        self._batch_size = batch_size
        self.calls = 0
        # A model's own query/passage prompts (e5, bge...) are applied when it declares them.
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = (
            "passage" if "passage" in prompts else "document" if "document" in prompts else None
        )

    @property
    def name(self) -> str:
        # Last two path parts: stable when a venv moves, distinct for `org/model` names.
        return "st:" + "/".join(Path(self._spec).parts[-2:])

    @property
    def dim(self) -> int:
        model = self._model
        get = getattr(model, "get_embedding_dimension", None)
        get = get or model.get_sentence_embedding_dimension
        return int(get())

    @property
    def max_tokens(self) -> int:
        return int(self._model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def _encode(self, texts: list[str], prompt_name: str | None) -> Vectors:
        arr = self._model.encode(
            texts,
            batch_size=self._batch_size,
            prompt_name=prompt_name,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise(np.asarray(arr, dtype=np.float32).reshape(len(texts), -1))

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.calls += len(texts)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), self._passage_prompt)

    def embed_query(self, text: str) -> Vectors:
        vec: Vectors = self._encode([text], self._query_prompt)[0]
        return vec
