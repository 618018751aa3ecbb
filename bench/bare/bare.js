// The baseline the benchmark compares against: a plain Pyodide start on the
// main thread from the same files the site ships, then one line of Python.
// The time since navigation start is stored for the benchmark to read.

const manifestUrl = new URL("../../assets/runtime/manifest.json", import.meta.url);
const manifest = await (await fetch(manifestUrl)).json();
const { loadPyodide } = await import(new URL(manifest.pyodide, manifestUrl).href);
const pyodide = await loadPyodide();
const answer = pyodide.runPython("1 + 1");
window.bareResult = { answer, milliseconds: performance.now() };
