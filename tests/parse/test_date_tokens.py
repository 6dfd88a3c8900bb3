"""The date tokenizer (kg.parse.date_tokens): words read once and remembered."""
from __future__ import annotations

import pytest

from kg.parse import date_tokens
from kg.parse.date_lexicon import date_lexicon
from kg.parse.date_tokens import MONTH, NUM, TO, WORD, tokenize


@pytest.mark.parametrize("max_words", [50_000, 1], ids=["remembered", "memory-emptied-after-one-word"])
def test_march_to_may_reads_the_same_tokens_each_time(monkeypatch, max_words):
    monkeypatch.setattr(date_tokens, "_MAX_WORDS", max_words)
    text = "From March to May 1920 the Army marched; march to may."
    first = tokenize(text, 0, len(text), date_lexicon())
    again = tokenize(text, 0, len(text), date_lexicon())
    assert first == again
    assert [(t.kind, t.value, t.word, t.cap) for t in first[:5]] == [
        (WORD, 0, "from", True), (MONTH, 3, "march", True), (TO, 0, "to", False), (MONTH, 5, "may", True),
        (NUM, 1920, "", False),
    ]
    # the same words again, in lower case: a word's case is its own, never the remembered one's
    assert [(t.kind, t.value, t.word, t.cap) for t in first[-4:-1]] == [
        (MONTH, 3, "march", False), (TO, 0, "to", False), (MONTH, 5, "may", False),
    ]
