"""The 通知 around a 工作要点: 版头, 发文字号, 标题, 主送, 正文, 署名, 日期, 附注 — and a web page's metadata block."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from .draft import AttachmentData, NoticeData, WebData

_META = re.compile(r"(索引号|主题分类|分类|发文机关|成文日期|标题|发文字号|文号|发布日期)\s*[:：]\s*([^\t]*)")
_DOC_NUMBER = re.compile(r"^(\S{1,14}?)\s*[〔\[(（【]\s*(\d{4})\s*[〕\])）】]\s*(\d+)\s*号$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ISSUER = re.compile(r"(人民政府|办公室|办公厅|委员会|领导小组|管委会|局|厅|委|办)$")
_NO_ISSUER = "（请填写发文机关）"
_ATTACHED = re.compile(r"^附件\s*[:：]\s*(.+)$")
_NOTE = re.compile(r"^[（(](此件[^）)]*)[）)]$")


def doc_number(text: str) -> Optional[str]:
    """'吉市政办函(2018)57号' → '吉市政办函〔2018〕57号' (GB/T 9704: 六角括号)."""
    m = _DOC_NUMBER.match(text.strip())
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else None


def cn_date(text: str) -> Optional[dt.date]:
    """A line that is only a date, "2021年6月22日" (the 成文日期 under the signature)."""
    return _date_any(text) if _DATE.match(text.strip()) else None


@dataclass
class NoticeParse:
    notice: Optional[NoticeData] = None
    web: Optional[WebData] = None
    rest: list[str] = field(default_factory=list)  # the paragraphs after the notice
    warnings: list[str] = field(default_factory=list)


def _metadata(paragraphs: list[str]) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    rest = []
    for p in paragraphs:
        found = _META.findall(p)
        if found and p.lstrip().startswith(found[0][0]):
            meta.update({k: v.strip() for k, v in found if v.strip()})
        else:
            rest.append(p)
    return meta, rest


def read_notice(paragraphs: list[str]) -> NoticeParse:
    meta, paras = _metadata(paragraphs)
    out = NoticeParse(rest=paras)
    if meta:
        web = WebData()
        if "索引号" in meta:
            web["index_number"] = meta["索引号"]
        category = meta.get("分类") or meta.get("主题分类")
        if category:
            web["category"] = category
        published = _date_any(meta.get("发布日期", ""))
        if published:
            web["publish_date"] = published
        out.web = web or None
    found = _find_title(paras)
    if found is None and not meta.get("标题"):
        return out
    title_at, title_end, title = found if found is not None else (None, None, meta["标题"])
    notice = NoticeData()
    head = paras[:title_at] if title_at is not None else []
    for p in head:
        number = doc_number(p)
        if number:
            notice["doc_number"] = number
        elif p.endswith("文件") and len(p) <= 30:
            notice["issuer_mark"] = p
            notice["issuer"] = p[:-2]
        elif _ISSUER.search(p) and len(p) <= 30:
            notice.setdefault("issuer", p)  # the issuer's name printed above the title, without 文件
    if meta.get("发文机关"):
        notice.setdefault("issuer", meta["发文机关"])
    if meta.get("发文字号") or meta.get("文号"):
        number = meta.get("发文字号") or meta.get("文号") or ""
        notice.setdefault("doc_number", doc_number(number) or number)
    notice["title"] = title
    if "issuer" not in notice:
        m = re.match(r"^(.+?)关于", notice["title"])
        notice["issuer"] = m.group(1) if m else _NO_ISSUER
    dated = _date_any(meta.get("成文日期", ""))
    if dated:
        notice["date"] = dated
    if title_at is None or title_end is None:
        notice["plan_follows"] = True
        out.notice = notice
        return out
    return _after_title(paras, title_end, notice, out)


_TITLE_END = re.compile(r"(通知|意见|决定|方案|要点|分解|分工|清单|函|批复|报告|计划|安排|台账)$")


def _is_recipients(p: str) -> bool:
    return bool(re.search(r"[:：]$", p)) and len(p) <= 150 and not re.match(r"^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]", p)


def _find_title(paras: list[str]) -> Optional[tuple[int, int, str]]:
    """(first, last, joined text) of the 通知's title, recognised by the parts around it — 发文机关标志,
    发文字号, 主送机关 ending in ：, 成文日期, （此件公开发布） — or by a "关于……通知" line; a title printed
    over several lines is joined."""
    head = paras[:20]
    number = next((i for i, p in enumerate(head) if doc_number(p)), None)
    mark = next((i for i, p in enumerate(head) if p.endswith("文件") and len(p) <= 30), None)
    top = max([i for i in (number, mark) if i is not None], default=-1)
    recipients = next((i for i in range(top + 1, min(len(paras), top + 6)) if _is_recipients(paras[i])), None)
    dated = any(cn_date(p) for p in paras[:80]) or any(_NOTE.match(p) for p in paras[:80])
    about = next((i for i, p in enumerate(head) if "关于" in p and len(p) <= 90 and not p.endswith(("。", "：", ":"))), None)
    if recipients is not None and (top >= 0 or dated or about is not None):
        first = top + 1 if top >= 0 else (about if about is not None and about < recipients else recipients - 1)
        lines = paras[first:recipients]
        if not lines or len(lines) > 4 or any(len(l) > 90 for l in lines):
            return None
        return first, recipients - 1, "".join(lines)
    if about is not None and (top >= 0 or dated or _TITLE_END.search(paras[about])):
        lines = [paras[about]]
        while not re.search(r"(通知|意见|决定|函|批复|报告)$", "".join(lines)) and about + len(lines) < len(paras) \
                and len(lines) < 3 and len(paras[about + len(lines)]) <= 40 and not _is_recipients(paras[about + len(lines)]):
            lines.append(paras[about + len(lines)])
        if not re.search(r"(通知|意见|决定|函|批复|报告)$", "".join(lines)):
            lines = [paras[about]]
            if not re.search(r"(通知|意见|决定)$", lines[0]):
                return None
        return about, about + len(lines) - 1, "".join(lines)
    return None


def _after_title(paras: list[str], title_end: int, notice: NoticeData, out: NoticeParse) -> NoticeParse:
    i = title_end + 1
    if i < len(paras) and _is_recipients(paras[i]):
        notice["recipients"] = paras[i]
        i += 1
    body: list[str] = []
    while i < len(paras):
        p = paras[i]
        date = cn_date(p)
        if date is not None:
            notice["date"] = date
            if body and len(body[-1]) <= 30 and not body[-1].endswith("。"):
                notice["signature"] = body.pop()
            i += 1
            break
        if re.match(r"^[一二三四五六七八九十]+[、.．]", p):
            # the tasks start inside the 通知 (a 通知 that is the 分解 itself): the sign-off is at the end
            signed = next(((k, d) for k in range(len(paras) - 1, i, -1) if (d := cn_date(paras[k])) is not None), None)
            if signed is not None:
                end, notice["date"] = signed
                tail = paras[end + 1:]
                rest = paras[i:end]
                if rest and len(rest[-1]) <= 30 and not rest[-1].endswith("。"):
                    notice["signature"] = rest.pop()
                notice["body"] = body
                for p2 in tail:
                    m = _NOTE.match(p2)
                    if m:
                        notice["note"] = m.group(1)
                out.rest = rest
                return _finish_notice(notice, out)
            break
        attached = _ATTACHED.match(p)
        if attached:  # 附件说明 "附件：1. ……" in the 通知: its attachments, not its 正文
            title = re.sub(r"^\d+\s*[.．、]\s*", "", attached.group(1)).strip()
            notice.setdefault("attachments", []).append(_attachment(title))
        elif notice.get("attachments") and re.match(r"^\d+\s*[.．、]\s*\S", p) and len(p) <= 60:
            title = re.sub(r"^\d+\s*[.．、]\s*", "", p).strip()  # the 2nd, 3rd … line of the 附件说明
            notice.setdefault("attachments", []).append(_attachment(title))
        else:
            body.append(p)
        i += 1
    while i < len(paras) and (not paras[i].strip() or _NOTE.match(paras[i])):
        m = _NOTE.match(paras[i])
        if m:
            notice["note"] = m.group(1)
        i += 1
    notice["body"] = body
    if "date" not in notice:
        out.warnings.append("通知没有找到成文日期（如“2021年6月22日”），请在 notice.date 中填写。")
        notice["date"] = dt.date.today()
        out.rest = paras[title_end + 1 + (1 if "recipients" in notice else 0):]
        notice["body"] = []
    else:
        out.rest = paras[i:]
    return _finish_notice(notice, out)


def _attachment(title: str) -> AttachmentData:
    return {"title": title, "content": "table" if "表" in title else "plan"}


def _finish_notice(notice: NoticeData, out: NoticeParse) -> NoticeParse:
    if notice["issuer"] == _NO_ISSUER and notice.get("signature"):
        notice["issuer"] = notice["signature"]
    if notice["issuer"] == _NO_ISSUER:
        out.warnings.append("通知没有找到发文机关，请在 notice.issuer 中填写。")
    if notice.get("signature") == notice.get("issuer"):
        notice.pop("signature")
    notice["plan_follows"] = True
    out.notice = notice
    return out


def _date_any(text: str) -> Optional[dt.date]:
    """The date a text starts with: 2018年06月04日, 2018-06-04, 2018/6/4."""
    m = re.match(r"^\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
