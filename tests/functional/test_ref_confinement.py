"""`$ref` never reads outside the spec's folder (or the folders the configuration allows).

Every refusal is a located error (spec file + JSON pointer of the `$ref`), exit code 1, the output
folder untouched, and the refused file's content appears nowhere: not in output, warnings or errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.support.specs import MINIMAL_OPENAPI

SECRET = "TOP-SECRET-CONTENT-7f3a"

# the minimal spec, its one type given a property that refers to REF
SPEC = MINIMAL_OPENAPI.replace("        id: {type: string}\n", "        id: {type: string}\n        extra: {$ref: 'REF'}\n")
assert "REF" in SPEC


def secret_file(folder: Path) -> Path:
    """A valid schema file whose text would show if it were ever read into the output."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret.yaml"
    path.write_text(f"Secret:\n  type: object\n  description: {SECRET}\n  properties:\n    {SECRET}: {{type: string}}\n")
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def generate(spec_dir: Path, out: Path, *extra: str) -> list[str]:
    return ["generate", "--openapi", str(spec_dir / "api.yaml"), "--package", "confined", "--out", str(out),
            "--no-cache", *extra]


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """specs/ (the spec's folder), outside/secret.yaml, and an output folder with one file."""
    spec_dir = tmp_path / "specs"
    spec_dir.mkdir()
    secret = secret_file(tmp_path / "outside")
    out = tmp_path / "out"
    (out / "python").mkdir(parents=True)
    (out / "python" / "keep.txt").write_text("already here")
    return spec_dir, secret, out


def _refs(secret: Path) -> dict[str, str]:
    return {
        "absolute": f"{secret}#/Secret",
        "dot-dot": "../outside/secret.yaml#/Secret",
        "deep-dot-dot": "sub/../../outside/secret.yaml#/Secret",
        "file-url": f"{secret.as_uri()}#/Secret",
        "file-url-host": f"file://localhost{secret}#/Secret",
        "http": "http://127.0.0.1:9/secret.yaml#/Secret",
        "https": "https://example.com/secret.yaml#/Secret",
        "etc": "/etc/hostname",
        "link": "linked/secret.yaml#/Secret",
    }


@pytest.mark.parametrize("kind", list(_refs(Path("/x"))))
def test_refs_out_of_the_folder_are_refused(
    layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    spec_dir, secret, out = layout
    (spec_dir / "linked").symlink_to(secret.parent, target_is_directory=True)
    (spec_dir / "api.yaml").write_text(SPEC.replace("REF", _refs(secret)[kind]))
    before = tree(out)
    code, text = run(generate(spec_dir, out), capsys)
    assert code == 1, text
    assert "api.yaml#/components/schemas/Thing/properties/extra/$ref" in text
    assert "refused" in text or "remote reference" in text
    assert SECRET not in text and "Traceback" not in text
    assert tree(out) == before


def test_a_ref_nothing_converts_is_refused_too(layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The validator follows every `$ref`, not only those the conversion uses."""
    spec_dir, secret, out = layout
    spec = SPEC.replace("{$ref: 'REF'}", "{type: string}")
    spec += f"  examples:\n    Unused: {{$ref: '{secret}'}}\n"
    (spec_dir / "api.yaml").write_text(spec)
    code, text = run(generate(spec_dir, out), capsys)
    assert code == 1
    assert "api.yaml#/components/examples/Unused/$ref" in text
    assert SECRET not in text


def test_a_ref_inside_an_allowed_file_is_checked(layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir, secret, out = layout
    (spec_dir / "shared.yaml").write_text(f"Inner:\n  type: object\n  properties:\n    leak: {{$ref: '{secret}#/Secret'}}\n")
    (spec_dir / "api.yaml").write_text(SPEC.replace("REF", "shared.yaml#/Inner"))
    code, text = run(generate(spec_dir, out), capsys)
    assert code == 1
    assert "shared.yaml#/Inner/properties/leak/$ref" in text
    assert SECRET not in text


def test_a_discriminator_mapping_out_of_the_folder_is_refused(
    layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec_dir, secret, out = layout
    spec = SPEC.replace(
        "        extra: {$ref: 'REF'}\n",
        "        pet:\n          oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n"
        f"          discriminator: {{propertyName: kind, mapping: {{cat: '#/components/schemas/Cat', leak: '{secret}#/Secret'}}}}\n"
        "    Cat: {type: object, properties: {kind: {type: string}}}\n"
        "    Dog: {type: object, properties: {kind: {type: string}}}\n",
    )
    (spec_dir / "api.yaml").write_text(spec)
    code, text = run(generate(spec_dir, out), capsys)
    assert code == 1, text
    assert "refused" in text and SECRET not in text


def test_ref_root_on_the_command_line_allows_a_folder(
    layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec_dir, secret, out = layout
    (spec_dir / "api.yaml").write_text(SPEC.replace("REF", "../outside/secret.yaml#/Secret"))
    code, text = run(generate(spec_dir, out, "-q", "--ref-root", str(secret.parent)), capsys)
    assert code == 0, text
    assert SECRET in (out / "ir" / "confined.json").read_text()


def test_ref_roots_in_the_configuration(layout: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir, _, out = layout
    (spec_dir / "api.yaml").write_text(SPEC.replace("REF", "../outside/secret.yaml#/Secret"))
    config = spec_dir / "generator.yaml"
    config.write_text(
        "output: ../out\npackages:\n  - name: confined\n    openapi: api.yaml\n    ref_roots: [../outside]\n"
    )
    code, text = run(["generate", "--config", str(config), "--no-cache", "-q"], capsys)
    assert code == 0, text
    assert SECRET in (out / "ir" / "confined.json").read_text()
    config.write_text(config.read_text().replace("../outside", "../nowhere"))
    code, text = run(["generate", "--config", str(config), "--no-cache", "-q"], capsys)
    assert code == 2 and "ref root" in text and "is not a folder" in text
