#!/usr/bin/env python3
"""Accuracy of the fact tables against the hand-checked gold labels in tests/gold.

    python benchmarks/accuracy.py [--raw DIR] [--gold DIR] [--json] [--min KIND=F1 ...]

Builds every table from the raw folder with the library's own build (``build_tables``,
what every ``load_*`` uses; no cache) and reads the manifest with the library's reader
(only the gold labels are read here), then scores each fact table the way
the project's scorer does: a fact is its value key (membership and donors: the count;
money: whole pounds; votes: the two sides of the split, whichever is "for", plus
abstentions, or "unanimous") within its report, matched to a gold fact with the same key
in the same report (same title, or same raw file).  Duplicates of one fact count once;
gold rows marked ``in_comment`` are not facts.  Attribute accuracy is measured over
matched facts: membership ``measure``; money ``category`` and ``fundraising``; votes
``for_side`` (whether the larger number voted for) and ``outcome``.  Positions (how
named members voted, ``nr.load_positions``) are matched on (report, member, stance).

Prints precision, recall, F1 and attribute accuracy per table, then the missed and
spurious facts.  ``--min votes=0.97`` exits 1 when a table's F1 is below target.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("membership", "votes", "money", "donors")
#: The issue's targets on the development gold.
TARGETS = {"membership": 0.97, "votes": 0.97, "money": 0.93, "donors": 0.93}
# positions (how named members voted) are scored on (report, member, stance) when the
# gold folder has positions.csv; see score_positions.


def norm(s: object) -> str:
    t = unicodedata.normalize("NFKC", str(s or ""))
    t = t.translate(str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'"}))
    return re.sub(r"\s+", " ", t).strip().lower()


def truthy(v: object) -> bool:
    return str(v).strip().lower() in {"true", "1", "yes", "t", "y"}


def num(v: object) -> float | None:
    s = str(v if v is not None else "").strip().replace(",", "").replace("£", "")
    if s.lower() in {"", "nan", "none", "null", "<na>"}:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def key_of(kind: str, row: dict) -> tuple | None:
    if kind in ("membership", "donors"):
        v = num(row.get("value"))
        return None if v is None else ("n", round(v))
    if kind == "money":
        v = num(row.get("amount_gbp"))
        return None if v is None else ("gbp", round(v))
    f, a, ab = (num(row.get(k)) for k in ("votes_for", "votes_against", "abstentions"))
    if f is None and a is None:
        return ("unanimous",) if truthy(row.get("unanimous")) else None
    lo, hi = sorted((round(f or 0, 1), round(a or 0, 1)))
    return ("split", lo, hi, round(ab or 0, 1))


def attrs_of(kind: str, row: dict) -> dict:
    if kind == "membership":
        return {"measure": norm(row.get("measure"))}
    if kind == "money":
        return {
            "category": norm(row.get("category")),
            "fundraising": truthy(row.get("fundraising")),
        }
    if kind == "votes":
        out: dict[str, object] = {}
        f, a = num(row.get("votes_for")), num(row.get("votes_against"))
        if f is not None and a is not None and f != a:
            out["for_side"] = f > a
        if row.get("outcome") not in (None, "") and str(row.get("outcome")) != "nan":
            out["outcome"] = norm(row.get("outcome"))
        return out
    return {}


def collect(rows: list[dict], kind: str, title_of, files_of) -> list[dict]:
    """Facts keyed by (report title, value key); one per duplicate."""
    facts: dict[tuple, dict] = {}
    for row in rows:
        if truthy(row.get("in_comment")):
            continue
        k = key_of(kind, row)
        if k is None:
            continue
        title = title_of(row)
        f = facts.setdefault(
            (title, k),
            {"key": k, "title": title, "files": set(), "attrs": attrs_of(kind, row), "row": row},
        )
        f["files"] |= files_of(row)
    return list(facts.values())


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Match predicted facts to gold ones: same key in the same report (same title
    first, then a shared raw file), each gold fact at most once."""
    used: set[int] = set()
    attr: dict[str, list[int]] = {}
    pairs: dict[int, int] = {}

    def same_title(p: dict, g: dict) -> bool:
        return p["key"] == g["key"] and p["title"] == g["title"]

    def same_file(p: dict, g: dict) -> bool:
        return p["key"] == g["key"] and bool(p["files"] & g["files"])

    for rule in (same_title, same_file):
        for j, p in enumerate(pred):
            if j in pairs:
                continue
            hit = next((i for i, g in enumerate(gold) if i not in used and rule(p, g)), None)
            if hit is not None:
                used.add(hit)
                pairs[j] = hit
    spurious = [
        p
        for j, p in enumerate(pred)
        if j not in pairs and not any(same_title(p, g) or same_file(p, g) for g in gold)
    ]
    matched = len(pairs)
    for j, i in pairs.items():
        for name, want in gold[i]["attrs"].items():
            if name in pred[j]["attrs"]:
                h = attr.setdefault(name, [0, 0])
                h[0] += int(pred[j]["attrs"][name] == want)
                h[1] += 1
    n_pred = matched + len(spurious)
    prec = matched / n_pred if n_pred else (1.0 if not gold else 0.0)
    rec = matched / len(gold) if gold else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "gold": len(gold),
        "pred": n_pred,
        "matched": matched,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "attributes": {k: round(h / n, 4) for k, (h, n) in attr.items() if n},
        "missed": [f"{g['title']!r} {g['key']}" for i, g in enumerate(gold) if i not in used],
        "spurious": [
            f"{p['title']!r} {p['key']} {p['row'].get('fact_id')}: "
            f"{str(p['row'].get('evidence'))[:120]!r}"
            for p in spurious
        ],
    }


def score_positions(gold: list[dict], pred: list[dict]) -> dict:
    """How members voted: a position is (report title, member, stance); each side's
    duplicates count once, gold rows marked ``in_comment`` are left out."""
    want = {
        (norm(r.get("title")), norm(r.get("member")), norm(r.get("stance")))
        for r in gold
        if not truthy(r.get("in_comment"))
    }
    got = {(norm(r.get("title")), norm(r.get("member")), norm(r.get("stance"))) for r in pred}
    hit = len(want & got)
    prec = hit / len(got) if got else (1.0 if not want else 0.0)
    rec = hit / len(want) if want else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "gold": len(want),
        "pred": len(got),
        "matched": hit,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "attributes": {},
        "missed": [f"{t!r} {m} {s}" for t, m, s in sorted(want - got)],
        "spurious": [f"{t!r} {m} {s}" for t, m, s in sorted(got - want)],
    }


def positions_result(build, gold_dir: Path) -> dict:
    """Positions (``nr.load_positions``) of a build against ``gold_dir/positions.csv``."""
    from nec_reports.analysis import decisions, positions

    t = build.tables
    pos = positions(t["reports"], t["sections"], t["votes"], decisions(t["votes"], t["reports"]))
    title_by_id = dict(zip(t["reports"]["report_id"], t["reports"]["title"], strict=True))
    pred = [
        {"title": title_by_id.get(r.report_id, ""), "member": r.member, "stance": r.stance}
        for r in pos.itertuples()
    ]
    return score_positions(read_csv(gold_dir / "positions.csv"), pred)


def read_csv(path: Path) -> list[dict]:
    """A gold-label file (hand-checked labels, not a table the library writes)."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="KIND=F1",
        help="exit 1 if KIND's F1 is below F1 ('targets' for the issue's targets)",
    )
    args = ap.parse_args(argv)

    from nec_reports.build import build_tables
    from nec_reports.corpus import read_manifest

    t0 = time.perf_counter()
    build = build_tables(args.raw, use_cache=False)
    seconds = time.perf_counter() - t0
    reports = build.tables["reports"]
    title_by_id = {r.report_id: norm(r.title) for r in reports.itertuples()}
    files_by_id = {r.report_id: set(str(r.source_file).split(";")) for r in reports.itertuples()}
    # gold rows name raw files by their seed names; the manifest maps them to ours
    sources, _ = read_manifest(args.raw)
    seed_to_file = {s.original_name: s.file for s in sources.values() if s.original_name}

    result: dict[str, dict] = {}
    for kind in KINDS:
        gold = collect(
            read_csv(args.gold / f"{kind}.csv"),
            kind,
            lambda r: norm(r.get("title")),
            lambda r: {seed_to_file.get(r.get("file", ""), r.get("file", ""))},
        )
        rows = build.tables[kind].astype(object).where(build.tables[kind].notna(), None)
        pred = collect(
            rows.to_dict("records"),
            kind,
            lambda r: title_by_id.get(r["report_id"], ""),
            lambda r: files_by_id.get(r["report_id"], set()),
        )
        result[kind] = score(gold, pred)
    if (args.gold / "positions.csv").exists():
        result["positions"] = positions_result(build, args.gold)

    if args.json:
        print(json.dumps({"build_seconds": round(seconds, 2), **result}, indent=2))
    else:
        print(f"built {len(reports)} reports in {seconds:.1f}s from {args.raw}")
        print(
            f"{'table':<11} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"
            "  attributes"
        )
        for kind, r in result.items():
            at = " ".join(f"{k}={v:.2f}" for k, v in r["attributes"].items())
            print(
                f"{kind:<11} {r['gold']:>5} {r['pred']:>5} {r['matched']:>5} "
                f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  {at}"
            )
        for kind, r in result.items():
            for label in ("missed", "spurious"):
                for item in r[label]:
                    print(f"{kind} {label}: {item}")
    wanted = dict(TARGETS) if "targets" in args.min else {}
    for spec in args.min:
        if spec != "targets":
            kind, _, val = spec.partition("=")
            wanted[kind] = float(val)
    failed = [
        f"{k} F1 {result[k]['f1']} < {v}"
        for k, v in wanted.items()
        if k not in result or result[k]["f1"] < v
    ]
    if failed:
        print("below target: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
