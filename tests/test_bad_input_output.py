"""Issue 12, item 6: the output folder is replaced whole, under a lock; killed builds
leave nothing behind; a bad --out is a one-line error, not a traceback."""

from __future__ import annotations

import fcntl
import os

import pytest

from nec_reports import output
from nec_reports.build import build_tables, write_tables
from nec_reports.cli import main
from nec_reports.errors import BuildError

PAGE = "NEC Report – 5 March 2024\n\nThe NEC met on 5 March 2024. We agreed the budget.\n"


@pytest.fixture
def two_builds(make_raw, tmp_path):
    raw = make_raw({"p.txt": PAGE})
    first = build_tables(raw, use_cache=False)
    (raw / "q.txt").write_text(PAGE.replace("5 March", "6 March"), encoding="utf-8")
    second = build_tables(raw, use_cache=False)
    return first, second, tmp_path / "out"


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_build_killed_mid_write_leaves_the_old_output_whole(two_builds, monkeypatch):
    first, second, out = two_builds
    write_tables(first, out)
    before = snapshot(out)
    calls = []

    def killed(self, *a, **k):
        calls.append(1)
        if len(calls) == 5:  # files.csv and others from the new build are already written
            raise KeyboardInterrupt

    real = type(first.tables["files"]).to_parquet
    monkeypatch.setattr(
        "pandas.DataFrame.to_parquet", lambda self, *a, **k: killed(self) or real(self, *a, **k)
    )
    with pytest.raises(KeyboardInterrupt):
        write_tables(second, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == [".out.lock"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_the_new_output_replaces_the_old_whole(two_builds, monkeypatch, exchange):
    first, second, out = two_builds
    write_tables(first, out)
    (out / "README.md").write_text("notes kept by the user")
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    write_tables(second, out)
    assert "files read: 2" in (out / "summary.txt").read_text()
    assert (out / "README.md").read_text() == "notes kept by the user"
    assert (out / "reports.csv").read_text().count("NEC Report") == 2
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == [".out.lock"]


def test_stale_build_folders_are_cleaned(two_builds):
    first, _, out = two_builds
    write_tables(first, out)
    (out.parent / ".out.building-abc123").mkdir()
    (out.parent / ".out.building-abc123" / "files.csv").write_text("half")
    (out / ".building-old").mkdir()
    write_tables(first, out)
    assert not list(out.parent.glob(".out.building-*"))
    assert not list(out.glob(".building-*"))


def test_two_builds_into_one_folder_cannot_interleave(two_builds):
    first, _, out = two_builds
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out.parent / ".out.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match=r"another build is writing to .*out"):
            write_tables(first, out)
    finally:
        os.close(fd)
    write_tables(first, out)  # released: the next build goes ahead
    assert (out / "files.csv").exists()


def _one_line_error(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err, err


def test_out_that_is_a_file(make_raw, tmp_path, capsys):
    raw = make_raw({"p.txt": PAGE})
    (tmp_path / "o.txt").write_text("x")
    argv = ["build", "--raw", str(raw), "--out", str(tmp_path / "o.txt")]
    _one_line_error(capsys, argv, "o.txt is a file, not a folder")


def test_out_equal_to_raw(make_raw, capsys):
    raw = make_raw({"p.txt": PAGE})
    _one_line_error(capsys, ["build", "--raw", str(raw), "--out", str(raw)], "is the raw folder")
    _one_line_error(
        capsys, ["build", "--raw", str(raw), "--out", str(raw / "t")], "inside the raw folder"
    )
    _one_line_error(
        capsys, ["build", "--raw", str(raw), "--out", str(raw.parent)], "holds the raw folder"
    )
    assert sorted(p.name for p in raw.iterdir()) == ["p.txt", "sources.csv"]


def test_read_only_out(make_raw, tmp_path, capsys, monkeypatch):
    raw = make_raw({"p.txt": PAGE})

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(output.tempfile, "mkdtemp", denied)  # root ignores chmod
    argv = ["build", "--raw", str(raw), "--out", str(tmp_path / "ro")]
    _one_line_error(capsys, argv, "cannot write the tables to")
    assert not (tmp_path / "ro").exists()


def test_out_that_is_a_symlink_stays_one(two_builds, tmp_path):
    first, second, out = two_builds
    real = tmp_path / "disk" / "processed"
    write_tables(first, real)
    out.symlink_to(real, target_is_directory=True)
    write_tables(second, out)
    assert out.is_symlink() and "files read: 2" in (real / "summary.txt").read_text()
