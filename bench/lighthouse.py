"""Run Lighthouse's performance audit on a calculator page and an FAQ page.

Builds the site, serves it on loopback, and runs the pinned npm
``lighthouse`` (see package.json) against Debian's Chromium with its
default mobile settings, several times per page. Prints each run's
performance score and the median; targets are 90 for a calculator page and
95 for an FAQ page.

Usage: ``.venv/bin/python bench/lighthouse.py [--runs 3]`` (``make bench``).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.build import build_site  # noqa: E402
from sitebuild.server import serve_in_thread  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {
    "calculator page": "metrics/churn-rate/?customers_at_start=4000&customers_lost=100",
    "FAQ page": "concepts/customer-churn/",
}


def performance_audit(url: str, scratch: Path) -> dict:
    """Run Lighthouse once on ``url``; return its score and key metrics."""
    report = scratch / "report.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        timeout=300,
    )
    result = json.loads(report.read_text())
    audits = result["audits"]
    return {
        "score": round(result["categories"]["performance"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse performance scores for the built site.")
    parser.add_argument("--runs", type=int, default=3, help="audits per page (default: 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        site_dir = scratch / "site"
        site_dir.mkdir()
        server, url = serve_in_thread(site_dir)
        build_site(site_dir, url)

        for label, path in PAGES.items():
            runs = [performance_audit(url + path, scratch) for _ in range(args.runs)]
            scores = [run["score"] for run in runs]
            print(f"{label} ({path}): median score {statistics.median(scores)}, runs {runs}")
        server.shutdown()


if __name__ == "__main__":
    main()
