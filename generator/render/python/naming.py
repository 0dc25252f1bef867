"""Python identifiers from IR words: casing, sanitizing and deterministic collision handling.

Spec text never becomes code directly; every identifier the renderers emit passes through here.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterable, Sequence

from generator.text_memo import short_text_memo

_SOFT_KEYWORDS = frozenset(keyword.softkwlist)
_KEYWORDS = frozenset(keyword.kwlist)
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Attribute names that pydantic models and our runtime classes already use.
MODEL_RESERVED = frozenset(
    {
        "copy", "dict", "json", "construct", "validate", "schema", "schema_json",
        "fields", "parse_obj", "parse_raw", "parse_file", "from_orm", "update_forward_refs",
    }
)
# Module-level names a generated module imports; a class with such a name gets a suffix.
MODULE_RESERVED = frozenset(
    {
        "Any", "Annotated", "BaseModel", "Field", "Literal", "Mapping", "Sequence", "TYPE_CHECKING",
        "Union", "Optional", "List", "Dict", "OpenEnum", "OpenIntEnum", "Omit", "omit", "annotations",
        "datetime", "date", "typing", "Client", "AsyncClient", "Stream", "AsyncStream",
        "SyncPage", "AsyncPaginator", "BinaryResponse", "AsyncBinaryResponse", "FileTypes",
        "Headers", "Query", "Body", "Timeout", "PageSpec", "SyncResource", "AsyncResource",
        "APIResponse", "AsyncAPIResponse", "IO", "TypeAlias", "overload", "Iterator",
        "RealtimeConnection", "AsyncRealtimeConnection", "RealtimeUnknownEvent", "Tag",
        "Discriminator", "discriminate", "builtins", "cached_property",
    }
)


def snake(words: Sequence[str]) -> str:
    """lower_snake_case identifier; never empty, never starting with a digit, never a keyword."""
    return _snake_fix("_".join(filter(None, words)) or "unnamed")


@short_text_memo(maxsize=4096)  # a pure function; field names repeat across models (`id`, `name`)
def _snake_fix(text: str) -> str:
    return _fix(text, prefix="n_")


def pascal(words: Sequence[str]) -> str:
    text = "".join(w[:1].upper() + w[1:] for w in words if w)
    return _fix(text or "Unnamed", prefix="N")


def upper_snake(words: Sequence[str]) -> str:
    text = "_".join(w.upper() for w in words if w)
    return _fix(text or "UNNAMED", prefix="N_")


def _fix(text: str, *, prefix: str) -> str:
    if text[0].isdigit():
        text = prefix + text
    if not _IDENT.match(text):
        text = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if text in _KEYWORDS or text in _SOFT_KEYWORDS:
        text += "_"
    return text


def safe_attribute(name: str, reserved: Iterable[str] = ()) -> str:
    """An attribute/argument name that shadows no keyword, no reserved name and is not private."""
    name = name.lstrip("_") or "unnamed"
    if name[0].isdigit():
        name = "n_" + name
    if name in _KEYWORDS or name in _SOFT_KEYWORDS or name in reserved or name.startswith("model_"):
        name += "_"
    return name


# Names a generated method body uses; an argument must not shadow them. Builtins are fine as
# argument names (`input=`, `type=`): generated bodies call none of them.
_BODY_NAMES = frozenset({"self", "result", "encode_path", "file_parts", "make_options", "omit", "Omit"})


def safe_argument(name: str, reserved: Iterable[str] = ()) -> str:
    """A keyword argument name: like an attribute, and not a name the method body uses."""
    name = safe_attribute(name, reserved)
    if name in _BODY_NAMES:
        name += "_"
    return name


def class_name(wire: str, words: Sequence[str]) -> str:
    """A class name: the spec's own spelling when it already is a PascalCase identifier
    (`OpenAIFile` stays `OpenAIFile`), else the words in PascalCase."""
    parts = wire.split(".")
    if all(_IDENT.match(p) for p in parts) and wire not in _KEYWORDS:
        from generator.ir.words import split_words

        spelled = [p if p[0].isupper() else pascal(split_words(p)) for p in parts]
        if spelled[0][0].isupper():
            return safe_class_name("".join(spelled))
    return safe_class_name(pascal(words))


def safe_class_name(name: str) -> str:
    if name in MODULE_RESERVED or name in _BUILTINS:
        return name + "Model"
    return name


def dedupe(names: Sequence[str], *, separator: str = "_") -> list[str]:
    """Make names unique, keeping the first occurrence and numbering later ones (`x`, `x_2`, ...).

    Case-insensitive, so that the results also work as file names on case-insensitive file systems.
    The caller passes names in a stable order, which makes the result deterministic.
    """
    taken: set[str] = set()
    # The next number to try per name: numbers below it are taken for good, so the search
    # resumes there and many equal names stay linear.
    next_counter: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        candidate = name
        folded = name.lower()
        if folded not in taken:  # (most names: taken as they are)
            taken.add(folded)
            out.append(name)
            continue
        counter = next_counter.get(name, 2)
        while folded in taken:
            candidate = f"{name}{separator}{counter}"
            folded = candidate.lower()
            counter += 1
        next_counter[name] = counter
        taken.add(folded)
        out.append(candidate)
    return out
