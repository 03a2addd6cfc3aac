"""The project's build command: build into a temporary folder and swap it in only on success."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .pipeline import swap_in


def safe_build(config: Path, site_dir: Path) -> int:
    """`mkdocs build --strict`; a failed build leaves the previously built site untouched."""
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(staging)],
        check=False,
    )
    if result.returncode != 0:
        subprocess.run(["rm", "-rf", str(staging)], check=False)
        print(f"build failed; the previous site in {site_dir} was left as it was", file=sys.stderr)
        return result.returncode
    swap_in(staging, site_dir)
    print(f"site built in {site_dir}")
    return 0
