"""Tables for reading: counts as whole numbers, money in pounds, dates as dates.

``display(df)`` prints a count stored as a float (or a nullable integer beside a missing
value) as ``530000.0``; :func:`readable` formats each column by what it holds instead::

    display(nr.plot.readable(series[["as_of", "measure", "value", "n_reports"]]))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from .theme import gbp

#: Column names that hold pounds (``amount_gbp``, ``raised_max_gbp``, ...).
MONEY_HINTS = ("gbp", "amount")
#: Column names that hold percentages.
PCT_HINTS = ("pct", "percent", "share")


def _is_money(name: str) -> bool:
    return any(h in name.lower() for h in MONEY_HINTS)


def _is_pct(name: str) -> bool:
    return any(h in name.lower() for h in PCT_HINTS)


def _whole(s: pd.Series) -> bool:
    v = pd.to_numeric(s, errors="coerce").dropna()
    return bool(len(v) == 0 or ((v % 1) == 0).all())


def _pounds(x: object) -> str:
    return "" if x is None or pd.isna(x) else gbp(float(x))  # type: ignore[arg-type]


def _count(x: object) -> str:
    return "" if x is None or pd.isna(x) else f"{int(x):,}"  # type: ignore[call-overload]


def _number(x: object) -> str:
    return "" if x is None or pd.isna(x) else f"{float(x):,.1f}"  # type: ignore[arg-type]


def _percent(x: object) -> str:
    return "" if x is None or pd.isna(x) else f"{float(x):.1f}%"  # type: ignore[arg-type]


def _change(x: object) -> str:
    return "" if x is None or pd.isna(x) else f"{float(x):+.1f}%"  # type: ignore[arg-type]


def _day(x: object) -> str:
    if x is None or pd.isna(x):  # type: ignore[call-overload]
        return ""
    ts = pd.Timestamp(x)  # type: ignore[arg-type]
    return ts.strftime("%Y-%m-%d")


def _listed(x: object) -> str:
    if isinstance(x, (list, tuple, np.ndarray)):
        return "; ".join(str(v) for v in x)
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else str(x)


def formatters(
    df: pd.DataFrame,
    *,
    money: Iterable[str] | None = None,
    counts: Iterable[str] | None = None,
) -> dict[str, Callable[[object], str]]:
    """A formatter for each column: pounds for money columns (named ``*gbp*`` or
    ``*amount*``, or listed in ``money``), whole numbers with thousands separators for
    counts (numbers that are all whole, or listed in ``counts``), percentages for ``*pct*``
    columns (signed for a ``diff`` or ``change``), dates as days, lists joined with ``;``."""
    money = set(money or [])
    counts = set(counts or [])
    out: dict[str, Callable[[object], str]] = {}
    for col in df.columns:
        s = df[col]
        name = str(col)
        if col in money or (_is_money(name) and pd.api.types.is_numeric_dtype(s)):
            out[col] = _pounds
        elif pd.api.types.is_bool_dtype(s):
            continue
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = _day
        elif pd.api.types.is_numeric_dtype(s):
            if _is_pct(name) and col not in counts:
                signed = "diff" in name or "change" in name
                out[col] = _change if signed else _percent
            elif col in counts or _whole(s):
                out[col] = _count
            else:
                out[col] = _number
        elif s.dtype == object and any(isinstance(v, (list, tuple, np.ndarray)) for v in s):
            out[col] = _listed
    return out


def readable(
    df: pd.DataFrame | pd.Series | Styler,
    *,
    money: Iterable[str] | None = None,
    counts: Iterable[str] | None = None,
    hide_index: bool | None = None,
) -> Styler:
    """``df`` as a pandas Styler for reading (see :func:`formatters`); a plain
    0, 1, 2, ... index is hidden unless ``hide_index`` is False."""
    if isinstance(df, Styler):  # already styled for reading
        return df
    frame = df.to_frame() if isinstance(df, pd.Series) else df
    styler = frame.style.format(formatters(frame, money=money, counts=counts), na_rep="")
    if isinstance(frame.index, pd.MultiIndex) or not pd.api.types.is_numeric_dtype(frame.index):
        pass
    elif frame.index.name is None and pd.api.types.is_integer_dtype(frame.index):
        hide_index = True if hide_index is None else hide_index
    index_formats: dict[Any, Callable[[object], str]] = {}
    if pd.api.types.is_datetime64_any_dtype(frame.index):
        index_formats = {"formatter": _day}
    if index_formats:
        styler = styler.format_index(**index_formats)
    if hide_index:
        styler = styler.hide(axis="index")
    return styler


def say(text: str) -> None:
    """Show, in a notebook, a sentence whose numbers were computed in the same cell."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def show(table: pd.DataFrame | pd.Series | Styler) -> None:
    """Show a table for reading in a notebook (:func:`readable`): counts as whole numbers,
    money in pounds, dates as days."""
    from IPython.display import display

    display(readable(table))
