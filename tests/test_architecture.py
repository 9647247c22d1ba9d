"""The layout the style guide asks for, checked on the source: no import cycle, SQL only in the
store and the registry, and the CLI and web app on top of `Corpus` alone (no registry internals,
no SQL of their own)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import quotegraph

PACKAGE = Path(quotegraph.__file__).parent
SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b",
                 re.DOTALL)  # keywords as the code writes them: upper case
EXECUTE = {"execute", "executemany", "executescript"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path, package: str) -> set[str]:
    """The quotegraph modules a file imports, wherever in the file (function-level imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                # `from quotegraph.registry import keys` imports the module quotegraph.registry.keys.
                names.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {n for n in names if n in MODULES}


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = _imports(path, package) - {name}
    return graph


def test_no_import_cycle_in_src() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_import_graph_reads_imports_as_written() -> None:
    """The graph the checks walk has the edges the code writes (module-level and in functions)."""
    graph = _graph()
    assert "quotegraph.registry.keys" in graph["quotegraph.registry.linking"]
    assert "quotegraph.corpus" in graph["quotegraph.cli.people"]


def _interfaces() -> dict[str, Path]:
    return {n: p for n, p in MODULES.items() if n.split(".")[1:2] in (["cli"], ["web"])}


def test_cli_and_web_use_corpus_not_registry_or_store_internals() -> None:
    graph = _graph()
    allowed_store = {"quotegraph.store", "quotegraph.store.rows"}
    for name in _interfaces():
        internals = {m for m in graph[name] if m.startswith("quotegraph.registry")
                     or (m.startswith("quotegraph.store") and m not in allowed_store)}
        assert not internals, f"{name} imports {sorted(internals)}; go through quotegraph.corpus.Corpus"


def test_sql_only_in_the_store_and_the_registry() -> None:
    owners = ("quotegraph.store", "quotegraph.registry")
    for name, path in MODULES.items():
        if name.startswith(owners):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found = [f"line {n.lineno}" for n in ast.walk(tree)
                 if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in EXECUTE)
                 or (isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
                     and SQL.search(n.value))]
        assert not found, f"{name} runs SQL ({', '.join(found)}); that belongs in quotegraph.store or .registry"
    sql_files = {p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("*.sql")}
    assert sql_files == {"store"}


def test_sql_check_sees_sql() -> None:
    assert SQL.search("SELECT id FROM people WHERE name = ?")
    assert SQL.search('INSERT OR IGNORE INTO quotes(text) VALUES (?)')
    assert not SQL.search("Select the people from the list")  # prose
    assert not SQL.search("update the registry, then delete from the list")
