"""Build the site into a folder for a given URL: MkDocs, then post-build steps.

Used by the test fixtures and the benchmarks; ``make build`` runs the same
two steps. ``site_url`` must be where the site will be served, because
Material's instant navigation ignores links outside it.
"""

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import postbuild

ROOT = Path(__file__).resolve().parent.parent


class BuildError(RuntimeError):
    """Raised when MkDocs fails; the message ends with its output."""


def build_site(site_dir: Path, site_url: str = "http://127.0.0.1:8000/") -> None:
    """Build the site in strict mode into ``site_dir`` and run the post-build steps."""
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BuildError(f"mkdocs build failed with exit code {completed.returncode}:\n{completed.stderr[-3000:]}")
    postbuild.run(site_dir)
