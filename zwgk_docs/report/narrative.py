"""N-S1 and friends: what the report's paragraphs say against the table cells.

Offices write “全年共收到政府信息公开申请30件” in 一 or 三 and a different number in the
table, or “未收到政府信息公开申请” above a table with 1 — third-party evaluations look for
exactly this. Every claim below is a phrase real reports use; a number counts only when it
is what the phrase is about: not a 同比 change (较上年增加3件), not an approximation (约、近、
余), not a percentage, not a count of something else (行政许可申请, 人大代表建议), and not a
clause that names a second subject (行政复议和行政诉讼各1件). Digits and Chinese numerals
(两件, 十二件) are read alike. Findings are warnings; `--strict` makes them exit 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional, Protocol

from ..errors import Diagnostic, Location
from . import labels as L
from .stats import Stats

_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
NUM = r"(?<![\d.,，第每这那逐单各])(\d{1,3}(?:,\d{3})+|\d+|[零〇○一二两三四五六七八九十百千万]+)"
UNIT = r"\s*(?:件|条|起|宗|个|份)(?!事|实事)"
_END = r"[，。；,;：:！？!?\n]"  # a clause ends here
_GAP_CHARS = r"[^，。；,;：:！？!?\d零〇○一二两三四五六七八九十百千]"
# words that make the number about something else than the phrase's subject
_OTHER = re.compile(r"增|减|比|较|升|降|占|率|平均|累计|历年|以来|约|近|超过|逾|不足|以上|以下|余|多|少|其中|分别|各|同期")
_NOT_APPLICATIONS = re.compile(r"许可|审批|办件|政务服务|留言|信访|投诉|咨询|热线|建议|提案|复议|诉讼|来信|来电")
_RESULT_WORDS = re.compile(r"维持|纠正|纠错|撤销|驳回|确认违法|败诉|胜诉|其他结果|尚未审结|审结|结果|调解|和解|终止")


def cn_number(text: str) -> Optional[int]:
    """'468' → 468, '两' → 2, '十二' → 12, '一百零五' → 105, '三千' → 3000; None when not a number."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: Optional[Location]
    path: str
    section: str = ""  # intro | overview | active | requests | appeals | problems | other | fee
    heading: str = ""  # the block title it sits under (e.g. 依申请公开)


Value = Callable[[Stats], Decimal | int]


def _t(key: str) -> Value:
    return lambda s: s.requests.row(key)[-1]


def _group(prefix: str) -> Value:
    return lambda s: sum(s.requests.row(k)[-1] for k in L.REQUEST_KEYS if k.startswith(prefix) and k != prefix)


def _litigation(s: Stats) -> int:
    return s.appeals.direct[4] + s.appeals.after_review[4]


@dataclass(frozen=True)
class Claim:
    """A phrase stating a count: `subject` regex, then a gap of ≤ `gap` plain characters, then N件."""

    name: str  # what the table calls it
    subject: str
    value: Value
    gap: int = 12
    needs_applications: bool = False  # the clause must be about 政府信息公开申请
    avoid: Optional[re.Pattern[str]] = None  # the gap must not contain these
    appeal: bool = False  # about 行政复议/诉讼 of 政府信息公开 (a 司法局 also counts its own 复议 cases)
    before: Optional[re.Pattern[str]] = None  # required just before the subject (or in it)
    qualified: bool = True  # skip when the clause narrows it (其中、通过网络、3月份…)

    def pattern(self) -> re.Pattern[str]:
        return re.compile(f"({self.subject})({_GAP_CHARS}{{0,{self.gap}}}?){NUM}{UNIT}")


_DECIDED = re.compile(r"作出|做出|办理|实施|处理|决定")
_DECISION_OTHER = re.compile(r"申请|事项|受理|信息|公示|清单")
_QUALIFIED = re.compile(r"其中|通过|当面|信函|网络|网上|邮寄|传真|邮件|季度|上半年|下半年|分别|涉及|其余|另有|"
                        r"[\d一二三四五六七八九十]+月份|来自|针对|关于")
_REQ = L.TABLE_NAMES["requests"]
_APP = L.TABLE_NAMES["appeals"]
_ACT = L.TABLE_NAMES["active"]
CLAIMS: list[Claim] = [
    Claim(f"{_REQ}“{L.REQUEST_LABEL['二']}”总计", r"上一?年(?:度)?结转|上年度?转结", _t("二")),
    Claim(f"{_REQ}“{L.REQUEST_LABEL['四']}”总计", r"结转(?:至|到)?(?:下一?年度?|\d{4}年度?|次年)|转入下一?年度?", _t("四")),
    Claim(f"{_REQ}“{L.REQUEST_LABEL['一']}”总计", r"新收|收到|受理|接到|共收|接收", _t("一"), needs_applications=True, avoid=_NOT_APPLICATIONS),
    Claim(f"{_REQ}“（七）总计”", r"办结|答复|办理完结|办理完毕|处理完毕", _t("（七）"), needs_applications=False,
          avoid=re.compile(r"予以公开|部分公开|不予|无法提供|其他处理|结转|留言|信访|投诉|咨询|建议|提案|复议|诉讼")),
    Claim(f"{_REQ}“一”加“二”（本年办理总数）或“（七）总计”", r"共办理|办理(?=[^，。；]{0,10}?申请)", _t("（七）"), needs_applications=True,
          avoid=re.compile(r"予以公开|部分公开|不予|无法提供|其他处理|结转|建议|提案|复议|诉讼|许可|审批|政务服务|热线")),
    Claim(f"{_REQ}“一、本年新收”行“自然人”列", r"自然人", lambda s: s.requests.row("一")[0], gap=8, qualified=False,
          avoid=re.compile(r"予以|公开|不予|无法|处理|结转|复议|诉讼|办结|答复")),
    Claim(f"{_REQ}“一、本年新收”行法人或其他组织五列之和", r"法人(?:或|和|及)?其他组织|法人", lambda s: sum(s.requests.row("一")[1:6]),
          gap=8, qualified=False, avoid=re.compile(r"予以|公开|不予|无法|处理|结转|复议|诉讼|办结|答复")),
    Claim(f"{_REQ}“（一）予以公开”总计", r"(?<!部分)(?<!不)予以公开|(?<!部分)(?<!不予)全部公开", _t("（一）"), gap=6, qualified=False),
    Claim(f"{_REQ}“（二）部分公开”总计", r"部分公开", _t("（二）"), gap=6, qualified=False),
    Claim(f"{_REQ}“（三）不予公开”各项之和", r"不予公开", _group("（三）"), gap=6, qualified=False),
    Claim(f"{_REQ}“（四）无法提供”各项之和", r"无法提供", _group("（四）"), gap=6, qualified=False),
    Claim(f"{_REQ}“（五）不予处理”各项之和", r"不予处理", _group("（五）"), gap=6, qualified=False),
    Claim(f"{_REQ}“（六）其他处理”各项之和", r"其他处理", _group("（六）"), gap=6, qualified=False),
    Claim(f"{_APP}“行政复议”总计", r"行政复议(?!机关)", lambda s: s.appeals.review[4], avoid=_RESULT_WORDS, appeal=True),
    Claim(f"{_APP}“未经复议直接起诉”总计", r"直接(?:提起)?(?:行政)?(?:起诉|诉讼)", lambda s: s.appeals.direct[4], avoid=_RESULT_WORDS, appeal=True),
    Claim(f"{_APP}“复议后起诉”总计", r"复议后(?:提起)?(?:行政)?(?:起诉|诉讼)", lambda s: s.appeals.after_review[4], avoid=_RESULT_WORDS, appeal=True),
    Claim(f"{_APP}“行政诉讼”总计（两项之和）", r"(?<!直接)(?<!复议后)(?:行政诉讼|被起诉|被提起诉讼)", _litigation, avoid=_RESULT_WORDS, appeal=True),
    Claim(f"{_ACT}“行政规范性文件”本年制发件数", r"(?:制发|印发|出台|发布|制定)(?:了)?(?:行政)?规范性文件", lambda s: s.active.normative[0], gap=0),
    Claim(f"{_ACT}“行政规范性文件”本年废止件数", r"废止(?:了)?(?:行政)?规范性文件", lambda s: s.active.normative[1], gap=0),
    Claim(f"{_ACT}“行政规范性文件”现行有效件数", r"现行有效(?:的)?(?:行政)?规范性文件", lambda s: s.active.normative[2], gap=0),
    Claim(f"{_ACT}“规章”本年制发件数", r"(?:制发|制定|出台|发布|印发)(?:了)?(?:政府)?规章", lambda s: s.active.regulations[0], gap=0),
    Claim(f"{_ACT}“规章”本年废止件数", r"废止(?:了)?(?:政府)?规章", lambda s: s.active.regulations[1], gap=0),
    Claim(f"{_ACT}“规章”现行有效件数", r"现行有效(?:的)?(?:政府)?规章", lambda s: s.active.regulations[2], gap=0),
    Claim(f"{_ACT}“行政许可”本年处理决定数量", r"行政许可(?:决定)?", lambda s: s.active.licensing, gap=2, avoid=_DECISION_OTHER, before=_DECIDED),
    Claim(f"{_ACT}“行政处罚”本年处理决定数量", r"行政处罚(?:决定)?(?:案件)?", lambda s: s.active.punishment, gap=2, avoid=_DECISION_OTHER, before=_DECIDED),
    Claim(f"{_ACT}“行政强制”本年处理决定数量", r"行政强制(?:决定)?(?:措施)?", lambda s: s.active.enforcement, gap=2, avoid=_DECISION_OTHER, before=_DECIDED),
]
_PATTERNS = [(c, c.pattern()) for c in CLAIMS]
_SUBJECTS = re.compile("|".join(f"(?:{c.subject})" for c in CLAIMS))

# statements that something did not happen, and the cells that must then be 0
_NEG = r"(?:未(?!经)|没有|无|尚无|均未|并未|从未)"
_NEGATIONS: list[tuple[re.Pattern[str], str, Value]] = [
    (re.compile(r"(?:未|没有|均未|并未|从未)(?:收到|受理|接到|有)" + r"([^，。；;：:！？!?]{0,25}?)(?:申请)(?!人|书|材料|表)"),
     f"{_REQ}“{L.REQUEST_LABEL['一']}”总计", _t("一")),
    (re.compile(r"(?:无|没有)(?:[^，。；;：:]{0,4}?)(?:政府信息公开申请|依申请公开(?:事项|申请)?)()"),
     f"{_REQ}“{L.REQUEST_LABEL['一']}”总计", _t("一")),
]
_FEE_NEG = re.compile(r"(?:未|没有|均未|并未|从未|无|不|不存在|未发生|没有发生)(?:向申请人)?(?:收取|产生|发生|收缴)?(?:任何)?(?:政府信息公开)?(?:信息)?处理费"
                      r"|(?:未|没有|均未|并未|从未|不存在|未发生)(?:向申请人)?收取(?:任何)?(?:费用|[^，。；]{0,6}?费)"
                      r"|信息处理费(?:情况)?\s*[：:]\s*(?:无|没有|0|零)(?:元)?(?=[。；，]|$)")
_FEE_AMOUNT = re.compile(r"(?:信息处理费|处理费)[^，。；\d]{0,10}?(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(万元|元)")
_APPEAL_NEG = re.compile(_NEG + r"(?:发生|出现|被|有|因)?([^，。；;！？!?]{0,30}?)(行政复议|复议|行政诉讼|诉讼|起诉)([^，。；;！？!?]{0,20})")
_APPEAL_NEG_AFTER = re.compile(r"()(行政复议|复议)((?:[和、及与](?:行政诉讼|诉讼))?[^，。；\d]{0,8}?(?:均未|未|没有)(?:发生|出现))"
                               r"|()(行政诉讼|诉讼)([^，。；\d]{0,8}?(?:均未|未|没有)(?:发生|出现))")
_ZERO_BOTH = re.compile(r"(行政复议|复议)[^，。；]{0,3}(?:和|、|及|与)(行政诉讼|诉讼)[^，。；\d]{0,6}?(?:均|皆|都)(?:为)?(?:0|零)")


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[。；;！？!?\n]", text):
        out.append((start, text[start:m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _about_applications(p: Paragraph, sentence: str) -> bool:
    return p.section == "requests" or "申请" in p.heading or bool(re.search(r"信息公开|依申请", sentence))


def _quote(text: str) -> str:
    return text if len(text) <= 40 else "……" + text[-38:]


class Report(Protocol):
    """Records a finding about a paragraph (a warning unless severity says otherwise)."""

    def __call__(self, p: Paragraph, message: str, severity: str = "warning") -> None: ...


def check_narrative(paragraphs: list[Paragraph], stats: Stats) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def report(p: Paragraph, message: str, severity: str = "warning") -> None:
        out.append(Diagnostic(message, p.location, p.path, severity))

    for p in paragraphs:
        for _, sentence in _sentences(p.text):
            _check_counts(p, sentence, stats, report)
            _check_negations(p, sentence, stats, report)
            _check_fee(p, sentence, stats, report)
    return out


def _check_counts(p: Paragraph, sentence: str, stats: Stats, report: Report) -> None:
    taken: list[tuple[int, int]] = []
    for claim, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            gap = m[2]
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if _OTHER.search(gap) or (claim.avoid and claim.avoid.search(gap)) or _SUBJECTS.search(gap):
                continue
            before = sentence[max(0, m.start() - 6):m.start()]
            if re.search(r"累计|历年|以来|同比|去年|上年|上一年|前年", before) and not re.match(r"上一?年", m[1]):
                continue  # last year's or a cumulative figure
            if claim.appeal and not (p.section == "appeals" or re.search(r"信息公开|被申请|被提起|被起诉", sentence)):
                continue
            if claim.before and not (claim.before.search(m[1]) or claim.before.search(sentence[max(0, m.start() - 4):m.start()])):
                continue
            if claim.subject.startswith(("自然人", "法人")) and not re.search(r"收到|新收|受理|接到|提出", sentence):
                continue  # the applicant split of 一、本年新收 only
            if claim.qualified and _QUALIFIED.search(re.split(_END, sentence[:m.start()])[-1]):
                continue  # 其中通过网络收到申请3件: a part, not the total
            if claim.needs_applications and not ("申请" in gap and _about_applications(p, sentence)) \
                    and not re.search(r"依申请公开", gap):
                continue
            said = cn_number(m[3])
            if said is None:
                continue
            taken.append(m.span())
            table = Decimal(claim.value(stats))
            after = sentence[m.end():m.end() + 10]
            alternatives = {table}
            handled = Decimal(_t("一")(stats) + _t("二")(stats))
            if re.match(r"[（(]?(?:含|包括)(?:上年|上一年|结转)", after) and claim.value is CLAIMS[2].value:
                alternatives = {handled}  # “468件（含上年结转25件）”
            elif claim.subject.startswith("共办理"):
                alternatives = {table, handled}  # 办理 counts the carried-in ones too, or only the finished
            if said not in alternatives:
                shown = " 或 ".join(str(v) for v in sorted(alternatives, reverse=True))
                report(p, f"正文“{_quote(m[0])}”说 {said}，{claim.name}是 {shown}，两者不一致（N-S1）。")


def _check_negations(p: Paragraph, sentence: str, stats: Stats, report: Report) -> None:
    for pattern, name, value in _NEGATIONS:
        for m in pattern.finditer(sentence):
            gap = m[1] or ""
            rest = re.split(_END, sentence[m.end():], maxsplit=1)[0]
            if re.search(r"涉及|关于|要求|重复|信访|投诉|许可|审批|复议|诉讼|不予|无正当理由|逾期", gap + rest):
                continue
            if not _about_applications(p, sentence) and "公开" not in gap:
                continue
            table = value(stats)
            if table:
                report(p, f"正文“{_quote(m[0])}”说没有收到申请，但{name}是 {table}（N-S1）。")
            break
    said: set[str] = set()
    if p.section == "appeals" and re.fullmatch(r"(?:本年度?|全年)?(?:无|没有|未发生)(?:相关情况)?[。.]?", p.text.strip()):
        if stats.appeals.review[4] or _litigation(stats):
            report(p, f"正文“{p.text.strip()}”说没有行政复议、行政诉讼，但{_APP}行政复议总计 {stats.appeals.review[4]}、"
                      f"行政诉讼总计 {_litigation(stats)}（N-S1）。")
        return
    matches = list(_APPEAL_NEG.finditer(sentence)) + list(_APPEAL_NEG_AFTER.finditer(sentence))
    for m in matches:
        groups = [g for g in m.groups() if g is not None]
        scope = "".join(groups)
        if _RESULT_WORDS.search(scope) or re.search(r"\d|[一二两三四五六七八九十]+\s*件|申请人", scope):
            continue  # 未发生行政复议被纠错 is about a result, not the count
        if m[0].startswith("无") and not re.match(r"无(?:因|被|政府信息公开|行政复议|行政诉讼|复议|诉讼)", m[0]):
            continue
        if not (p.section == "appeals" or re.search(r"信息公开|被申请|被提起|被起诉|因", sentence)):
            continue
        subjects = set(re.findall(r"行政复议|复议|行政诉讼|诉讼|起诉", scope))
        if subjects & {"行政复议", "复议"} and stats.appeals.review[4] and "review" not in said:
            said.add("review")
            report(p, f"正文“{_quote(m[0])}”说没有行政复议，但{_APP}“行政复议”总计是 {stats.appeals.review[4]}（N-S1）。")
        if subjects & {"行政诉讼", "诉讼", "起诉"} and _litigation(stats) and "litigation" not in said:
            said.add("litigation")
            report(p, f"正文“{_quote(m[0])}”说没有行政诉讼，但{_APP}行政诉讼总计是 {_litigation(stats)}（N-S1）。")
    for m in _ZERO_BOTH.finditer(sentence):
        if stats.appeals.review[4] or _litigation(stats):
            report(p, f"正文“{_quote(m[0])}”说行政复议和行政诉讼均为 0，但{_APP}分别是 {stats.appeals.review[4]} 和 {_litigation(stats)}（N-S1）。")


def _check_fee(p: Paragraph, sentence: str, stats: Stats, report: Report) -> None:
    fee = Decimal(stats.fee)
    neg = _FEE_NEG.search(sentence)
    if neg and fee > 0:
        report(p, f"正文“{_quote(neg[0])}”说未收取信息处理费，但统计文件 fee 是 {fee} 元，第六部分将写“{_fee_words(fee)}”，"
                  f"报告前后矛盾（F-S1）。", "error")
        return
    for m in _FEE_AMOUNT.finditer(sentence):
        if re.search(r"标准|每|按|超过|起|以上|以下|最高|不超过", m[0]):
            continue
        amount = cn_number(m[1]) if not re.match(r"\d", m[1]) else Decimal(m[1])
        if amount is None:
            continue
        yuan = Decimal(amount) * (10000 if m[2] == "万元" else 1)
        if yuan != fee:
            report(p, f"正文“{_quote(m[0])}”中的信息处理费 {yuan.normalize():f} 元与统计文件 fee {fee} 元不一致，"
                      f"第六部分将写“{_fee_words(fee)}”（F-S1）。", "error")


def _fee_words(fee: Decimal) -> str:
    from .context import fee_sentence

    return fee_sentence(Stats(fee=fee)).rstrip("。")
