"""The browsable docs site: `generated/docs/` (Markdown) → `site/` (static HTML, with search).

The mkdocs configuration is derived from the docs tree on every build, never written by hand or
committed: the navigation is the tree itself (a section per package, per API group and per proto
namespace; a page per resource or service; the overview, sign-in, errors and models/messages
pages of each group in a fixed place), titled by each page's first heading. A page added, moved
or removed by `make generate` is in the next site without anything else to update.

    python -m generator.docsite [--docs generated/docs] [--site site]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.render.docs import pages

# Pages with a fixed place in their folder's section: the overview first, the reference pages
# (every model or message, sign-in, failures) last; resource and service pages between them, by title.
FIRST = ("index.md",)
LAST = (pages.SIGN_IN, pages.ERRORS, pages.DATA_TYPES, pages.MESSAGES)
SITE_NAME = "Generated API clients"
# theme overrides (wider pages for the reference tables), beside the Markdown page templates
THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "templates" / "docs" / "site"
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)


def page_title(path: Path) -> str:
    """A page's first `# heading`, without Markdown code marks (the file name if it has none)."""
    match = _HEADING.search(path.read_text(encoding="utf-8"))
    if match is None:
        return path.stem.replace("_", " ")
    return match.group(1).replace("`", "").strip()


def _order(path: Path) -> tuple[int, int, str]:
    name = path.name
    if name in FIRST:
        return (0, 0, "")
    if name in LAST:
        return (2, LAST.index(name), "")
    return (1, 0, page_title(path).lower())


def nav(folder: Path, root: Path) -> list[Any]:
    """The mkdocs `nav` of one folder: its pages in a fixed order, then its subfolders as sections."""
    entries: list[Any] = []
    pages = sorted(folder.glob("*.md"), key=_order)
    for page in pages:
        title = "Overview" if page.name == "index.md" and folder != root else page_title(page)
        entries.append({title: page.relative_to(root).as_posix()})
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        children = nav(sub, root)
        if children:
            index = sub / "index.md"
            title = page_title(index) if index.is_file() else sub.name.replace("_", " ")
            entries.append({title: children})
    return entries


def mkdocs_config(docs: Path, site: Path) -> dict[str, Any]:
    """The whole mkdocs configuration for a docs tree (absolute folders, so it may live anywhere)."""
    return {
        "site_name": SITE_NAME,
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        # links end in .html, so the site also works opened from disk (file://)
        "use_directory_urls": False,
        "strict": True,
        "validation": {
            "omitted_files": "warn",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_OVERRIDES),
            "features": [
                "navigation.sections",
                "navigation.indexes",
                "navigation.top",
                "search.suggest",
                "search.highlight",
                "content.code.copy",
                "toc.follow",
                # the table of contents in the left navigation: the reference tables get the width
                "toc.integrate",
            ],
            "palette": {"primary": "indigo", "accent": "indigo"},
            # no web fonts: the site makes no request outside itself
            "font": False,
        },
        # no `offline` plugin: it loads a polyfill from unpkg.com; search needs the site served
        # over HTTP (`python -m http.server -d site`), every other page also works from disk
        "plugins": ["search"],
        "markdown_extensions": [
            "tables",
            "admonition",
            {"toc": {"permalink": True}},
            {"pymdownx.highlight": {"anchor_linenums": False}},
            "pymdownx.superfences",
        ],
        "nav": nav(docs, docs),
    }


def build(docs: Path, site: Path, config_file: Path) -> None:
    """Write the configuration to `config_file` (for `mkdocs serve -f ...`) and build the site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config_file.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(mkdocs_config(docs, site), sort_keys=False, allow_unicode=True)
    config_file.write_text(text, encoding="utf-8")
    mkdocs_build(load_config(str(config_file)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.docsite", description=__doc__)
    parser.add_argument("--docs", type=Path, default=Path("generated/docs"))
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--config", type=Path, default=Path(".cache/docs/mkdocs.yml"))
    args = parser.parse_args(argv)
    if not (args.docs / "index.md").is_file():
        print(f"error: {args.docs}/index.md not found; run `make generate` first", file=sys.stderr)
        return 2
    from mkdocs.exceptions import MkDocsException

    # mkdocs reports broken links and anchors as warnings; `strict` turns them into a failure
    logging.basicConfig(format="%(levelname)s %(message)s", level=logging.WARNING)

    try:
        build(args.docs, args.site, args.config)
    except MkDocsException as error:
        print(f"error: the docs site did not build: {error}", file=sys.stderr)
        return 1
    print(f"site: {args.site}/index.html (or `python -m http.server -d {args.site}`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
