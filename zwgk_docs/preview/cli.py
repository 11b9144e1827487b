"""`zwgk preview`: serve the plan's pages on localhost and rebuild on every save."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from ..cli import user_errors
from ..errors import Location, UserError
from ..load import STDIN
from .state import Preview


@click.command(name="preview")
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口（0：任选一个空闲端口）。")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True, help="启动后在浏览器中打开。")
@user_errors
def preview_command(plan_path: Path, port: int, open_browser: bool) -> None:
    """在本机浏览器中预览通知网页和 PDF，保存计划文件后自动重新生成并刷新页面。

    只在本机（127.0.0.1）提供服务；计划文件有错误时，页面显示中文错误和行号。按 Ctrl+C 结束。

    \b
    例：zwgk preview examples/shenyang-2021.yaml
        zwgk preview plan.yaml --port 8765 --no-open
    """
    from .server import make_server
    from .watch import watch

    if str(plan_path) == STDIN:
        raise UserError.single("预览在每次保存计划文件时重新生成，要的是文件，不能从标准输入（-）读取：请给出计划文件的路径。",
                               path="PLAN")
    if not plan_path.is_file():
        raise UserError.single("找不到文件。", Location(str(plan_path)))
    state = Preview(plan_path)
    try:
        server = make_server(state, port=port)
    except OSError as exc:
        raise UserError.single(f"无法使用端口 {port}：{exc.strerror}。请用 --port 换一个端口。") from None
    stop = threading.Event()
    watch(state, stop)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"预览地址：{url}（保存计划文件后自动刷新，按 Ctrl+C 结束）")
    for d in state.snapshot.errors:
        click.echo(str(d), err=True)
    state.warm_up()
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("预览已结束。")
    finally:
        stop.set()
        server.server_close()
        state.close()


commands = [preview_command]
