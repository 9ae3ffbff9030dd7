"""The real clients people use, driven against a real server (tests/service/conftest.py);
the scripted OpenAI-compatible upstream of tests/service/test_openai_backend.py for the
generative backend."""

from tests.service.conftest import (  # noqa: F401  (fixtures shared with tests/service)
    FR_TROOPS,
    corpus_copy,
    corpus_service,
    small_service,
)
from tests.service.test_openai_backend import (  # noqa: F401  (fixtures)
    openai_service,
    upstream,
)
