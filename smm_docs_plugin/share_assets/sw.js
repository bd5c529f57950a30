"use strict";
// The service worker of an encrypted handbook (smm share). Every request inside its scope is
// answered with the site file of that path, fetched from smm-share/<HMAC of the path> and
// decrypted here with the keys the opening page stored (WebCrypto, AES-256-GCM; the path is
// the associated data, so a file served under another name does not decrypt). Without keys,
// or with keys that no longer fit (a rotated share key), a page request gets the opening page,
// which says so in the site's language; other requests get 403. Nothing is cached in clear.
const SCOPE = new URL(self.registration.scope);
const DATA = new URL("smm-share/", SCOPE);
const WORKER = "smm-share-sw.js";
const PROBE = ".smm-share"; // every encrypted site has it: the keys fit the site as published now
const encoder = new TextEncoder();
const MISSING = Symbol("missing");
const BROKEN = Symbol("broken");
const TYPES = {
  html: "text/html; charset=utf-8", htm: "text/html; charset=utf-8", css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8", json: "application/json",
  map: "application/json", xml: "application/xml", txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8", ics: "text/calendar; charset=utf-8", svg: "image/svg+xml",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  avif: "image/avif", ico: "image/x-icon", woff: "font/woff", woff2: "font/woff2", ttf: "font/ttf",
  otf: "font/otf", eot: "application/vnd.ms-fontobject", pdf: "application/pdf", mp4: "video/mp4",
  webm: "video/webm", mp3: "audio/mpeg", webmanifest: "application/manifest+json", gz: "application/gzip",
};

let keysPromise = null;

self.addEventListener("install", (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("message", (event) => {
  keysPromise = null; // the opening page stored new keys (or removed stale ones)
  if (event.ports[0]) event.ports[0].postMessage("ok");
});

function loadKeys() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("smm-share", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("keys");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction("keys", "readonly").objectStore("keys").get(SCOPE.href);
      get.onsuccess = () => { db.close(); resolve(get.result || null); };
      get.onerror = () => { db.close(); reject(get.error); };
    };
  });
}

async function storedName(keys, path) {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", keys.names, encoder.encode(path)));
  return Array.from(mac.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function openFile(keys, path) {
  const response = await fetch(new URL(await storedName(keys, path), DATA), { cache: "no-cache" });
  if (response.status === 404) return MISSING;
  if (!response.ok) throw new Error("HTTP " + response.status);
  const blob = new Uint8Array(await response.arrayBuffer());
  try {
    return await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: blob.subarray(0, 12), additionalData: encoder.encode(path) }, keys.encrypt, blob.subarray(12));
  } catch (error) {
    return BROKEN;
  }
}

function typeOf(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return (dot > 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || "application/octet-stream";
}

async function locked(request) {
  if (request.mode !== "navigate") return new Response("", { status: 403 });
  const opening = await fetch(new URL("index.html", SCOPE), { cache: "no-store" });
  return new Response(opening.body, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function serve(request, relative, url) {
  if (!keysPromise) keysPromise = loadKeys();
  let keys;
  try {
    keys = await keysPromise;
  } catch (error) {
    keysPromise = null;
    keys = null;
  }
  if (!keys) return locked(request);
  const path = relative === "" || relative.endsWith("/") ? relative + "index.html" : relative;
  const body = await openFile(keys, path);
  if (body === BROKEN) {
    keysPromise = null;
    return locked(request);
  }
  if (body !== MISSING) return new Response(body, { status: 200, headers: { "Content-Type": typeOf(path) } });
  if (!((await openFile(keys, PROBE)) instanceof ArrayBuffer)) {
    keysPromise = null; // the site was published again with another key: these keys are stale
    return locked(request);
  }
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (!last.includes(".") && (await openFile(keys, path + "/index.html")) instanceof ArrayBuffer) {
    return Response.redirect(new URL(url.pathname + "/" + url.search, url).href, 301); // a folder without its slash
  }
  const notFound = await openFile(keys, "404.html");
  const page = notFound instanceof ArrayBuffer ? notFound : "Not found";
  return new Response(page, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  let relative;
  try {
    relative = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch (error) {
    event.respondWith(new Response("Bad request", { status: 400 }));
    return;
  }
  if (relative === WORKER || relative.startsWith("smm-share/")) return;
  event.respondWith(serve(request, relative, url).catch(() => new Response("Service unavailable", { status: 503 })));
});
