// Build a Pyodide memory snapshot in which the calc package is already
// imported, for the calculator worker to restore instead of starting Python.
//
// Usage: node sitebuild/make_snapshot.mjs RUNTIME_DIR (run by sitebuild/assets.py)
//
// RUNTIME_DIR is the staged runtime (docs/assets/runtime) with manifest.json.
// The script loads Pyodide from the very files the site serves, installs the
// staged calc wheel, imports every calc module, runs each calculator on no
// input and on its worked example, and writes
// RUNTIME_DIR/snapshot-<hash>/calc.snapshot.gz: the snapshot in the packed
// format of docs/assets/javascripts/snapshot-format.js, gzipped. Beside it
// goes python_stdlib.zip, the smaller standard library the snapshot is
// made with and restored with. It reads the snapshot back the
// way the browser does, restores it and checks one result, and only then
// adds "snapshot" and "snapshotStdlib" to manifest.json. The folder name
// hashes the snapshot's inputs (Pyodide's files, the wheel, the packed
// format and this script), so a browser never pairs a snapshot with other
// files.
//
// Snapshots use Pyodide's private API (_makeSnapshot, makeMemorySnapshot,
// _loadSnapshot, and the module's malloc exports): pin the pyodide version
// and rebuild on every upgrade.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { applyBase, packSnapshot, readSnapshot } from "../docs/assets/javascripts/snapshot-format.js";

const runtimeDir = resolve(process.argv[2] ?? "docs/assets/runtime");
const manifestPath = join(runtimeDir, "manifest.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const pyodideDir = dirname(join(runtimeDir, manifest.pyodide));
const wheelBytes = readFileSync(join(runtimeDir, manifest.wheel));

// The snapshot is only valid with these exact files (the stdlib zip because
// Python keeps offsets into it; the others because of Pyodide's build id).
const inputs = createHash("sha256");
for (const name of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]) {
  inputs.update(readFileSync(join(pyodideDir, name)));
}
inputs.update(wheelBytes);
// And the packed format: a browser must never read a cached file as another
// format. And this script, so that a change in how the snapshot is made
// gives it a new name.
inputs.update(readFileSync(new URL("../docs/assets/javascripts/snapshot-format.js", import.meta.url)));
inputs.update(readFileSync(new URL(import.meta.url)));
const digest = inputs.digest("hex").slice(0, 12);

const CHECK_CALCULATOR = "churn_rate";
const CHECK_INPUTS = '{"customers_at_start":"1000","customers_lost":"50"}';

// Files written to Pyodide's file system are not part of the snapshot, only
// memory is: every calc module must be imported now or it cannot be later.
// Hold no JavaScript objects in Python globals (no `from js import ...`):
// makeMemorySnapshot cannot serialize them.
const IMPORT_CALC = `
import gc
import importlib
import json
import pkgutil

import calc

for module in pkgutil.walk_packages(calc.__path__, "calc."):
    importlib.import_module(module.name)
# Running every calculator, on no input and on its worked example, imports
# anything calc or the standard library loads only when a function runs.
for calculator in calc.CALCULATORS:
    calc.evaluate_json(calculator.id, "{}")
    example = {name: str(value) for name, value in calculator.example.items()}
    calc.evaluate_json(calculator.id, json.dumps(example))
del calculator, example, module
gc.collect()
`;

// The standard library that goes with the snapshot: only the zip members
// Python has imported once calc has been imported and run, and every text
// codec. A restored
// Python already has those modules in memory. It reads the zip only for a
// module it has not imported, such as a codec named at run time. So each
// visitor downloads about 1.1 MB of zip instead of 2.5 MB. Python keeps
// offsets into the zip it started with, so the snapshot must be made with
// this same file.
// NOTE: a standard library module that is first imported after the
// snapshot, by a code path that IMPORT_CALC does not run, is missing from
// this zip, and its import fails. The browser tests run every calculator
// from the snapshot.
const STDLIB_KEPT = `
import sys
import zipfile

STDLIB_ZIP = next(path for path in sys.path if path.endswith(".zip"))
imported = {
    module.__file__[len(STDLIB_ZIP) + 1 :]
    for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(STDLIB_ZIP + "/")
}
with zipfile.ZipFile(STDLIB_ZIP) as source, zipfile.ZipFile("/snapshot-stdlib.zip", "w") as target:
    for entry in source.infolist():
        if entry.filename in imported or entry.filename.startswith("encodings/"):
            target.writestr(entry, source.read(entry))
`;

// A copy of the memory of the WebAssembly instance made last, taken as soon
// as it is made, as the worker takes it: the snapshot is stored as a
// difference from a fresh instance's memory.
let freshMemory = null;
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) => {
    const result = original.apply(WebAssembly, args);
    result.then(
      (made) => {
        freshMemory = new Uint8Array((made.instance ?? made).exports.memory.buffer).slice();
      },
      () => {},
    );
    return result;
  };
}

// The part of a fresh Pyodide's memory that is not zero, in whole 4-byte
// words: the static data its WebAssembly sets up. Returns {memoryOffset,
// memory}.
function startingMemory(bytes) {
  const first = bytes.findIndex((byte) => byte !== 0);
  if (first === -1) {
    return { memoryOffset: 0, memory: new Uint8Array(0) };
  }
  let end = bytes.length;
  while (bytes[end - 1] === 0) {
    end--;
  }
  const memoryOffset = first - (first % 4);
  const memoryEnd = Math.min(bytes.length, Math.ceil(end / 4) * 4);
  return { memoryOffset, memory: bytes.slice(memoryOffset, memoryEnd) };
}

const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, manifest.pyodide)).href);
// Under Node the program name defaults to this script's path, which would
// end up in sys.executable and os.environ["_"] inside the published file.
const PROGRAM_NAME = "./this.program";

const snapshotDir = join(runtimeDir, `snapshot-${digest}`);
const stdlibPath = join(snapshotDir, "python_stdlib.zip");
mkdirSync(snapshotDir, { recursive: true });

// A first Pyodide, with Pyodide's own standard library, finds out which
// modules calc imports and writes the smaller zip.
const survey = await loadPyodide({ _sysExecutable: PROGRAM_NAME });
// Its memory as it was made is what the snapshot is stored against.
const base = startingMemory(freshMemory);
// Same install as the worker's normal start, so both paths behave alike.
survey.unpackArchive(new Uint8Array(wheelBytes), "wheel");
survey.runPython(IMPORT_CALC);
survey.runPython(STDLIB_KEPT);
const stdlibBytes = survey.FS.readFile("/snapshot-stdlib.zip");
writeFileSync(stdlibPath, stdlibBytes);

// The second Pyodide, started with the smaller zip, is the one snapshotted.
const pyodide = await loadPyodide({ _makeSnapshot: true, _sysExecutable: PROGRAM_NAME, stdLibURL: stdlibPath });
pyodide.unpackArchive(new Uint8Array(wheelBytes), "wheel");
pyodide.runPython(IMPORT_CALC);

// The sizes of the largest and smallest blocks zeroFreeMemory allocates.
const MAX_BLOCK_SIZE = 4 * 1024 * 1024;
const MIN_BLOCK_SIZE = 256;

// Zero the WebAssembly heap's free memory, which keeps the bytes of
// whatever was freed, so the snapshot has fewer non-zero pages to ship and the
// rest compresses better (about 1 MB less gzipped with Pyodide 314). Takes
// every free block of MIN_BLOCK_SIZE bytes or more from malloc, zeroes it
// and hands it back. The heap must not grow: a snapshot of a larger heap
// cannot be restored (see below), so blocks come from the space left below
// the heap's current end and no further.
function zeroFreeMemory(module) {
  if (![module._malloc, module._free, module._sbrk, module._malloc_trim].every((f) => typeof f === "function")) {
    console.warn("make_snapshot: this Pyodide does not export malloc, free, sbrk and malloc_trim; free memory not zeroed");
    return;
  }
  const heapSize = module.HEAPU8.buffer.byteLength;
  const blocks = [];
  for (let size = MAX_BLOCK_SIZE; size >= MIN_BLOCK_SIZE; size /= 2) {
    // sbrk(0) is the end of malloc's space. A block that does not fit in a
    // free one extends that end, which must stay within the heap.
    while (module._sbrk(0) + size < heapSize) {
      const address = module._malloc(size);
      if (address === 0) {
        break;
      }
      module.HEAPU8.fill(0, address, address + size);
      blocks.push(address);
    }
  }
  for (const address of blocks) {
    module._free(address);
  }
  module._malloc_trim(0);
  if (module.HEAPU8.buffer.byteLength !== heapSize) {
    const grownSize = module.HEAPU8.buffer.byteLength;
    throw new Error(`zeroing free memory grew the heap from ${heapSize} to ${grownSize} bytes, so the snapshot could not be restored`);
  }
}

const expected = pyodide.pyimport("calc").evaluate_json(CHECK_CALCULATOR, CHECK_INPUTS);
zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
// The snapshot is a header followed by the whole heap.
const heapStart = snapshot.length - pyodide._module.HEAPU8.length;

const packed = gzipSync(packSnapshot(snapshot, { imageOffset: heapStart + base.memoryOffset, ...base }), { level: 9 });

// Restore the published bytes before publishing them, read as the worker
// reads them. Pyodide 314 restores into a heap of the default 30 MiB
// whatever the snapshot's size, so a snapshot taken after the heap grew
// fails here with "RangeError: offset is out of bounds".
const read = await readSnapshot(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip")));
let readBack;
const restored = await loadPyodide({
  _loadSnapshot: read.image,
  stdLibURL: stdlibPath,
  fsInit: () => {
    const { memoryOffset, length } = read.base ?? { memoryOffset: 0, length: 0 };
    applyBase(read, freshMemory.subarray(memoryOffset, memoryOffset + length));
    readBack = Buffer.compare(read.image, snapshot) === 0;
  },
});
if (!readBack) {
  throw new Error("the packed snapshot does not read back to the snapshot Pyodide made");
}
const actual = restored.pyimport("calc").evaluate_json(CHECK_CALCULATOR, CHECK_INPUTS);
if (actual !== expected) {
  throw new Error(`restored snapshot computed ${actual} for ${CHECK_CALCULATOR}, expected ${expected}`);
}
const relative = `snapshot-${digest}/calc.snapshot.gz`;
const stdlibRelative = `snapshot-${digest}/python_stdlib.zip`;
writeFileSync(join(runtimeDir, relative), packed);
manifest.snapshot = relative;
manifest.snapshotStdlib = stdlibRelative;
// A start from the snapshot fetches this standard library instead of
// Pyodide's, so the service worker caches this one.
const pyodideStdlib = `${dirname(manifest.pyodide)}/python_stdlib.zip`;
manifest.files = [...(manifest.files ?? []).filter((path) => path !== pyodideStdlib), relative, stdlibRelative];
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${relative}: ${snapshot.length} bytes, ${packed.length} packed and gzipped`);
console.log(`${stdlibRelative}: ${stdlibBytes.length} bytes`);
