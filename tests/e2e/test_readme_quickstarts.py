"""Every committed package README's quickstart runs as written against real local servers,
pointed at them the way that README documents, and makes the calls it shows.

Each package under generated/python/ needs an entry in `LOCAL_RUNS` (adding a package without
one fails here): how its README says to point it at local servers, and what the calls must be."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

import pytest

from tests.e2e.ai_studio_fakes import chat_completion, embeddings
from tests.e2e.native_servers import Backend, start_grpc
from tests.support.http_server import LocalServer
from tests.support.paths import GENERATED
from tests.support.readme import quickstart_blocks, run, vendored_requirements

KEY, FOLDER = "quickstart-key", "b1g-quickstart"


def ai_studio(blocks: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Its Endpoints section: `AI_STUDIO_OPENAI_BASE_URL`, `AI_STUDIO_GRPC_ENDPOINT`, and
    `AIStudio(insecure=True)` for plain-text local servers; credentials from the environment."""
    assert len(blocks) == 2, "the sync and the async quickstart"
    backend = Backend()
    grpc_server, port = start_grpc(backend)
    try:
        with LocalServer() as server:
            server.route("POST", "/chat/completions", chat_completion)
            server.route("POST", "/embeddings", embeddings)
            monkeypatch.setenv("YC_API_KEY", KEY)
            monkeypatch.setenv("YC_FOLDER_ID", FOLDER)
            monkeypatch.setenv("AI_STUDIO_OPENAI_BASE_URL", server.url)
            monkeypatch.setenv("AI_STUDIO_GRPC_ENDPOINT", f"127.0.0.1:{port}")
            sync, async_ = (code.replace("AIStudio()", "AIStudio(insecure=True)") for code in blocks)
            assert sync != blocks[0] and async_ != blocks[1]

            printed = run(sync, "ai_studio quickstart")
            chats = [r for r in server.requests if r.path == "/chat/completions"]
            assert [r.json().get("stream", False) for r in chats] == [False, True]
            assert all(r.headers["authorization"] == f"Api-Key {KEY}" for r in chats)
            completions = backend.calls_to("TextGenerationService/Completion")
            assert len(completions) == 1 and completions[0].metadata["x-folder-id"] == FOLDER
            assert "Hello." in printed and "Hello, world" in printed

            assert run(async_, "ai_studio async quickstart").strip() == "2"
            assert server.requests[-1].path == "/embeddings"
    finally:
        grpc_server.stop(None)


LOCAL_RUNS: dict[str, Callable[[list[str], pytest.MonkeyPatch], None]] = {"ai_studio": ai_studio}
PACKAGES = sorted(p.name for p in (GENERATED / "python").iterdir() if (p / "pyproject.toml").is_file())


@pytest.mark.parametrize("package", PACKAGES)
def test_readme_quickstart_runs_against_local_servers(package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert package in LOCAL_RUNS, f"{package}: say in LOCAL_RUNS how its README points the quickstart at a local server"
    readme = (GENERATED / "python" / package / "README.md").read_text()
    LOCAL_RUNS[package](quickstart_blocks(readme), monkeypatch)


@pytest.mark.parametrize("package", PACKAGES)
def test_readme_lists_the_pyproject_ranges_for_vendoring(package: str) -> None:
    root = GENERATED / "python" / package
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    readme = (root / "README.md").read_text()
    assert vendored_requirements(readme) == project["dependencies"]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        quoted = " ".join(f'"{requirement}"' for requirement in requirements)
        assert f"For the `{extra}` extra: `pip install {quoted}`" in readme
