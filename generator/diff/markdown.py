"""A change list as Markdown: a summary line, then one section per package and per service
(proto) or client resource (OpenAPI), type changes last. Stable: same changes, same bytes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.diff.changes import Change, bump, next_version, ordered


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return "No API changes."
    breaking = sum(1 for c in changes if c.breaking)
    compatible = len(changes) - breaking
    return (
        f"**{breaking} breaking, {compatible} compatible** "
        f"({_plural(len(changes), 'change')}); suggested version bump: **{bump(changes)}**."
    )


def render(
    changes: Iterable[Change],
    *,
    heading: str = "API changes",
    intro: str = "",
    packages: Iterable[str] = (),
    notes: Mapping[str, str] | None = None,
    headline: str = "",
    versions: Mapping[str, str] | None = None,
) -> str:
    """The report. `packages` lists packages to show even when unchanged; `notes` adds a line
    under a package's heading (e.g. that there was nothing to compare with); `headline`
    replaces the summary line; `versions` (package -> its version now) adds the suggested next one."""
    listed = ordered(changes)
    notes = notes or {}
    lines = [f"# {heading}", ""]
    if intro:
        lines += [intro, ""]
    lines += [headline or summary(listed), ""]
    names = sorted({c.api for c in listed} | set(packages) | set(notes))
    for name in names:
        own = [c for c in listed if c.api == name]
        lines += [f"## `{name}`", ""]
        if name in notes:
            lines += [notes[name], ""]
        if not own:
            if name not in notes:
                lines += ["No changes.", ""]
            continue
        if len(names) > 1:
            lines += [summary(own), ""]
        current = (versions or {}).get(name)
        if current and bump(own) != "none":
            lines += [
                f"Version: `{current}` now; suggested next: **`{next_version(current, bump(own))}`** "
                "(set `version:` of the package in the configuration).",
                "",
            ]
        lines += _sections(own)
    return "\n".join(lines).rstrip("\n") + "\n"


def _sections(changes: list[Change]) -> list[str]:
    lines: list[str] = []
    package_level = [c for c in changes if c.kind.startswith("api_")]
    for change in package_level:
        lines.append(_item(change))
    if package_level:
        lines.append("")
    groups = sorted({c.group for c in changes if c.group})
    for group in groups:
        lines += [f"### `{group}`", ""]
        lines += [_item(c) for c in changes if c.group == group]
        lines.append("")
    types = [c for c in changes if not c.group and not c.kind.startswith("api_")]
    if types:
        lines += ["### Types", ""]
        lines += [_item(c) for c in types]
        lines.append("")
    return lines


def _item(change: Change) -> str:
    tag = "**breaking**" if change.breaking else f"compatible ({change.level})"
    python = f" — Python: {change.python}" if change.python else ""
    return f"- {tag}: {change.message}{python}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
