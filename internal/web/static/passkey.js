// unhunch: passkeys (issue 17). Adds a passkey to the signed-in account
// (the welcome page after a sign-in link, and settings), signs in with one
// (the sign-in page's button, and the browser's autofill when the page has
// a field marked autocomplete="… webauthn"), and lists and removes them in
// settings. The server keeps each ceremony's challenge in the session; this
// only carries the browser's half: options in, the authenticator's answer
// out, binary fields as base64url. Every word comes from #passkey-words.
'use strict';
(() => {
  const words = () => (document.getElementById('passkey-words') || {}).dataset || {};
  const all = sel => Array.from(document.querySelectorAll(sel));
  const show = (sel, on) => all(sel).forEach(el => { el.hidden = !on; });

  const enc = buf => {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const dec = str => {
    const s = atob(str.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((str.length + 3) % 4));
    return Uint8Array.from(s, c => c.charCodeAt(0)).buffer;
  };

  // say shows a line in the status region: calm news, or a problem.
  const say = (text, problem) => {
    const el = document.getElementById('passkey-status');
    if (!el) return;
    el.textContent = text || '';
    el.classList.toggle('warn', !!problem);
  };

  // api sends JSON and returns the answer's JSON, or throws with the
  // server's own message.
  const api = async (method, path, body) => {
    const res = await fetch(path, {
      method, credentials: 'same-origin', cache: 'no-store',
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return null;
    let doc = null;
    try { doc = await res.json(); } catch (e) { /* no body */ }
    if (!res.ok) {
      const err = new Error((doc && doc.error && doc.error.message) || res.statusText);
      err.server = true;
      err.status = res.status;
      throw err;
    }
    return doc;
  };

  // answer is what the authenticator returned, as the JSON the server reads.
  const answer = cred => {
    const r = cred.response;
    const out = {
      id: cred.id, rawId: enc(cred.rawId), type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: enc(r.clientDataJSON) },
    };
    if (cred.authenticatorAttachment) out.authenticatorAttachment = cred.authenticatorAttachment;
    if (r.attestationObject) {
      out.response.attestationObject = enc(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    }
    if (r.authenticatorData) {
      out.response.authenticatorData = enc(r.authenticatorData);
      out.response.signature = enc(r.signature);
      if (r.userHandle) out.response.userHandle = enc(r.userHandle);
    }
    return out;
  };

  // problem says what went wrong: the server's words, or the browser's
  // refusal (the person cancelled, or took too long) in ours.
  const problem = (err, cancelled) => say(err && err.server ? err.message : cancelled, true);

  const add = async button => {
    button.disabled = true;
    say(words().working);
    try {
      const opts = (await api('POST', '/api/v1/passkeys/register/begin', {})).publicKey;
      opts.challenge = dec(opts.challenge);
      opts.user.id = dec(opts.user.id);
      (opts.excludeCredentials || []).forEach(c => { c.id = dec(c.id); });
      const cred = await navigator.credentials.create({ publicKey: opts });
      await api('POST', '/api/v1/passkeys/register/finish', { credential: answer(cred) });
      say(words().added);
      show('[data-passkey-later]', false);
      show('[data-passkey-home]', true);
      list();
    } catch (err) {
      problem(err, words().addCancelled);
    } finally {
      button.disabled = false;
    }
  };

  // pending is a sign-in the browser's autofill waits on, stopped before a
  // button starts another.
  let pending = null;

  const signIn = async (mediation, signal) => {
    const opts = (await api('POST', '/api/v1/passkeys/login/begin', {})).publicKey;
    opts.challenge = dec(opts.challenge);
    (opts.allowCredentials || []).forEach(c => { c.id = dec(c.id); });
    const req = { publicKey: opts };
    if (mediation) req.mediation = mediation;
    if (signal) req.signal = signal;
    const cred = await navigator.credentials.get(req);
    const doc = await api('POST', '/api/v1/passkeys/login/finish', answer(cred));
    location.assign(doc.next || '/');
  };

  const signInButton = async button => {
    if (pending) { pending.abort(); pending = null; }
    button.disabled = true;
    say(words().working);
    try {
      await signIn();
    } catch (err) {
      problem(err, words().signinCancelled);
      button.disabled = false;
    }
  };

  // autofill offers passkeys in a sign-in field marked for them, where
  // the browser can (conditional mediation).
  const autofill = async () => {
    if (!document.querySelector('input[autocomplete~="webauthn"]') || !PublicKeyCredential.isConditionalMediationAvailable) return;
    if (!(await PublicKeyCredential.isConditionalMediationAvailable())) return;
    pending = new AbortController();
    try {
      await signIn('conditional', pending.signal);
    } catch (err) {
      if (err && err.server) problem(err);
    }
  };

  const when = iso => new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });

  // list shows the signed-in account's passkeys in settings, each with a
  // button that removes it; the section stays hidden where there are no
  // accounts (the server says so).
  const list = async () => {
    const section = document.querySelector('[data-passkey-list]');
    if (!section) return;
    let doc;
    try { doc = await api('GET', '/api/v1/passkeys'); } catch (err) { return; }
    const w = words(), ul = document.getElementById('passkey-items');
    ul.replaceChildren();
    for (const p of doc.passkeys) {
      const li = document.createElement('li');
      const span = document.createElement('span');
      const name = document.createElement('strong');
      name.textContent = p.name;
      span.append(name, document.createElement('br'),
        `${w.created} ${when(p.created)} · ${w.lastUsed} ${p.last_used ? when(p.last_used) : w.never}`);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = w.remove;
      button.setAttribute('aria-label', `${w.remove}: ${p.name}`);
      button.dataset.passkeyRemove = p.id;
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api('DELETE', '/api/v1/passkeys/' + encodeURIComponent(p.id));
          say(w.removed);
          await list();
        } catch (err) {
          problem(err, '');
          button.disabled = false;
        }
      });
      li.append(span, button);
      ul.append(li);
    }
    show('[data-passkey-none]', doc.passkeys.length === 0);
    section.hidden = false;
  };

  const start = () => {
    const host = location.hostname;
    if (/^[0-9.]+$/.test(host) || host.startsWith('[')) {
      // Browsers take no address as a passkey's site: only a name.
      all('[data-passkey-named]').forEach(a => { a.href = `${location.protocol}//localhost${location.port ? ':' + location.port : ''}${location.pathname}`; });
      show('[data-passkey-needs-name]', true);
    } else if (!window.PublicKeyCredential || !navigator.credentials) {
      show('[data-passkey-unsupported]', true);
    } else {
      all('[data-passkey-add]').forEach(b => { b.hidden = false; b.addEventListener('click', () => add(b)); });
      all('[data-passkey-signin]').forEach(b => { b.hidden = false; b.addEventListener('click', () => signInButton(b)); });
      autofill();
    }
    list();
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
