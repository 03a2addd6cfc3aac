"""generator.commands.publish and atomic_swap, in process: the switch itself, both with Linux's
rename-exchange and on a system without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.commands import publish as site_publish
from generator.commands.atomic_swap import exchange
from generator.commands.publish import SiteFolders, new_build_folder, publish


def finished_build(folders: SiteFolders, text: str) -> Path:
    build = new_build_folder(folders)
    (build / "index.html").write_text(text, encoding="utf-8")
    return build


def old_site_folder(site: Path) -> None:
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").touch()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "from-b").touch()

    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this system cannot exchange two paths")

    assert os.listdir(tmp_path / "a") == ["from-b"]
    assert os.listdir(tmp_path / "b") == ["from-a"]


def test_exchange_names_the_path_that_is_missing(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError) as info:
        if not exchange(tmp_path / "a", tmp_path / "missing"):
            pytest.skip("this system cannot exchange two paths")
    assert info.value.filename == str(tmp_path / "a")
    assert info.value.filename2 == str(tmp_path / "missing")


def test_an_old_site_folder_becomes_a_symlink_kept_aside_until_the_next_build(tmp_path):
    folders = SiteFolders(tmp_path / "site")
    old_site_folder(folders.site)

    first = finished_build(folders, "first")
    assert publish(first, folders) == []
    assert folders.site.is_symlink() and os.readlink(folders.site) == ".site-builds/" + first.name
    assert (folders.site / "index.html").read_text(encoding="utf-8") == "first"
    [aside] = [path for path in tmp_path.iterdir() if path.name.startswith(".site-swap-")]
    assert (aside / "index.html").read_text(encoding="utf-8") == "old"  # a reader may still be in it

    second = finished_build(folders, "second")
    assert publish(second, folders) == []
    assert (folders.site / "index.html").read_text(encoding="utf-8") == "second"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-builds", "site"]
    assert sorted(path.name for path in folders.builds.iterdir()) == sorted([first.name, second.name])


def test_without_rename_exchange_the_old_folder_is_renamed_aside_first(tmp_path, monkeypatch):
    """Systems without renameat2 (not Linux, old C library, some file systems)."""
    monkeypatch.setattr(site_publish, "exchange", lambda first, second: False)
    folders = SiteFolders(tmp_path / "site")
    old_site_folder(folders.site)

    build = finished_build(folders, "new")
    assert publish(build, folders) == []

    assert (folders.site / "index.html").read_text(encoding="utf-8") == "new"
    assert (tmp_path / f".site-old-{build.name}" / "index.html").read_text(encoding="utf-8") == "old"
    assert publish(finished_build(folders, "newer"), folders) == []
    assert not (tmp_path / f".site-old-{build.name}").exists()


def test_a_site_symlink_pointing_elsewhere_is_switched_and_its_target_left_alone(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    old_site_folder(elsewhere)
    folders = SiteFolders(tmp_path / "site")
    folders.site.symlink_to(elsewhere)

    assert publish(finished_build(folders, "new"), folders) == []

    assert (folders.site / "index.html").read_text(encoding="utf-8") == "new"
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "old"


def test_builds_are_readable_by_a_web_server(tmp_path):
    umask = os.umask(0o022)
    try:
        build = new_build_folder(SiteFolders(tmp_path / "site"))
    finally:
        os.umask(umask)
    assert build.stat().st_mode & 0o777 == 0o755
