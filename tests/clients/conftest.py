"""The real clients people use, driven against a real server (tests/service/conftest.py)."""

from tests.service.conftest import (  # noqa: F401  (fixtures shared with tests/service)
    FR_TROOPS,
    corpus_copy,
    corpus_service,
    small_service,
)
