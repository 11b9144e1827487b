"""A rebuild: a ledger zwgk wrote with nothing carried over is not read back (collect/untouched.py),
one anybody changed is read and its progress kept; the 通知 spacing comes from the user cache
(writers/pdf/fit_cache.py) with the same result as choosing it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from zwgk_docs.collect import carry, untouched
from zwgk_docs.load import load_plan
from zwgk_docs.writers.xlsx.ledger_reader import read_ledger_data

ROOT = Path(__file__).resolve().parents[1]
TEDA = ROOT / "examples" / "teda-2018.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def build(plan, out):
    from zwgk_docs.build import build as run

    return run(plan, out, ["xlsx"])


def test_untouched_ledger_is_not_read_back_and_comes_out_the_same(cache, tmp_path, monkeypatch):
    plan = load_plan(TEDA)
    out = tmp_path / "out"
    build(plan, out)
    first = (out / "ledger.xlsx").read_bytes()
    assert untouched.is_untouched(out / "ledger.xlsx")

    def no_read(*args, **kwargs):
        raise AssertionError("an untouched ledger was read back")

    monkeypatch.setattr(carry, "previous_ledger", no_read)
    build(plan, out)
    assert (out / "ledger.xlsx").read_bytes() == first
    assert not list(out.glob("ledger.备份-*"))


def test_ledger_with_progress_typed_in_is_read_and_kept(cache, tmp_path):
    plan = load_plan(TEDA)
    out = tmp_path / "out"
    build(plan, out)
    wb = load_workbook(out / "ledger.xlsx")
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if "进展情况" in [ws.cell(r, c).value for c in range(1, ws.max_column + 1)])
    cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["任务标识"]).value)
    ws.cell(row, cols["进展情况"]).value = "已完成目录编制"
    wb.save(out / "ledger.xlsx")
    assert not untouched.is_untouched(out / "ledger.xlsx")
    build(plan, out)
    data, problems, _ = read_ledger_data(out / "ledger.xlsx")
    assert not problems
    assert any(e.progress == "已完成目录编制" for e in data.office.values())
    assert list(out.glob("ledger.备份-*"))  # the typed-in ledger kept as a backup
    assert not untouched.is_untouched(out / "ledger.xlsx")  # it carries progress: always read


def test_without_a_cache_folder_every_ledger_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(untouched, "cache_dir", lambda: None)
    ledger = tmp_path / "ledger.xlsx"
    ledger.write_bytes(b"x")
    untouched.remember(ledger)
    assert not untouched.is_untouched(ledger)


def test_notice_spacing_comes_from_the_cache_with_the_same_html(cache, monkeypatch):
    from zwgk_docs import writers  # noqa: F401
    from zwgk_docs.context import build_context
    from zwgk_docs.writers import pdf
    from zwgk_docs.writers.pdf import fit

    ctx = build_context(load_plan(ROOT / "examples" / "shenyang-2021.yaml"))
    monkeypatch.setattr(pdf, "_SPACINGS", {})  # a new process
    first = pdf.notice_html(ctx)
    assert list((cache / "fit").iterdir())

    def no_probe(*args, **kwargs):
        raise AssertionError("the spacing was chosen again")

    monkeypatch.setattr(pdf, "_SPACINGS", {})
    monkeypatch.setattr(fit, "choose", no_probe)
    assert pdf.notice_html(ctx) == first


def test_a_changed_font_file_is_a_new_spacing_key(monkeypatch):
    from zwgk_docs.writers.pdf import fit_cache

    monkeypatch.setattr(fit_cache, "_font_files", lambda families: "a.ttc\t1\t1")
    before = fit_cache._key("<html>", ["A"])
    monkeypatch.setattr(fit_cache, "_font_files", lambda families: "a.ttc\t1\t2")
    assert fit_cache._key("<html>", ["A"]) != before
    monkeypatch.setattr(fit_cache, "_font_files", lambda families: None)  # no fc-list: no cache
    assert fit_cache._key("<html>", ["A"]) is None


def test_self_check_of_the_same_notice_comes_from_the_cache(cache, tmp_path, monkeypatch):
    from zwgk_docs import check
    from zwgk_docs.build import build as run

    out = tmp_path / "out"
    run(load_plan(ROOT / "examples" / "shenyang-2021.yaml"), out, ["docx"])
    docx = out / "notice.docx"
    real = check.check_docx
    calls = []

    def counted(path):
        calls.append(path)
        report = real(path)
        report.findings.append(check.Finding("7.2.5", "发文字号", "fail", "示例", "第1段"))
        return report

    monkeypatch.setattr(check, "check_docx", counted)
    first = check.self_check([docx])
    assert first == [f"自检 {docx}：[不符合] 7.2.5 发文字号：示例（第1段）"] and len(calls) == 1
    assert check.self_check([docx]) == first and len(calls) == 1  # from the cache
    import docx as python_docx

    python_docx.Document(str(docx)).save(str(docx))  # saved again (as Word would): other bytes, checked again
    check.self_check([docx])
    assert len(calls) == 2
