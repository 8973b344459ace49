// unhunch player: plays the timeline the server compiled, from absolute
// deadlines on performance.now() (never by counting ticks), exactly as the
// Go player (package player) does: it decides no timing of its own. Each
// exercise's outcome goes to the outbox the moment it ends. While a session
// plays, the player renews its lease; when the page goes away mid-session,
// it says so with navigator.sendBeacon, so the session shows as interrupted
// rather than running forever. Every word it shows comes from the page
// (#words, written from the message table).
'use strict';
(() => {
  const root = document.getElementById('player');
  if (!root) return;
  const U = window.unhunch;
  const $ = id => document.getElementById(id);
  const W = $('words').dataset;
  // The stop reasons come from the page, which lists journal.StopReasons:
  // their order, their keys, which end the session and what to advise.
  const REASONS = {}, ORDER = [];
  document.querySelectorAll('#ask [data-reason]').forEach(b => {
    REASONS[b.dataset.reason] = REASONS[b.dataset.key] = b.dataset; ORDER.push(b.dataset.key);
  });
  function endsSession(reason) { return !!reason && reason in REASONS && 'ends' in REASONS[reason]; }
  const fmt = (s, ...a) => s.replace(/\{(\d)\}/g, (_, i) => a[i]);
  const clock = secs => { const s = Math.round(secs); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); };
  const doc = JSON.parse($('routine-data').textContent);
  const scale = parseFloat(root.dataset.scale) || 1;
  const plan = root.dataset.plan ? JSON.parse(root.dataset.plan) : null;
  const segs = doc.timeline, blocks = doc.exercises;
  const COUNTDOWN_FROM = 6000, BACK_GRACE = 3000, RING = 326.73;
  const RENEW = (parseFloat(root.dataset.renew) || 30) * 1000;
  const epoch = Date.now() - performance.now();
  const iso = t => new Date(epoch + t).toISOString();
  const end = s => s.start_ms + s.duration_ms;
  const blockEnd = b => blocks[b].start_ms + Math.round(blocks[b].duration_seconds * 1000);
  const firstSeg = blocks.map((_, b) => segs.findIndex(s => s.exercise_index === b));

  // The player's state, as in package player.
  let state = 'ready', origin = 0, frozen = 0, cur = 0, counts = 0, timer = 0, lock = null, renewer = 0;
  const entered = new Array(blocks.length).fill(0);
  // How many times each exercise has ended: every end is a new attempt, so
  // going back never takes back an outcome already sent.
  const ends = new Array(blocks.length).fill(0);
  let session = null, painBefore = null, ended = null;
  const done = new Map(); // exercise index → its latest attempt that was done
  const outcomes = new Map(); // exercise index → its latest outcome, for the recap
  let workedSeconds = 0; // routine seconds of every attempt, for the recap

  const offset = now => state === 'playing' ? (now - origin) * scale : frozen;
  const wall = off => origin + off / scale;
  const block = () => cur < segs.length ? segs[cur].exercise_index : -1;
  const at = off => { let lo = 0, hi = segs.length; while (lo < hi) { const m = (lo + hi) >> 1; if (end(segs[m]) <= off) lo = m + 1; else hi = m; } return lo; };

  function enter(i, now) {
    const prev = block();
    cur = i; counts = 0;
    if (i >= segs.length) return;
    const s = segs[i], due = state === 'playing' ? wall(s.start_ms) : now;
    if (s.exercise_index >= 0 && (s.exercise_index !== prev || i === firstSeg[s.exercise_index])) entered[s.exercise_index] = due;
    showSegment(i);
  }

  function update(now) {
    if (state !== 'playing') return;
    const reached = off => now >= wall(off);
    while (cur < segs.length) {
      const s = segs[cur];
      if (reached(end(s))) counts = 3;
      if (s.duration_ms >= COUNTDOWN_FROM) {
        while (counts < 3 && reached(end(s) - (3 - counts) * 1000)) { U.speak(String(3 - counts)); counts++; }
      }
      if (!reached(end(s))) break;
      const next = cur + 1;
      if (s.exercise_index >= 0 && (next === segs.length || segs[next].exercise_index !== s.exercise_index)) exerciseEnd(s.exercise_index, 'done', '', wall(end(s)));
      if (next === segs.length) { cur = next; finish('completed', '', wall(end(s))); return; }
      enter(next, now);
    }
  }

  function nextDue() {
    if (state !== 'playing' || cur >= segs.length) return null;
    const s = segs[cur];
    let off = end(s);
    if (s.duration_ms >= COUNTDOWN_FROM && counts < 3) off = end(s) - (3 - counts) * 1000;
    return wall(off);
  }

  function schedule() {
    clearTimeout(timer);
    const due = nextDue();
    if (due !== null) timer = setTimeout(tick, Math.max(0, due - performance.now()));
  }
  function tick() { update(performance.now()); schedule(); }

  function seek(off, now) {
    frozen = off;
    origin = now - off / scale;
    enter(at(off), now);
  }

  const controls = {
    toggle(now) {
      if (state === 'playing') { frozen = offset(now); state = 'paused'; }
      else if (state === 'paused') { state = 'playing'; origin = now - frozen / scale; }
      $('pause').textContent = state === 'paused' ? W.resume : W.pause;
      if (state === 'paused') $('cue').textContent = W.paused; else showSegment(cur);
    },
    skip(now) {
      const b = block();
      if (state === 'finished' || state === 'ready' || state === 'asking' || b < 0) return;
      exerciseEnd(b, 'skipped', '', now);
      seek(blockEnd(b), now);
    },
    back(now) {
      if (state === 'finished' || state === 'ready' || state === 'asking') return;
      let b = block();
      if (b < 0) b = blocks.length - 1;
      else if (offset(now) - blocks[b].start_ms < BACK_GRACE && b > 0) b--;
      seek(blocks[b].start_ms, now);
    },
    ask(now) {
      if (state !== 'playing' && state !== 'paused') return;
      frozen = offset(now); state = 'asking';
      openAsk();
    },
    carryOn(now) {
      if (state !== 'asking') return;
      closeAsk();
      state = 'playing'; origin = now - frozen / scale;
      $('pause').textContent = W.pause;
      showSegment(cur);
      $('pause').focus();
    },
    stop(now, reason) {
      if (state === 'finished' || state === 'ready') return;
      closeAsk();
      const b = block();
      if (b >= 0) exerciseEnd(b, 'stopped', reason, now);
      if (endsSession(reason) || b < 0) { finish('stopped', reason, now); return; }
      state = 'playing';
      $('pause').textContent = W.pause;
      seek(blockEnd(b), now);
      $('pause').focus();
    },
    quit(now) {
      if (state === 'finished') return;
      closeAsk();
      const b = block();
      if (b < 0) { finish('completed', '', now); return; }
      exerciseEnd(b, 'skipped', '', now);
      finish('stopped', '', now);
    },
  };
  function act(name, ...args) { const now = performance.now(); update(now); controls[name](now, ...args); update(now); schedule(); }

  // The stop question is a modal dialog: the rest of the page is inert
  // while it is open, focus starts on "carry on" (so Esc then Enter never
  // ends a session) and stays inside it, and goes back to the controls.
  const ask = $('ask');
  function openAsk() {
    if (!ask.open) { if (ask.showModal) ask.showModal(); else ask.setAttribute('open', ''); }
    $('carry-on').focus();
  }
  function closeAsk() { if (ask.open) { if (ask.close) ask.close(); else ask.removeAttribute('open'); } }
  ask.addEventListener('cancel', e => { e.preventDefault(); act('carryOn'); }); // Esc on the dialog
  ask.addEventListener('keydown', e => {
    if (e.key !== 'Tab') return;
    const f = [...ask.querySelectorAll('button')].filter(b => !b.disabled);
    const i = f.indexOf(document.activeElement);
    if (e.shiftKey && i <= 0) { e.preventDefault(); f[f.length - 1].focus(); }
    else if (!e.shiftKey && i === f.length - 1) { e.preventDefault(); f[0].focus(); }
  });

  // What the person sees and hears.
  function showSegment(i, quiet) {
    if (i >= segs.length) return;
    const s = segs[i], b = s.exercise_index;
    $('cue').textContent = s.cue;
    if (!quiet) U.speak(s.cue);
    const fig = $('figure'), src = b >= 0 ? pictureSrc(blocks[b], s) || figureSrc(blocks[b], s) : '';
    if (src) {
      if (fig.getAttribute('src') !== src) fig.setAttribute('src', src);
      fig.alt = fmt(W.figure, blocks[b].name);
    }
    fig.hidden = !src;
    if (b >= 0) {
      $('ex-name').textContent = blocks[b].name;
      $('ex-count').textContent = fmt(W.exercise, b + 1, blocks.length);
      $('next').textContent = b + 1 < blocks.length ? fmt(W.next, blocks[b + 1].name) : W.last;
    } else {
      $('ex-name').textContent = W.finish;
      $('ex-count').textContent = '';
      $('next').textContent = '';
    }
  }
  // The figure follows the segment's phase (in the position the step is done
  // in, such as seated cat-cow): the resting shape while
  // announcing, setting up and resting; the shape being reached while moving
  // and holding (a named pose, such as W or Y, when the segment has one); the
  // breath's two shapes; and the animation for continuous work.
  // A person's own pictures (up to three) take the figure's place: the
  // first while announcing, setting up and resting, the second while moving
  // or breathing in, the third while holding or breathing out.
  function pictureSrc(ex, s) {
    const p = ex.pictures || [];
    if (!p.length) return '';
    const n = { move: 1, 'breathe-in': 1, hold: 2, 'breathe-out': 2 }[s.phase] || 0;
    return p[Math.min(n, p.length - 1)];
  }
  function figureSrc(ex, s) {
    const f = ex.frames || [];
    if (!f.length) return '';
    const base = '/exercises/' + encodeURIComponent(ex.id);
    const at = ex.position ? '?position=' + encodeURIComponent(ex.position) : '';
    const still = n => base + '/frames/' + encodeURIComponent(n) + '.svg' + at;
    const target = s.pose && f.includes(s.pose) ? s.pose : f[f.length - 1];
    switch (s.phase) {
      case 'move': return ex.dose.mode === 'timed' ? base + '/figure.svg' + at : still(target);
      case 'hold': return still(target);
      case 'breathe-in': return still(f[Math.min(1, f.length - 1)]);
      case 'breathe-out': return still(f[Math.min(2, f.length - 1)]);
      default: return still(f[0]);
    }
  }
  function draw() {
    if (state === 'finished') return;
    const now = performance.now(), off = Math.min(offset(now), segs.length ? end(segs[segs.length - 1]) : 0);
    if (cur < segs.length) {
      const s = segs[cur], left = Math.max(0, end(s) - off);
      $('count').textContent = Math.ceil(left / 1000);
      $('ring').style.strokeDashoffset = (RING * (1 - left / s.duration_ms)).toFixed(1);
      $('session-bar').style.width = (100 * off / end(segs[segs.length - 1])).toFixed(1) + '%';
    }
    requestAnimationFrame(draw);
  }

  // The journal, through the outbox.
  const url = () => '/api/v1/sessions/' + session + '/events';
  function send(kind, body, key) {
    U.enqueue({ url: url(), key, body, session, kind });
    U.sync();
  }
  function amount(d) {
    const a = {};
    for (const k of ['reps', 'hold_seconds', 'hold_breaths', 'seconds', 'sets']) if (d[k]) a[k] = d[k];
    return a;
  }
  function exerciseEnd(b, outcome, reason, due) {
    const started = entered[b] || due, attempt = ++ends[b];
    const seconds = Math.max(0, (due - started) / 1000 * scale);
    const body = { type: 'exercise', index: b, attempt, exercise_id: blocks[b].id, outcome, amount: amount(blocks[b].dose),
      seconds, started_at: iso(started), ended_at: iso(due) };
    if (reason) body.stop_reason = reason;
    send('exercise', body, session + '/exercise/' + b + '/' + attempt);
    if (outcome === 'done') done.set(b, attempt);
    outcomes.set(b, outcome);
    workedSeconds += seconds;
    if (endsSession(reason)) U.tripGate();
  }
  function finish(status, reason, due) {
    state = 'finished';
    clearTimeout(timer);
    clearInterval(renewer);
    ended = { status, ended_at: iso(due) };
    if (reason) ended.stop_reason = reason;
    send('finish', Object.assign({ type: 'finish' }, ended), session + '/finish');
    if (lock) { lock.release().catch(() => {}); lock = null; }
    document.body.classList.remove('playing');
    $('stage').hidden = true;
    $('pre').hidden = true;
    $('after').hidden = false;
    // Says how it ended, never "saved": that is said once it is.
    $('after-h').textContent = status === 'completed' ? W.done : W.stopped;
    if (endsSession(reason)) advise(REASONS[reason].advice);
    const list = $('ratings');
    // Each exercise once, at its latest done attempt: a plan's second round
    // takes the first round's place (progress counts rounds as one).
    const latest = new Map();
    for (const [b, attempt] of done) latest.set(blocks[b].id, [b, attempt]);
    for (const [b, attempt] of latest.values()) {
      const row = $('rating-row').content.firstElementChild.cloneNode(true);
      row.querySelector('legend').textContent = fmt(W.rate, blocks[b].name);
      row.querySelectorAll('input').forEach(i => { i.name = 'rate-' + b; });
      row.dataset.index = b;
      row.dataset.attempt = attempt;
      list.append(row);
    }
    $('after-h').focus();
  }
  function advise(text) { const a = $('advice'); a.textContent = text; a.hidden = false; U.speak(text); }
  const picked = name => { const i = document.querySelector('input[name="' + name + '"]:checked'); return i ? parseInt(i.value, 10) : null; };
  const pending = () => U.queue().filter(x => x.session === session).length;

  $('save').addEventListener('click', async () => {
    const painAfter = picked('pain-after');
    if (painAfter !== null) {
      send('finish', Object.assign({ type: 'finish', pain_after: painAfter }, ended), session + '/finish/' + painAfter);
      if (painBefore !== null && painAfter - painBefore >= 2) { advise(W.painRose); U.tripGate(); }
    }
    for (const row of $('ratings').children) {
      const v = row.querySelector('input:checked');
      if (v) send('rating', { type: 'rating', index: +row.dataset.index, attempt: +row.dataset.attempt, rating: v.value },
        session + '/rating/' + row.dataset.index + '/' + row.dataset.attempt + '/' + v.value);
    }
    $('save').disabled = true;
    $('saved').textContent = W.saving;
    await U.sync();
    const kept = pending() === 0;
    $('saved').textContent = kept ? W.saved : W.queued;
    $('after-form').hidden = true;
    await recap(kept, painAfter);
  });

  // The recap: what was done, how long, pain before and after, what changes
  // next time, and where it is kept. Online it is the journal's own account
  // (GET …/recap, worked out by the same rules as everything else);
  // offline, what this page knows, and the doses wait for the journal.
  async function recap(kept, painAfter) {
    let r = null;
    if (kept) {
      try {
        const res = await fetch('/api/v1/sessions/' + session + '/recap', { cache: 'no-store' });
        if (res.ok) r = await res.json(); else await res.text();
      } catch (e) { r = null; }
    }
    const planned = doc.duration_seconds;
    const demo = scale !== 1;
    const secs = r ? r.seconds : workedSeconds;
    $('recap-time').textContent = demo ? fmt(W.timeDemo, clock(secs), clock(planned), scale) : fmt(W.time, clock(secs), clock(planned));
    const doneN = r ? r.done : [...outcomes.values()].filter(o => o === 'done').length;
    $('recap-done').textContent = fmt(W.doneOf, doneN, r ? r.planned : blocks.length);
    const pb = r ? r.pain_before : painBefore, pa = r ? r.pain_after : painAfter;
    $('recap-pain').textContent = pb == null && pa == null ? W.painNone : pa == null ? fmt(W.painBefore, pb) : pb == null ? fmt(W.painTo, '–', pa) : fmt(W.painTo, pb, pa);
    const next = $('recap-next');
    next.textContent = '';
    if (demo) next.textContent = W.nextDemo;
    else if (!r) next.textContent = W.nextLater;
    else if (!r.changes.length) next.textContent = W.nextSame;
    else {
      const ul = document.createElement('ul');
      for (const c of r.changes) { const li = document.createElement('li'); li.textContent = c.words; ul.append(li); }
      next.append(ul);
    }
    $('recap-where').textContent = kept ? W.whereJournal : W.whereDevice;
    const list = $('recap-list');
    list.textContent = '';
    const rows = r ? r.exercises.map(e => [e.name, e.outcome_words]) :
      blocks.map((b, i) => [b.name, W['outcome' + (outcomes.get(i) || 'skipped').replace(/^./, c => c.toUpperCase())]]);
    for (const [name, what] of rows) { const li = document.createElement('li'); li.textContent = name + ': ' + what; list.append(li); }
    $('recap').hidden = false;
    $('recap-h').focus();
  }

  // The lease: renewed while the session runs (paused included). A renewal
  // that fails changes nothing; the next one tries again.
  const playing = () => session && state !== 'ready' && state !== 'finished';
  function alive() {
    if (playing()) fetch('/api/v1/sessions/' + session + '/alive', { method: 'POST', cache: 'no-store' }).then(r => r.text()).catch(() => {});
  }
  // The page is going away mid-session (tab closed, navigated away, app
  // killed): say so while it still can. A page kept in the back-forward
  // cache and shown again renews, which makes its session active again.
  addEventListener('pagehide', () => {
    if (playing() && navigator.sendBeacon) navigator.sendBeacon('/api/v1/sessions/' + session + '/left');
  });
  addEventListener('pageshow', e => { if (e.persisted) alive(); });

  // Starting: online the server decides; offline only on a fresh gate.
  function refuse(text, final) {
    const n = $('gate-note'); n.textContent = text; n.hidden = false;
    if (final) $('start').disabled = true; // pain of 8 or more: no exercise today
    n.focus();
  }
  async function begin() {
    painBefore = picked('pain-before');
    const id = U.newID(), key = 'start-' + id;
    const body = { id, routine_id: doc.id, pain_before: painBefore, time_scale: scale, exercises: blocks.map(b => b.id) };
    if (plan) body.plan = plan;
    const high = painBefore !== null && painBefore >= 8;
    $('start').disabled = true;
    let res = null;
    try {
      res = await fetch('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
    } catch (e) { res = null; }
    if (res && res.status < 500) {
      const j = await res.json().catch(() => ({}));
      if (!res.ok) {
        $('start').disabled = false;
        if (high) U.tripGate();
        refuse(j.error ? j.error.message : res.statusText, high);
        return;
      }
      session = j.id;
    } else {
      // No answer from the server: start on the gate fetched online, if it is fresh.
      if (!U.gateAllowsOffline()) { $('start').disabled = false; refuse(W.offlineBlocked); return; }
      body.offline = { started_at: new Date().toISOString(), gate_checked_at: U.gate().checked_at };
      U.enqueue({ url: '/api/v1/sessions', key, body, session: id, kind: 'start' });
      if (high) { U.tripGate(); refuse(W.highPain, true); return; }
      session = id;
    }
    $('pre').hidden = true;
    $('stage').hidden = false;
    document.body.classList.add('playing');
    scrollTo(0, 0);
    try { if (navigator.wakeLock) lock = await navigator.wakeLock.request('screen'); } catch (e) { lock = null; }
    state = 'playing'; origin = performance.now();
    renewer = setInterval(alive, RENEW);
    enter(0, origin);
    schedule();
    requestAnimationFrame(draw);
    $('pause').focus();
  }

  // The safety questions, asked here when the gate waits for answers
  // (safety.Block.Answerable): one at a time, a follow-up only after a yes
  // to the question it follows, nothing after a yes to an emergency
  // question, and any earlier answer can be changed by going back. Then
  // the answers are saved as a screening and the page is made again for
  // them (they may keep exercises out).
  const questions = JSON.parse($('questions-data').textContent);
  const answerable = (root.dataset.answerable || '').split(' ');
  let answers = {}, asked = [];
  const applies = q => !q.after || answers[q.after] === true;
  const emergency = () => questions.some(q => q.emergency && answers[q.id] === true);
  function nextQuestion() { return emergency() ? null : questions.find(q => !(q.id in answers) && applies(q)) || null; }
  function screen() {
    $('screening').hidden = false;
    $('ready').hidden = true;
    ask1();
  }
  function ask1() {
    const q = nextQuestion();
    if (!q) { saveAnswers(); return; }
    const total = questions.filter(applies).length;
    $('sq-count').textContent = fmt(W.sqCount, asked.length + 1, total);
    $('sq-text').textContent = q.text;
    $('sq-back').hidden = asked.length === 0;
    $('sq-text').focus();
  }
  function answer(yes) {
    const q = nextQuestion();
    if (!q) return;
    answers[q.id] = yes; asked.push(q.id);
    ask1();
  }
  function back() {
    const id = asked.pop();
    if (id === undefined) return;
    delete answers[id];
    // A follow-up answered after a yes no longer applies once that yes is undone.
    for (const q of questions) if (!applies(q)) delete answers[q.id];
    asked = asked.filter(x => x in answers);
    ask1();
  }
  async function saveAnswers() {
    $('sq-question').hidden = true;
    const out = $('sq-result');
    out.hidden = false; out.textContent = W.sqSaving;
    const all = {};
    for (const q of questions) if (q.id in answers) all[q.id] = answers[q.id];
    let res = null, j = {};
    try {
      res = await fetch('/api/v1/screenings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers: all }) });
      j = await res.json().catch(() => ({}));
    } catch (e) { res = null; }
    if (!res || !res.ok) {
      out.textContent = fmt(W.sqFailed, (j.error && j.error.message) || '');
      $('sq-question').hidden = false; answers = {}; asked = []; ask1();
      return;
    }
    await U.refreshGate();
    const g = U.gate();
    if (g && g.ok) { sessionStorage.setItem('unhunch.screened', '1'); location.reload(); return; }
    out.textContent = j.advice || (g && g.advice) || '';
    if (j.outcome === 'clinician') {
      const p = document.createElement('p'), a = document.createElement('a');
      a.href = '/screen/result?id=' + encodeURIComponent(j.id); a.className = 'link'; a.textContent = W.sqClinician;
      p.append(a); out.append(p);
    }
    out.focus();
  }
  $('sq-yes').addEventListener('click', () => answer(true));
  $('sq-no').addEventListener('click', () => answer(false));
  $('sq-back').addEventListener('click', back);

  $('start').addEventListener('click', begin);
  $('pause').addEventListener('click', () => act('toggle'));
  $('skip').addEventListener('click', () => act('skip'));
  $('back').addEventListener('click', () => act('back'));
  $('stop').addEventListener('click', () => act('ask'));
  $('carry-on').addEventListener('click', () => act('carryOn'));
  $('end-now').addEventListener('click', () => act('quit'));
  $('ask').querySelectorAll('[data-reason]').forEach(b => b.addEventListener('click', () => act('stop', b.dataset.reason)));
  const voice = $('voice-toggle');
  voice.checked = U.voiceOn();
  voice.addEventListener('change', () => U.setVoice(voice.checked));
  document.addEventListener('keydown', e => {
    if (state === 'ready' || state === 'finished' || e.altKey || e.ctrlKey || e.metaKey) return;
    if (state === 'asking') {
      if (e.key === 'Escape') { e.preventDefault(); act('carryOn'); }
      const r = ORDER.indexOf(e.key);
      if (r >= 0) { e.preventDefault(); act('stop', REASONS[e.key].reason); }
      return;
    }
    const k = { ' ': 'toggle', ArrowLeft: 'back', ArrowRight: 'skip', Escape: 'ask' }[e.key];
    if (k) { e.preventDefault(); act(k); }
  });
  document.addEventListener('keyup', e => { if (e.key === ' ' && state !== 'ready' && state !== 'finished') e.preventDefault(); });
  document.addEventListener('visibilitychange', async () => {
    if (document.visibilityState === 'visible') alive(); // timers of a hidden tab run late
    if (document.visibilityState === 'visible' && state === 'playing' && navigator.wakeLock && !lock) {
      try { lock = await navigator.wakeLock.request('screen'); } catch (e) { lock = null; }
    }
    if (state === 'playing') tick();
  });
  if (sessionStorage.getItem('unhunch.screened')) {
    sessionStorage.removeItem('unhunch.screened');
    $('screened-note').hidden = false;
    $('pain-before-q').focus();
  }
  U.refreshGate().then(g => {
    if (!g || g.ok || !navigator.onLine) return;
    if (answerable.includes(g.block)) screen(); else refuse(g.advice);
  });
  // show draws segment i without playing it (for people who test the
  // layout of every segment).
  window.unhunchPlayer = { state: () => state, session: () => session, act, show: i => showSegment(i, true) };
})();
