"""`loa`: the command authors and staff run. A thin layer over the core.

Every failure becomes a Vietnamese message and an exit status; no command
ever shows a traceback.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from loa.content import catalog as catalog_mod
from loa.adapters import cli_vi
from loa.core import dates
from loa.content import ledger
from loa.build import linkcheck
from loa.outputs import posts as social
from loa.content import doctor as doctor_mod
from loa.core import settings as settings_mod
from loa.build.swap import BuildBusy, build_aside, exclusive
from loa.core.problems import as_dict, format_problem
from loa.core.model import Catalog, Problem, Settings

CONFIG_HELP = "tệp cấu hình của trang (mặc định: mkdocs.yml)"


def _echo_problems(problems: list[Problem] | tuple[Problem, ...], fmt: str = "text") -> None:
    if fmt == "json":
        click.echo(json.dumps([as_dict(p) for p in problems], ensure_ascii=False, indent=2))
        return
    for p in problems:
        click.echo(format_problem(p), err=True)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if problems:
        click.echo(f"{errors} lỗi, {warnings} cảnh báo.", err=True)


def _load(config: Path) -> tuple[Settings | None, Catalog | None, list[Problem]]:
    """Settings, the catalog and every problem, the URL ledger's included."""
    settings, problems = settings_mod.read_mkdocs_yml(config)
    if settings is None:
        return None, None, problems
    found = catalog_mod.load(config.parent, settings.content_dir)
    path = ledger.path_in(config.parent, settings.content_dir)
    rel = f"{settings.content_dir}/{ledger.FILENAME}"
    return settings, found, problems + list(found.problems) + ledger.problems(path, rel, found, dt.date.today())


@click.group(cls=cli_vi.Group, help="Loa: kiểm tra, dựng trang và soạn bài đăng từ các bài giải thích pháp luật.")
@click.version_option(message="loa %(version)s", help="Xem phiên bản rồi thoát.")
def main() -> None:
    pass


@main.command(help="Kiểm tra mọi tệp trong content/ và báo tất cả lỗi một lần.")
@click.option("--config", "config", type=click.Path(path_type=Path), default="mkdocs.yml", metavar="TỆP", help=CONFIG_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text cho người đọc, json cho công cụ khác")
def check(config: Path, fmt: str) -> None:
    _settings, found, problems = _load(config.resolve())
    _echo_problems(problems, fmt)
    if any(p.is_error for p in problems):
        sys.exit(1)
    if fmt == "text":
        count = len(found.explainers) if found else 0
        click.echo(f"Đã kiểm tra {count} bài: không có lỗi.", err=True)


@main.command(help="Kiểm tra rồi dựng trang vào thư mục site/ (chỉ thay site/ cũ khi dựng xong).")
@click.option("--config", "config", type=click.Path(path_type=Path), default="mkdocs.yml", metavar="TỆP", help=CONFIG_HELP)
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar="THƯ_MỤC",
              help="thư mục đích (mặc định: site)")
@click.option("--wait", is_flag=True, help="nếu đang có lần dựng khác thì chờ thay vì dừng")
def build(config: Path, site_dir: Path | None, wait: bool) -> None:
    config = config.resolve()
    settings, found, problems = _load(config)
    _echo_problems(problems)
    if settings is None or found is None or any(p.is_error for p in problems):
        click.echo("Chưa dựng trang vì nội dung còn lỗi; thư mục site/ cũ vẫn giữ nguyên.", err=True)
        sys.exit(1)
    target = (site_dir or config.parent / "site").resolve()
    try:
        with exclusive(target, wait=wait):
            build_aside(target, lambda tmp: _engine_build(config, tmp, found, settings))
            added = ledger.record(ledger.path_in(config.parent, settings.content_dir), found, dt.date.today())
    except BuildBusy:
        click.echo("Đang có một lần dựng trang khác chạy. Chờ nó xong rồi chạy lại, "
                   "hoặc dùng: loa build --wait", err=True)
        sys.exit(2)
    except Exception as exc:  # the engine failed: say so, keep the old site
        click.echo(f"Dựng trang thất bại: {_reason(exc)}\nThư mục site/ cũ vẫn giữ nguyên.", err=True)
        sys.exit(1)
    if added:
        click.echo(f"Đã ghi {len(added)} địa chỉ mới vào {settings.content_dir}/{ledger.FILENAME}; "
                   "nhớ lưu tệp này cùng nội dung.", err=True)
    click.echo(f"Đã dựng {len(found.published(dt.date.today()))} bài vào {target}.", err=True)


class BrokenLinks(RuntimeError):
    pass


def _engine_build(config: Path, tmp: Path, found: Catalog, settings: Settings) -> None:
    from loa.adapters.mkdocs_plugin import run_build  # imported late: only this command needs the engine

    run_build(config, tmp, preloaded=found)
    broken = linkcheck.check(tmp, settings.site_url)
    if broken:
        shown = "\n".join(str(b) for b in broken[:20])
        more = f"\n... và {len(broken) - 20} liên kết hỏng khác" if len(broken) > 20 else ""
        raise BrokenLinks(f"trang dựng ra có {len(broken)} liên kết hỏng:\n{shown}{more}")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text if len(text) < 2000 else text[:2000] + "…"


@main.command(help="Xem trước trang trên máy, tự cập nhật khi sửa bài.")
@click.option("--config", "config", type=click.Path(path_type=Path), default="mkdocs.yml", metavar="TỆP", help=CONFIG_HELP)
@click.option("--addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ", help="địa chỉ máy chủ xem trước")
def serve(config: Path, addr: str) -> None:
    from loa.adapters.mkdocs_plugin import run_serve

    try:
        run_serve(config.resolve(), addr)
    except Exception as exc:
        click.echo(f"Không chạy được máy chủ xem trước: {_reason(exc)}", err=True)
        sys.exit(1)


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dates.parse(value)
    except dates.DateError as exc:
        raise click.BadParameter(f"ngày {value} không tồn tại ({exc})") from None
    if day is None:
        raise click.BadParameter(f"\"{value}\" không phải ngày; ghi dạng 15/3/2023 hoặc 2023-03-15")
    return day


@main.command(help="Soạn bài đăng Facebook và Zalo cho từng bài, để cán bộ chép và dán vào nhóm.")
@click.option("--config", "config", type=click.Path(path_type=Path), default="mkdocs.yml", metavar="TỆP", help=CONFIG_HELP)
@click.option("--since", callback=_date_option, metavar="NGÀY", help="chỉ các bài đăng từ ngày này (15/3/2023 hoặc 2023-03-15)")
@click.option("--slug", metavar="ĐƯỜNG_DẪN", help="chỉ một bài, theo đường dẫn của nó (ví dụ: hoa-giai-o-co-so-la-gi)")
@click.option("--channel", type=click.Choice(["facebook", "zalo"]), help="chỉ một kênh")
@click.option("--stdout", "to_stdout", is_flag=True, help="in một bài đăng ra màn hình (cần --slug và --channel)")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar="THƯ_MỤC",
              help="thư mục đích (mặc định: site)")
def publish(config: Path, since: dt.date | None, slug: str | None, channel: str | None,
            to_stdout: bool, site_dir: Path | None) -> None:
    config = config.resolve()
    settings, found, problems = _load(config)
    errors = [p for p in problems if p.is_error]
    if settings is None or found is None or errors:
        _echo_problems(errors)
        click.echo("Chưa soạn bài đăng vì nội dung còn lỗi.", err=True)
        sys.exit(1)
    live = found.published(dt.date.today())
    names = {t.id: t.name for t in found.topics.values()}
    if to_stdout:
        _print_one_post(live, settings, names, slug, channel)
        return
    out = (site_dir or config.parent / "site").resolve()
    try:
        manifest = social.publish(live, settings, out, since=since, slug=slug,
                                  channels=[channel] if channel else None, topic_names=names)
    except social.PublishError as exc:
        click.echo(f"{exc}", err=True)
        sys.exit(1)
    count = sum(1 for e in manifest["explainers"] if since is None or e["date"] >= since.isoformat())
    click.echo(f"Đã soạn bài đăng cho {count} bài vào {out / 'social'}; danh sách ở social/index.json.", err=True)


def _print_one_post(live, settings: Settings, names: dict[str, str], slug: str | None, channel: str | None) -> None:
    if not slug or not channel:
        click.echo("--stdout in đúng một bài đăng: cần thêm --slug và --channel.", err=True)
        sys.exit(2)
    chosen = [e for e in live if e.slug == slug]
    if not chosen:
        click.echo(f"không có bài viết đã đăng nào có đường dẫn \"{slug}\".", err=True)
        sys.exit(1)
    resolve = social.link_resolver(chosen[0], live, settings.site_url)
    click.echo(social.make_post(chosen[0], settings, settings.channel(channel), resolve, topic_names=names), nl=False)


@main.command(help="Tìm chữ bị lỗi phông TCVN3, VNI hoặc tệp mã Windows-1258; --fix chuyển sang Unicode.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option("--fix", is_flag=True, help="sửa tệp (giữ bản gốc .bak bên cạnh)")
def doctor(paths: tuple[Path, ...], fix: bool) -> None:
    try:
        if fix:
            results = doctor_mod.fix_paths(paths)
            for r in results:
                click.echo(doctor_mod.describe(r))
            click.echo(f"Đã sửa {len(results)} tệp." if results else "Không có tệp nào cần sửa.", err=True)
            return
        findings = doctor_mod.scan_paths(paths)
    except doctor_mod.MissingPathError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    for p in findings:
        click.echo(format_problem(p), err=True)
    if findings:
        click.echo(f"{len(findings)} chỗ cần sửa. Chạy lại với --fix để chuyển sang Unicode.", err=True)
        sys.exit(1)
    click.echo("Không thấy chữ bị lỗi phông.", err=True)


if __name__ == "__main__":
    main()
