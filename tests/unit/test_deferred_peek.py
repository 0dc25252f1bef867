"""`deferred.peek` through the recording views of rendered pieces (`render.unit_record`)."""

from __future__ import annotations

from generator.ir.deferred import Built, Deferred, Source
from generator.ir.model import EnumType, Name, NamedType
from generator.render.python.grpc.params import has_params
from generator.render.unit_record import Reads, Recording


def _lazy_types() -> tuple[Built, Source, list[int]]:
    unpacked: list[int] = []

    def unpack(blob: bytes) -> list[tuple[str, NamedType]]:
        unpacked.append(1)
        return [("a.Color", EnumType("a.Color", Name("Color", ("color",)), ()))]

    source = Source(b"kept", unpack)
    message = Deferred("a.Message", "digest-m", (), None, source, kind="object")
    color = Deferred("a.Color", "digest-c", (), None, source, kind="enum")
    return Built({"a.Message": message, "a.Color": color}), source, unpacked


def test_a_recorded_peek_notes_the_read_and_builds_nothing() -> None:
    """A piece that asks a type's kind (`has_params`) while it renders reads `types` through a
    recording view: the read is noted as a lookup is, and the deferred type stays unbuilt."""
    types, source, unpacked = _lazy_types()
    reads: Reads = set()
    recording = Recording("types", types, reads)
    assert has_params("a.Message", recording)  # type: ignore[arg-type]
    assert not has_params("a.Color", recording)  # type: ignore[arg-type]
    assert not has_params("a.Missing", recording)  # type: ignore[arg-type]
    assert reads == {("types", "a.Message"), ("types", "a.Color"), ("types", "a.Missing")}
    assert not source.is_built and not unpacked


def test_a_recorded_lookup_still_builds() -> None:
    """Reading a type itself (not only its kind) through the view builds it, as before."""
    types, source, unpacked = _lazy_types()
    reads: Reads = set()
    found = Recording("types", types, reads)["a.Color"]
    assert isinstance(found, EnumType) and source.is_built and unpacked == [1]
    assert reads == {("types", "a.Color")}
