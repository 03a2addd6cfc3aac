"""`python -m generator build` / `make site`: strict about warnings, atomic publishing, a lock,
no orphaned mkdocs child, and one clear line (never a traceback) when it cannot publish.

Every build here uses the small fixture content (about a second each), run as a real process.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from support import SLOW_RENAMES, QuietHandler, build_site, can_slow_renames, poll_until

PROJECT = Path(__file__).resolve().parents[2]
STAMP = ".venv/.installed-stamp"  # the Makefile's install step; never re-run it from a test


def failed_line(site: Path) -> str:
    return f"build failed; the previous site in {site} is unchanged"


# Under `make test`, make exports its nesting level; drop it so the `make site`
# these tests run prints what a reader typing it at a shell would see.
MAKE_NESTING = {"MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"}


def build_env(content) -> dict[str, str]:
    inherited = {key: value for key, value in os.environ.items() if key not in MAKE_NESTING}
    return {**inherited, "HEALTHGUIDE_CONTENT": str(content.root), "SITE_URL": "https://example.org/guide/"}


def start_build(site: Path, content, slow_renames: bool = False) -> subprocess.Popen:
    slow = SLOW_RENAMES if slow_renames and can_slow_renames() else []
    return subprocess.Popen(
        [*slow, sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=PROJECT,
        env=build_env(content),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def build(site: Path, content, slow_renames: bool = False) -> subprocess.CompletedProcess:
    process = start_build(site, content, slow_renames)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def make_overdue(content) -> None:
    content.replace("written_on: 2026-01-01", "written_on: 2019-01-01")
    content.replace("next_review_due: 2027-01-01", "next_review_due: 2020-01-01")


def previous_site(site: Path) -> None:
    """A site as the old build command left it: a real folder."""
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")


def alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it has finished)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def mkdocs_child(parent: int) -> tuple[int, list[str]] | None:
    """The `mkdocs build` process started by `parent`, once it runs MkDocs: (pid, argv)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            argv = (entry / "cmdline").read_bytes().decode().split("\0")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and "mkdocs" in argv:
            return int(entry.name), argv
    return None


def live_processes_in_group(group: int) -> list[tuple[int, str]]:
    """(pid, command line) of every running process in process group `group`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, _ppid, pgrp = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
            argv = (entry / "cmdline").read_bytes().decode().replace("\0", " ")
        except (OSError, ValueError):
            continue
        if int(pgrp) == group and state != "Z":
            found.append((int(entry.name), argv))
    return found


@contextlib.contextmanager
def unwritable(folder: Path):
    """No new entries in `folder`, even for root (who ignores permission bits): chattr +i."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


# --- Item 1: every warning fails the build ------------------------------------------------------


def test_make_site_fails_on_a_warning_and_keeps_the_previous_site(content, tmp_path):
    """The README's own command, with a topic past its review date (a warning, not an error)."""
    make_overdue(content)
    site = tmp_path / "site"
    previous_site(site)

    result = subprocess.run(
        ["make", "--no-print-directory", "-o", STAMP, "site", f"SITE_DIR={site}"],
        cwd=PROJECT, env=build_env(content), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode != 0, result.stdout + result.stderr
    assert "is past its next review date" in result.stderr
    assert failed_line(site) in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_build_output_shows_the_warning_and_ends_with_one_clear_line(content, tmp_path):
    make_overdue(content)
    site = tmp_path / "site"

    result = build(site, content)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == failed_line(site)
    assert any(line.startswith("WARNING") and "sample.yaml:6:" in line for line in lines), result.stderr
    # MkDocs' routine progress lines name the staging folder; they are not shown
    assert "Building documentation" not in result.stderr and "Cleaning site directory" not in result.stderr
    assert not site.exists()


def test_a_warning_from_mkdocs_itself_fails_the_build(content, tmp_path):
    """A warning from MkDocs itself (an unknown setting in the config), through `build --config`."""
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    absolute = {  # the copied config lives in tmp_path: its relative paths must still work
        "docs_dir: content\n": f"docs_dir: {content.root}\n",
        "  - generator\n": f"  - {PROJECT / 'generator'}\n",
    }
    for relative, path in absolute.items():
        assert config.count(relative) == 1, relative
        config = config.replace(relative, path)
    (tmp_path / "mkdocs.yml").write_text(config + "no_such_setting: true\n", encoding="utf-8")
    site = tmp_path / "site"

    process = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=PROJECT, env=build_env(content), capture_output=True, text=True, timeout=120,
    )

    assert process.returncode == 1, process.stderr
    assert "no_such_setting" in process.stderr
    assert process.stderr.splitlines()[-1] == failed_line(site)
    assert not site.exists()


def test_a_good_build_publishes_and_says_where(content, tmp_path):
    site = tmp_path / "site"

    result = build(site, content)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"site built in {site}"
    assert "Sample topic" in (site / "sample-topic" / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr


# --- Item 9: atomic publishing -------------------------------------------------------------------


def test_an_old_site_folder_is_replaced_and_a_web_server_serving_site_sees_each_build(content, tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sample-topic/"
    try:
        assert build(site, content).returncode == 0
        with urllib.request.urlopen(url) as response:
            assert "Sample topic" in response.read().decode()
        content.replace("title: Sample topic", "title: Renamed topic")
        assert build(site, content).returncode == 0
        with urllib.request.urlopen(url) as response:
            assert "Renamed topic" in response.read().decode()
    finally:
        server.shutdown()
        server.server_close()


def test_a_reader_never_finds_the_site_missing_while_builds_publish(content, tmp_path):
    """With strace, each rename is slowed (support.SLOW_RENAMES), so any gap is seen."""
    site = tmp_path / "site"
    previous_site(site)  # the first build also replaces the old real folder
    misses: list[str] = []
    stop = threading.Event()
    pause = 0.001 if can_slow_renames() else 0  # a gap would last 0.5 s: leave the build some CPU

    def read_continuously():
        while not stop.is_set():
            try:
                if (site / "index.html").read_bytes():
                    stop.wait(pause)  # until the builds are done, reading every `pause`
                    continue
                misses.append("index.html was empty")
            except OSError as err:
                misses.append(repr(err))
            return  # one miss is enough

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        results = [build(site, content, slow_renames=True) for _ in range(2)]  # from the folder, then the symlink
    finally:
        stop.set()
        reader.join()

    assert [result.returncode for result in results] == [0, 0], results[-1].stderr
    assert misses == []


def test_old_builds_are_pruned_after_each_publish(content, tmp_path):
    site = tmp_path / "site"
    for _ in range(3):
        assert build(site, content).returncode == 0

    kept = sorted(path.name for path in (tmp_path / ".site-builds").iterdir())
    assert len(kept) == 2  # the current build and the one before (still being read by someone)
    assert site.resolve().name in kept
    left = sorted(path.name for path in tmp_path.iterdir() if path.name not in {"content", ".cache"})
    assert left == [".site-build.lock", ".site-builds", "site"]


def test_killing_the_build_leaves_the_previous_site_and_no_mkdocs_child(content, tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    parent = start_build(site, content)
    child, argv = poll_until(lambda: mkdocs_child(parent.pid), "the mkdocs child")
    staging = Path(argv[argv.index("-d") + 1])

    parent.kill()
    parent.wait()

    poll_until(lambda: not alive(child), "the mkdocs child to end with its parent")
    assert not (staging / "sitemap.xml").exists(), "the child went on building after its parent was killed"
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    # the next build is not troubled by the half-built leftover, and removes it
    assert build(site, content).returncode == 0
    assert not staging.exists()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="topics render in worker processes only with 2+ CPUs")
def test_killing_a_big_build_leaves_no_worker_process_behind(content, tmp_path):
    """From 8 topics MkDocs renders in worker processes (parallel_render.py); they end too."""
    for number in range(9):
        copy = content.text.replace("slug: sample-topic", f"slug: sample-topic-{number}")
        (content.root / "topics" / f"copy-{number}.yaml").write_text(copy, encoding="utf-8")
    site = tmp_path / "site"
    parent = start_build(site, content)
    child, _ = poll_until(lambda: mkdocs_child(parent.pid), "the mkdocs child")
    poll_until(lambda: any("multiprocessing" in argv for _, argv in live_processes_in_group(child)),
               "a worker process rendering topics")

    parent.kill()
    parent.wait()

    try:
        poll_until(lambda: not live_processes_in_group(child), "every process of the mkdocs build to end")
    finally:
        for pid, _ in live_processes_in_group(child):  # do not leave them running after a failure
            os.kill(pid, signal.SIGKILL)
    assert not site.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_stops_its_child_and_says_so(content, tmp_path, signum):
    site = tmp_path / "site"
    previous_site(site)
    parent = start_build(site, content)
    child, argv = poll_until(lambda: mkdocs_child(parent.pid), "the mkdocs child")
    staging = Path(argv[argv.index("-d") + 1])

    parent.send_signal(signum)
    stdout, stderr = parent.communicate(timeout=60)

    assert parent.returncode == 128 + signum
    assert stderr.splitlines()[-1] == failed_line(site)
    assert "Traceback" not in stderr
    poll_until(lambda: not alive(child), "the mkdocs child to stop")
    assert not staging.exists()
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_two_builds_at_once_both_succeed_one_after_the_other(content, tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    for _ in range(2):
        builds = [start_build(site, content, slow_renames=True) for _ in range(2)]
        outputs = [process.communicate(timeout=120) for process in builds]

        assert [process.returncode for process in builds] == [0, 0], outputs
        assert all("Traceback" not in stderr for _, stderr in outputs)
        assert "Sample topic" in (site / "sample-topic" / "index.html").read_text(encoding="utf-8")


def test_a_build_waits_for_the_lock_and_says_so(content, tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    with open(tmp_path / ".site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = start_build(site, content)
        notice = waiting.stderr.readline()
        assert notice.startswith("waiting for another build of ")
        assert waiting.poll() is None and mkdocs_child(waiting.pid) is None
        fcntl.flock(lock, fcntl.LOCK_UN)
        stdout, _ = waiting.communicate(timeout=120)

    assert waiting.returncode == 0
    assert stdout.strip() == f"site built in {site}"


def test_an_unwritable_parent_folder_gives_one_clear_line(content, tmp_path):
    parent = tmp_path / "www"
    parent.mkdir()
    site = parent / "site"
    previous_site(site)

    with unwritable(parent):
        result = build(site, content)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(failed_line(site)) and str(parent) in line
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_a_site_under_a_file_gives_one_clear_line(content, tmp_path):
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    site = tmp_path / "not-a-folder" / "site"

    result = build(site, content)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(failed_line(site)) and "not-a-folder" in line


def test_a_read_only_previous_site_is_replaced_without_a_traceback(content, tmp_path):
    """Nothing is written into the old site: the build switches away from it, then removes it
    if it can; what cannot be deleted is reported on one line, and the site is still published."""
    site = tmp_path / "site"
    previous_site(site)
    if os.geteuid() == 0:  # root ignores permission bits; an immutable file cannot be deleted
        subprocess.run(["chattr", "+i", str(site / "index.html")], check=True)
    else:
        site.chmod(0o555)
    try:
        first = build(site, content)
        second = build(site, content)  # removes (or tries to) the old folder
    finally:
        for stuck in tmp_path.glob(".site-*-*/index.html"):  # the old folder, moved aside
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(stuck)], check=True)
            stuck.parent.chmod(0o755)

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert "Traceback" not in first.stderr + second.stderr
    assert "Sample topic" in (site / "sample-topic" / "index.html").read_text(encoding="utf-8")
    notes = [line for line in second.stderr.splitlines() if line.startswith("could not remove")]
    if os.geteuid() == 0:
        [note] = notes
        assert "delete it by hand" in note and "Operation not permitted" in note
    else:
        assert notes == []  # its owner may delete a read-only build, so the build does


def test_a_build_stopped_while_waiting_for_the_lock_says_so(content, tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    with open(tmp_path / ".site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = start_build(site, content)
        assert waiting.stderr.readline().startswith("waiting for another build of ")

        waiting.terminate()
        stdout, stderr = waiting.communicate(timeout=60)

    assert waiting.returncode == 128 + signal.SIGTERM
    assert stderr.splitlines() == [failed_line(site)]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert not (tmp_path / ".site-builds").exists()


# --- a published site needs its public address (issue 14) --------------------------------------


@pytest.mark.parametrize("site_url", [None, "", "example.org/guide/"])
def test_make_site_without_a_public_address_fails_with_one_line(content, tmp_path, site_url):
    """Without SITE_URL every QR code and printed header would say http://127.0.0.1:8000/."""
    site = tmp_path / "site"
    previous_site(site)
    env = {key: value for key, value in build_env(content).items() if key != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url

    result = subprocess.run(
        ["make", "--no-print-directory", "-o", STAMP, "site", f"SITE_DIR={site}"],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120,
    )

    assert result.returncode != 0
    own_lines = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert own_lines == [
        f"{failed_line(site)}: set SITE_URL to the site's public address, e.g. SITE_URL=https://example.org/guide/ make site"
    ], result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_make_site_with_a_public_address_builds_with_it(content, tmp_path):
    site = tmp_path / "site"

    result = subprocess.run(
        ["make", "--no-print-directory", "-o", STAMP, "site", f"SITE_DIR={site}"],
        cwd=PROJECT, env=build_env(content), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "https://example.org/guide/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "127.0.0.1" not in (site / "sample-topic" / "links" / "index.html").read_text(encoding="utf-8")


# --- ... and a contact address someone reads ---------------------------------------------------


RESERVED_CONTACT = "feedback@twitch-check.example"


@pytest.mark.parametrize("address", [RESERVED_CONTACT, "a@b.invalid", "a@b.test", "a@b.localhost", "a@example.com", "a@mail.example.net"])
def test_make_site_with_a_reserved_contact_address_fails_with_one_line(content, tmp_path, address):
    """The About page's mailto link would lead nowhere: readers' corrections would be lost."""
    content.replace("  contact: corrections@test-publisher.org.uk", f"  contact: {address}", file=content.site_file)
    line = next(n for n, text in enumerate(content.site_file.read_text(encoding="utf-8").splitlines(), 1) if "contact:" in text)
    site = tmp_path / "site"
    previous_site(site)

    result = subprocess.run(
        ["make", "--no-print-directory", "-o", STAMP, "site", f"SITE_DIR={site}"],
        cwd=PROJECT, env=build_env(content), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode != 0
    own_lines = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert own_lines == [
        f"{failed_line(site)}: {content.site_file}:{line}:3: publisher.contact: {address} is an example address that "
        "no one reads: set publisher.contact to the email address where readers send corrections, e.g. corrections@your-site.org"
    ], result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


def test_the_served_site_builds_with_a_reserved_contact_address(content, tmp_path):
    """`make serve` (MkDocs itself, as the plugin runs it) needs no real address, as the project's content has none."""
    content.replace("  contact: corrections@test-publisher.org.uk", f"  contact: {RESERVED_CONTACT}", file=content.site_file)
    site = tmp_path / "site"

    result = build_site(site, content.root)

    assert result.returncode == 0, result.stderr
    assert f'href="mailto:{RESERVED_CONTACT}"' in (site / "about" / "index.html").read_text(encoding="utf-8")
