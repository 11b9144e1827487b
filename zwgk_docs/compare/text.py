"""Chinese text for comparison: one normal form, words (jieba when installed), similarity scores
and a word-by-word diff. The thresholds that decide "the same task" live here, with their reasons."""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from types import ModuleType
from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz

# Two tasks are one task reworded when their texts agree this much (rapidfuzz ratio, 0–1):
# rewording a sentence or two keeps well above it, two different tasks of one plan stay below.
MATCH_THRESHOLD = 0.6
# Titles say what a task is: a kept title with a rewritten body is still the same task.
TITLE_WEIGHT = 0.9
# An id shared by both plans still needs some common text: imported plans number their ids
# by position (cz-01, cz-02…), so an inserted task would otherwise shift every match.
ID_FLOOR = 0.3
# A task is one piece of a split (or merge) when this share of its text is found in the other.
PART_THRESHOLD = 0.8
# Trace suggestions: TF-IDF cosine of the words two items share (different layouts and lengths).
SUGGEST_THRESHOLD = 0.2
SUGGESTIONS_PER_ITEM = 3

_SKIP = re.compile(r"[\s\u3000]+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def key(text: str) -> str:
    """Comparison form: NFKC (full/half width alike), no spaces, no punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def similarity(a: str, b: str) -> float:
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return 0.0
    return fuzz.ratio(ka, kb) / 100


def containment(part: str, whole: str) -> float:
    """How much of `part` appears in `whole` (best alignment of the shorter inside the longer)."""
    kp, kw = key(part), key(whole)
    if not kp or not kw or len(kp) > len(kw):
        return 0.0
    return fuzz.partial_ratio(kp, kw) / 100


@functools.lru_cache(maxsize=1)
def _jieba() -> Optional[ModuleType]:
    try:
        import logging

        import jieba
    except ImportError:  # optional: characters grouped by script instead
        return None
    jieba.setLogLevel(logging.WARNING)
    module: ModuleType = jieba  # untyped: its functions are used as Any
    return module


_FALLBACK_TOKEN = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]|\s+|.", re.S)


def words(text: str) -> list[str]:
    """Words for display diffs; with jieba absent, Latin/number runs and single characters."""
    jieba = _jieba()
    if jieba is not None:
        return [w for w in jieba.cut(text, HMM=False) if w]
    return _FALLBACK_TOKEN.findall(text)


@dataclass(frozen=True)
class Segment:
    op: str  # equal | insert | delete
    text: str


def _word_key(word: str) -> str:
    return key(word) or unicodedata.normalize("NFKC", word).strip()


def word_diff(old: str, new: str) -> list[Segment]:
    """The new text with what was deleted and inserted, word by word; width-only changes are equal."""
    a, b = words(old), words(new)
    matcher = difflib.SequenceMatcher(None, [_word_key(w) for w in a], [_word_key(w) for w in b], autojunk=False)
    out: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(b[j1:j2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return _absorb_small_equals(out)


def _absorb_small_equals(segments: list[Segment]) -> list[Segment]:
    """A lone common character between two changes ("的", "，") reads better inside both; each run
    of changes then shows all it deleted, then all it inserted."""
    expanded: list[Segment] = []
    for i, s in enumerate(segments):
        if (s.op == "equal" and len(key(s.text)) <= 1 and 0 < i < len(segments) - 1
                and segments[i - 1].op != "equal" and segments[i + 1].op != "equal"):
            expanded += [Segment("delete", s.text), Segment("insert", s.text)]
        else:
            expanded.append(s)
    out: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(Segment("delete", "".join(deleted)))
        if inserted:
            out.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for s in expanded:
        if s.op == "equal":
            flush()
            out.append(s)
        else:
            (deleted if s.op == "delete" else inserted).append(s.text)
    flush()
    return out


# ---------------------------------------------------------------- similarity for suggestions

_STOP = set("的 和 与 及 等 对 在 为 将 把 要 了 是 并 或 由 按 各 其 以 于 中 上 下 个 年 月 日 工作 进一步 加强 做好 推进 推动 开展 落实 完善 建立 健全 全面 深入 持续 不断 有关 相关 各级 各地 各部门 政务公开 公开".split())


def content_words(text: str) -> list[str]:
    return [w for w in (key(w) for w in words(text)) if len(w) >= 2 and not w.isdigit() and w not in _STOP]


class Corpus:
    """TF-IDF vectors of two lists of texts, so words every item uses (公开, 政府) weigh little."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.docs = [Counter(content_words(t)) for t in texts]
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = max(len(self.docs), 1)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
        self.vectors = [self._vector(d) for d in self.docs]

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vec = {w: (1 + math.log(c)) * self.idf[w] for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(w, 0.0) for w, v in a.items())


def best(scores: Sequence[tuple[float, int]], threshold: float, limit: int) -> list[tuple[float, int]]:
    return sorted((s for s in scores if s[0] >= threshold), key=lambda s: (-s[0], s[1]))[:limit]
