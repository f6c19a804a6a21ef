"""Project hygiene: environment.yml and pyproject.toml agree; the README leads with the
two commands that do everything."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _name(req: str) -> str:
    return re.split(r"[\s<>=!~\[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_list_the_same_libraries():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        declared |= {_name(r) for r in extra if not r.startswith("nec-reports")}
    conda: set[str] = set()
    pip_lines: list[str] = []
    in_pip = False
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:") :].splitlines():
        m = re.match(r"^(\s*)-\s+(.+?)\s*$", line)
        if not m:
            continue
        item = m.group(2)
        if item == "pip:":
            in_pip = True
            continue
        if in_pip and len(m.group(1)) > 2:
            pip_lines.append(item.split("#")[0].strip())
            continue
        in_pip = False
        conda.add(_name(item))
    conda -= {"python", "pip"}
    assert pip_lines[-1] == "-e .[dev]"
    conda |= {_name(x) for x in pip_lines[:-1]}  # libraries conda-forge lacks come from pip
    assert conda == declared, (
        f"only in environment.yml: {sorted(conda - declared)}; "
        f"only in pyproject.toml: {sorted(declared - conda)}"
    )
    assert {"pandas", "matplotlib", "seaborn", "jupyterlab", "pyarrow"} <= conda


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text()[:600]
    assert "make report" in head and "make test" in head


def _module(pkg_root, parts: list[str]) -> str | None:
    """The package file that the dotted ``parts`` name, if any."""
    for cand in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
        if (pkg_root / cand).is_file():
            return cand
    return None


def _imports(path, pkg_root) -> set[str]:
    """The package's modules that ``path`` imports, as paths relative to the package."""
    import ast

    here = path.relative_to(pkg_root).parent.parts
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.ImportFrom) and node.level):
            continue
        base = list(here[: len(here) - node.level + 1]) + (node.module or "").split(".")
        base = [b for b in base if b]
        for alias in node.names:
            found = _module(pkg_root, [*base, alias.name]) or _module(pkg_root, base)
            if found:
                out.add(found)
    out.discard(path.relative_to(pkg_root).as_posix())
    return out


def test_no_import_circles():
    """No module imports, at any depth, a module that imports it back (the package root,
    which only hands names on, aside)."""
    pkg = ROOT / "src" / "nec_reports"
    graph = {
        p.relative_to(pkg).as_posix(): _imports(p, pkg)
        for p in pkg.rglob("*.py")
        if p.relative_to(pkg).as_posix() != "__init__.py"
    }
    graph = {m: {d for d in deps if d in graph} for m, deps in graph.items()}

    def reach(start: str) -> set[str]:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        return seen

    circles = sorted(m for m in graph if m in reach(m))
    assert not circles, f"modules in an import circle: {circles}"
