"""IR diff and change classification: what changed between two versions of an API, and whether
code written against the old generated client can break (see `rules` for the classification)."""

from __future__ import annotations

from generator.diff.changes import KINDS, Change, bump
from generator.diff.compare import diff_api, diff_apis

__all__ = ["KINDS", "Change", "bump", "diff_api", "diff_apis"]
