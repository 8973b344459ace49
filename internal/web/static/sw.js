// unhunch's service worker: it keeps the app shell, the catalog, the
// routines, their player pages and the exercises' figures, so a routine plays (and is recorded, by
// the page's outbox) with the network off. Pages and API reads go to the
// network first and fall back to what was kept; hashed assets never change,
// so they come from the cache. The safety gate is never served from here:
// the player judges how fresh its own copy is.
'use strict';
const VERSION = 'unhunch-/*{{.Version}}*/';
// What it keeps comes from the server's route table (route.offline).
const SHELL = [/*{{range .Keep}}*/'/*{{.}}*/', /*{{end}}*/];

self.addEventListener('install', e => {
  e.waitUntil(caches.open(VERSION).then(c => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', e => {
  e.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== VERSION).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', e => {
  const req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname === '/api/v1/gate' || url.pathname === '/metrics' || url.pathname === '/healthz' || url.pathname === '/sw.js') return;
  if (url.pathname.startsWith('/assets/')) {
    e.respondWith(caches.match(req).then(hit => hit || fetch(req).then(res => keep(req, res))));
    return;
  }
  e.respondWith(fetch(req).then(res => keep(req, res)).catch(() =>
    caches.match(req).then(hit => hit || (req.mode === 'navigate' ? caches.match('/') : Response.error()))));
});

function keep(req, res) {
  if (res.ok) { const copy = res.clone(); caches.open(VERSION).then(c => c.put(req, copy)); }
  return res;
}

// A reminder (app.js, U.reminders) opens the player at what the schedule
// says to do: in a window of the app if one is open, or a new one.
self.addEventListener('notificationclick', e => {
  e.notification.close();
  const url = new URL((e.notification.data && e.notification.data.url) || '/', self.location.origin).href;
  e.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(list => {
    for (const c of list) {
      if ('navigate' in c) return c.focus().then(() => c.navigate(url));
    }
    return self.clients.openWindow(url);
  }));
});
