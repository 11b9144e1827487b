"""Generated plans of any size, for the scale and batch benchmarks (and their tests).

    python benchmarks/plangen.py 1000 > /tmp/plan-1000.yaml

The text is varied but deterministic (a seed per task), Chinese with full-width punctuation,
ten tasks a part, a notice with one attachment, the 沈阳 column layout.
"""

from __future__ import annotations

import random
import sys

UNITS = ["市政府办公室", "市发展改革委", "市财政局", "市教育局", "市卫生健康委", "市自然资源局",
         "市生态环境局", "市市场监管局", "市住房城乡建设局", "市交通运输局", "市人力资源社会保障局", "市民政局"]
VERBS = ["全面公开", "及时发布", "深入推进", "持续深化", "认真做好", "进一步规范", "加大力度推进", "统筹做好"]
THINGS = ["财政预决算信息", "重大建设项目信息", "行政许可和行政处罚信息", "政策解读材料", "基层政务公开标准目录",
          "公共资源配置信息", "教育领域信息", "医疗卫生领域信息", "生态环境信息", "社会救助信息", "就业创业信息"]
DEADLINES = ["6月底前", "9月底", "12月底", "全年", "持续推进", "2021-10-31"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)}{rng.choice(THINGS)}，通过政府门户网站和政务新媒体等渠道向社会公开，"
            f"做好{rng.choice(THINGS)}的归集整理和解读回应工作。")


def plan_yaml(tasks: int, title: str = "示例市2021年政务公开工作要点", notice: bool = True) -> str:
    """A valid plan with `tasks` tasks, as YAML text."""
    out = ["version: 1"]
    if notice:
        out += [
            "notice:",
            "  issuer: 示例市政务公开领导小组",
            "  issuer_mark: 示例市政务公开领导小组文件",
            "  doc_number: 示政公领发〔2021〕1号",
            f"  title: 示例市政务公开领导小组关于印发{title}的通知",
            "  recipients: 各区、县（市）人民政府，市政府各部门：",
            "  body:",
            f"    - 现将《{title}》印发给你们，请结合实际认真贯彻执行。",
            "  attachments:",
            f"    - title: {title}任务分解表",
            "  date: 2021-06-22",
            "  note: 此件公开发布",
        ]
    out += ["plan:", f"  title: {title}", "  year: 2021", "  numbering:",
            "    task: {style: \"1.\", restart: false}", "  parts:"]
    for start in range(0, tasks, 10):
        rng = random.Random(start)
        out.append(f"    - title: 第{start // 10 + 1}部分工作{rng.choice(THINGS)}")
        out.append("      tasks:")
        for n in range(start, min(start + 10, tasks)):
            rng = random.Random(n)
            out += [
                f"        - id: t{n + 1:05d}",
                f"          title: {rng.choice(VERBS)}{rng.choice(THINGS)}",
                f"          text: 第{n + 1}项：{''.join(sentence(rng) for _ in range(rng.randint(1, 3)))}",
                f"          lead: {rng.choice(UNITS)}",
                f"          responsible: [{', '.join(rng.sample(UNITS, 2))}]",
                f"          deadline: {rng.choice(DEADLINES)}",
            ]
    out += ["table:", "  columns:",
            "    - {header: 序号, field: number, width: 6}",
            "    - {header: 工作任务, field: task_full, width: 60}",
            "    - {header: 牵头单位, field: lead, width: 16}",
            "    - {header: 责任单位, field: responsible, width: 16}",
            "    - {header: 完成时限, field: deadline, width: 10}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(plan_yaml(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
