"""Stage the browser runtime into ``docs/assets/runtime/`` before a build.

The runtime is the pinned npm ``pyodide`` package's core files, a wheel of
the ``calc`` package built from this checkout, a Pyodide memory snapshot
with ``calc`` already imported (``make_snapshot.mjs``), which lets the
browser skip Python's start-up, and, for a normal start when the snapshot
fails, a standard library zip with its start-up modules precompiled
(``make_bytecode.mjs``). Both are copied into the
docs tree so every builder publishes them as ordinary static files, and
``manifest.json`` tells the worker where they are. Paths carry the Pyodide
version and the wheel's content hash, so a browser cache never mixes files
from two deploys.

Usage: ``python -m sitebuild.assets`` from the repository root.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
RUNTIME_DIR = ROOT / "docs" / "assets" / "runtime"
SNAPSHOT_SCRIPT = ROOT / "sitebuild" / "make_snapshot.mjs"
BYTECODE_SCRIPT = ROOT / "sitebuild" / "make_bytecode.mjs"

# The files loadPyodide() fetches for a start with no extra packages.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


class AssetError(RuntimeError):
    """Raised when an input of the runtime is missing or unusable."""


def pyodide_version() -> str:
    """Read the installed npm pyodide version; fail if `npm ci` has not run."""
    package_json = PYODIDE_PACKAGE / "package.json"
    if not package_json.is_file():
        raise AssetError(f"{package_json} not found: run `npm ci` first")
    return json.loads(package_json.read_text())["version"]


def build_wheel(output_dir: Path) -> Path:
    """Build the calc wheel with flit_core, reproducibly, into ``output_dir``."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="315532800")
    subprocess.run(
        [sys.executable, "-m", "flit_core.wheel", "--outdir", str(output_dir)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wheels = sorted(output_dir.glob("calc-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise AssetError(f"expected one pure-Python calc wheel in {output_dir}, found {wheels}")
    return wheels[0]


def stage_runtime(runtime_dir: Path = RUNTIME_DIR) -> dict:
    """Copy Pyodide and the calc wheel into ``runtime_dir``; return the manifest."""
    version = pyodide_version()
    if runtime_dir.exists():
        shutil.rmtree(runtime_dir)
    pyodide_dir = runtime_dir / f"pyodide-{version}"
    pyodide_dir.mkdir(parents=True)

    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_PACKAGE / name, pyodide_dir / name)

    with tempfile.TemporaryDirectory() as scratch:
        wheel = build_wheel(Path(scratch))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
        # A folder named by content hash keeps the standard wheel file name.
        staged_wheel = runtime_dir / f"{digest}" / wheel.name
        staged_wheel.parent.mkdir()
        shutil.copy2(wheel, staged_wheel)

    manifest = {
        "pyodide": f"{pyodide_dir.name}/pyodide.mjs",
        "pyodideVersion": version,
        "wheel": f"{digest}/{wheel.name}",
        # Everything a start may fetch, for the service worker to cache.
        "files": [f"{pyodide_dir.name}/{name}" for name in PYODIDE_FILES] + [f"{digest}/{wheel.name}"],
    }
    (runtime_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")

    # The snapshot step restores what it made and checks one result before
    # it adds "snapshot" to the manifest; a failure stops the build.
    subprocess.run(["node", str(SNAPSHOT_SCRIPT), str(runtime_dir)], cwd=ROOT, check=True)
    # The normal start's standard library with its start-up modules precompiled.
    subprocess.run(["node", str(BYTECODE_SCRIPT), str(runtime_dir)], cwd=ROOT, check=True)
    return json.loads((runtime_dir / "manifest.json").read_text())


def main() -> None:
    manifest = stage_runtime()
    print(f"staged Pyodide {manifest['pyodideVersion']} and {manifest['wheel']} in {RUNTIME_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
