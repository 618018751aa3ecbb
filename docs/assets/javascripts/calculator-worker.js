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
// Pyodide memory snapshot, in which calc is already imported, and so skips
// Python's initialisation. The snapshot (see snapshot-format.js) streams
// into memory while Pyodide downloads, compiles and links its JavaScript
// and WebAssembly. Only the last step, restoring memory, waits for it. A
// repeat visit reads the snapshot already decompressed from Cache Storage.
// If the snapshot is missing or cannot be restored, the worker logs a
// warning and starts Pyodide normally.

// Imported alongside the manifest's download rather than before it: a
// static import would delay every other step by one request.
const snapshotFormat = import("./snapshot-format.js");
// A failed import surfaces where the snapshot is read.
snapshotFormat.catch(() => {});

const MANIFEST_URL = new URL("../runtime/manifest.json", import.meta.url);

// Cache Storage name for the decompressed snapshot of the current site (one entry).
const SNAPSHOT_CACHE = "calculator-snapshot-v1";

// Opened alongside the manifest's download. In a new browser profile,
// opening Cache Storage takes tens of milliseconds, and the snapshot's
// download waits for the lookup.
const snapshotCache = "caches" in self ? caches.open(SNAPSHOT_CACHE) : Promise.reject(new Error("no Cache Storage"));
// A failure surfaces where the snapshot is opened.
snapshotCache.catch(() => {});

// Writing the 10 MB copy waits this long after the runtime is ready, so it
// does not slow the calculations of a visitor who starts typing at once.
const KEEP_SNAPSHOT_DELAY_MS = 3000;

// Fetch a URL, turning an HTTP error status into an exception.
async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} returned HTTP ${response.status}`);
  }
  return response;
}

// Fetch a URL as bytes.
async function fetchBytes(url) {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}

class WasmError extends Error {
  constructor(cause) {
    super(`Pyodide's WebAssembly failed to compile: ${cause.message}`, { cause });
    this.name = "WasmError";
  }
}

// Compile Pyodide's WebAssembly from wasmUrl now, and watch Pyodide's use
// of it. Call this once, before the first loadPyodide(). Pyodide requests
// its WebAssembly only once its loader runs, after its 1.2 MB
// pyodide.asm.mjs has been compiled on this thread, and a download with no
// reader stalls. Started here, the download and its compilation overlap
// that work. Pyodide's own fetch() of wasmUrl gets a placeholder response
// without a download, and instantiating the placeholder instantiates the
// module compiled here.
//
// Returns {failure, onNextInstance}: failure is a promise that rejects with
// a WasmError if the WebAssembly fails to compile and otherwise never
// settles; onNextInstance(listener) has the next instance's memory (an
// ArrayBuffer) passed to listener as soon as it is made, before Pyodide's
// JavaScript writes to it.
// NOTE: Pyodide 314's loadPyodide() never settles when its wasm is missing,
// truncated or corrupt: its instantiateWasm hook logs "wasm instantiation
// failed!" and waits forever. Watching compilation and instantiation turns
// that into an error the page can show.
function compileWasm(wasmUrl) {
  let reportFailure;
  const failure = new Promise((_, reject) => {
    reportFailure = reject;
  });
  const compiled = WebAssembly.compileStreaming(fetch(wasmUrl));
  compiled.catch((error) => reportFailure(new WasmError(error)));

  // The placeholder for the compiled module that Pyodide's fetch() of
  // wasmUrl gets.
  const compiledResponse = compiled.then(() => new Response(null, { headers: { "Content-Type": "application/wasm" } }));
  compiledResponse.catch(() => {});
  const originalFetch = self.fetch;
  self.fetch = function (input, init) {
    const target = input instanceof Request ? input.url : String(input);
    const plain = init === undefined || Object.keys(init).length === 0;
    return plain && target === wasmUrl.href ? compiledResponse : originalFetch.call(this, input, init);
  };

  const listeners = [];
  const instantiated = (instance) => {
    const memory = instance.exports?.memory;
    if (memory instanceof WebAssembly.Memory) {
      listeners.splice(0).forEach((listener) => listener(memory.buffer));
    }
  };
  const watch = (result) => {
    // Attached before Pyodide gets the promise, so it runs first.
    // instantiate() gives an Instance when passed a Module.
    result.then((made) => instantiated(made.instance ?? made), (error) => reportFailure(new WasmError(error)));
    return result;
  };
  const originalInstantiate = WebAssembly.instantiate;
  const originalInstantiateStreaming = WebAssembly.instantiateStreaming;
  const instantiateCompiled = async (imports) => {
    const module = await compiled;
    return { module, instance: await originalInstantiate.call(WebAssembly, module, imports) };
  };
  WebAssembly.instantiate = (...args) => watch(originalInstantiate.apply(WebAssembly, args));
  WebAssembly.instantiateStreaming = (source, imports) =>
    watch(
      source === compiledResponse
        ? instantiateCompiled(imports)
        : originalInstantiateStreaming.call(WebAssembly, source, imports),
    );
  return { failure, onNextInstance: (listener) => listeners.push(listener) };
}

// Open the snapshot as a stream of packed bytes: the decompressed copy from
// Cache Storage when there is one, else the gzip file from the network.
async function openSnapshot(url) {
  try {
    const cached = await (await snapshotCache).match(url);
    if (cached) {
      return { stream: cached.body, fromCache: true };
    }
  } catch (error) {
    // Cache Storage is off in some private modes; the network still works.
    console.info("Calculator snapshot cache unavailable:", error);
  }
  const response = await fetchOk(url);
  return { stream: response.body.pipeThrough(new DecompressionStream("gzip")), fromCache: false };
}

// Start reading the snapshot. Returns {url, image, base, loaded}: image
// resolves to the memory image as soon as its size is known (it fills in
// afterwards), and base is set then too (see readSnapshot); loaded
// resolves, once every byte is in place, to readSnapshot's result with
// fromCache added.
function startSnapshot(url) {
  const snapshot = { url, base: undefined };
  let showImage;
  snapshot.image = new Promise((resolve) => {
    showImage = resolve;
  });
  snapshot.loaded = openSnapshot(url).then(async ({ stream, fromCache }) => {
    const { readSnapshot } = await snapshotFormat;
    const onImage = (image, base) => {
      snapshot.base = base;
      showImage(image);
    };
    return { ...(await readSnapshot(stream, onImage)), fromCache };
  });
  // A failure surfaces in restoreRuntime, which races against it.
  snapshot.loaded.catch(() => {});
  return snapshot;
}

// Keep the decompressed snapshot for the next visit, replacing any other.
async function keepSnapshot(url, packed) {
  const cache = await caches.open(SNAPSHOT_CACHE);
  for (const request of await cache.keys()) {
    if (request.url !== url.href) {
      await cache.delete(request);
    }
  }
  await cache.put(url, new Response(new Blob(packed)));
}

async function forgetSnapshot(url) {
  try {
    await (await caches.open(SNAPSHOT_CACHE)).delete(url);
  } catch {
    // Nothing was cached.
  }
}

// Start Pyodide from the memory snapshot. Resolves to {evaluateJson, packed}:
// calc.evaluate_json, and the snapshot file's pieces for keepSnapshot.
// stdlibUrl names the standard library zip the snapshot was made with, when
// it is not Pyodide's own.
async function restoreRuntime(loadPyodide, pyodideOptions, snapshot, stdlibUrl, wasm) {
  let reportFailure;
  const snapshotFailure = new Promise((_, reject) => {
    reportFailure = reject;
  });
  snapshot.loaded.catch(reportFailure);

  // Pyodide instantiates its WebAssembly only once it has the image, so the
  // snapshot's base is known by then. Copy the fresh memory in its range,
  // which the image is stored as a difference from, before Pyodide's
  // JavaScript writes there.
  let freshMemory = null;
  wasm.onNextInstance((buffer) => {
    const { memoryOffset, length } = snapshot.base ?? { memoryOffset: 0, length: 0 };
    freshMemory = new Uint8Array(buffer).slice(memoryOffset, memoryOffset + length);
  });

  // fsInit runs after Pyodide has instantiated its WebAssembly and before it
  // copies the image into memory, so it is where the start waits for the
  // rest of the snapshot and puts the base right. A failed snapshot leaves
  // this Pyodide waiting there for good: the caller gives up on it and
  // starts a normal one.
  let packed;
  const fsInit = async () => {
    try {
      const [loaded, { applyBase }] = await Promise.all([snapshot.loaded, snapshotFormat]);
      packed = applyBase(loaded, freshMemory);
    } catch (error) {
      reportFailure(error);
      await new Promise(() => {});
    }
  };

  // _loadSnapshot is private Pyodide API. It accepts a promise of the
  // image, needs only its size to start, and throws on a snapshot made by
  // another Pyodide build.
  const pyodide = await Promise.race([
    // Pyodide uses its own standard library when stdLibURL is undefined.
    loadPyodide({ ...pyodideOptions, _loadSnapshot: snapshot.image, fsInit, stdLibURL: stdlibUrl?.href }),
    wasm.failure,
    snapshotFailure,
  ]);
  // The snapshot froze the random module's state, so reseed it from the
  // browser's entropy. The str hash seed stays the one the build used.
  pyodide.runPython("import random; random.seed()");
  return { evaluateJson: pyodide.pyimport("calc").evaluate_json, packed };
}

// Start Pyodide and install calc; resolves to calc.evaluate_json. The
// standard library comes with its start-up modules precompiled when the
// manifest names such a zip, which spares Python compiling them.
async function startRuntimeNormally(loadPyodide, pyodideOptions, manifest, wasm) {
  const wheel = fetchBytes(new URL(manifest.wheel, MANIFEST_URL));
  const options = { ...pyodideOptions };
  if (manifest.stdlibBytecode) {
    options.stdLibURL = new URL(manifest.stdlibBytecode, MANIFEST_URL).href;
  }
  const pyodide = await Promise.race([loadPyodide(options), wasm.failure]);
  pyodide.unpackArchive(await wheel, "wheel");
  return pyodide.pyimport("calc").evaluate_json;
}

async function startRuntime() {
  const manifest = await (await fetchOk(MANIFEST_URL)).json();

  // Pyodide's loader imports its 1.2 MB pyodide.asm.mjs only once it runs.
  // Importing both now has them downloaded and compiled before the
  // snapshot's decompression keeps this thread busy.
  const pyodideUrl = new URL(manifest.pyodide, MANIFEST_URL);
  const wasm = compileWasm(new URL("pyodide.asm.wasm", pyodideUrl));
  const loader = import(pyodideUrl.href);
  import(new URL("pyodide.asm.mjs", pyodideUrl).href).catch(() => {});
  const snapshot = manifest.snapshot ? startSnapshot(new URL(manifest.snapshot, MANIFEST_URL)) : null;
  const { loadPyodide } = await loader;
  // Without indexURL, Pyodide finds its own folder by throwing an error and
  // parsing its stack trace, which has V8 reparse the functions on the stack.
  const pyodideOptions = { indexURL: new URL(".", pyodideUrl).href };

  if (snapshot) {
    try {
      const stdlibUrl = manifest.snapshotStdlib ? new URL(manifest.snapshotStdlib, MANIFEST_URL) : null;
      const { evaluateJson, packed } = await restoreRuntime(loadPyodide, pyodideOptions, snapshot, stdlibUrl, wasm);
      const { fromCache } = await snapshot.loaded;
      if (!fromCache) {
        setTimeout(() => {
          keepSnapshot(snapshot.url, packed).catch((error) => {
            console.info("Calculator snapshot not kept for the next visit:", error);
          });
        }, KEEP_SNAPSHOT_DELAY_MS);
      }
      return evaluateJson;
    } catch (error) {
      if (error instanceof WasmError) {
        // A normal start needs the same WebAssembly.
        throw error;
      }
      console.warn("Calculator snapshot could not be restored, starting Pyodide normally:", error);
      await forgetSnapshot(snapshot.url);
    }
  }
  return startRuntimeNormally(loadPyodide, pyodideOptions, manifest, wasm);
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
