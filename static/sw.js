// Sentence Annotator's service worker (docs/ARCHITECTURE.md, Offline use): after one visit the
// page opens and works with no network. Plain JavaScript, no build step: Trunk copies it next
// to index.html, and scripts/precache.py writes the list of this build's files into the block
// below (with a VERSION that changes whenever any file does, so a new deployment installs a new
// worker).
//
// Strategies, for the page's own files only:
// - the page (a navigation to ./ or ./index.html): network first, the cached copy when the
//   network fails, so a new deployment is picked up on the next load;
// - files whose name carries a content hash (IMMUTABLE): cache first;
// - the other files of the build (FRESH: articles/, labels.json, schema/, the manifest, icons):
//   network first, the cache when offline.
// Anything else (the sync database, e.g. couchdb/…, other paths, other origins) and every
// request that is not a GET passes through untouched: no respondWith, no caching.
"use strict";

// <precache>
// Written by scripts/precache.py at build time: do not edit.
const VERSION = "dev";
const IMMUTABLE = [];
const FRESH = [];
// </precache>

const PREFIX = "sentence-annotator-";
const CACHE = PREFIX + VERSION;
// The worker sits next to index.html: its directory is the page's.
const BASE = new URL("./", self.location.href).href;
const PAGE = BASE; // the cache key of the page (index.html)
const abs = (rel) => new URL(rel, BASE).href;
const keyOf = (url) => (url === abs("index.html") ? PAGE : url);
const immutable = new Set(IMMUTABLE.map(abs));
const fresh = new Set(FRESH.map(abs).map(keyOf));

// A copy that can answer any request: a response that followed a redirect must not answer a
// navigation (its redirect mode is "manual").
async function storable(response) {
  if (!response.redirected) return response;
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function put(cache, key, response) {
  if (response.ok && response.type === "basic") {
    await cache.put(key, await storable(response));
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const all = [...IMMUTABLE.map((u) => [abs(u), true]), ...FRESH.map((u) => [abs(u), false])];
      // Best effort, one file at a time: a file missing from a deployment must not keep the
      // worker from installing (the rest still works offline, and each file is cached again when
      // the page fetches it).
      await Promise.allSettled(
        all.map(async ([url, hashed]) => {
          // A hashed file an earlier version cached already is the same file.
          const old = hashed ? await caches.match(url) : undefined;
          const response = old || (await fetch(new Request(url, { cache: "no-cache" })));
          await put(cache, keyOf(url), response);
        })
      );
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

async function networkFirst(event, key) {
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const hit = (await cache.match(key)) || (await caches.match(key));
    if (hit) return hit;
    throw offline;
  }
  event.waitUntil(put(cache, key, response.clone()).catch(() => {}));
  return response;
}

async function cacheFirst(event, key) {
  const hit = await caches.match(key);
  if (hit) return hit;
  const response = await fetch(event.request);
  const cache = await caches.open(CACHE);
  event.waitUntil(put(cache, key, response.clone()).catch(() => {}));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = keyOf(url.origin + url.pathname);
  if (request.mode === "navigate") {
    if (key === PAGE) event.respondWith(networkFirst(event, PAGE));
    return;
  }
  if (immutable.has(key)) {
    event.respondWith(cacheFirst(event, key));
  } else if (fresh.has(key)) {
    event.respondWith(networkFirst(event, key));
  }
});
