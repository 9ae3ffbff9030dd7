"""Serve a GGUF over llama.cpp's own OpenAI-compatible HTTP server (xllamacpp), for measuring
the `openai` backend against a real upstream: `python bench/llm_server.py [MODEL]`."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import xllamacpp as xlc

from rag.config import Settings
from rag.llm.local import resolve_model


def main() -> None:
    spec = sys.argv[1] if len(sys.argv) > 1 else "qwen2.5-coder-1.5b"
    params = xlc.CommonParams()
    params.model.path = str(resolve_model(spec, Settings().model_cache_dir))
    params.n_ctx = 4096
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    params.verbosity = -1
    server = xlc.Server(params)
    address = str(server.listening_address)
    base = address if address.startswith("http") else f"http://{address}"
    print(f"{base}/v1", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
