"""The unasync transform: sync twins derived from the async runtime code, rule by rule."""

from __future__ import annotations

import ast

import pytest

from generator.render.python.unasync import NAMES, UnasyncError, expand, unasync_line
from generator.render.templates import TEMPLATES


@pytest.mark.parametrize(
    ("async_line", "sync_line"),
    [
        ("    async def close(self) -> None:", "    def close(self) -> None:"),
        ("        async with self._lock:", "        with self._lock:"),
        ("        async for chunk in response.aiter_bytes():", "        for chunk in response.iter_bytes():"),
        ("        await self.response.aclose()", "        self.response.close()"),
        ("        raise await self._status_error(r)", "        raise self._status_error(r)"),
        ("    async def __aenter__(self) -> AsyncStream[T]:", "    def __enter__(self) -> Stream[T]:"),
        ("    async def __aexit__(", "    def __exit__("),
        ("    def __aiter__(self) -> AsyncIterator[T]:", "    def __iter__(self) -> Iterator[T]:"),
        ("        return await self._it.__anext__()", "        return self._it.__next__()"),
        ("            except StopAsyncIteration:", "            except StopIteration:"),
        ("        first = await anext(messages)", "        first = next(messages)"),
        ("            await asyncio.sleep(delay)", "            time.sleep(delay)"),
        ("    def channel(self) -> grpc.aio.Channel:", "    def channel(self) -> grpc.Channel:"),
        ("        return grpc.aio.insecure_channel(t)", "        return grpc.insecure_channel(t)"),
        ("        self._http = httpx2.AsyncClient()", "        self._http = httpx2.Client()"),
        ("class AsyncPager(_Pages[PageT, ItemT]):", "class Pager(_Pages[PageT, ItemT]):"),
        ("    ) -> AsyncPage[T]:", "    ) -> SyncPage[T]:"),
        ("        return await async_fetch_page(c, r)", "        return fetch_page(c, r)"),
        ("    tokens: AsyncTokenSource | None = None,", "    tokens: TokenSource | None = None,"),
        ('    """`async for item in pager`: every item."""', '    """`for item in pager`: every item."""'),
        ("    \"\"\"Iterate it inside `async with`.\"\"\"", "    \"\"\"Iterate it inside `with`.\"\"\""),
        # whole words only: a longer name or an attribute that merely contains one stays
        ("    x = AsyncPagerFactory()", "    x = AsyncPagerFactory()"),
        ("    asynchronous = 1", "    asynchronous = 1"),
        ("    awaited = 2", "    awaited = 2"),
    ],
)
def test_unasync_line(async_line: str, sync_line: str) -> None:
    assert unasync_line(async_line) == sync_line


def test_region_becomes_sync_twin_then_async_code() -> None:
    template = (
        "import time\n"
        "\n\n"
        "# unasync: begin\n"
        "class AsyncPager:\n"
        "    async def close(self) -> None:\n"
        "        await self._http.aclose()\n"
        "# unasync: end\n"
    )
    assert expand(template, "t.py") == (
        "import time\n"
        "\n\n"
        "class Pager:\n"
        "    def close(self) -> None:\n"
        "        self._http.close()\n"
        "\n\n"
        "class AsyncPager:\n"
        "    async def close(self) -> None:\n"
        "        await self._http.aclose()\n"
    )


def test_async_only_and_sync_only_lines() -> None:
    template = (
        "# unasync: begin\n"
        "async def send(requests):\n"
        "    try:\n"
        "        async with async_deadline(d):  # unasync: async only\n"
        "            await stub(\n"
        "                requests,  # unasync: async only\n"
        "                # unasync: sync: iter(requests),\n"
        "            )\n"
        "    except (OSError, TimeoutError):  # unasync: async only\n"
        "    # unasync: sync: except OSError:\n"
        "        pass\n"
        "# unasync: end\n"
    )
    sync, async_code = expand(template, "t.py").split("\n\n\n")
    assert sync == (
        "def send(requests):\n"
        "    try:\n"
        "        stub(\n"
        "            iter(requests),\n"
        "        )\n"
        "    except OSError:\n"
        "        pass"
    )
    assert async_code == (
        "async def send(requests):\n"
        "    try:\n"
        "        async with async_deadline(d):\n"
        "            await stub(\n"
        "                requests,\n"
        "            )\n"
        "    except (OSError, TimeoutError):\n"
        "        pass\n"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("# unasync: begin\nx = AsyncThing()\n# unasync: end\n", "t.py:2: `AsyncThing` has no sync"),
        ("# unasync: begin\nx = async_helper()\n# unasync: end\n", "t.py:2: `async_helper` has no"),
        ("# unasync: begin\nimport asyncio\n# unasync: end\n", "t.py:2: `asyncio` has no sync"),
        ("# unasync: begin\nx = 1\n", "t.py: `# unasync: begin` without `# unasync: end`"),
        ("x = 1\n# unasync: end\n", "t.py:2: `# unasync: end` without"),
        ("# unasync: begin\n# unasync: begin\n", "t.py:2: `# unasync: begin` inside a region"),
    ],
)
def test_template_mistakes_are_named(template: str, message: str) -> None:
    with pytest.raises(UnasyncError, match=message.replace("(", r"\(").replace(")", r"\)")):
        expand(template, "t.py")


def test_template_without_regions_is_unchanged() -> None:
    text = "async def f() -> None:\n    await g()\n"
    assert expand(text, "t.py") is text  # (as it is: not walked line by line and joined again)


def test_every_name_maps_to_a_sync_name() -> None:
    for async_name, sync_name in NAMES.items():
        assert async_name != sync_name
        assert unasync_line(sync_name) == sync_name  # a twin is a fixed point of the rules


@pytest.mark.parametrize("folder", ["runtime", "proto_runtime"])
def test_runtime_templates_expand_to_python(folder: str) -> None:
    """Every runtime template's regions expand, and the result parses with no twin left out."""
    for path in sorted((TEMPLATES / "python" / folder).glob("*.py")):
        text = expand(path.read_text(encoding="utf-8"), path.name)
        ast.parse(text, filename=path.name)
        assert "# unasync:" not in text, path.name


@pytest.mark.parametrize(("template", "sync_name"), [("runtime/_receive.py", "read_body")])
def test_sync_twins_are_derived_not_written(template: str, sync_name: str) -> None:
    """The template holds only the async code of these functions: their sync twins come from it."""
    text = (TEMPLATES / "python" / template).read_text(encoding="utf-8")

    def sync_functions(source: str) -> set[str]:
        return {node.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)}

    assert sync_name not in sync_functions(text)
    assert sync_name in sync_functions(expand(text, template))


def test_names_replaced_as_by_one_boundary_checked_pattern_per_name() -> None:
    """The names' single group gives what a pattern per name, each with its own word-boundary
    checks and tried longest first, gives (the rule as first written), on the runtime's lines and
    on random runs of names, word characters and separators."""
    import random
    import re

    from generator.render.python import unasync
    from generator.render.python.runtime import RUNTIME_SOURCE

    names = sorted(unasync.NAMES, key=len, reverse=True)
    reference = re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))
    lines = [line for path in sorted(RUNTIME_SOURCE.glob("*.py")) for line in path.read_text().splitlines()]
    pieces = [*names, "x", "_", ".", "a", "1", " ", "(", "self.", "Async", "async_", "grpc.aio.", "sleep"]
    draw = random.Random(13)
    lines += ["".join(draw.choice(pieces) for _ in range(draw.randint(1, 8))) for _ in range(20_000)]
    for line in lines:
        assert unasync._NAMES.sub(
            lambda match: unasync.NAMES[match[0]], line
        ) == reference.sub(lambda match: unasync.NAMES[match[0]], line), line
