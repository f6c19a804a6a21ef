"""The bundled raw corpus is immutable and fully described by its manifest."""

from __future__ import annotations

import csv
import hashlib

from conftest import RAW

# Pinned so nobody edits raw text by accident: fixes belong in data/corrections.csv.
SHA256 = {
    "planet-necblogs-2023-07-29.txt": "8adb24a8bbe3fa1d1ea6607142320db59d50d520ee949cb4945b880f23f32973",
    "aliceperry-wordpress-front-page.txt": "316607b265eedc0d351eb298e23c9c757c3c36b6df36583ea93da6875d413a18",
    "annblack-nec-update-2021-11.txt": "063907506322440597ec225dab7d093bbbaa5f379d07c9fa6b9728790500bad1",
    "lukeakehurst-blogspot-nec-report-2021-02-11.txt": "24330a3dfa781f74300e096857e5b11070d73ee3a35d5a95b65fd75d97555e29",
    "aliceperry-wordpress-category-uncategorized.txt": "c136afdc8bef2b118f850f146bbf6eef078bce2e13d6dad7ac5400e3aca8ab9c",
}


def test_raw_files_are_unchanged():
    for name, digest in SHA256.items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, name


def test_manifest_lists_every_raw_file_with_required_columns():
    with (RAW / "sources.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert {"file", "url", "author", "published", "title"} <= set(reader.fieldnames or [])
        rows = list(reader)
    pages = {
        p.name for p in RAW.iterdir() if p.name != "sources.csv" and not p.name.startswith(".")
    }
    assert {r["file"] for r in rows} == pages
    assert all(r["url"].startswith("http") for r in rows)
