// The baseline the benchmark compares against: a plain Pyodide start on the
// main thread from the same files the site ships, then one line of Python.
// The time since navigation start is stored for the benchmark to read.
// With ?stdlib=bytecode the start uses the standard library zip whose
// start-up modules are precompiled (manifest.json's "stdlibBytecode").

const manifestUrl = new URL("../../assets/runtime/manifest.json", import.meta.url);
const manifest = await (await fetch(manifestUrl)).json();
const { loadPyodide } = await import(new URL(manifest.pyodide, manifestUrl).href);
const bytecode = new URLSearchParams(window.location.search).get("stdlib") === "bytecode";
const options = bytecode ? { stdLibURL: new URL(manifest.stdlibBytecode, manifestUrl).href } : {};
const pyodide = await loadPyodide(options);
const answer = pyodide.runPython("1 + 1");
window.bareResult = { answer, milliseconds: performance.now() };
