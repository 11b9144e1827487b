"""Font resolution and `zwgk doctor`: every role served by an installed Chinese face."""

from click.testing import CliRunner

from zwgk_docs.cli import main
from zwgk_docs.fonts import ROLE_NAMES, ROLES, installed_families, resolve_fonts


def test_every_role_resolves_to_an_installed_face():
    for profile in ("gb2312", "plain"):
        for role, choice in resolve_fonts(profile).items():
            assert choice.family in installed_families(), role
            # only installed names reach CSS: fontconfig would answer an absent name with DejaVu (tofu)
            assert choice.stack and all(f in installed_families() for f in choice.stack)


def test_free_stand_ins_are_the_documented_ones():
    choices = resolve_fonts()
    expected = {"title": "Noto Serif CJK SC", "body": "Noto Serif CJK SC", "heading1": "Noto Sans CJK SC",
                "heading2": "AR PL UKai CN", "number": "Noto Serif CJK SC"}
    for role in ROLES:
        if choices[role].substituted:  # an office font, when installed, wins
            assert choices[role].family == expected[role]
    if choices["title"].family == "Noto Serif CJK SC":
        assert choices["title"].weight == 700


def test_doctor_reports_each_role_and_warns_on_substitution():
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    for role in ROLES:
        assert ROLE_NAMES[role] in result.output
    substituted = [c for c in resolve_fonts().values() if c.substituted]
    assert result.output.count("警告：") >= len(substituted)
    for c in substituted:
        assert f"未安装“{c.wanted}”" in result.output
    assert "LibreOffice" in result.output and "Chromium" in result.output and "HarfBuzz" in result.output
