"""The layer order of smtui's modules: no import cycle, and no import from a lower layer to a higher one.

Every module under smtui/ is parsed with `ast`; every import counts, wherever it is written: at module level,
inside a function (the lazy imports that keep start-up fast), under `if TYPE_CHECKING:` (a type is a dependency
too) or in a `try:`. Two modules import by name at run time, and their names count as imports as well:
`smtui.app` imports each step's screen module from `smtui.routing.STEPS`, and `smtui.cli.registry` imports the
command families it lists.

"Lower" means "imported by the higher": a module may import its own layer and the layers below it (smaller
numbers), never one above. The layers, low to high (the same table is in docs/architecture.md):

| # | layer    | modules                                                                   |
|---|----------|---------------------------------------------------------------------------|
| 0 | base     | smtui (the package), errors, hints, regions, redact, paste_guard          |
| 1 | model    | smtui.model.*, settings                                                   |
| 2 | backends | smtui.backends.* (the local store; aws through boto3)                     |
| 3 | output   | smtui.output.* (formats, --query, terminal text)                          |
| 4 | serve    | smtui.serve.* (`smtui serve`: the local store on the wire, no Textual)    |
| 5 | state    | draft, wizard_state, routing, submission (the wizard's data, steps, submit) |
| 6 | widgets  | smtui.widgets.*                                                           |
| 7 | screens  | smtui.screens.* (the steps; screens.host, the Protocol of their host app) |
| 8 | app      | app, smtui.startup.* (the start-up seam), hardening                       |
| 9 | plain    | smtui.plain.* (plain mode, no Textual), cli.masked (the masked read)      |
| 10| cli      | smtui.cli.*, smtui.__main__ (the entry points; cli.wizard opens the app)  |

Why the wizard's layers sit in this order: a screen composes widgets (so widgets are below screens: a widget
never imports a screen or the app); the app shows the screens and hosts them (so screens are below the app,
and see it only as `smtui.screens.host.WizardHost`); the command line starts the wizard (so the app is below
the CLI). The core (model, backends, output) is below all of them and never imports Textual (that is
tests/unit/test_import_contract.py, which runs each module in a fresh interpreter). hardening sits with the
app because its Textual part (`harden_app`) installs a widget-layer line filter; the CLI, above it, uses its
process part. Plain mode (smtui.plain) is a second front end beside the app, on the same draft, steps and
backends, below the command line that starts it. It reads a value with the command line's masked read
(smtui.cli.masked, which imports nothing of smtui), so that one module is placed with plain mode, below the rest
of the command line that uses it too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import smtui

ROOT = Path(smtui.__file__).parent

#: (layer name, module prefixes), low to high. A prefix names a module and every module below it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("smtui", "smtui.errors", "smtui.hints", "smtui.regions", "smtui.redact", "smtui.paste_guard")),
    ("model", ("smtui.model", "smtui.settings")),
    ("backends", ("smtui.backends",)),
    ("output", ("smtui.output",)),
    ("serve", ("smtui.serve",)),
    ("state", ("smtui.draft", "smtui.wizard_state", "smtui.routing", "smtui.submission")),
    ("widgets", ("smtui.widgets",)),
    ("screens", ("smtui.screens",)),
    ("app", ("smtui.app", "smtui.startup", "smtui.hardening")),
    ("plain", ("smtui.plain", "smtui.cli.masked")),
    ("cli", ("smtui.cli", "smtui.__main__")),
)

#: The modules that import other modules by name at run time, and where those names come from.
DYNAMIC_IMPORTERS = ("smtui.app", "smtui.cli.registry")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def layer_of(module: str) -> int:
    """The layer of `module`: that of its longest matching prefix (KeyError when no layer names it)."""
    best: tuple[int, int] | None = None
    for number, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (number, len(prefix))
    if best is None or (best[1] == len("smtui") and module != "smtui"):
        raise KeyError(module)
    return best[0]


def _known(name: str) -> str | None:
    """The smtui module `name` is (or is inside: `smtui.model.Tag` is in `smtui.model`), None outside smtui."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def static_imports(module: str) -> Iterator[tuple[str, int]]:
    """(imported smtui module, line) for every import statement in `module`, wherever it is written."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"), str(MODULES[module]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package this module is in
                package = _package_of(module).split(".")
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # `from smtui import routing` imports the module smtui.routing; `from smtui.model import Tag`, smtui.model
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for name in names:
            found = _known(name) if name.split(".")[0] == "smtui" else None
            if found is not None and found != module:
                yield found, node.lineno


def dynamic_imports(module: str) -> Iterator[tuple[str, int]]:
    """The modules `module` imports by name at run time (importlib.import_module), from the tables it reads."""
    if module == "smtui.app":
        from smtui.routing import STEPS

        yield from ((step.screen.partition(":")[0], 0) for step in STEPS)
    elif module == "smtui.cli.registry":  # read, not imported: a half-built command line must not hide the table
        for node in ast.parse(MODULES[module].read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "FAMILIES":
                assert node.value is not None
                yield from ((family, node.lineno) for family in ast.literal_eval(node.value))


def graph() -> dict[str, set[tuple[str, int]]]:
    return {m: set(static_imports(m)) | set(dynamic_imports(m)) for m in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(edges.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_every_module_has_a_layer() -> None:
    """A new module must be placed (here and in docs/architecture.md) before it can be imported anywhere."""
    unplaced = []
    for module in MODULES:
        try:
            layer_of(module)
        except KeyError:
            unplaced.append(module)
    assert unplaced == [], f"modules without a layer: {unplaced}"


def test_only_the_known_modules_import_by_name() -> None:
    """A run-time import by name would hide an arrow from this test: only the two whose tables it reads."""
    callers = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("import_module", "__import__"):
                    callers.add(module)
    assert callers <= set(DYNAMIC_IMPORTERS), f"imports by name outside {DYNAMIC_IMPORTERS}: {callers}"
    assert all(list(dynamic_imports(module)) for module in DYNAMIC_IMPORTERS), "a table of names was not found"


def test_no_import_cycle() -> None:
    edges = {module: {target for target, _ in targets} for module, targets in graph().items()}
    assert cycles(edges) == []


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    upward = [
        f"{module}:{line} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in sorted(graph().items())
        for target, line in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("smtui", "base"),
        ("smtui.errors", "base"),
        ("smtui.model.rules", "model"),
        ("smtui.settings", "model"),
        ("smtui.backends.local.store", "backends"),
        ("smtui.output.render", "output"),
        ("smtui.serve.app", "serve"),
        ("smtui.routing", "state"),
        ("smtui.widgets.secret_input", "widgets"),
        ("smtui.screens.host", "screens"),
        ("smtui.app", "app"),
        ("smtui.plain", "plain"),
        ("smtui.plain.flow", "plain"),
        ("smtui.cli.masked", "plain"),
        ("smtui.cli.wizard", "cli"),
        ("smtui.__main__", "cli"),
    ],
)
def test_the_table_places_modules_by_their_longest_prefix(module: str, layer: str) -> None:
    assert LAYERS[layer_of(module)][0] == layer


def test_the_checker_sees_function_level_and_type_checking_imports() -> None:
    """The screens' old way back to the app was a function-level import: the parser must see such imports."""
    seen = {target for target, _ in static_imports("smtui.app")}
    assert {"smtui.screens.help", "smtui.screens.host", "smtui.backends.local.material"} <= seen
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
