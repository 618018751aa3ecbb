"""The packed snapshot format reads back exactly and rejects damaged files.

The format's reader is the browser's own (docs/assets/javascripts/
snapshot-format.js), run under Node, one case per process.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.assets import RUNTIME_DIR

CASES_SCRIPT = Path(__file__).parent / "snapshot" / "format_cases.mjs"

CASES = [
    "round trip in any piece size",
    "packed pieces write the file back",
    "an all-zero image packs to its header",
    "a file cut short is rejected",
    "bytes after the last region are rejected",
    "a region outside the image is rejected",
    "overlapping regions are rejected",
    "an absurd header is rejected before allocating",
    "a base range is stored as its difference and put right",
    "a base against other memory is rejected",
    "a base outside the image or out of word alignment is rejected",
    "the staged snapshot reads back",
]


@pytest.mark.parametrize("case", CASES)
def test_snapshot_format(case):
    node = shutil.which("node")
    assert node, "node is required: install Node.js 18 or newer"
    manifest = json.loads((RUNTIME_DIR / "manifest.json").read_text())
    completed = subprocess.run(
        [node, str(CASES_SCRIPT), case, str(RUNTIME_DIR / manifest["snapshot"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
