// Run calc cases in the pinned npm Pyodide under Node.
//
// Usage: node run_cases.mjs WHEEL_PATH < cases.json > outcomes.json
// Installs the calc wheel, loads case_runner.py beside this file, and
// prints what its run_cases() returns for the cases on standard input.

import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const wheelPath = process.argv[2];
if (!wheelPath) {
  console.error("usage: node run_cases.mjs WHEEL_PATH < cases.json");
  process.exit(2);
}

const pyodide = await loadPyodide();
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel");

const runner = readFileSync(new URL("./case_runner.py", import.meta.url), "utf8");
const namespace = pyodide.globals.get("dict")();
pyodide.runPython(runner, { globals: namespace });

const cases = readFileSync(0, "utf8");
process.stdout.write(namespace.get("run_cases")(cases));
process.stdout.write("\n");
