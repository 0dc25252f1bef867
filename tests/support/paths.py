"""Where the repository, the committed output and the shared reference data are."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "generated"
SHARED_UPSTREAM = REPO.parent / "shared" / "upstream"
OPENAI_SPEC = SHARED_UPSTREAM / "openai" / "openapi.yaml"
CLOUDAPI = SHARED_UPSTREAM / "cloudapi"
PYTHON = REPO / ".venv" / "bin" / "python"


def require(path: Path) -> Path:
    """Reference data must be there (CI clones with ../shared beside the repo): fail, never skip."""
    assert path.exists(), f"reference data missing: {path} (expected ../shared beside the repository)"
    return path
