"""Every internal link in the committed docs points at an existing page and heading."""

from __future__ import annotations

import re
from pathlib import Path

from generator.render.docs.markdown import anchor
from tests.support.paths import GENERATED

LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$", re.M)


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
    return {anchor(h.replace("`", "")) for h in HEADING.findall(text)}


def test_every_internal_link_resolves() -> None:
    pages = sorted((GENERATED / "docs").rglob("*.md"))
    assert pages, "no docs generated"
    cache: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
        text = re.sub(r"``.*?``|`[^`\n]*`", "", text)  # inline code is not Markdown
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue
            path_part, _, fragment = target.partition("#")
            destination = (page.parent / path_part).resolve() if path_part else page
            checked += 1
            if not destination.is_file():
                broken.append(f"{page.relative_to(GENERATED)}: {target} (no such page)")
                continue
            if fragment:
                known = cache.setdefault(destination, anchors(destination))
                if fragment not in known:
                    broken.append(f"{page.relative_to(GENERATED)}: {target} (no such heading)")
    assert checked > 50
    assert not broken, "\n".join(broken[:50])


def test_anchor_matches_github_rules() -> None:
    assert anchor("ChatCompletion") == "chatcompletion"
    assert anchor("`client.chat.completions`") == "clientchatcompletions"
    assert anchor("Two Words-here") == "two-words-here"


def test_spec_prose_cannot_inject_html_but_code_spans_stay_literal() -> None:
    from generator.render.docs.markdown import md_cell, md_text

    assert md_text("see `a<b>` and <script>x</script>") == "see `a<b>` and &lt;script&gt;x&lt;/script&gt;"
    assert md_cell("one | two\nthree") == "one \\| two three"


def test_headings_in_spec_prose_do_not_break_the_page_outline() -> None:
    from generator.render.docs.markdown import md_text

    assert md_text("Intro.\n\n# JSON Mapping\n\nText. `# kept`") == "Intro.\n\n**JSON Mapping**\n\nText. `# kept`"


def test_a_hash_after_a_code_span_is_no_heading() -> None:
    from generator.render.docs.markdown import md_text

    assert md_text("Use `a` # not a heading") == "Use `a` # not a heading"
    assert md_text("Use `a` here\n# Real heading <b>") == "Use `a` here\n**Real heading &lt;b&gt;**"
