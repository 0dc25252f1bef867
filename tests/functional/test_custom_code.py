"""Custom code in specs/custom/<package>/: copied in, exported, attached, type-checked, and guarded."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply

SPEC = """\
openapi: 3.1.0
info: {title: Shop, version: 1.0.0}
servers: [{url: "https://shop.example.invalid"}]
paths:
  /orders/{order_id}:
    get:
      operationId: getOrder
      tags: [orders]
      parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
components:
  schemas:
    Order:
      type: object
      required: [id, amount]
      properties:
        id: {type: string}
        amount: {type: integer}
"""

HELPERS = '''\
"""Hand-written helpers for the shop client."""

from __future__ import annotations

from shop.models import Order

from .._client import AsyncClient, Client

__all__ = ["AsyncOrderTotals", "OrderTotals", "total"]


def total(orders: list[Order]) -> int:
    """The sum of the orders' amounts."""
    return sum(order.amount for order in orders)


class OrderTotals:
    def __init__(self, client: Client) -> None:
        self._client = client

    def of(self, *order_ids: str) -> int:
        return total([self._client.orders.get(order_id=i) for i in order_ids])


class AsyncOrderTotals:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def of(self, *order_ids: str) -> int:
        return total([await self._client.orders.get(order_id=i) for i in order_ids])
'''

CONFIG = """\
output: ../out
packages:
  - name: shop
    openapi: api.yaml
    custom:
      attach:
        Client.totals: helpers:OrderTotals
        AsyncClient.totals: helpers:AsyncOrderTotals
"""


@pytest.fixture
def specs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "specs"
    (folder / "custom" / "shop").mkdir(parents=True)
    (folder / "api.yaml").write_text(SPEC)
    (folder / "custom" / "shop" / "helpers.py").write_text(HELPERS)
    (folder / "generator.yaml").write_text(CONFIG)
    yield folder
    for name in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]


def _generate(specs: Path) -> int:
    return main(["generate", "--config", str(specs / "generator.yaml"), "-q", "--no-cache"])


async def test_custom_code_is_copied_exported_and_attached(specs: Path) -> None:
    assert _generate(specs) == 0
    root = specs.parent / "out" / "python" / "shop"
    assert (root / "shop" / "_custom" / "helpers.py").is_file()
    assert (specs / "custom" / "shop" / "helpers.py").read_text() == HELPERS  # never touched
    sys.path.insert(0, str(root))
    shop = importlib.import_module("shop")
    assert shop.total.__module__ == "shop._custom.helpers"  # exported from the package root
    assert {"total", "OrderTotals", "AsyncOrderTotals"} <= set(shop.__all__)
    with LocalServer() as server:
        server.route("GET", "/orders/a", Reply.json({"id": "a", "amount": 3}))
        server.route("GET", "/orders/b", Reply.json({"id": "b", "amount": 4}))
        client = shop.Client(base_url=server.url)
        assert client.totals.of("a", "b") == 7  # attached, and calling the generated client
        assert client.totals is client.totals
        async with shop.AsyncClient(base_url=server.url) as aclient:
            assert await aclient.totals.of("a") == 3
    # regeneration keeps the custom code (and never writes into specs/custom)
    assert _generate(specs) == 0
    assert (root / "shop" / "_custom" / "helpers.py").is_file()


def test_custom_code_is_type_checked_with_the_package(specs: Path) -> None:
    assert _generate(specs) == 0
    root = specs.parent / "out" / "python" / "shop"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "shop"],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    (specs / "custom" / "shop" / "helpers.py").write_text(HELPERS.replace("return sum(", "return str(sum(").replace(
        "for order in orders)", "for order in orders))"
    ))
    assert _generate(specs) == 0
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "shop"],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert "shop/_custom/helpers.py:14: error: Incompatible return value type" in result.stdout


def test_regeneration_that_breaks_custom_code_says_where(specs: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert _generate(specs) == 0
    before = {p: p.read_bytes() for p in (specs.parent / "out").rglob("*") if p.is_file()}
    # the model renamed: the custom import of `Order` breaks
    (specs / "api.yaml").write_text(SPEC.replace("    Order:", "    Purchase:").replace(
        "'#/components/schemas/Order'", "'#/components/schemas/Purchase'"
    ))
    assert _generate(specs) == 1
    err = capfd.readouterr().err
    shown = (specs / "custom" / "shop" / "helpers.py").as_posix()
    assert f"{shown}:5:1: error: `Order` is no longer in `shop.models`" in err
    assert {p: p.read_bytes() for p in (specs.parent / "out").rglob("*") if p.is_file()} == before


def test_removed_module_and_bad_attach_are_reported(specs: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (specs / "custom" / "shop" / "extra.py").write_text(
        "from __future__ import annotations\n\nfrom ..resources.invoices import Invoices\n"
    )
    assert _generate(specs) == 1
    err = capfd.readouterr().err
    extra = (specs / "custom" / "shop" / "extra.py").as_posix()
    assert f"{extra}:3:1: error: module `shop.resources.invoices` is not in the regenerated package" in err
    (specs / "custom" / "shop" / "extra.py").unlink()
    (specs / "generator.yaml").write_text(CONFIG.replace("helpers:OrderTotals", "helpers:Missing"))
    assert _generate(specs) == 1
    assert "attach Client.totals: helpers.py defines no class 'Missing'" in capfd.readouterr().err


def test_custom_export_may_not_shadow_a_generated_name(specs: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (specs / "custom" / "shop" / "clash.py").write_text('__all__ = ["Client"]\n\nClient = 1\n')
    assert _generate(specs) == 1
    assert "`__all__` exports 'Client', a name the generated package already exports" in capfd.readouterr().err


BUNDLE_HELPERS = '''\
"""Hand-written workflow over the bundle's client."""

from __future__ import annotations

from .._studio import Suite

__all__ = ["Totals"]


class Totals:
    def __init__(self, client: Suite) -> None:
        self._client = client

    def of(self, order_id: str) -> int:
        return self._client.rest.orders.get(order_id=order_id).amount
'''


def test_custom_code_in_a_bundle(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    (folder / "custom" / "suite").mkdir(parents=True)
    (folder / "api.yaml").write_text(SPEC)
    (folder / "custom" / "suite" / "flows.py").write_text(BUNDLE_HELPERS)
    (folder / "generator.yaml").write_text(
        "output: ../out\npackages:\n  - name: suite\n    apis: [{name: rest, openapi: api.yaml}]\n"
        "    client: {class: Suite}\n    custom: {attach: {Client.totals: flows:Totals}}\n"
    )
    assert main(["generate", "--config", str(folder / "generator.yaml"), "-q", "--no-cache"]) == 0
    sys.path.insert(0, str(tmp_path / "out" / "python" / "suite"))
    try:
        suite = importlib.import_module("suite")
        assert suite.Totals.__module__ == "suite._custom.flows"
        with LocalServer() as server:
            server.route("GET", "/orders/x", Reply.json({"id": "x", "amount": 5}))
            assert suite.Suite(api_key="k", rest_base_url=server.url).totals.of("x") == 5
    finally:
        for name in [m for m in sys.modules if m == "suite" or m.startswith("suite.")]:
            del sys.modules[name]
        sys.path.pop(0)
