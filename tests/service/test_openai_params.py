"""What a chat request may ask of the index (service/openai_params.py)."""

from __future__ import annotations

import pytest

from service.openai_params import ParamError, check


@pytest.mark.parametrize("name", ["n", "best_of"])
def test_one_answer_means_the_integer_one(name: str) -> None:
    check({name: 1})
    check({})
    for bad in (2, 0, True, 1.0, "1"):  # (true and 1.0 were read as 1: review 41's note)
        with pytest.raises(ParamError):
            check({name: bad})
