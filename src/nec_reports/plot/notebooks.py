"""Running the notebooks top to bottom and saving them as HTML (needs the ``notebooks`` extra).

    python -m nec_reports.plot.notebooks notebooks/*.ipynb --html-dir reports
    python -m nec_reports.plot.notebooks notebooks/02-membership.ipynb \\
        --param DATA_DIR=tests/fixtures/notebook_data

Parameters follow papermill's convention: a cell tagged ``parameters`` holds the defaults,
and the values given here go in a new cell (tagged ``injected-parameters``) right after it;
on the command line a value naming an existing path is made absolute first.  The HTML is
for reading: code cells' input is left out (``--show-code`` keeps it); the notebooks keep
their code.
The kernel talks to this process over local IPC sockets (files), not TCP.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbformat import NotebookNode
from traitlets.config import Config

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


def parameters_cell(nb: NotebookNode) -> int:
    """Index of the cell tagged ``parameters``; a notebook without one is an error."""
    for i, cell in enumerate(nb.cells):
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return i
    raise ValueError("notebook has no cell tagged 'parameters'")


def inject_parameters(nb: NotebookNode, parameters: Mapping[str, Any]) -> NotebookNode:
    """A copy of ``nb`` with ``NAME = value`` lines in a cell after the parameters cell."""
    out = nbformat.from_dict(nb)
    if not parameters:
        return out
    at = parameters_cell(out)
    source = "# Parameters injected for this run\n" + "".join(
        f"{name} = {value!r}\n" for name, value in parameters.items()
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    out.cells.insert(at + 1, cell)
    return out


def execute_notebook(
    path: str | Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout: int = 600,
    kernel_name: str = "python3",
) -> NotebookNode:
    """Run every cell of the notebook at ``path`` in order, with ``parameters`` injected,
    in the notebook's own folder; raises ``nbclient.exceptions.CellExecutionError`` at the
    first cell that fails."""
    p = Path(path)
    nb = inject_parameters(nbformat.read(p, as_version=4), parameters or {})
    with tempfile.TemporaryDirectory(prefix="nec-nb-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        # An absolute socket path: the kernel starts in the notebook's folder, this
        # process may be elsewhere.
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=kernel_name,
            config=config,
            resources={"metadata": {"path": str(p.parent.resolve())}},
        )
        client.execute()
    return nb


def to_html(nb: NotebookNode, *, show_code: bool = False) -> str:
    """The executed notebook as one self-contained HTML page (figures embedded), for
    reading: code cells' input (and the In/Out prompts) left out unless ``show_code``;
    the code stays in the notebook."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=not show_code,
    )
    body, _ = exporter.from_notebook_node(nb)
    return str(body)


def _parse_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m nec_reports.plot.notebooks", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument(
        "--html-dir", type=Path, default=None, help="write <name>.html for each notebook here"
    )
    ap.add_argument(
        "--param",
        type=_parse_param,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter (a string value)",
    )
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    ap.add_argument(
        "--show-code",
        action="store_true",
        help="keep the code cells in the HTML (hidden by default)",
    )
    args = ap.parse_args(argv)
    # A value naming an existing file or folder is made absolute: the notebook runs in
    # its own folder, not the caller's.
    params = {k: str(Path(v).resolve()) if v and Path(v).exists() else v for k, v in args.param}
    failed = 0
    for path in args.notebooks:
        print(f"running {path}", file=sys.stderr)
        try:
            nb = execute_notebook(path, params, timeout=args.timeout)
        except Exception as exc:  # report every notebook, then fail
            failed += 1
            # A failing cell's error ends with "ExceptionName: message"; the full
            # traceback is in the notebook when run interactively.
            plain = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))  # drop terminal colours
            lines = [ln for ln in plain.splitlines() if ln.strip()]
            print(f"FAILED {path}: {lines[-1] if lines else type(exc).__name__}", file=sys.stderr)
            continue
        if args.html_dir is not None:
            args.html_dir.mkdir(parents=True, exist_ok=True)
            out = args.html_dir / f"{path.stem}.html"
            out.write_text(to_html(nb, show_code=args.show_code), encoding="utf-8")
            print(out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
