"""How long the pipeline takes, measured (never asserted): `make bench` or
`python benchmarks/speed.py [--copies 100]`.

Measures, in one run:
  * the build of the bundled corpus (best of 3);
  * builds of synthetic corpora of 25, 50 and 100 copies of it with distinct titles
    (cost per MB shows whether the build grows linearly);
  * the floor: a plain regular-expression scan for numbers over the same bytes;
  * a cold and a warm ``nr.load_<table>()`` in fresh processes (warm = served from cache);
  * executing every notebook in notebooks/ (if any).
Targets (issue 6): 100x builds in < 30 s on one core; warm load < 0.2 s after import;
all notebooks < 60 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT / "src"))

from nec_reports.build import build_tables  # noqa: E402
from nec_reports.pipeline import parse_corpus  # noqa: E402
from nec_reports.reports import _TITLE_AUTHOR  # noqa: E402
from nec_reports.text import clean_line  # noqa: E402


def _copy_mark(i: int) -> str:
    """A distinct tag of letters only ("copy-a", ..., "copy-dv"): no digits to be read as
    a day or a year, no closing punctuation to make a title look like a sentence."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(ord("a") + r) + letters
    return f"copy-{letters}"


def _distinct_title(title: str, i: int) -> str:
    """``title`` made distinct for copy ``i`` without changing how it parses: the tag goes
    at the end, or at the start when the title ends with its writer's name ("... from
    Ann Henderson")."""
    if _TITLE_AUTHOR[1].search(title):
        return f"{_copy_mark(i)} {title}"
    return f"{title} {_copy_mark(i)}"


def synthetic_corpus(dest: Path, copies: int) -> int:
    """``copies`` copies of every raw page, each post title made distinct; returns bytes.
    Every copy parses like the original, so a build of it has ``copies`` times the rows
    (an untitled post is the same post in every copy and stays one report)."""
    corpus = parse_corpus(RAW)
    titles_by_file: dict[str, set[str]] = {}
    for r in corpus.reports:
        for f in r.source_files:
            titles_by_file.setdefault(f, set()).add(r.title)
    dest.mkdir(parents=True, exist_ok=True)
    with (RAW / "sources.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        manifest = {row["file"]: row for row in reader}
    rows: list[dict[str, str]] = []
    total = 0
    for name in sorted(titles_by_file):
        text = (RAW / name).read_text(encoding="utf-8")
        titles = {t for t in titles_by_file[name] if t}
        for i in range(copies):
            out = "\n".join(
                _distinct_title(ln.strip(), i) if clean_line(ln) in titles else ln
                for ln in text.split("\n")
            )
            new = f"c{i:03d}-{name}"
            (dest / new).write_text(out, encoding="utf-8")
            total += len(out.encode())
            rows.append({**manifest[name], "file": new})
    with (dest / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return total


def timed(fn, repeat: int = 1) -> tuple[float, float]:
    """Best wall time and its CPU time over ``repeat`` runs."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        best = min(best, (time.perf_counter() - w, time.process_time() - c))
    return best


def regex_floor(raw: Path) -> float:
    number = re.compile(r"£?\d[\d,.]*(?:\s?(?:k|m|bn|million))?")

    def scan():
        for p in sorted(raw.glob("*.txt")):
            number.findall(p.read_bytes().decode("utf-8"))

    return timed(scan, 3)[0]


def fresh_load(table: str, cache: Path) -> tuple[float, float]:
    """(import seconds, load seconds) for one call in a new interpreter."""
    code = (
        "import time; t0=time.perf_counter(); import nec_reports as nr; t1=time.perf_counter();"
        f"nr.load_{table}(); t2=time.perf_counter(); print(t1-t0, t2-t1)"
    )
    env = dict(os.environ, NEC_REPORTS_CACHE=str(cache), PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    a, b = out.stdout.split()
    return float(a), float(b)


def notebooks_time() -> float | None:
    nbs = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not nbs:
        return None
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for nb_path in nbs:
        nb = nbformat.read(nb_path, as_version=4)
        NotebookClient(
            nb, timeout=600, resources={"metadata": {"path": str(nb_path.parent)}}
        ).execute()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--skip-notebooks", action="store_true")
    args = ap.parse_args()
    rows: list[tuple[str, float, str]] = []
    raw_mb = sum(p.stat().st_size for p in RAW.glob("*.txt")) / 1e6

    wall, cpu = timed(lambda: build_tables(RAW, use_cache=False), 3)
    floor = regex_floor(RAW)
    rows.append(
        (
            f"build, bundled corpus ({raw_mb:.2f} MB)",
            wall,
            f"cpu {cpu:.2f}s; {wall / floor:.0f}x floor",
        )
    )
    rows.append(("regex scan floor, bundled corpus", floor, ""))

    with tempfile.TemporaryDirectory() as tmp:
        per_mb = []
        for copies in sorted({max(1, args.copies // 4), max(1, args.copies // 2), args.copies}):
            raw = Path(tmp) / f"raw{copies}"
            size = synthetic_corpus(raw, copies) / 1e6
            wall, cpu = timed(lambda raw=raw: build_tables(raw, use_cache=False))
            floor = regex_floor(raw)
            per_mb.append(wall / size)
            rows.append(
                (
                    f"build, {copies} copies ({size:.1f} MB)",
                    wall,
                    f"cpu {cpu:.2f}s; {wall / size:.3f} s/MB; {wall / floor:.0f}x floor",
                )
            )
            rows.append((f"regex scan floor, {copies} copies", floor, ""))
            shutil.rmtree(raw)
        rows.append(("growth: s/MB largest / smallest", per_mb[-1] / per_mb[0], "1.0 = linear"))

        cache = Path(tmp) / "cache"
        table = "membership" if _has_loader("membership") else "reports"
        imp, cold = fresh_load(table, cache)
        imp2, warm = fresh_load(table, cache)
        rows.append((f"nr.load_{table}() cold, fresh process", cold, f"import {imp:.2f}s"))
        rows.append((f"nr.load_{table}() warm, fresh process", warm, f"import {imp2:.2f}s"))

    if not args.skip_notebooks:
        t = notebooks_time()
        if t is not None:
            rows.append(("execute all notebooks", t, ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'seconds':>8}  note")
    for name, secs, note in rows:
        print(f"{name:<{width}}  {secs:>8.3f}  {note}")
    return 0


def _has_loader(name: str) -> bool:
    import nec_reports as nr

    return hasattr(nr, f"load_{name}")


if __name__ == "__main__":
    sys.exit(main())
