"""east_asian.py counts with translate tables what the per-character definitions say."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zwgk_docs.east_asian import columns, wide_count
from zwgk_docs.standard.gbt9704 import width_in_zi
from zwgk_docs.writers.xlsx.measure import text_units

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@given(TEXT)
def test_counts_match_the_unicode_classes(text: str) -> None:
    widths = [unicodedata.east_asian_width(c) for c in text]
    assert wide_count(text) == sum(w in "WF" for w in widths)
    assert wide_count(text, ambiguous=True) == sum(w in "WFA" for w in widths)
    assert columns(text) == sum(2 if w in "WF" else 1 for w in widths)
    assert width_in_zi(text) == sum(1.0 if w in "WF" else 0.5 for w in widths)
    assert text_units(text) == sum(2 if w in "WFA" else 1 for w in widths)


def test_examples() -> None:
    assert width_in_zi("2021年") == 3.0
    assert columns("沈阳ab") == 6
    assert text_units("“政务”") == 8
