"""IR diff and change classification: what changed between two versions of an API, and whether
code written against the old generated client can break (see `rules` for the classification)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.diff.changes import KINDS, Change, bump
    from generator.diff.compare import diff_api, diff_apis

__all__ = ["KINDS", "Change", "bump", "diff_api", "diff_apis"]


def __getattr__(name: str) -> Any:
    """The comparison machinery is imported when first asked for: `generate` loads this package
    only for the `diff` subcommand's arguments."""
    if name in ("KINDS", "Change", "bump"):
        from generator.diff import changes

        return getattr(changes, name)
    if name in ("diff_api", "diff_apis"):
        from generator.diff import compare

        return getattr(compare, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
