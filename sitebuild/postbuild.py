"""Steps that run on a built site folder, after MkDocs or Zensical.

Usage: ``python -m sitebuild.postbuild SITE_DIR``. Each step takes the site
folder and fails loudly (raises) on a page it cannot handle, so a broken
page fails the build instead of shipping.
"""

import sys
from collections.abc import Callable
from pathlib import Path

from sitebuild import csp
from sitebuild.theme_markup import fix_theme_markup
from sitebuild.theme_script import defer_theme_script
from sitebuild.redirects import add_redirects

# Steps run in order; each later step reads the files earlier ones wrote.
# The headers step runs last because it hashes the final HTML.
STEPS: list[Callable[[Path], None]] = [
    fix_theme_markup,
    defer_theme_script,
    add_redirects,
    csp.write_headers,
]


def run(site_dir: Path) -> None:
    """Run every post-build step on ``site_dir``."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir / 'index.html'} not found: build the site first")
    for step in STEPS:
        step(site_dir)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitebuild.postbuild SITE_DIR")
    run(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
