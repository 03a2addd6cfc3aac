"""Material's search box without Material's search index (search/theme_search.py, issue 17).

The site's search is Pagefind's; the lunr index Material's search plugin writes
(search/search_index.json) is downloaded by nobody, so no build makes it, even from a
mkdocs.yml that still lists the plugin (sites made before issue 17), and the search box stays.
"""

from __future__ import annotations

import subprocess
import sys

from support import FIXTURE, ROOT

SEARCH_PLUGIN = "plugins:\n  - search:\n      lang: en\n"


def build_with(folder, mkdocs_yml: str) -> subprocess.CompletedProcess:
    (folder / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (folder / "content").mkdir()  # MkDocs needs its docs_dir; the build reads FIXTURE
    (folder / "generator").mkdir()  # watched
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"), "-d", str(folder / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={"HEALTHGUIDE_CONTENT": str(FIXTURE), "HEALTHGUIDE_CACHE_DIR": "off", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def test_a_mkdocs_yml_listing_material_s_search_plugin_builds_no_lunr_index_and_keeps_the_search_box(tmp_path):
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - search" not in mkdocs_yml  # the project's own lists only healthguide
    result = build_with(tmp_path, mkdocs_yml.replace("plugins:\n", SEARCH_PLUGIN, 1))

    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "search" / "setup.json").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search-query"' in home and 'for="__search"' in home
    assert "Material's search plugin (material/search) is switched off" in result.stderr
