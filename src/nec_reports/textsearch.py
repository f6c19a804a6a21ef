"""Full-text search over the sentences of every report (SQLite FTS5, standard library).

    >>> import nec_reports as nr
    >>> nr.search('"rule change"', author="Ann Black", since="2022-01-01")

A query is words (all must occur), ``"quoted phrases"``, ``prefix*`` and the operators
``OR`` and ``NOT`` (upper case).  Words are stemmed (Porter: "elections" finds
"election") and spelling variants meet: case is ignored, a hyphenated word is indexed both
joined and split ("anti-semitism" finds "antisemitism" and the other way round; "election"
finds "by-election") and British -ise/-isation spellings match American -ize/-ization.

The index is one SQLite file per corpus, built from the ``reports`` and ``sections`` tables
(the same ``build_tables`` as every ``load_*``) and kept in the cache folder; the same
tables are what ``nec-reports export --sqlite`` writes, so :func:`search` also runs on an
exported file (``db=``).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .schema import Col, frame

PathLike = str | Path

#: Columns of a :func:`search` result (an empty result has them all, typed).
RESULTS: dict[str, Col] = {
    "report_id": Col("str", "The report the sentence is in.", nullable=False),
    "author": Col("str", "Who wrote that report."),
    "title": Col("str", "The report's title."),
    "meeting_date": Col("datetime64[s]", "Date of the meeting the sentence's section reports."),
    "sentence": Col("str", "The sentence as written.", nullable=False),
    "start": Col("Int64", "Offset of the sentence in the report text.", nullable=False),
    "end": Col("Int64", "Offset just past the sentence.", nullable=False),
    "source_url": Col("str", "URL of the page the report was captured from."),
    "rank": Col("Int64", "1 for the best match (BM25), then 2, 3, ...", nullable=False),
}

#: Columns of the ``sentences`` table written to SQLite (and searched through FTS5).
SENTENCES: dict[str, Col] = {
    "sentence_id": Col("Int64", "Row id: the sentence's place in the whole corpus, from 1."),
    "report_id": Col("str", "The report the sentence is in (joins `reports`)."),
    "section": Col("Int64", "The report section it sits in (joins `sections`)."),
    "meeting_date": Col(
        "datetime64[s]", "Date of the meeting the section reports, else the report's one meeting."
    ),
    "start": Col("Int64", "Offset of the sentence's first character in the report text."),
    "end": Col("Int64", "Offset just past its last character."),
    "sentence": Col("str", "The sentence: the report's text[start:end]."),
}

FTS_TABLE = "sentences_fts"
TOKENIZER = "porter unicode61 remove_diacritics 2"

_HYPHENS = re.compile(r"(?<=\w)[-‐‑‒–—](?=\w)")
_HYPHENATED = re.compile(r"(?<!\w)\w+(?:[-‐‑‒–—]\w+)+")
_HYPHEN_CHARS = frozenset("-‐‑‒–—")
_ISE = re.compile(r"(?<=\w{3})is(ation|ations|e|ed|es|ing)\b")
_QUERY_TOKEN = re.compile(r'"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, hyphens joined ("anti-semitism" -> "antisemitism"), -ise -> -ize."""
    return _ISE.sub(r"iz\1", _HYPHENS.sub("", text.lower()))


def split_hyphens(text: str) -> str:
    """The hyphenated words of ``text``, split into their parts (what the joined form
    hides from a search for one part: "by-election" -> "by election")."""
    if _HYPHEN_CHARS.isdisjoint(text):
        return ""
    words = (m.group(0) for m in _HYPHENATED.finditer(text.lower()))
    return " ".join(_ISE.sub(r"iz\1", _HYPHENS.sub(" ", w)) for w in words)


#: A prefix matching more words than this is left to FTS5's own (stemmed) prefix search.
MAX_EXPANSION = 200

Words = Callable[[str], list[str] | None]


def fts_query(query: str, words: Words | None = None) -> str:
    """A user's query as an FTS5 expression.  Every word and phrase is quoted, so
    punctuation can never be a syntax error.  ``words(prefix)`` lists the indexed words a
    ``prefix*`` stands for: FTS5 stems the prefix itself, so "organis*" would miss
    "organisation" (stem "organ"); the words found are searched instead, stemmed alike."""
    parts = []
    for m in _QUERY_TOKEN.finditer(query):
        phrase, star, word = m.groups()
        star = star or ""
        if word in ("OR", "NOT", "AND"):
            parts.append(word)
            continue
        if word is not None:
            phrase = word
        if phrase.endswith("*"):
            star, phrase = "*", phrase.rstrip("*")
        text = " ".join(_WORD.findall(normalise(phrase)))
        if not text:
            continue
        found = words(text) if star and words is not None and " " not in text else None
        if found:
            parts.append("(" + " OR ".join(f'"{w}"' for w in found) + ")")
        else:
            parts.append(f'"{text}"{star}')
    while parts and parts[-1] in ("OR", "NOT", "AND"):
        parts.pop()
    while parts and parts[0] in ("OR", "AND", "NOT"):
        parts.pop(0)
    return " ".join(parts)


def prefix_variants(prefix: str) -> list[str]:
    """The prefixes a normalised prefix may have in the index ("organis" -> also
    "organiz", since "organisation" is indexed as "organization")."""
    out = [prefix]
    if len(prefix) > 4 and prefix.endswith("is"):
        out.append(prefix[:-2] + "iz")
    return out


def vocabulary(con: sqlite3.Connection) -> Words:
    """``words(prefix)`` from the ``search_words`` table, None when there are too many."""

    def words(prefix: str) -> list[str] | None:
        found: list[str] = []
        for p in prefix_variants(prefix):
            found += [
                w
                for (w,) in con.execute(
                    "SELECT word FROM search_words WHERE word >= ? AND word < ? LIMIT ?",
                    (p, p + "\U0010ffff", MAX_EXPANSION + 1),
                )
            ]
        return sorted(set(found)) if 0 < len(found) <= MAX_EXPANSION else None

    return words


# --------------------------------------------------------------------------- building


def _iso(v: Any) -> str | None:
    if v is None or pd.isna(v):
        return None
    ts = pd.Timestamp(v)
    return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.isoformat()


def sentence_rows(reports: pd.DataFrame, sections: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """Every sentence of every report as a ``sentences`` row (:data:`SENTENCES` order,
    the meeting date as ISO text): its section, the section's meeting date (else the
    report's one meeting), offsets and text."""
    from .facts.sentences import split_sentences

    by_report: dict[str, list[tuple[int, int, str | None]]] = {}
    for s in sections.sort_values(["report_id", "start"]).itertuples():
        by_report.setdefault(s.report_id, []).append((s.start, s.section, _iso(s.meeting_date)))
    n = 0
    for r in reports.itertuples():
        secs = by_report.get(r.report_id, [])
        starts = [x[0] for x in secs]
        dates = r.meeting_dates if isinstance(r.meeting_dates, list) else []
        only = _iso(dates[0]) if len(dates) == 1 else None
        for sent in split_sentences(r.text or ""):
            i = bisect.bisect_right(starts, sent.start) - 1
            section, when = (secs[i][1], secs[i][2] or only) if i >= 0 else (None, only)
            n += 1
            yield (n, r.report_id, section, when, sent.start, sent.end, sent.text)


def sentences_frame(reports: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every report."""
    df = pd.DataFrame(list(sentence_rows(reports, sections)), columns=list(SENTENCES))
    return frame(df.to_dict("records"), SENTENCES)


def write_fts(con: sqlite3.Connection, sentences: Iterable[tuple[int, str]]) -> None:
    """The FTS5 index ``sentences_fts`` (rowid = ``sentences.sentence_id``): a contentless
    table of the normalised text (``joined``) and the split hyphenated words (``split``)."""
    con.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    con.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(joined, split, content='', "
        f"tokenize='{TOKENIZER}')"
    )
    vocab: set[str] = set()
    rows = []
    for i, text in sentences:
        joined, split = normalise(text), split_hyphens(text)
        vocab.update(_WORD.findall(joined), _WORD.findall(split))
        rows.append((i, joined, split))
    con.executemany(f"INSERT INTO {FTS_TABLE}(rowid, joined, split) VALUES (?, ?, ?)", rows)
    con.execute("DROP TABLE IF EXISTS search_words")
    con.execute("CREATE TABLE search_words (word TEXT PRIMARY KEY) WITHOUT ROWID")
    con.executemany("INSERT INTO search_words VALUES (?)", ((w,) for w in sorted(vocab)))


def _index_key(reports: pd.DataFrame, sections: pd.DataFrame) -> str:
    h = hashlib.sha256(b"search/2/" + TOKENIZER.encode())
    for r in reports[["report_id", "author", "title", "source_url", "published"]].itertuples():
        h.update(repr(tuple(r)).encode())
    for t in reports["text"]:
        h.update(hashlib.sha256(str(t).encode()).digest())
    h.update(pd.util.hash_pandas_object(sections[["report_id", "start", "section"]]).values)
    h.update(repr(sections["meeting_date"].tolist()).encode())
    return h.hexdigest()[:24]


def sql_rows(df: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """A DataFrame's rows as SQLite values, converted a column at a time: missing values
    None, dates ISO text (with the time where one is given), true/false 1/0, lists
    ';'-joined, numbers as Python numbers."""
    cols = []
    for name in df.columns:
        s = df[name]
        if pd.api.types.is_datetime64_any_dtype(s):
            timed = bool((s.dropna() != s.dropna().dt.normalize()).any())
            text = s.dt.strftime("%Y-%m-%dT%H:%M:%S" if timed else "%Y-%m-%d")
            cols.append([None if pd.isna(v) else v for v in text])
        elif isinstance(s.dtype, pd.BooleanDtype) or s.dtype == bool:
            cols.append([None if pd.isna(v) else int(v) for v in s])
        elif s.dtype == object and s.map(lambda v: isinstance(v, list)).any():
            cols.append([";".join(map(str, v)) if isinstance(v, list) else None for v in s])
        else:
            cols.append(s.astype(object).where(s.notna(), None).tolist())
    return zip(*cols, strict=True) if cols else iter(())


def write_index(path: Path, reports: pd.DataFrame, sections: pd.DataFrame) -> None:
    """A standalone search database: ``reports`` (the columns a hit shows), ``sentences``
    and the FTS index.  Written to a temporary file and moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".sqlite.tmp")
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as con:
            con.execute(
                "CREATE TABLE reports (report_id TEXT PRIMARY KEY, author TEXT, title TEXT, "
                "published TEXT, source_url TEXT)"
            )
            cols = ["report_id", "author", "title", "published", "source_url"]
            con.executemany("INSERT INTO reports VALUES (?, ?, ?, ?, ?)", sql_rows(reports[cols]))
            write_sentences(con, sentence_rows(reports, sections))
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_sentences(con: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """The ``sentences`` table (foreign key to ``reports``) from :func:`sentence_rows`,
    and its FTS index."""
    sentences = list(rows)
    con.execute(
        "CREATE TABLE sentences (sentence_id INTEGER PRIMARY KEY, report_id TEXT NOT NULL "
        "REFERENCES reports(report_id), section INTEGER, meeting_date TEXT, start INTEGER, "
        '"end" INTEGER, sentence TEXT NOT NULL)'
    )
    con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?)", sentences)
    con.execute("CREATE INDEX sentences_report_id ON sentences(report_id)")
    write_fts(con, ((row[0], row[-1]) for row in sentences))


def index_path(raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None) -> Path:
    """The search database for a corpus, built on first use (and after any change)."""
    from . import cache
    from .build import build_tables

    tables = build_tables(raw_dir, cache_dir=cache_dir).tables
    reports, sections = tables["reports"], tables["sections"]
    path = cache.cache_root(cache_dir) / f"search-{_index_key(reports, sections)}.sqlite"
    if not path.exists():
        write_index(path, reports, sections)
    return path


# --------------------------------------------------------------------------- searching


def _day(v: str | date | None, name: str) -> str | None:
    if v is None or v == "":
        return None
    try:
        return pd.Timestamp(v).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        raise ValueError(f"{name}: not a date: {v!r} (use YYYY-MM-DD)") from None


_SQL = """
SELECT s.report_id, r.author, r.title, s.meeting_date, s.sentence, s.start, s."end",
       r.source_url
FROM {fts} AS f JOIN sentences AS s ON s.sentence_id = f.rowid
JOIN reports AS r ON r.report_id = s.report_id
WHERE {fts} MATCH :match {where}
ORDER BY bm25({fts}), coalesce(s.meeting_date, r.published), s.report_id, s.start
"""


def search(
    query: str,
    author: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    *,
    limit: int | None = None,
    raw_dir: PathLike | None = None,
    cache_dir: PathLike | None = None,
    db: PathLike | None = None,
) -> pd.DataFrame:
    """Sentences matching ``query``, best first (columns: :data:`RESULTS`).

    ``author`` keeps one writer's reports (case ignored); ``since``/``until`` (dates,
    inclusive) keep sentences whose meeting (else the report's publication) falls in the
    range.  ``db`` searches a file written by ``nec-reports export --sqlite`` instead of
    the corpus in ``raw_dir``.
    """
    path = Path(db) if db is not None else index_path(raw_dir, cache_dir=cache_dir)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sql, params = _search_sql(fts_query(query, vocabulary(con)), author, since, until, limit)
        rows = con.execute(sql, params).fetchall() if sql else []
    finally:
        con.close()
    names = [c for c in RESULTS if c != "rank"]
    return frame(
        ({**dict(zip(names, row, strict=True)), "rank": i} for i, row in enumerate(rows, 1)),
        RESULTS,
    )


def _search_sql(
    match: str,
    author: str | None,
    since: str | date | None,
    until: str | date | None,
    limit: int | None,
) -> tuple[str, dict[str, str]]:
    if not match:
        return "", {}
    where, params = [], {"match": match}
    if author:
        where.append("AND lower(r.author) = lower(:author)")
        params["author"] = author.strip()
    lo, hi = _day(since, "since"), _day(until, "until")
    if lo:
        where.append("AND substr(coalesce(s.meeting_date, r.published), 1, 10) >= :since")
        params["since"] = lo
    if hi:
        where.append("AND substr(coalesce(s.meeting_date, r.published), 1, 10) <= :until")
        params["until"] = hi
    sql = _SQL.format(fts=FTS_TABLE, where=" ".join(where))
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params
