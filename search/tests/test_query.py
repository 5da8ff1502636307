"""Query parsing and the folded forms shared by the index and the query (no database)."""

from __future__ import annotations

import pytest

from search.query import QueryError, parse_query
from search.types import compact_symbol, tokens


def test_tokens_fold_diacritics_and_d_and_drop_punctuation():
    assert tokens("Chuyên án 568P", "Đảng ủy") == "chuyen an 568p dang uy"
    assert tokens("50-CTr/ĐUCA") == "50 ctr duca"


@pytest.mark.parametrize(
    "spelling", ["50-CTr/ĐUCA", "50-ctr/duca", "50 CTr DUCA", "50/ctr-duca", "050 ctr đuca"]
)
def test_every_spelling_of_a_symbol_has_one_key(spelling):
    assert compact_symbol(spelling) == "50ctrduca"


def test_leading_zeros_do_not_matter():
    assert compact_symbol("05-CT/TW") == compact_symbol("5-ct/tw") == "5cttw"


@pytest.mark.parametrize("raw", ["", "   ", "a", "–", "đ"])
def test_empty_or_too_short_queries_are_refused_with_a_reason(raw):
    with pytest.raises(QueryError) as exc:
        parse_query(raw)
    assert str(exc.value)


def test_too_long_query_is_refused():
    with pytest.raises(QueryError):
        parse_query("x" * 201)


def test_a_query_looks_like_a_symbol_only_with_letters_and_digits():
    assert parse_query("50 CTr DUCA").symbol == "50ctrduca"
    assert parse_query("chuyen an").symbol == ""
    assert parse_query("2024").symbol == ""
    assert parse_query("Chuyên án 568P").words == ["chuyen", "an", "568p"]
