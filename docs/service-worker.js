// Service worker: keeps the calculator runtime and visited pages available
// for repeat visits and offline reading.
//
// Calculator pages register it once their runtime is ready (see
// calculators.js), so a visitor who never opens a calculator downloads no
// Pyodide file. On install it caches the files manifest.json lists, which
// the page has just downloaded, so they usually come from the HTTP cache.
// Runtime files have versioned paths and are served cache-first. Everything
// else is fetched from the network first, with the cached copy as the
// offline fallback. Whenever manifest.json is fetched, the runtime cache is
// brought in line with it, so a site update replaces the cached runtime
// instead of piling up next to it.

const RUNTIME_CACHE = "calculator-runtime-v1";
const PAGES_CACHE = "pages-v1";
const RUNTIME_URL = new URL("assets/runtime/", self.registration.scope);
const MANIFEST_URL = new URL("manifest.json", RUNTIME_URL);

// Absolute URLs of every runtime file a manifest lists.
function runtimeFiles(manifest) {
  return manifest.files.map((path) => new URL(path, MANIFEST_URL).href);
}

// Make the runtime cache hold exactly the files this manifest lists.
async function syncRuntime(manifest) {
  const cache = await caches.open(RUNTIME_CACHE);
  const wanted = runtimeFiles(manifest);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  await cache.addAll(wanted.filter((url) => !cached.has(url)));

  const current = new Set(wanted);
  for (const url of cached) {
    if (!current.has(url)) {
      await cache.delete(url);
    }
  }
}

async function cacheRuntime() {
  const response = await fetch(MANIFEST_URL, { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`${MANIFEST_URL} returned HTTP ${response.status}`);
  }
  // Offline, the manifest comes from the pages cache like any fetched file.
  await (await caches.open(PAGES_CACHE)).put(MANIFEST_URL, response.clone());
  await syncRuntime(await response.json());
}

// The pages open now were loaded before this worker existed, so they and
// the calculator scripts are cached here. Theme assets are cached on the
// next navigation, because this worker controls it.
async function cacheOpenPages() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pages = windows.map((client) => {
    const url = new URL(client.url);
    url.search = "";
    url.hash = "";
    return url.href;
  });
  const scripts = ["calculators.js", "calculator-worker.js", "snapshot-format.js", "accessibility.js"].map(
    (name) => new URL(`assets/javascripts/${name}`, self.registration.scope).href,
  );
  const cache = await caches.open(PAGES_CACHE);
  await cache.addAll([...new Set([...pages, ...scripts])]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all([cacheRuntime(), cacheOpenPages()]).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // Navigation preload starts a page's request while this worker is still
  // starting up, instead of after.
  const preload = self.registration.navigationPreload?.enable() ?? Promise.resolve();
  event.waitUntil(Promise.all([preload, self.clients.claim()]));
});

// Both strategies respond as soon as they have a response and write the
// cache copy in the background, kept alive by event.waitUntil.
async function cacheFirst(event) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await cache.match(event.request);
  if (cached) {
    return cached;
  }
  const response = await fetch(event.request);
  if (response.ok) {
    event.waitUntil(cache.put(event.request, response.clone()));
  }
  return response;
}

async function networkFirst(event) {
  const request = event.request;
  const cache = await caches.open(PAGES_CACHE);
  try {
    // A navigation's request may have started already, while this worker
    // was starting up (navigation preload).
    const response = (await event.preloadResponse) ?? (await fetch(request));
    if (response.ok && response.type === "basic") {
      event.waitUntil(cache.put(request, response.clone()));
    }
    return response;
  } catch (error) {
    // A page opened offline with other calculator inputs in its query
    // string is the same page: its cached copy serves it.
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) {
      return cached;
    }
    throw error;
  }
}

// Fetch the manifest from the network and bring the runtime cache in line
// with it in the background: new files in, files it no longer lists out.
async function refreshManifest(event) {
  const response = await networkFirst(event);
  if (response.ok) {
    const update = response
      .clone()
      .json()
      .then(syncRuntime)
      .catch((error) => console.error("Updating the cached calculator runtime failed:", error));
    event.waitUntil(update);
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }

  if (url.href === MANIFEST_URL.href) {
    event.respondWith(refreshManifest(event));
  } else if (url.href.startsWith(RUNTIME_URL.href)) {
    event.respondWith(cacheFirst(event));
  } else {
    event.respondWith(networkFirst(event));
  }
});
