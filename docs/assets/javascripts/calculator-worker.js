// Module Web Worker that runs the calc package in Pyodide.
//
// Protocol. The page sends {type: "evaluate", id, calculator, inputs} where
// inputs maps field names to the text the visitor typed. The worker replies
// with exactly one of:
//   {type: "result", id, evaluation}   evaluation as returned by calc.evaluate
//   {type: "error", id, message}       the calculation itself failed
// and, once per worker, with {type: "ready"} when Pyodide and calc are
// loaded or {type: "failed", message} when they cannot be. Requests sent
// before "ready" wait for the runtime and are answered when it is up.

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

// Start Pyodide and install calc; resolves to calc.evaluate_json.
async function startRuntime() {
  const response = await fetch(MANIFEST_URL);
  if (!response.ok) {
    throw new Error(`${MANIFEST_URL} returned HTTP ${response.status}`);
  }
  const manifest = await response.json();

  // The wheel download overlaps Pyodide's own start-up.
  const wheel = fetchBytes(new URL(manifest.wheel, MANIFEST_URL));
  const { loadPyodide } = await import(new URL(manifest.pyodide, MANIFEST_URL).href);
  const wasmFailure = watchWasmFailure();
  const pyodide = await Promise.race([loadPyodide(), wasmFailure]);

  pyodide.unpackArchive(await wheel, "wheel");
  return pyodide.pyimport("calc").evaluate_json;
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
