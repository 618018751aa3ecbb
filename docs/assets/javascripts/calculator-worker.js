// Module Web Worker that runs the calc package in Pyodide.
//
// Protocol. The page sends {type: "evaluate", id, calculator, inputs} where
// inputs maps field names to the text the visitor typed. The worker replies
// with exactly one of:
//   {type: "result", id, evaluation}   evaluation as returned by calc.evaluate
//   {type: "error", id, message}       the calculation itself failed
// and, once per worker, with {type: "ready"} when Pyodide and calc are
// loaded or {type: "failed", message} when they cannot be. Requests sent
// before "ready" wait for the runtime and get their reply when it is up.
//
// Start-up. When manifest.json names a snapshot, the worker restores that
// gzipped Pyodide memory snapshot, in which calc is already imported, and
// so skips Python's initialisation. If the snapshot is missing or cannot be
// restored, the worker logs a warning and starts Pyodide normally.

const MANIFEST_URL = new URL("../runtime/manifest.json", import.meta.url);

// Fetch a URL as bytes, turning an HTTP error status into an exception.
async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} returned HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

// Return a promise that rejects if Pyodide's WebAssembly fails to compile
// and otherwise never settles.
// NOTE: Pyodide 314's loadPyodide() never settles when its wasm is missing,
// truncated or corrupt: its instantiateWasm hook logs "wasm instantiation
// failed!" and waits forever. Watching the two WebAssembly functions it
// calls turns that into an error the page can show, without fetching the
// binary a second time. Call this before loadPyodide().
function watchWasmFailure() {
  let reportFailure;
  const failure = new Promise((_, reject) => {
    reportFailure = reject;
  });
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => {
      const result = original.apply(WebAssembly, args);
      result.catch((error) => reportFailure(new Error(`Pyodide's WebAssembly failed to compile: ${error.message}`)));
      return result;
    };
  }
  return failure;
}

// Fetch a gzip file and decompress it while it downloads. The file is
// gzipped on disk rather than by the host, so every static host serves the
// same small file whatever its compression settings.
async function fetchGunzipped(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} returned HTTP ${response.status}`);
  }
  const unpacked = new Response(response.body.pipeThrough(new DecompressionStream("gzip")));
  return new Uint8Array(await unpacked.arrayBuffer());
}

// Start Pyodide from the memory snapshot; resolves to calc.evaluate_json.
async function restoreRuntime(loadPyodide, snapshot, wasmFailure) {
  // _loadSnapshot is private Pyodide API. It accepts a promise, so the
  // snapshot download overlaps the wasm download, and it throws on a
  // snapshot made by another Pyodide build.
  const pyodide = await Promise.race([loadPyodide({ _loadSnapshot: snapshot }), wasmFailure]);
  // The snapshot froze the random module's state, so reseed it from the
  // browser's entropy. The str hash seed stays the one the build used.
  pyodide.runPython("import random; random.seed()");
  return pyodide.pyimport("calc").evaluate_json;
}

// Start Pyodide and install calc; resolves to calc.evaluate_json.
async function startRuntimeNormally(loadPyodide, manifest, wasmFailure) {
  const wheel = fetchBytes(new URL(manifest.wheel, MANIFEST_URL));
  const pyodide = await Promise.race([loadPyodide(), wasmFailure]);
  pyodide.unpackArchive(await wheel, "wheel");
  return pyodide.pyimport("calc").evaluate_json;
}

async function startRuntime() {
  const response = await fetch(MANIFEST_URL);
  if (!response.ok) {
    throw new Error(`${MANIFEST_URL} returned HTTP ${response.status}`);
  }
  const manifest = await response.json();

  // The snapshot download starts before Pyodide's loader is even imported.
  const snapshot = manifest.snapshot ? fetchGunzipped(new URL(manifest.snapshot, MANIFEST_URL)) : null;
  // A failed download surfaces below, where loadPyodide rejects with it.
  snapshot?.catch(() => {});
  const { loadPyodide } = await import(new URL(manifest.pyodide, MANIFEST_URL).href);
  const wasmFailure = watchWasmFailure();

  if (snapshot) {
    try {
      return await restoreRuntime(loadPyodide, snapshot, wasmFailure);
    } catch (error) {
      console.warn("Calculator snapshot could not be restored, starting Pyodide normally:", error);
    }
  }
  return startRuntimeNormally(loadPyodide, manifest, wasmFailure);
}

const runtime = startRuntime();

runtime.then(
  () => self.postMessage({ type: "ready" }),
  (error) => {
    console.error("Calculator runtime failed to load:", error);
    self.postMessage({ type: "failed", message: String(error?.message ?? error) });
  },
);

self.addEventListener("message", async (event) => {
  const request = event.data;
  if (request?.type !== "evaluate") {
    console.error("Calculator worker rejected a message of unknown type:", request);
    return;
  }

  let evaluateJson;
  try {
    evaluateJson = await runtime;
  } catch {
    // The page already received the "failed" message.
    return;
  }

  try {
    // Inputs cross into Python as a JSON string: data, never source code.
    const evaluation = JSON.parse(evaluateJson(request.calculator, JSON.stringify(request.inputs)));
    self.postMessage({ type: "result", id: request.id, evaluation });
  } catch (error) {
    console.error(`Calculator ${request.calculator} failed:`, error);
    self.postMessage({ type: "error", id: request.id, message: String(error?.message ?? error) });
  }
});
