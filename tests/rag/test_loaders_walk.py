"""Folders with symbolic links: followed, but each directory walked once (two links to `.`
made `rag ingest DIR` walk 2**40 paths and never end)."""

from __future__ import annotations

from pathlib import Path

from rag.loaders import load_paths
from tests.rag.deadline import deadline


def test_links_to_a_folder_met_again_are_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sous").mkdir(parents=True)
    (root / "a.txt").write_text("Le chat dort sur le canapé rouge depuis ce matin.\n")
    (root / "sous" / "b.txt").write_text("Le chien garde la maison pendant la nuit.\n")
    (root / "l1").symlink_to(".")
    (root / "l2").symlink_to(".")
    (root / "sous" / "haut").symlink_to("..")  # an ancestor
    (root / "c.txt").symlink_to("a.txt")  # a file: loads, under its own name
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "d.txt").write_text("La pluie tombe sur la ville depuis trois jours.\n")
    (root / "z1").symlink_to(outside)  # a folder not met yet: followed
    (root / "z2").symlink_to(outside)  # the same one again: not walked twice

    with deadline(5):
        result = load_paths([root])

    assert result.skipped == []
    assert sorted(d.id for d in result.documents) == ["a", "b", "c", "d"]
    assert {d.id: d.source for d in result.documents}["d"] == str(root / "z1" / "d.txt")


def test_a_folder_given_twice_is_still_reported_as_duplicates(tmp_path: Path) -> None:
    """Each path given is walked on its own: what it repeats is skipped as a duplicate."""
    (tmp_path / "a.txt").write_text("Le chat dort sur le canapé rouge depuis ce matin.\n")

    result = load_paths([tmp_path, tmp_path])

    assert [d.id for d in result.documents] == ["a"]
    [skipped] = result.skipped
    assert skipped.reason.startswith("duplicate document id 'a'")
