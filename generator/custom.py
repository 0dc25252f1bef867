"""Hand-written code that survives regeneration: `specs/custom/<package>/` copied into `<package>/_custom/`.

The folder is only ever read: generation copies its modules into the package, exports the names of
each module's `__all__` from the package root, and attaches the classes `custom.attach` names to the
clients. Custom modules may import the generated code; when a regeneration removes or renames a
module or a name they import, generation stops with the custom file's line and column.
"""

from __future__ import annotations

import ast
import keyword
from pathlib import Path

from generator.config import PackageConfig
from generator.diagnostics import Diagnostics, display_path
from generator.ir.model import Location
from generator.lazy_dataclass import lazy_dataclass

CUSTOM_PACKAGE = "_custom"  # the subpackage custom modules are copied into
_INIT_DOC = '"""Hand-written modules from specs/custom/ (copied by apigen; edit them there)."""\n'


@lazy_dataclass(frozen=True)
class CustomModule:
    source: Path
    display: str  # the source as problems show it
    relative: str  # path below the custom folder, posix
    module: str  # dotted name below `_custom`
    text: str
    tree: ast.Module


@lazy_dataclass(frozen=True)
class Attachment:
    owner: str  # "Client" (the sync client class) or "AsyncClient"
    attribute: str
    module: str  # dotted name below `_custom`
    name: str  # a class, instantiated with the client on first access

    @property
    def import_from(self) -> str:
        """The module, relative to the package root (where the client modules are)."""
        return f".{CUSTOM_PACKAGE}.{self.module}"


@lazy_dataclass(frozen=True)
class CustomCode:
    modules: tuple[CustomModule, ...]
    exports: tuple[tuple[str, str], ...]  # (name, module relative to the package: `._custom.tools`)
    attach: tuple[Attachment, ...]

    def attached(self, owner: str) -> list[Attachment]:
        return [a for a in self.attach if a.owner == owner]


def read_custom(package: PackageConfig, diagnostics: Diagnostics) -> CustomCode | None:
    """The custom code of a package, checked on its own (syntax, `__all__`, attach targets)."""
    folder = package.custom
    if folder is None:
        return None
    modules = []
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        relative = path.relative_to(folder).as_posix()
        display = display_path(path)
        parts = relative[: -len(".py")].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not all(p.isidentifier() and not keyword.iskeyword(p) for p in parts):
            diagnostics.error(Location(display), "a custom module's path must be made of Python identifiers")
            continue
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text, filename=display)
        except SyntaxError as exc:
            diagnostics.error(Location(display, line=exc.lineno or 0, column=exc.offset or 0), f"syntax error: {exc.msg}")
            continue
        modules.append(CustomModule(path, display, relative, ".".join(parts), text, tree))
    diagnostics.raise_if_errors()
    exports = []
    for module in modules:
        for name, line in _declared_all(module, diagnostics):
            if name not in _top_level_names(module.tree):
                diagnostics.error(Location(module.display, line=line), f"`__all__` names {name!r}, which the module does not define")
            target = f".{CUSTOM_PACKAGE}.{module.module}" if module.module else f".{CUSTOM_PACKAGE}"
            exports.append((name, target))
    seen: dict[str, str] = {}
    for name, target in exports:
        if name in seen:
            diagnostics.error(Location(display_path(folder)), f"{name!r} is exported by two custom modules ({seen[name]}, {target})")
        seen[name] = target
    by_module = {m.module: m for m in modules}
    attach = []
    for key, target in sorted(package.attach.items()):
        owner, _, attribute = key.partition(".")
        module_name, _, name = target.partition(":")
        owning = by_module.get(module_name)
        if owning is None:
            diagnostics.error(Location(display_path(folder)), f"attach {key}: no module {module_name}.py in the custom folder")
            continue
        found = next((n for n in owning.tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
        if found is None:
            diagnostics.error(
                Location(owning.display),
                f"attach {key}: {owning.relative} defines no class {name!r} (an attached class is "
                "instantiated with the client on first access)",
            )
            continue
        attach.append(Attachment(owner, attribute, module_name, name))
    diagnostics.raise_if_errors()
    return CustomCode(tuple(modules), tuple(sorted(exports)), tuple(attach))


def check_exports(code: CustomCode, package: str, files: dict[str, str], diagnostics: Diagnostics) -> None:
    """Custom exports never shadow the generated package's own."""
    init = files.get(f"python/{package}/{package}/__init__.py", "")
    generated = {
        name for name in _lazy_exports(ast.parse(init))
    } - {name for name, _ in code.exports}
    generated |= {"Client", "AsyncClient", "__version__"} & _top_level_names(ast.parse(init))
    for name, target in code.exports:
        if name in generated:
            module = next(m for m in code.modules if target.endswith(m.module))
            diagnostics.error(Location(module.display), f"`__all__` exports {name!r}, a name the generated package already exports")


def custom_files(code: CustomCode, package: str) -> dict[str, str]:
    """{output path: text} of the copied modules (plus `_custom/__init__.py` when there is none)."""
    base = f"python/{package}/{package}/{CUSTOM_PACKAGE}"
    files = {f"{base}/{m.relative}": m.text for m in code.modules}
    files.setdefault(f"{base}/__init__.py", _INIT_DOC)
    for module in code.modules:  # subfolders are packages too
        parts = module.relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            files.setdefault(f"{base}/{'/'.join(parts[:depth])}/__init__.py", _INIT_DOC)
    return files


def check_imports(code: CustomCode, package: str, files: dict[str, str], diagnostics: Diagnostics) -> None:
    """Every import of the generated package in custom code names a module and a name that exist."""
    root = f"python/{package}/{package}"
    index = _ModuleIndex(root, files)
    for module in code.modules:
        is_package = module.relative.endswith("__init__.py")
        here = [package, CUSTOM_PACKAGE, *(module.module.split(".") if module.module else [])]
        if not is_package:
            here = here[:-1]
        for node in ast.walk(module.tree):
            where = Location(module.display, line=getattr(node, "lineno", 0), column=getattr(node, "col_offset", -1) + 1)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if _inside(alias.name, package) and not index.exists(alias.name):
                        diagnostics.error(where, _gone_module(alias.name))
            elif isinstance(node, ast.ImportFrom):
                target = _absolute(node, here)
                if target is None or not _inside(target, package):
                    continue
                if not index.exists(target):
                    diagnostics.error(where, _gone_module(target))
                    continue
                for alias in node.names:
                    if alias.name != "*" and not index.has(target, alias.name):
                        diagnostics.error(
                            where,
                            f"`{alias.name}` is no longer in `{target}`: the regenerated package removed "
                            "or renamed it; update the custom code (the API change report in CHANGES.md "
                            "lists what moved)",
                        )


class _ModuleIndex:
    def __init__(self, root: str, files: dict[str, str]) -> None:
        self.root = root
        self.files = files
        self._names: dict[str, set[str]] = {}

    def _file(self, module: str) -> str | None:
        parts = module.split(".")[1:]
        base = "/".join([self.root, *parts])
        for candidate in (f"{base}.py", f"{base}/__init__.py"):
            if candidate in self.files:
                return candidate
        return None

    def exists(self, module: str) -> bool:
        return self._file(module) is not None

    def has(self, module: str, name: str) -> bool:
        if self.exists(f"{module}.{name}"):
            return True
        path = self._file(module)
        if path is None:
            return False
        if path not in self._names:
            try:
                tree = ast.parse(self.files[path])
            except SyntaxError:
                return True  # not ours to judge here; the formatter reports it
            self._names[path] = _top_level_names(tree) | _lazy_exports(tree)
        return name in self._names[path]


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.If | ast.Try):
            pending.extend(node.body)
            pending.extend(node.orelse)
            if isinstance(node, ast.Try):
                pending.extend(node.finalbody)
                for handler in node.handlers:
                    pending.extend(handler.body)
    return names


def _lazy_exports(tree: ast.Module) -> set[str]:
    """Keys of a generated `__init__`'s `_EXPORTS` table (names imported on first use)."""
    for node in tree.body:
        named = isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in node.targets)
        if named and isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            return {k.value for k in node.value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return set()


def _declared_all(module: CustomModule, diagnostics: Diagnostics) -> list[tuple[str, int]]:
    for node in module.tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            value = node.value
            if isinstance(value, ast.List | ast.Tuple) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
            ):
                return [(str(e.value), node.lineno) for e in value.elts if isinstance(e, ast.Constant)]
            diagnostics.error(Location(module.display, line=node.lineno, column=node.col_offset + 1), "`__all__` must be a literal list of strings")
    return []


def _absolute(node: ast.ImportFrom, here: list[str]) -> str | None:
    if node.level == 0:
        return node.module
    if node.level > len(here):
        return None
    base = here[: len(here) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _gone_module(module: str) -> str:
    return (
        f"module `{module}` is not in the regenerated package: it was removed or renamed; "
        "update the custom code"
    )

