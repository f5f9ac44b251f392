/* A workshop participant's phone.
 *
 * Phones sleep, switch apps, reload and lose the wifi all the time in a room, so nothing here
 * relies on the page staying alive:
 * - the participant's token is kept in localStorage: a reload resumes the same participant;
 * - every answer, placement and vote goes first into an outbox in localStorage, then is sent;
 *   a write that could not be sent stays there and is re-sent when the network comes back,
 *   the page becomes visible again, or on the next try (the last write to an address wins);
 * - the page follows the facilitator's phase by long polling the state with If-None-Match: the
 *   server answers as soon as the phase changes, or with a 304 after a while.
 */
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root) return;
  var code = root.dataset.code;
  var api = root.dataset.api;
  var budget = parseInt(root.dataset.votes, 10);
  var T = JSON.parse(document.getElementById("room-texts").textContent);
  var statusLine = document.getElementById("room-status");
  var TOKEN_KEY = "ecotone:workshop:" + code;
  var OUTBOX_KEY = "ecotone:outbox:" + code;
  var POLL_VISIBLE = 1500, POLL_HIDDEN = 5000, RETRY = 3000;

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ }
  }

  var me = load(TOKEN_KEY);
  var outbox = load(OUTBOX_KEY) || {};
  var state = null, stateTag = null, pollTimer = null, sending = false, mine = null;

  function say(text, kind) {
    statusLine.textContent = text || "";
    statusLine.dataset.kind = kind || "";
  }

  function call(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (me) headers.Authorization = "Bearer " + me.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(api + path, {
      method: method, headers: headers, cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  /* --- Sending: the outbox ------------------------------------------------------------- */

  function queue(path, body) {
    outbox[path] = body;
    store(OUTBOX_KEY, outbox);
    flush();
  }

  function pending() { return Object.keys(outbox).length; }

  function flush() {
    if (sending || !me || !pending()) return;
    sending = true;
    say(T.saving, "busy");
    var paths = Object.keys(outbox);
    var next = function (i) {
      if (i >= paths.length) return Promise.resolve(true);
      var path = paths[i], body = outbox[path];
      return call("PUT", path, body).then(function (response) {
        if (response.status >= 500 || response.status === 429) return false;  // try again later
        if (outbox[path] === body) { delete outbox[path]; store(OUTBOX_KEY, outbox); }
        if (response.status === 401) { forget(); return true; }
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (problem) {
            if (response.status === 409 && /retir|removed/i.test(problem.detail || "")) show("removed");
            say(problem.detail || T.refused, "error");
            return next(i + 1).then(function () { return "error"; });
          });
        }
        return next(i + 1);
      }, function () { return false; });  // no network: keep everything
    };
    next(0).then(function (done) {
      sending = false;
      if (done === true && !pending()) say(T.saved, "ok");
      else if (done === false) say(T.offline, "offline");
      if (pending()) setTimeout(flush, done === false ? RETRY : 0);
    });
  }

  /* --- Joining ------------------------------------------------------------------------- */

  function forget() {
    me = null;
    try { localStorage.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ }
    render();
  }

  var joinForm = document.getElementById("join-form");
  joinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = {};
    new FormData(joinForm).forEach(function (value, key) { if (value) data[key] = value; });
    var error = document.getElementById("join-error");
    error.textContent = "";
    call("POST", "/participants", data).then(function (response) {
      return response.json().then(function (body) {
        if (response.status === 201) {
          me = { token: body.token, id: body.id };
          store(TOKEN_KEY, me);
          refreshMine();
          render();
        } else {
          var fields = (body.errors || []).map(function (e) { return e.message; });
          error.textContent = [body.detail].concat(fields).join(" ");
        }
      });
    }, function () { error.textContent = T.join_offline; });
  });

  /* --- Following the facilitator ------------------------------------------------------- */

  /* Long polling: the server holds the request until the phase changes (or WAIT seconds pass),
   * so a phone learns of it at once. When the server answers quickly without a change (it holds
   * no more requests, or a proxy cut the wait), the phone falls back to asking every 1.5 s. */
  var WAIT = 25, controller = null;
  function poll() {
    clearTimeout(pollTimer);
    if (controller) controller.abort();
    var mine = controller = new AbortController();
    var headers = stateTag ? { "If-None-Match": stateTag } : {};
    var started = Date.now();
    fetch(api + "/state" + (stateTag ? "?wait=" + WAIT : ""), {
      headers: headers, cache: "no-store", signal: mine.signal
    }).then(function (response) {
      if (response.status === 200) {
        stateTag = response.headers.get("ETag");
        return response.json().then(function (body) {
          var entering = !state || state.phase !== body.phase;
          state = body;
          if (entering && (body.phase === "synthesis" || body.phase === "closed")) refreshMine();
          render(entering);
          // the next change is minutes away: spread the room's next requests over 2 s rather
          // than have hundreds of phones ask again in the same instant
          return 200 + Math.random() * 1800;
        });
      }
      var quick = Date.now() - started < 1000;
      return quick ? (document.hidden ? POLL_HIDDEN : POLL_VISIBLE) : 0;
    }, function () {
      if (mine.signal.aborted) return null;
      if (pending()) say(T.offline, "offline");
      return RETRY;
    }).then(function (delay) {
      if (delay === null || mine !== controller) return;
      pollTimer = setTimeout(poll, delay);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { poll(); flush(); }
  });
  window.addEventListener("online", function () { flush(); poll(); });
  window.addEventListener("pageshow", function () { flush(); });

  var screens = root.querySelectorAll("[data-screen]");
  function show(name, focus) {
    screens.forEach(function (screen) {
      if (screen.dataset.screen === "paused") return;
      screen.hidden = screen.dataset.screen !== name;
    });
    if (focus) {
      var heading = root.querySelector('[data-screen="' + name + '"] h2');
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
  }

  function render(entering) {
    var results = document.getElementById("my-results");
    if (!state) return;
    root.querySelector('[data-screen="paused"]').hidden = !state.paused;
    if (state.closed && !me) { show("closed"); results.hidden = true; return; }
    if (!me) { show("join"); return; }
    if (root.querySelector('[data-screen="removed"]:not([hidden])')) return;
    show(state.phase, entering);
    results.hidden = !(state.phase === "synthesis" || state.phase === "closed");
    if (state.phase === "diagnosis" && entering) goTo(firstUnanswered());
  }

  /* --- Restoring what this participant gave ------------------------------------------- */

  function refreshMine() {
    if (!me) return;
    call("GET", "/me").then(function (response) {
      if (response.status === 401) { forget(); return; }
      if (response.status === 409) { show("removed"); return; }
      if (!response.ok) return;
      return response.json().then(function (body) {
        mine = body;
        restore();
      });
    }, function () { /* offline: keep what the page shows */ });
  }

  function local(path) { return Object.prototype.hasOwnProperty.call(outbox, path) ? outbox[path] : undefined; }

  function restore() {
    questions.forEach(function (fieldset) {
      var id = fieldset.dataset.question;
      var given = local("/answers/" + id);
      if (given === undefined) given = mine.answers[id];
      setAnswer(fieldset, given);
    });
    categories.forEach(function (fieldset) {
      var id = fieldset.dataset.category;
      var given = local("/map/" + id) || mine.map[id];
      if (!given) return;
      ["influence", "importance"].forEach(function (axis) {
        var input = fieldset.querySelector('input[data-axis="' + axis + '"][value="' + given[axis] + '"]');
        if (input) input.checked = true;
      });
    });
    votes = local("/votes") || mine.votes || {};
    drawVotes();
    drawResults();
    progress();
    if (state && state.phase === "diagnosis" && current === 0) goTo(firstUnanswered());
  }

  /* --- Self-diagnosis: one question per screen ----------------------------------------- */

  var questions = Array.prototype.slice.call(root.querySelectorAll("[data-question]"));
  var done = root.querySelector("[data-done]");
  var current = 0;

  function answerOf(fieldset) {
    var type = fieldset.dataset.type;
    var checked = fieldset.querySelector("input:checked");
    if (checked && checked.hasAttribute("data-na")) return { value: null, na: true };
    if (type === "scale") return checked ? { value: parseInt(checked.value, 10), na: false } : null;
    if (type === "yes_partial_no" || type === "choice") return checked ? { value: checked.value, na: false } : null;
    var field = fieldset.querySelector("input, textarea");
    if (type === "number") return field.value === "" ? { value: null, na: false } : { value: parseFloat(field.value), na: false };
    return { value: field.value, na: false };
  }

  function setAnswer(fieldset, given) {
    if (!given) return;
    if (given.na) {
      var na = fieldset.querySelector("input[data-na]");
      if (na) na.checked = true;
      return;
    }
    var radio = fieldset.querySelector('input[type="radio"][value="' + String(given.value).replace(/"/g, "") + '"]');
    if (radio) { radio.checked = true; return; }
    var field = fieldset.querySelector('input[type="number"], textarea');
    if (field && given.value !== null) field.value = given.value;
  }

  function isAnswered(fieldset) {
    var given = answerOf(fieldset);
    return !!given && (given.na || (given.value !== null && given.value !== ""));
  }

  function firstUnanswered() {
    for (var i = 0; i < questions.length; i++) if (!isAnswered(questions[i])) return i;
    return questions.length;
  }

  function progress() {
    var count = questions.filter(isAnswered).length;
    document.getElementById("room-progress").value = count;
    document.getElementById("room-progress-text").textContent = count + " / " + questions.length;
    var placed = categories.filter(function (f) { return f.querySelectorAll("input:checked").length === 2; });
    document.getElementById("map-progress").textContent = placed.length;
  }

  var prev = root.querySelector("[data-prev]"), next = root.querySelector("[data-next]");
  function goTo(index, focus) {
    current = Math.max(0, Math.min(index, questions.length));
    questions.forEach(function (q, i) { q.hidden = i !== current; });
    done.hidden = current !== questions.length;
    prev.hidden = current === 0;
    next.hidden = current === questions.length;
    next.textContent = current === questions.length - 1 ? T.finish : T.next;
    if (focus) {
      var target = current === questions.length ? done : questions[current].querySelector("legend");
      target.focus();
    }
  }
  prev.addEventListener("click", function () { goTo(current - 1, true); });
  next.addEventListener("click", function () { goTo(current + 1, true); });

  questions.forEach(function (fieldset) {
    fieldset.addEventListener("change", function () {
      var given = answerOf(fieldset);
      queue("/answers/" + fieldset.dataset.question, given || { value: null, na: false });
      progress();
    });
  });

  /* --- Stakeholder map ----------------------------------------------------------------- */

  var categories = Array.prototype.slice.call(root.querySelectorAll("[data-category]"));
  categories.forEach(function (fieldset) {
    fieldset.addEventListener("change", function () {
      var influence = fieldset.querySelector('input[data-axis="influence"]:checked');
      var importance = fieldset.querySelector('input[data-axis="importance"]:checked');
      progress();
      if (!influence || !importance) return;
      queue("/map/" + fieldset.dataset.category, {
        influence: parseInt(influence.value, 10), importance: parseInt(importance.value, 10)
      });
    });
  });

  /* --- Priority vote ------------------------------------------------------------------- */

  var votes = {};
  var rows = Array.prototype.slice.call(root.querySelectorAll("[data-theme]"));
  function spent() { return Object.keys(votes).reduce(function (sum, k) { return sum + votes[k]; }, 0); }
  function drawVotes() {
    var left = budget - spent();
    document.getElementById("votes-left").textContent = left;
    rows.forEach(function (row) {
      var n = votes[row.dataset.theme] || 0;
      row.querySelector("output").textContent = n;
      row.querySelector('[data-delta="1"]').disabled = left <= 0;
      row.querySelector('[data-delta="-1"]').disabled = n <= 0;
    });
  }
  rows.forEach(function (row) {
    row.addEventListener("click", function (event) {
      var button = event.target.closest("[data-delta]");
      if (!button || button.disabled) return;
      var theme = row.dataset.theme;
      var n = (votes[theme] || 0) + parseInt(button.dataset.delta, 10);
      if (n < 0 || (n > (votes[theme] || 0) && spent() >= budget)) return;
      votes = Object.assign({}, votes);
      if (n) votes[theme] = n; else delete votes[theme];
      drawVotes();
      queue("/votes", votes);
    });
  });

  /* --- My results ---------------------------------------------------------------------- */

  function rounded(value) { return value === null || value === undefined ? "—" : String(Math.round(value)); }
  function drawResults() {
    if (!mine) return;
    mine.themes.forEach(function (theme) {
      var row = root.querySelector('[data-result="' + theme.id + '"]');
      if (!row) return;
      row.querySelector("[data-own]").textContent = rounded(theme.score);
      row.querySelector("[data-room]").textContent = rounded(theme.room);
    });
  }
  var tokenField = root.querySelector("[data-participant-token]");
  tokenField.form.addEventListener("submit", function () { if (me) tokenField.value = me.token; });

  goTo(0);
  drawVotes();
  if (me) refreshMine();
  poll();
  flush();
  setInterval(function () { if (pending() && !sending) flush(); }, RETRY);
})();
