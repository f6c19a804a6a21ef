"""The notebooks: stored without outputs, paired with jupytext ``py:percent`` files (in
notebooks/py/) and in sync with them, exported to HTML without their code, opening with their question, free of typed-in figures, and executing top
to bottom on the invented fixture tables (``DATA_DIR`` injected after the parameters cell)."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbformat import NotebookNode

from nec_reports.plot.notebooks import INJECTED_TAG, execute_notebook, inject_parameters, to_html

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIXTURE = Path(__file__).parent / "fixtures" / "notebook_data"
EXPECTED = ["01-corpus", "02-membership", "03-votes", "04-fundraising"]
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def read(path: Path) -> NotebookNode:
    return nbformat.read(path, as_version=4)


def test_the_numbered_notebooks_are_all_there():
    assert [p.stem for p in PATHS] == EXPECTED
    for p in PATHS:
        assert re.fullmatch(r"\d\d-[a-z]+(-[a-z]+)*", p.stem)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path):
    nb = read(path)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has stored outputs"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


#: Each notebook's paired script, in a folder of its own so that JupyterLab's file browser
#: lists each notebook once in notebooks/.
FORMATS = "ipynb,py//py:percent"


def script_of(path: Path) -> Path:
    return path.parent / "py" / f"{path.stem}.py"


def test_no_scripts_beside_the_notebooks():
    """Readers browsing notebooks/ see each notebook once, not as .ipynb and .py."""
    assert sorted(p.name for p in NOTEBOOKS.glob("*.py")) == []
    assert sorted(p.stem for p in (NOTEBOOKS / "py").glob("*.py")) == EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_paired_with_py_percent_and_in_sync(path: Path):
    script = script_of(path)
    assert script.exists(), f"{script} missing: run `make notebooks-sync`"
    assert script.read_text(encoding="utf-8").count("# %%") >= 3
    nb = read(path)
    assert nb.metadata.get("jupytext", {}).get("formats") == FORMATS
    # jupytext finds the pair from either side
    from jupytext.paired_paths import paired_paths

    pairs = {Path(p).resolve() for p, _ in paired_paths(str(path), "ipynb", FORMATS)}
    assert script.resolve() in pairs
    paired = jupytext.read(script)
    assert [(c.cell_type, c.source.strip()) for c in nb.cells] == [
        (c.cell_type, c.source.strip()) for c in paired.cells
    ], f"{path.name} and {script.name} differ: run `jupytext --sync {path}`"
    assert [c.metadata.get("tags", []) for c in nb.cells] == [
        c.metadata.get("tags", []) for c in paired.cells
    ]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_opens_with_its_question_and_has_a_parameters_cell(path: Path):
    nb = read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# ")
    assert "**The question:**" in first.source
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert re.search(r"^DATA_DIR = ", params[0].source, re.M)
    assert nb.cells.index(params[0]) == 1


def _prose(source: str) -> str:
    """Markdown without code spans and link targets (they may name files with digits)."""
    source = re.sub(r"`[^`]*`", "", source)
    return re.sub(r"\]\([^)]*\)", "]", source)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_typed_in_figures_in_prose(path: Path):
    """Numbers quoted in prose must be computed in a cell, never typed into markdown."""
    for cell in read(path).cells:
        if cell.cell_type == "markdown":
            digits = re.findall(r"\S*\d\S*", _prose(cell.source))
            assert not digits, f"{path.name}: typed-in figure(s) {digits} in markdown"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_parsing_in_notebooks(path: Path):
    """Parsing lives in the library; notebooks only load tables, compute and chart."""
    code = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
    for banned in ("import re", ".str.extract", "open(", "read_csv(", "read_parquet("):
        assert banned not in code, f"{path.name} uses {banned!r}"


def test_inject_parameters_goes_after_the_parameters_cell():
    nb = read(PATHS[0])
    out = inject_parameters(nb, {"DATA_DIR": "/x"})
    assert len(out.cells) == len(nb.cells) + 1
    assert INJECTED_TAG in out.cells[2].metadata["tags"]
    assert out.cells[2].source.endswith("DATA_DIR = '/x'\n")
    assert len(read(PATHS[0]).cells) == len(nb.cells)  # the original is untouched


def test_inject_parameters_needs_a_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="parameters"):
        inject_parameters(nb, {"DATA_DIR": "/x"})


# Sentences each notebook must print on the fixture data: they check that the prose is
# computed from the tables (see tests/fixtures/notebook_data/README.md).
KNOWN = {
    "01-corpus": [
        "**6 distinct reports** by **3 authors**",
        "2 of the 6 reports (33%) are excerpts",
    ],
    "02-membership": ["**7 series rows**", "agree within rounding on 2 and differ on 0"],
    "03-votes": ["**6 vote reports**", "13–14 (1)", "**6 decisions**"],
    "04-fundraising": [
        "**8 amounts of money**",
        "The largest is £4m",
        "450 Example Circle (March 2022), 520 Example Circle (January 2023)",
        "7 of the 8 amounts are the party's own money",
    ],
}


def _outputs(nb: NotebookNode) -> tuple[str, int, list[str]]:
    text, images, stderr = [], 0, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                (stderr if out.name == "stderr" else text).append(out.text)
            data = out.get("data", {})
            images += "image/png" in data
            text.append(data.get("text/markdown", ""))
    return "\n".join(text), images, stderr


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_executes_top_to_bottom_on_fixture_data(path: Path):
    nb = execute_notebook(
        path,
        {"DATA_DIR": str(FIXTURE), "EXTERNAL_DIR": str(ROOT / "data" / "external")},
        timeout=180,
    )
    text, images, stderr = _outputs(nb)
    assert stderr == [], f"{path.name} wrote to stderr (a warning?): {stderr}"
    charts = sum(
        c.source.lstrip().startswith("fig = nr.plot.") for c in nb.cells if c.cell_type == "code"
    )
    assert charts >= 2
    assert images == charts, f"{path.name}: {charts} chart cells but {images} images shown"
    for sentence in KNOWN[path.stem]:
        assert sentence in text, f"{path.name}: expected {sentence!r} in its output"


def test_html_export_leaves_out_code_input():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A title\n\nSome prose."),
            nbformat.v4.new_code_cell("secret_variable_name = 41 + 1\nsecret_variable_name"),
        ]
    )
    nb.cells[1].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)
    ]
    html = to_html(nb)
    assert "Some prose." in html and "42" in html  # prose and outputs stay
    assert "secret_variable_name" not in html  # the code does not
    assert "jp-InputPrompt" not in html.split("<body", 1)[1].split("jp-MarkdownCell")[0]
    assert "secret_variable_name" in to_html(nb, show_code=True)


@pytest.mark.slow
def test_exported_notebook_html_has_no_input_cells(tmp_path: Path):
    from nec_reports.plot.notebooks import main

    path = NOTEBOOKS / "01-corpus.ipynb"
    assert main([str(path), "--html-dir", str(tmp_path), "--param", f"DATA_DIR={FIXTURE}"]) == 0
    html = (tmp_path / "01-corpus.html").read_text(encoding="utf-8")
    code = [c.source for c in read(path).cells if c.cell_type == "code"]
    assert "jp-CodeCell" in html  # the cells' outputs are there
    for source in code:
        first = next(
            line for line in source.splitlines() if line.strip() and not line.startswith("#")
        )
        assert first not in html, f"code shown in the HTML: {first!r}"
