// Build a copy of Pyodide's standard library zip in which the modules a
// calculator start imports are precompiled to bytecode, for the worker's
// normal start (the fallback when the memory snapshot cannot be restored).
//
// Usage: node sitebuild/make_bytecode.mjs RUNTIME_DIR (run by sitebuild/assets.py)
//
// Python compiles every module it imports from source, and in Pyodide that
// is most of a normal start. This script starts Pyodide from the staged
// files, installs the calc wheel, imports calc and runs one calculation. It
// then rewrites python_stdlib.zip so that each module imported by then is
// stored as a .pyc file instead of its source. The other modules keep their
// source.
// It writes RUNTIME_DIR/bytecode-<hash>/python_stdlib.zip and adds
// "stdlibBytecode" to manifest.json. The bytecode comes from Pyodide's own
// interpreter, so it matches the Python version that reads it.
//
// The snapshot uses a smaller zip of its own (see make_snapshot.mjs),
// because Python inside the snapshot keeps offsets into the exact file it
// started with.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = resolve(process.argv[2] ?? "docs/assets/runtime");
const manifestPath = join(runtimeDir, "manifest.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const pyodideDir = dirname(join(runtimeDir, manifest.pyodide));
const stdlibBytes = readFileSync(join(pyodideDir, "python_stdlib.zip"));

const { loadPyodide } = await import(pathToFileURL(join(runtimeDir, manifest.pyodide)).href);
const pyodide = await loadPyodide({ _sysExecutable: "./this.program" });
pyodide.unpackArchive(new Uint8Array(readFileSync(join(runtimeDir, manifest.wheel))), "wheel");
pyodide.FS.mkdirTree("/bytecode");
pyodide.FS.writeFile("/bytecode/source.zip", stdlibBytes);

pyodide.runPython(`
import importlib.util
import marshal
import sys
import zipfile

import calc

calc.evaluate_json("churn_rate", '{"customers_at_start": "1000", "customers_lost": "50"}')

STDLIB_ZIP = next(path for path in sys.path if path.endswith(".zip"))
# Zip member names (such as "json/decoder.py") of every module imported so far.
imported = {
    module.__file__[len(STDLIB_ZIP) + 1 :]
    for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(STDLIB_ZIP + "/")
}


def bytecode(source, name):
    """Return an unchecked hash-based .pyc for the source (PEP 552)."""
    code = compile(source, name, "exec", dont_inherit=True)
    flags = (0b01).to_bytes(4, "little")  # hash-based, source not checked
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + marshal.dumps(code)


with zipfile.ZipFile("/bytecode/source.zip") as source, zipfile.ZipFile(
    "/bytecode/python_stdlib.zip", "w", zipfile.ZIP_DEFLATED
) as target:
    for entry in source.infolist():
        data = source.read(entry)
        if entry.filename in imported:
            # zipimport finds "name.pyc" where "name.py" was.
            compiled = zipfile.ZipInfo(entry.filename + "c", date_time=entry.date_time)
            compiled.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(compiled, bytecode(data, entry.filename))
        else:
            target.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)

print(f"{len(imported)} modules precompiled", file=sys.stderr)
`);

const zipBytes = pyodide.FS.readFile("/bytecode/python_stdlib.zip");
const digest = createHash("sha256").update(zipBytes).digest("hex").slice(0, 12);
const relative = `bytecode-${digest}/python_stdlib.zip`;
mkdirSync(join(runtimeDir, `bytecode-${digest}`), { recursive: true });
writeFileSync(join(runtimeDir, relative), zipBytes);
// Not added to "files": the service worker precaches those for every
// visitor, and this zip is fetched only when a normal start needs it.
manifest.stdlibBytecode = relative;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${relative}: ${zipBytes.length} bytes`);
