"""Where a long 标题 turns to its next line (§7.3.1: 回行时要做到词意完整、排列对称、长短适宜、间距恰当，
梯形或菱形).

A 公文 title has a grammar: 发文机关 + 关于 + 印发/转发 + 文件名 + 的通知. Its seams are the best
places to turn (before 关于, after 印发, before 的通知, around 《》); next best is between two
words; a break inside a word ("政务公|开", "印|发") is taken only when nothing else fits. Words
come from the short list below of words that make up 公文 titles, not from a general dictionary
(a segmenter such as jieba needs ~1.5 s to load: more than the whole 通知 takes to lay out);
a character not covered by any listed word ("沈阳" in 沈阳市) may be parted, at a cost.

Of the line arrangements that fit (each line within the 版心 at 2号, measured as Word/LibreOffice
measure it, with a little slack so that none of them wraps a line again), the one chosen has the
cheapest breaks, then the best shape: a 梯形 (上长下短) or 菱形; 上短下长 and an hourglass cost
more; a last line of a few characters too. Every writer prints the lines it returns (explicit line
breaks), so the .docx, the PDF and LibreOffice's print show the same title.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from . import gbt9704 as std
from .text_width import CLOSING, OPENING, piece_measure

# Words of 公文 titles: organs, verbs of issuing, document kinds, the vocabulary of 政务公开 plans.
TITLE_WORDS = frozenset("""
人民政府 政府 办公厅 办公室 委员会 管理委员会 管委会 领导小组 工作领导小组 人民代表大会 常务委员会 常委会
政协 党委 党组 市委 区委 县委 省委 州委 工委 纪委 监委 管理局 开发区 高新区 新区 经济技术开发区 高新技术产业开发区
自治区 自治州 自治县 自治旗 街道办事处 办事处 人民法院 人民检察院 公安局 司法局 财政局 教育局 卫生健康委员会
发展和改革委员会 发改委 住房和城乡建设 城乡建设 生态环境 市场监督管理 市场监管 应急管理 自然资源 人力资源 社会保障
关于 印发 转发 批转 下发 印送 公布 发布 进一步 加强 推进 做好 开展 深化 全面 推行 落实 贯彻 实施 建立 健全 完善 加快
政务公开 政府信息公开 信息公开 政务 公开 政府 信息 工作 要点 工作要点 重点 重点工作 任务 重点任务 工作任务 分工
分工方案 任务分工 分解 分解表 任务分解表 方案 实施方案 工作方案 意见 实施意见 指导意见 通知 决定 办法 规定 细则
实施细则 规划 计划 年度 报告 年度报告 考核 评估 目录 清单 标准 标准化 规范化 基层 全市 全区 全县 全省 全州 全旗
全国 本市 本区 本县 各级 各部门 有关 事项 制度 机制 体系 建设 管理 服务 平台 网站 政府网站 政务新媒体 新媒体 解读
回应 关切 社会 决策 执行 结果 监督 经济 技术 发展 改革 营商环境 优化 环境 领域 主动 依申请 申请 统计 数据 开放
政府数据 政策 文件 规范性文件 行政 执法 权力 运行 便民 惠民 民生 群众 企业 透明 透明度 质量 水平 提升 提高 专项
行动 活动 会议 纪要 批复 函 通报 公告 请示 名单 任务书 责任 责任分工 分解落实 督查 督办 台账 分工表 细化
""".split())
_LONGEST = max(len(w) for w in TITLE_WORDS)

# Seams of the title's grammar: a break right here costs nothing.
_SEAM_BEFORE = re.compile(r"(?=关于)|(?=《)|(?=的(?:通知|意见|决定|批复|函|报告|公告|通报|请示|实施方案|工作方案))")
_SEAM_AFTER = re.compile(r"(?<=印发)|(?<=转发)|(?<=批转)|(?<=下发)|(?<=印送)|(?<=》)|(?<=[、，：；])")

SEAM, WORD_EDGE, LOOSE, INSIDE_WORD = 0, 1, 3, 100  # cost of a break by what it parts
_BREAK_WEIGHT = 10  # one step of break quality outweighs any shape
EXTRA_LINE = 15  # a line more than the fewest that fit: worth it only to avoid a break inside a word
SLACK_ZI = 0.5  # each line stays this much short of the 版心: the estimate never makes a line wrap again


def title_lines(text: str, size_pt: float = std.TITLE_PT) -> list[str]:
    """The title's printed lines (one when it fits on a line)."""
    return list(_title_lines(text, size_pt))


@lru_cache(maxsize=64)
def _title_lines(text: str, size_pt: float) -> tuple[str, ...]:
    width = std.TEXT_W_MM * std.PT_PER_MM - SLACK_ZI * size_pt
    measure = piece_measure(text, size_pt)
    if "\n" in text or measure(0, len(text)) <= width:
        return tuple(text.split("\n"))
    costs = break_costs(text)
    candidates = sorted(costs)
    fewest = _fewest_lines(text, candidates, width, measure)
    if fewest is None:  # an unbreakable run longer than a line: the writer's own wrapping decides
        return (text,)
    if fewest > 3:  # a very long 标题: the cheapest breaks with even lines (no search of shapes)
        cuts = _even_lines(len(text), costs, width, measure, fewest, size_pt)
        return tuple(text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text))))
    best: tuple[float, tuple[int, ...]] | None = None
    # Every arrangement whose lines all fit, of the fewest lines or one more (a few hundred at most).
    for cuts in _arrangements(len(text), candidates, width, measure, min(fewest + 1, 3)):
        bounds = (0, *cuts, len(text))
        widths = [measure(a, b) for a, b in zip(bounds, bounds[1:])]
        cost = _BREAK_WEIGHT * sum(costs[c] for c in cuts) + shape_cost([w / size_pt for w in widths], width / size_pt)
        cost += EXTRA_LINE * (len(bounds) - 1 - fewest)  # a line more than needed: only for much better breaks
        if best is None or cost < best[0]:
            best = (cost, cuts)
    assert best is not None  # `fewest` lines fit by construction
    bounds = (0, *best[1], len(text))
    return tuple(text[a:b] for a, b in zip(bounds, bounds[1:]))


def break_costs(text: str) -> dict[int, int]:
    """Each place a line may start (index into text) → what a break there costs. Not listed: never
    (inside a number or Latin word, a number parted from its unit, before closing or after opening
    punctuation)."""
    unbreakable = [range(m.start() + 1, m.end()) for m in std.TITLE_UNBREAKABLE.finditer(text)]
    covered = [False] * len(text)
    inside: set[int] = set()
    for i in range(len(text)):
        for n in range(2, _LONGEST + 1):
            if text[i:i + n] in TITLE_WORDS:
                covered[i:i + n] = [True] * n
                inside.update(range(i + 1, i + n))
    seams = {m.start() for m in _SEAM_BEFORE.finditer(text)} | {m.end() for m in _SEAM_AFTER.finditer(text)}
    costs = {}
    for i in range(1, len(text)):
        if any(i in r for r in unbreakable) or text[i] in CLOSING or text[i - 1] in OPENING:
            continue
        if i in seams and i not in inside:
            costs[i] = SEAM
        elif i in inside:
            costs[i] = INSIDE_WORD
        elif (covered[i - 1] or not _is_han(text[i - 1])) and (covered[i] or not _is_han(text[i])):
            costs[i] = WORD_EDGE
        else:
            costs[i] = LOOSE
    return costs


def shape_cost(lines: list[float], full: float) -> float:
    """Line lengths (in 字) → how far the arrangement is from a 梯形 (上长下短) or 菱形, and ragged."""
    cost = 0.0
    if len(lines) == 2 and lines[1] > lines[0] + 0.5:
        cost += 6  # 上短下长
    if len(lines) >= 3:
        rises = [b > a + 0.5 for a, b in zip(lines, lines[1:])]
        falls = [b < a - 0.5 for a, b in zip(lines, lines[1:])]
        peak = max(range(len(lines)), key=lambda k: lines[k])
        diamond = all(not f for f in falls[:peak]) and all(not r for r in rises[peak:])
        if not diamond:
            cost += 6  # an hourglass or a zigzag
    if lines[-1] < full / 4:
        cost += 12  # a few characters ("的通知") left alone on the last line: 长短不宜
    elif lines[-1] < full / 3:
        cost += 5
    mean = sum(lines) / len(lines)
    return cost + sum((length - mean) ** 2 for length in lines) / (full * full) * 4


def _arrangements(end: int, candidates: list[int], width: float, measure: Callable[[int, int], float],
                  most: int, start: int = 0) -> Iterator[tuple[int, ...]]:
    """The break sets (line starts after the first) of at most `most` lines, each line within width."""
    if measure(start, end) <= width:
        yield ()
    if most <= 1:
        return
    for cut in candidates:
        if cut <= start:
            continue
        if measure(start, cut) > width:
            break
        for rest in _arrangements(end, candidates, width, measure, most - 1, cut):
            yield (cut, *rest)


def _even_lines(end: int, costs: dict[int, int], width: float, measure: Callable[[int, int], float], count: int,
                size_pt: float) -> tuple[int, ...]:
    """`count` lines by dynamic programming: break costs plus each line's distance from the mean length."""
    target = measure(0, end) / count
    starts = [0, *sorted(costs)]
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(0, 0): (0.0, ())}  # (lines, next start) → cost, cuts
    for lines in range(count):
        for (_, start), (cost, cuts) in [item for item in best.items() if item[0][0] == lines]:
            for nxt in [*starts, end] if lines == count - 1 else starts:
                if nxt <= start or (lines == count - 1 and nxt != end):
                    continue
                if measure(start, nxt) > width:
                    break
                step = _BREAK_WEIGHT * costs.get(nxt, 0) * (nxt != end) + ((measure(start, nxt) - target) / size_pt) ** 2 / 10
                key = (lines + 1, nxt)
                if key not in best or cost + step < best[key][0]:
                    best[key] = (cost + step, cuts + ((nxt,) if nxt != end else ()))
    return best[(count, end)][1]


def _fewest_lines(text: str, candidates: list[int], width: float, measure: Callable[[int, int], float]) -> int | None:
    """Greedy over the allowed starts: the fewest lines any arrangement can have."""
    count, start = 1, 0
    while measure(start, len(text)) > width:
        fitting = [c for c in candidates if c > start and measure(start, c) <= width]
        if not fitting:
            return None
        start, count = fitting[-1], count + 1
    return count


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
