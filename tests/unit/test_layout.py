"""The package's layout, read from the source: no import cycle, no `global` statement, no
module-level state that code changes at run time, and stages that only import earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "generator"
# The pipeline's order: a module may import its own stage and the stages before it only.
STAGES = ("reading", "model", "structure", "pages", "components", "render", "pipeline", "engine", "commands")
SHARED = {"generator", "generator.__main__", "generator.child_process"}  # the face, `python -m`, processes


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, ast.Module]:
    """The package's modules; the tests kept beside the components are not part of it."""
    return {
        module_name(path, root): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.py"))
        if not path.name.startswith("test_")
    }


def imports_of(name: str, tree: ast.Module, known: set[str], is_package: bool) -> set[str]:
    """The package's own modules that `name` imports anywhere (functions included)."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            # `from . import x` names a module x, or a name defined in the package
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    trees = modules(root)
    known = set(trees)
    packages = {module_name(path, root) for path in root.rglob("__init__.py")}
    return {name: imports_of(name, tree, known, name in packages) for name, tree in trees.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once (Tarjan's strongly connected components of two or more modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def global_statements(root: Path = PACKAGE) -> list[str]:
    return [
        f"{name}:{node.lineno}: global {', '.join(node.names)}"
        for name, tree in modules(root).items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Global)
    ]


def module_state_changed_at_run_time(root: Path = PACKAGE) -> list[str]:
    """Module-level names that a function rebinds (through `global`), assigns into, mutates in
    place or sets attributes on: `NAME = `, `NAME[...] = `, `NAME.attr = `, `NAME.append(...)`."""
    mutators = {"append", "extend", "insert", "update", "add", "clear", "pop", "remove", "setdefault", "discard", "store"}
    found = []
    for name, tree in modules(root).items():
        top_level = {
            target.id
            for node in tree.body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        # Another module's state, reached through an import (`from . import cache`; `cache.X.y = `).
        top_level |= {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("generator"))
            for alias in node.names
            if alias.name.islower()
        }
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            declared = {name for node in ast.walk(function) if isinstance(node, ast.Global) for name in node.names}
            local = {arg.arg for arg in function.args.args + function.args.kwonlyargs}
            for node in ast.walk(function):
                if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    local |= {t.id for t in targets if isinstance(t, ast.Name)} - declared
            for node in ast.walk(function):
                owner = None
                if isinstance(node, (ast.Assign, ast.AugAssign)):
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        if isinstance(target, ast.Name) and target.id in declared:
                            owner = target.id
                        elif isinstance(target, (ast.Subscript, ast.Attribute)):
                            owner = _root_name(target.value)
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in mutators:
                    owner = _root_name(node.func.value)
                if owner in top_level and owner not in local:
                    found.append(f"{name}:{node.lineno}: {owner}")
    return sorted(found, key=lambda entry: (entry.split(":")[0], int(entry.split(":")[1])))


def _root_name(node: ast.AST) -> str | None:
    """`a` of `a.b.c` or `a[1].b`."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def imports_against_the_pipeline(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        stage = stage_of(module)
        for target in targets:
            other = stage_of(target)
            if stage and other and STAGES.index(other) > STAGES.index(stage):
                wrong.append(f"{module} -> {target}")
            elif stage is None and module not in SHARED and other:
                wrong.append(f"{module} -> {target} (a module outside the stages)")
    return sorted(wrong)


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 40 and any(graph.values())  # the package was read
    assert cycles(graph) == []


def test_the_package_has_no_global_statement():
    assert global_statements() == []


def test_no_module_level_state_is_changed_at_run_time():
    assert module_state_changed_at_run_time() == []


def test_each_stage_imports_only_itself_and_earlier_stages():
    assert imports_against_the_pipeline(import_graph()) == []


def test_every_package_says_what_it_owns():
    missing = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("__init__.py")
        if len((ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").split()) < 12
    ]
    assert missing == []


# --- the checks themselves find what they look for ----------------------------------------------


def write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "generator"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    package = write_package(tmp_path, {
        "a.py": "from .b import thing\n",
        "b.py": "def thing():\n    from .c import other\n",
        "c/__init__.py": "from ..a import thing\n",
    })
    assert cycles(import_graph(package)) == [["generator.a", "generator.b", "generator.c"]]


def test_a_global_statement_and_run_time_module_state_are_found(tmp_path):
    package = write_package(tmp_path, {
        "state.py": "CURRENT = None\nSEEN = []\nTABLE = {}\n\n"
                    "def start(value):\n    global CURRENT\n    CURRENT = value\n    SEEN.append(value)\n    TABLE['x'] = value\n",
        "user.py": "from . import state\n\n\ndef use(value):\n    state.TABLE['y'] = value\n    state.SEEN.append(value)\n",
    })
    assert global_statements(package) == ["generator.state:6: global CURRENT"]
    assert module_state_changed_at_run_time(package) == [
        "generator.state:7: CURRENT", "generator.state:8: SEEN", "generator.state:9: TABLE",
        "generator.user:5: state", "generator.user:6: state",
    ]
