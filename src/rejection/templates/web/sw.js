{% autoescape off %}// Rejection Therapy's service worker: pages you have opened stay readable offline, and
// an ask logged with no connection is kept on the phone until a page can send it.
"use strict";

importScripts("{{ queue_script|escapejs }}");

const VERSION = "{{ version|escapejs }}";
const SHELL = "rt-shell-" + VERSION;
const STATIC = "rt-static";
const PAGES = "rt-pages";
const OFFLINE_URL = "{{ offline_url|escapejs }}";
const LOG_URL = "{{ log_url|escapejs }}";
const STATIC_URL = "{{ static_url|escapejs }}";
const SHELL_URLS = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
// Pages kept for offline use, each visit replacing the last copy (views/offline.py says which).
const KEPT_PATHS = [{% for path in kept_paths %}"{{ path|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("rt-shell-") && name !== SHELL)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    // A page asks to keep pages it links to (the log form for today's card).
    event.waitUntil(Promise.all(data.urls.filter(isKept).map(keepPage)));
  } else if (data.type === "forget") {
    // Signed out: the kept pages belong to the last account and must not stay on a shared phone.
    event.waitUntil(track(forgetPages()));
  } else if (data.type === "settled" && event.ports[0]) {
    // Answers once every copy being kept is written (the offline test waits for it).
    const port = event.ports[0];
    event.waitUntil(settled().then(() => port.postMessage({ settled: true })));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST" && request.mode === "navigate") {
    event.respondWith(url.pathname === LOG_URL ? sendOrKeep(request) : sendOrExplain(request));
  } else if (request.method !== "GET") {
    return;
  } else if (request.mode === "navigate") {
    event.respondWith(page(event, request));
  } else if (url.pathname.startsWith(STATIC_URL)) {
    event.respondWith(staticFile(event, request));
  }
});

// A reminder (web push): show it; a tap opens Today, in an open tab when there is one.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  const title = data.title || "Today's ask is ready when you are";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || "",
      tag: "rt-" + (data.kind || "reminder"),
      data: { url: data.url || "/today/" },
      icon: STATIC_URL + "icons/icon.svg",
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data || {}).url || "/today/", self.location.href);
  if (target.origin !== self.location.origin) {
    return;
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === target.origin);
      return open ? open.navigate(target.href).then((client) => (client || open).focus()) : self.clients.openWindow(target.href);
    })
  );
});

function isKept(href) {
  const url = new URL(href, self.location.href);
  return url.origin === self.location.origin && KEPT_PATHS.includes(url.pathname);
}

// Copies are written one at a time, in order. Two pages asking for the same page at once
// (Today's first load and its reload, say) would otherwise write it twice together, and
// Chromium removes the old copy before writing the new one: one failed write left no copy.
let writes = Promise.resolve();
const keeping = new Map(); // url -> the keep under way for it
const underway = new Set(); // every keep not yet written, for settled()

function track(work) {
  underway.add(work);
  return work.finally(() => underway.delete(work));
}

function settled() {
  return Promise.allSettled([...underway]);
}

// Each sign-out starts a new account's keeping: a copy fetched for the last one is dropped.
let account = 0;

// A copy of a page, stamped with when it was kept, so the offline banner can say so.
// `keptFor` is the account the page was fetched for (read before the fetch began).
async function keep(url, response, keptFor) {
  const headers = new Headers(response.headers);
  headers.set("X-Kept-At", new Date().toISOString());
  const body = await response.blob();
  const write = writes.then(async () => {
    if (keptFor !== account) {
      return; // signed out while it was fetched: it was never this account's to keep
    }
    const cache = await caches.open(PAGES);
    await cache.put(url, new Response(body, { status: response.status, headers }));
  });
  writes = write.catch(() => undefined);
  return write;
}

// Deleted after the writes queued before it, so none of them can bring the pages back.
function forgetPages() {
  account += 1;
  keeping.clear();
  const forget = writes.then(() => caches.delete(PAGES));
  writes = forget.catch(() => undefined);
  return forget;
}

// Kept copies younger than this are not fetched again when a page asks to keep them.
const FRESH_ENOUGH_MS = 6 * 60 * 60 * 1000;

// One keep per page at a time: a second ask while one is under way waits for that one.
function keepPage(href) {
  const url = new URL(href, self.location.href).href;
  if (!keeping.has(url)) {
    const work = track(fetchAndKeep(href, url)).finally(() => {
      if (keeping.get(url) === work) {
        keeping.delete(url);
      }
    });
    keeping.set(url, work);
  }
  return keeping.get(url);
}

async function fetchAndKeep(href, url) {
  const keptFor = account;
  // caches.match, not caches.open: opening would bring back a cache a sign-out deleted.
  const kept = await caches.match(url, { cacheName: PAGES });
  const keptAt = kept ? Date.parse(kept.headers.get("X-Kept-At") || "") : NaN;
  if (Date.now() - keptAt < FRESH_ENOUGH_MS) {
    return;
  }
  try {
    const response = await fetch(href, { credentials: "same-origin" });
    if (response.ok && !response.redirected) {
      await keep(url, response, keptFor);
    }
  } catch (error) {
    // Offline already: the copy kept earlier, if any, stays.
  }
}

async function page(event, request) {
  const keptFor = account;
  try {
    const response = await fetch(request);
    // Only signed-in answers are kept: a signed-out visit to a member page is redirected.
    if (isKept(request.url) && response.ok && !response.redirected) {
      event.waitUntil(track(keep(request.url, response.clone(), keptFor)));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request.url, { cacheName: PAGES });
    if (kept && new URL(request.url).pathname !== OFFLINE_URL) {
      return markedOffline(kept, false);
    }
    // The offline page: the copy kept while signed in, else the one kept at install.
    const shell =
      (await caches.match(OFFLINE_URL, { ignoreSearch: true, cacheName: PAGES })) ||
      (await caches.match(OFFLINE_URL, { ignoreSearch: true, cacheName: SHELL }));
    return shell ? markedOffline(shell, true) : Response.error();
  }
}

// A kept page, marked so its script knows it is a copy: the offline banner, fresh form
// keys, and never mistaking it for a signed-out visit.
async function markedOffline(kept, isShell) {
  const keptAt = (kept.headers.get("X-Kept-At") || "").replace(/[^0-9TZ:.-]/g, "");
  const marks = 'data-offline-copy="' + keptAt + '" ' + (isShell ? "data-offline-shell " : "");
  const html = (await kept.text()).replace("<body ", "<body " + marks);
  return new Response(html, { status: 200, headers: kept.headers });
}

// Logging an ask: send it; with no connection, keep it and say so.
async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (error) {
    const fields = new URLSearchParams(body);
    await self.RTQueue.add({
      owner: fields.get("offline_owner") || "",
      path: new URL(request.url).pathname,
      body: body,
      ask: fields.get("ask") || "",
      outcome: fields.get("outcome") || "",
      keptAt: new Date().toISOString(),
    });
    return Response.redirect(new URL(OFFLINE_URL + "?kept=1", self.location.href).href, 303);
  }
}

// Any other form (a rest day, a new card, an edit) needs the server: say so, change nothing.
async function sendOrExplain(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return Response.redirect(new URL(OFFLINE_URL + "?unsent=1", self.location.href).href, 303);
  }
}

// Static files: the kept copy at once, refreshed in the background for next time.
async function staticFile(event, request) {
  let stored = Promise.resolve();
  const fresh = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      stored = caches.open(STATIC).then((cache) => cache.put(request, copy));
    }
    return response;
  });
  event.waitUntil(fresh.then(() => stored).catch(() => undefined));
  const kept =
    (await caches.match(request, { cacheName: SHELL })) ||
    (await caches.open(STATIC).then((cache) => cache.match(request)));
  return kept || fresh;
}
{% endautoescape %}
