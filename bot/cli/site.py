"""`todobot site OUT/` and `todobot nag`: wiring only; the work is in `bot.site`
and `bot.send.nag`.

Exit codes: 0 done, 1 refused (nothing to approve or send), 2 bad usage,
75 the store is busy or a ping could not go yet (the next run retries),
78 a bad configuration.
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.cycle import EX_CONFIG, opened
from bot.cli.main import fail, main


def site_settings(config):
    from bot.site import DEFAULT_WEEKS, SiteSettings

    return SiteSettings(archive_url=config.site.get("archive_url", ""),
                        stale_weeks=config.site.get("stale_weeks", DEFAULT_WEEKS),
                        templates=config.templates_dir())


@main.command("site")
@click.argument("out", metavar="OUT/", type=click.Path(file_okay=False, writable=True))
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]),
              help="Write the site as of this day (default: today).")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but errors.")
def site_command(out: str, day, quiet: bool) -> None:
    """Write the release's status site (static HTML, no JavaScript) into OUT/."""
    from jinja2 import TemplateError

    from bot.site import read_release, render_site, write_site

    with opened(EX_CONFIG) as (config, store):
        view = read_release(store, config, day.date() if day else None)
        try:
            pages = render_site(view, site_settings(config))
        except (TemplateError, OSError) as error:  # a broken override in [templates]
            fail(f"the site's templates: {type(error).__name__}: {error}", EX_CONFIG)
            return
    target = Path(out)
    try:
        written = write_site(target, pages)
    except OSError as error:
        fail(f"{out}: cannot write the site: {error.strerror or error}")
        return
    if not quiet:
        index = (target / "index.html").resolve()
        click.echo(f"wrote {len(written)} files; open {index.as_uri()}")
