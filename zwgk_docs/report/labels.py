"""The 2021 annual-report format (国办公开办函〔2021〕30号): headings and table labels, byte-exact.

See /shared/spec/annual-report-2021.md §2–§5. Labels keep full-width brackets, the Chinese
ordinal “、” and the curly quotes of 3.危及“三安全一稳定”; nothing here is user text.
"""

from __future__ import annotations

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# ---- table 二 (§3): blocks of 第二十条, each (block label, header cells, rows)
ACTIVE_ARTICLE = ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项")
ACTIVE_INFO = "信息内容"
ACTIVE_COUNT_HEADERS = ("本年制发件数", "本年废止件数", "现行有效件数")
ACTIVE_DECISIONS = "本年处理决定数量"
ACTIVE_FEE_HEADER = "本年收费金额（单位：万元）"
# row label → stats key (the YAML key is the label itself)
ACTIVE_DOC_ROWS = ("规章", "行政规范性文件")
ACTIVE_LICENSING = ("行政许可",)
ACTIVE_ENFORCEMENT = ("行政处罚", "行政强制")
ACTIVE_FEE_ROW = "行政事业性收费"

# ---- table 三 (§4)
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
NATURAL = "自然人"
LEGAL = "法人或其他组织"
TOTAL = "总计"
LEGAL_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
REQUEST_COLUMNS = (NATURAL, *LEGAL_KINDS, TOTAL)  # the 7 data columns

RESULTS = "三、本年度办理结果"
# (key, group label or None, item label); key is what the stats YAML uses ("（三）1").
_GROUPS = (
    ("（三）", "（三）不予公开", (
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")),
    ("（四）", "（四）无法提供", (
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")),
    ("（五）", "（五）不予处理", (
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息")),
    ("（六）", "（六）其他处理", (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他")),
)
REQUEST_ROWS: list[tuple[str, str, str]] = [
    ("一", "", "一、本年新收政府信息公开申请数量"),
    ("二", "", "二、上年结转政府信息公开申请数量"),
    ("（一）", "", "（一）予以公开"),
    ("（二）", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
]
for _prefix, _group, _items in _GROUPS:
    REQUEST_ROWS += [(f"{_prefix}{i}", _group, item) for i, item in enumerate(_items, 1)]
REQUEST_ROWS += [("（七）", "", "（七）总计"), ("四", "", "四、结转下年度继续办理")]
REQUEST_KEYS = [key for key, _, _ in REQUEST_ROWS]
RESULT_KEYS = REQUEST_KEYS[2:-2]  # （一）…（六）3: the rows summed into （七）
REQUEST_LABEL = {key: (f"{group} {item}" if group else item) for key, group, item in REQUEST_ROWS}

# ---- table 四 (§5)
REVIEW = "行政复议"
LITIGATION = "行政诉讼"
APPEAL_ROWS = ("行政复议", "未经复议直接起诉", "复议后起诉")
APPEAL_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

TABLE_NAMES = {"active": "表二（主动公开政府信息情况）", "requests": "表三（收到和处理政府信息公开申请情况）",
               "appeals": "表四（政府信息公开行政复议、行政诉讼情况）"}
