"""The vocabulary is the one home of column kinds, numbering styles, statuses, labels and font profiles."""

from __future__ import annotations

import pytest

from zwgk_docs.model import vocab
from zwgk_docs.model.plan import Column, LevelNumbering


@pytest.mark.parametrize("style", [s for s in vocab.NUMBER_STYLES.values() if s.pattern is not None], ids=lambda s: s.name)
def test_every_numbering_style_reads_back_what_it_writes(style: vocab.NumberStyle) -> None:
    for n in (1, 9, 10, 11, 20, 28, 99, 105, 110, 999):
        label = style.format(n)
        assert style.parse(label) == n
        found = vocab.split_label(label + "标题")
        assert found is not None and found.style == style.name and found.number == n


def test_every_numbering_style_is_a_plan_choice() -> None:
    for name in vocab.NUMBER_STYLES:
        assert LevelNumbering(style=name).style == name  # type: ignore[arg-type]


def test_chinese_numeral_parser_rejects_non_numerals() -> None:
    for text in ("", "年", "十十", "二千"):
        with pytest.raises(ValueError):
            vocab.parse_chinese_numeral(text)


@pytest.mark.parametrize("kind", vocab.COLUMN_KINDS, ids=lambda k: k.field)
def test_every_column_kind_is_complete(kind: vocab.ColumnKind) -> None:
    assert kind.meaning and kind.header and kind.width > 0
    assert Column(header=kind.header, field=kind.field).field == kind.field
    assert kind.field in Column.model_fields["field"].description  # type: ignore[operator]


def test_importer_synonyms_name_one_kind_each() -> None:
    from zwgk_docs.importers.headers import header_field

    for kind in vocab.COLUMN_KINDS:
        for word in kind.synonyms:
            assert header_field(word) == kind.field, word


def test_statuses_font_profiles_and_labels() -> None:
    assert vocab.STATUSES[0] == vocab.DONE and len(set(vocab.STATUSES)) == len(vocab.STATUSES)
    for profile in vocab.FONT_PROFILES.values():
        assert set(profile) == set(vocab.FONT_ROLES)
    assert [line.text for line in vocab.attachment_note(["甲", "乙"])] == ["附件：1. 甲", "2. 乙"]
    assert vocab.attachment_note(["甲"])[0].text == "附件：甲"
    assert vocab.note_text("(此件公开发布)") == "（此件公开发布）"
    assert vocab.cc_line(["甲", "乙"]) == "抄送：甲，乙。"
