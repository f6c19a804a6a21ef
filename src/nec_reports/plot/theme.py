"""One look for every chart: seaborn theme, colour-blind-safe colours, titles, axis
formatters and the source line under each chart."""

from __future__ import annotations

import textwrap
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FuncFormatter

#: seaborn's "colorblind" palette (Okabe-Ito-like); yellow and pink are left out of the
#: category colours because they are hard to see on white.
PALETTE: list[str] = sns.color_palette("colorblind").as_hex()
_BLUE, _ORANGE, _GREEN, _VERMILLION, _PURPLE, _BROWN, _PINK, _GREY, _YELLOW, _SKY = PALETTE
CYCLE: list[str] = [_BLUE, _ORANGE, _GREEN, _VERMILLION, _PURPLE, _BROWN, _SKY, _GREY]
#: Marker shapes for reporters; "x", "+" and "." are kept for outside figures.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "<", ">", "p"]

#: Fixed colours for the categories the tables use, so a body or measure has the same
#: colour in every chart.
BODY_COLORS: dict[str, str] = {
    "nec": _BLUE,
    "organisation": _ORANGE,
    "disputes": _GREEN,
    "equalities": _VERMILLION,
    "complaints": _PURPLE,
    "npf": _BROWN,
    "conference": _SKY,
    "other": _GREY,
}
MEASURE_COLORS: dict[str, str] = {
    "members": _BLUE,
    "paid_up": _GREEN,
    "arrears": _VERMILLION,
    "joined": _ORANGE,
    "left": _PURPLE,
    "eligible": _BROWN,
    "other": _GREY,
}
CATEGORY_COLORS: dict[str, str] = {
    "donations": _BLUE,
    "membership_income": _GREEN,
    "conference_income": _ORANGE,
    "spending": _VERMILLION,
    "grants": _PURPLE,
    "threshold": _BROWN,
    "other": _GREY,
}
LABELS: dict[str, str] = {
    "nec": "NEC",
    "npf": "National Policy Forum",
    "organisation": "Organisation committee",
    "disputes": "Disputes panel",
    "equalities": "Equalities committee",
    "complaints": "Complaints",
    "conference": "Conference",
    "other": "Other",
    "members": "Members (total)",
    "paid_up": "Paid-up members",
    "arrears": "In arrears",
    "joined": "Joined",
    "left": "Left",
    "eligible": "Eligible to vote",
    "donations": "Donations",
    "membership_income": "Membership income",
    "conference_income": "Conference income",
    "spending": "Spending",
    "grants": "Grants",
    "threshold": "Thresholds",
}

DPI = 200
SOURCE_FONTSIZE = 8


def label(key: object) -> str:
    """A reader's label for a category code (``paid_up`` -> ``Paid-up members``)."""
    s = str(key)
    return LABELS.get(s, s.replace("_", " ").capitalize())


def color_map(keys: Sequence[object], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A colour for each key: the fixed colour if it has one, else the next free one."""
    fixed = fixed or {}
    out: dict[str, str] = {}
    free = [c for c in CYCLE if c not in fixed.values()] or CYCLE
    i = 0
    for k in keys:
        s = str(k)
        if s in fixed:
            out[s] = fixed[s]
        else:
            out[s] = free[i % len(free)]
            i += 1
    return out


def marker_map(keys: Sequence[object]) -> dict[str, str]:
    return {str(k): MARKERS[i % len(MARKERS)] for i, k in enumerate(keys)}


def rc() -> dict[str, Any]:
    """The matplotlib settings every chart is drawn with."""
    params: dict[str, Any] = {}
    params.update(sns.axes_style("whitegrid"))
    params.update(sns.plotting_context("notebook", font_scale=0.9))
    params.update(
        {
            "axes.prop_cycle": cycler(color=CYCLE),
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 10,
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "svg.fonttype": "none",
            "legend.frameon": False,
            "legend.fontsize": 9,
            "legend.title_fontsize": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return params


# matplotlib's stubs type rcParams keys as literals; the theme's keys are checked at run time.
_RC: Any = mpl.rcParams


def use_theme() -> None:
    """Make the chart theme the default for the session (notebooks call this once)."""
    _RC.update(rc())


@contextmanager
def themed() -> Iterator[None]:
    """Draw inside this to get the theme without changing global settings.

    Only the theme's own settings are restored afterwards (not all of them, as
    ``rc_context`` does), so a backend that switches on interactive mode when the first
    figure is made (Jupyter's inline backend) keeps it on."""
    params = rc()
    saved = {k: _RC[k] for k in params}
    _RC.update(params)
    try:
        yield
    finally:
        _RC.update(saved)


def new_figure(width: float = 9.0, height: float = 5.0, **kwargs: Any) -> Figure:
    """A figure with constrained layout; ``finish`` makes room for the source line."""
    return plt.figure(figsize=(width, height), layout="constrained", **kwargs)


#: Alt text of each figure drawn here (a description for readers who cannot see it),
#: kept beside the figure, not on it: see :func:`alt_text`.
_ALT: weakref.WeakKeyDictionary[Figure, tuple[str, str]] = weakref.WeakKeyDictionary()


def alt_text(fig: Figure) -> str:
    """The figure's alt text: what it shows, in words, with its main numbers ("" if none)."""
    return _ALT.get(fig, ("", ""))[1]


def alt_title(fig: Figure) -> str:
    """The figure's title, as stored with its alt text."""
    return _ALT.get(fig, ("", ""))[0]


def set_alt_text(fig: Figure, title: str, text: str) -> None:
    _ALT[fig] = (title, " ".join(text.split()))


def finish(
    fig: Figure,
    source: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    alt: str | None = None,
) -> Figure:
    """Add the overall title (for multi-panel figures), a subtitle and the source line
    under the chart, reserving room for them so nothing overlaps.  ``alt`` is the
    figure's alt text (what the chart shows, in words); the title, subtitle and source
    line are added to it."""
    words = [p for p in (alt, subtitle and f"{subtitle}.", source) if p]
    set_alt_text(fig, title or "", " ".join(words))
    width_in, height_in = fig.get_size_inches()
    chars = max(40, int(width_in * 15))
    lines = textwrap.wrap(source, chars) or [""]
    line_in = SOURCE_FONTSIZE * 1.45 / 72
    bottom = (len(lines) * line_in + 0.12) / height_in
    top = 1.0
    if title:
        top_in = 0.42 + (0.28 if subtitle else 0.0)
        top = 1 - top_in / height_in
        fig.text(
            0.01, 1 - 0.1 / height_in, title, ha="left", va="top", fontsize=13, fontweight="bold"
        )
        if subtitle:
            fig.text(
                0.01, 1 - 0.4 / height_in, subtitle, ha="left", va="top", fontsize=10, color="0.25"
            )
    fig.text(
        0.01,
        0.06 / height_in,
        "\n".join(lines),
        ha="left",
        va="bottom",
        fontsize=SOURCE_FONTSIZE,
        color="0.35",
        linespacing=1.3,
    )
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, bottom, 1, top - bottom))
    return fig


def date_axis(ax: Axes, axis: str = "x") -> None:
    """Readable dates on a time axis: ticks chosen for the span, concise labels."""
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _money(x: float, _pos: object = None) -> str:
    a = abs(x)
    if a >= 1e9:
        s = f"£{x / 1e9:,.3g}bn"
    elif a >= 1e6:
        s = f"£{x / 1e6:,.3g}m"
    elif a >= 1e3:
        s = f"£{x / 1e3:,.3g}k"
    else:
        s = f"£{x:,.0f}"
    return s


def gbp(x: float) -> str:
    """£1,700,000 -> '£1.7m'."""
    return _money(x)


money_formatter = FuncFormatter(_money)
thousands_formatter = FuncFormatter(lambda x, _pos: f"{x / 1000:,.0f}")
count_formatter = FuncFormatter(lambda x, _pos: f"{x:,.0f}")


def month(ts: object, missing: str = "?") -> str:
    """A timestamp as 'Mar 2021' (``missing`` if there is none)."""
    if ts is None or pd.isna(ts):  # type: ignore[call-overload]
        return missing
    return pd.Timestamp(ts).strftime("%b %Y")  # type: ignore[arg-type]


def no_data(ax: Axes, message: str) -> None:
    """Say plainly on the chart that there is nothing to draw."""
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=11,
        color="0.3",
        wrap=True,
    )
    ax.set_xticks([])
    ax.set_yticks([])
