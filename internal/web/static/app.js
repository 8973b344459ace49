// unhunch: what every page shares. The outbox keeps what the player records
// (in localStorage) and sends it, oldest first, each request with its
// idempotency key, until the server has answered it; the service worker is
// registered so pages, routines and the player work offline.
'use strict';
(() => {
  const Q = 'unhunch.queue', GATE = 'unhunch.gate', VOICE = 'unhunch.voice', REJ = 'unhunch.rejected';
  const read = (k, d) => { try { const v = JSON.parse(localStorage.getItem(k)); return v == null ? d : v; } catch (e) { return d; } };
  const write = (k, v) => localStorage.setItem(k, JSON.stringify(v));
  let syncing = null, delay = 1000, timer = 0;

  const U = window.unhunch = {
    spoken: [], // every cue handed to speechSynthesis, for people who test this
    queue: () => read(Q, []),
    // user is who is signed in on this page ('' without accounts); what is
    // queued is theirs, and only they send it (issue 17: on a shared
    // browser, one person's sessions never reach another's journal).
    user: () => (document.body && document.body.dataset.user) || '',
    enqueue(item) { const q = read(Q, []); item.user = U.user(); q.push(item); write(Q, q); status(); },
    voiceOn: () => localStorage.getItem(VOICE) === 'on',
    setVoice(on) { localStorage.setItem(VOICE, on ? 'on' : 'off'); },
    speak(text) {
      if (!U.voiceOn() || !text || !('speechSynthesis' in window)) return;
      U.spoken.push(text);
      try { speechSynthesis.cancel(); speechSynthesis.speak(new SpeechSynthesisUtterance(text)); } catch (e) { /* no voice here */ }
    },
    gate: () => read(GATE, null),
    tripGate() { const g = read(GATE, null); if (g) { g.tripped = true; write(GATE, g); } },
    // gateAllowsOffline reports whether a start may rest on the last gate
    // answer fetched online: it allowed, it is fresh, the calendar has not
    // run past it, and nothing here since has called for new answers.
    gateAllowsOffline() {
      const g = read(GATE, null), now = Date.now();
      return !!(g && g.ok && !g.tripped && now - Date.parse(g.checked_at) < g.fresh_seconds * 1000 &&
        (!g.valid_until || now < Date.parse(g.valid_until)));
    },
    async refreshGate() {
      await U.sync();
      if (read(Q, []).length) return read(GATE, null); // the server does not know everything yet
      try {
        const r = await fetch('/api/v1/gate', { cache: 'no-store' });
        if (r.ok) { const g = await r.json(); write(GATE, g); return g; }
        await r.text();
      } catch (e) { /* offline: keep what we have */ }
      return read(GATE, null);
    },
    newID() {
      const a = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      let t = Date.now(), s = '';
      for (let i = 0; i < 10; i++) { s = a[t % 32] + s; t = Math.floor(t / 32); }
      const r = new Uint8Array(16); crypto.getRandomValues(r);
      for (let i = 0; i < 16; i++) s += a[r[i] % 32];
      return s;
    },
    sync() {
      if (syncing) return syncing;
      syncing = (async () => {
        for (;;) {
          const q = read(Q, []).filter(mine);
          if (!q.length) { delay = 1000; break; }
          const it = q[0];
          let res;
          try {
            res = await fetch(it.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': it.key }, body: JSON.stringify(it.body) });
          } catch (e) { later(); break; }
          if (res.status >= 500 || res.status === 408 || res.status === 429) { later(); break; }
          // Not signed in (any more): kept until its person signs in again.
          if (res.status === 401) { await res.text().catch(() => ''); break; }
          let why = '';
          if (res.ok) await res.text().catch(() => ''); // read to its end: an unread body shows as an aborted request
          else try { why = (await res.json()).error.message; } catch (e) { /* none */ }
          // The queue is read, changed and written back in one go, with no
          // await in between: what the player queued meanwhile stays.
          let left = read(Q, []);
          const at = left.findIndex(x => x.key === it.key && mine(x));
          if (at >= 0) left.splice(at, 1);
          if (!res.ok) {
            // Refused for good (a 4xx): keep the reason, and drop what
            // depended on a session that was never started.
            const rej = read(REJ, []); rej.push({ item: it, status: res.status, message: why }); write(REJ, rej);
            if (it.session && it.kind === 'start') left = left.filter(x => x.session !== it.session);
          }
          write(Q, left);
          if (it.done) it.done(res);
        }
        status();
      })().finally(() => { syncing = null; });
      return syncing;
    },
  };

  // mine reports whether a queued item is the signed-in person's (an item
  // queued before accounts has no user, and goes with whoever is here).
  function mine(it) { return !it.user || it.user === U.user(); }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(U.sync, delay);
    delay = Math.min(delay * 2, 8000);
    status();
  }

  function status() {
    const el = document.getElementById('sync-status');
    if (!el) return;
    // Said in sessions, which people know, not in the requests kept for them.
    const n = new Set(read(Q, []).filter(mine).map(it => it.session || it.key)).size;
    el.hidden = n === 0;
    el.textContent = n === 0 ? '' : n === 1 ? el.dataset.syncOne : el.dataset.syncMany.replace('%d', n);
  }

  addEventListener('online', () => { delay = 1000; U.sync(); });
  addEventListener('DOMContentLoaded', () => {
    // What the page is about now gets the focus, so a screen reader says it
    // and keys start from it: a question, a plan just made, what a form did.
    // Only when nothing has it yet: the player puts it on the pain question
    // after the safety questions, and that stays.
    // Focus alone scrolls only until the element shows, which left a plan's
    // heading at the bottom of the screen under the form; when it is out of
    // sight or in the bottom third, the card it heads is brought to the top
    // instead. One higher up stays where it is, with the page's title above.
    const f = document.querySelector('[data-focus]');
    if (f && (!document.activeElement || document.activeElement === document.body)) {
      f.focus({ preventScroll: true });
      const r = f.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight || r.top > innerHeight * 2 / 3) (f.closest('.card') || f).scrollIntoView({ block: 'start' });
    }
    status();
    U.sync();
    const v = document.getElementById('voice-setting');
    if (v) { v.disabled = false; v.checked = U.voiceOn(); v.addEventListener('change', () => U.setVoice(v.checked)); }
    U.refreshGate();
  });
  // Browser reminders (issue 19). Permission is asked only when the person
  // saves a schedule, never on a visit. While the app is open, a timer
  // waits for the schedule's next time; then the server says whether a
  // reminder goes out now (schedule.Decide: a planned day, not in quiet
  // hours, not already practised today), this page keeps to the number a
  // day, and the service worker shows it; clicking it opens the player.
  const REM = 'unhunch.reminded';
  let remindTimer = 0;
  const canNotify = () => 'Notification' in window && 'serviceWorker' in navigator;
  const schedule = async () => {
    try { const r = await fetch('/api/v1/schedule', { cache: 'no-store' }); return r.ok ? await r.json() : null; } catch (e) { return null; }
  };
  U.reminders = {
    shown: [], // every reminder handed to the service worker, for people who test this
    // plan sets the timer for the schedule's next time; it returns that time.
    async plan() {
      clearTimeout(remindTimer);
      if (!canNotify() || Notification.permission !== 'granted') return null;
      const doc = await schedule();
      if (!doc || !doc.set || !doc.next) return null;
      const wait = Math.min(Math.max(0, Date.parse(doc.next) - Date.now()), 24 * 3600 * 1000);
      remindTimer = setTimeout(() => U.reminders.fire(), wait);
      return doc.next;
    },
    // fire is what the timer does: ask the server, show the reminder if it
    // goes out now, and plan the next.
    async fire() {
      const doc = await schedule();
      let shown = false;
      if (doc && doc.set && doc.remind_now && doc.reminder) {
        const today = new Date().toDateString(), r = read(REM, {});
        const n = r.day === today ? r.n : 0;
        if (n < (doc.per_day || 1)) {
          const reg = await navigator.serviceWorker.ready;
          const opts = { body: doc.reminder.body, tag: 'unhunch-reminder', data: { url: doc.play || '/' } };
          await reg.showNotification(doc.reminder.title, opts);
          U.reminders.shown.push({ title: doc.reminder.title, ...opts });
          write(REM, { day: today, n: n + 1 });
          shown = true;
        }
      }
      await U.reminders.plan();
      return shown;
    },
  };
  function notifyState() {
    const el = document.getElementById('notify-state');
    if (!el || !canNotify()) return;
    el.textContent = el.dataset[Notification.permission] || '';
    el.hidden = !el.textContent;
  }
  addEventListener('DOMContentLoaded', () => {
    const f = document.getElementById('schedule-form');
    if (f && canNotify()) {
      f.addEventListener('submit', ev => {
        if (Notification.permission !== 'default' || f.dataset.asked) return;
        ev.preventDefault();
        f.dataset.asked = '1';
        Promise.resolve().then(() => Notification.requestPermission()).catch(() => null).finally(() => f.submit());
      });
    }
    notifyState();
    U.reminders.plan();
  });

  // The sign-in page is shown to nobody signed in: the pages kept for
  // offline use may show someone who signed out on this browser, so they go
  // (the service worker keeps what is opened next). The outbox stays.
  if (document.body && document.body.dataset.nav === 'signin' && 'caches' in window) {
    caches.keys().then(keys => Promise.all(keys.map(k => caches.delete(k)))).catch(() => null);
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(reg => {
      // What the worker keeps follows the person's own routines and
      // exercises (the server makes it again when they change), so every
      // page asks for it again: 304 when nothing changed.
      reg.update().catch(() => null);
      return navigator.serviceWorker.ready;
    }).then(() => {
      const mark = () => { document.documentElement.dataset.sw = navigator.serviceWorker.controller ? 'ready' : 'waiting'; };
      mark(); navigator.serviceWorker.addEventListener('controllerchange', mark);
    }).catch(() => { document.documentElement.dataset.sw = 'none'; });
  }
})();
