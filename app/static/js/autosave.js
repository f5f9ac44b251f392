/*
 * Autosave of answers.
 *
 * Every answer is sent to the API as soon as it is given. Until the server confirms it, the answer
 * is kept in localStorage, so that neither a reload, nor a closed tab, nor a server that is briefly
 * down loses it: it is re-sent when the connection comes back, and restored in the page on reload.
 * Each answer carries the version it was based on; if someone else changed it meanwhile, the
 * server answers 409 and the member chooses which answer to keep. Without JavaScript the form is
 * submitted theme by theme instead.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.JSON) {
    return;
  }

  var RADIO_TYPES = { scale: true, yes_partial_no: true, choice: true };
  var csrfToken = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var storageKey = "ecotone:pending:" + form.dataset.assessment;
  var lang = document.documentElement.lang || "fr";
  var fieldsets = {};
  var inflight = {};
  var debounceTimers = {};
  var retryTimer = null;
  var retryDelay = 1000;
  var sequence = 0;
  var savedOnce = false;
  var lastSaved = {}; // question id -> the answer the server has, as far as this page knows
  var pending = loadPending();

  function message(name) {
    return form.dataset["msg" + name] || "";
  }

  // --- Storage of answers not yet confirmed by the server -------------------------------------

  function loadPending() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey)) || {};
    } catch (error) {
      return {};
    }
  }

  function savePending() {
    try {
      if (Object.keys(pending).length) {
        window.localStorage.setItem(storageKey, JSON.stringify(pending));
      } else {
        window.localStorage.removeItem(storageKey);
      }
    } catch (error) {
      /* Storage full or disabled: answers are still sent, only the offline safety net is lost. */
    }
    updateSummary();
  }

  // --- Reading and writing a question's inputs ---------------------------------------------------

  function valueInputs(fieldset) {
    return fieldset.querySelectorAll('[data-role="value"]');
  }

  function naInput(fieldset) {
    return fieldset.querySelector('[data-role="na"]');
  }

  // The API takes numbers as JSON numbers; people type them the French way ("1 234,5").
  // Anything that does not read as a number is sent as typed, for the server to explain.
  function jsonValue(type, value) {
    if (type !== "number" || typeof value !== "string") {
      return value;
    }
    var text = value.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
  }

  function readState(fieldset) {
    var type = fieldset.dataset.type;
    var value = null;
    if (RADIO_TYPES[type]) {
      var checked = fieldset.querySelector('[data-role="value"]:checked');
      value = checked ? checked.value : null;
      if (type === "scale" && value !== null) {
        value = parseInt(value, 10);
      }
    } else {
      var input = valueInputs(fieldset)[0];
      value = input && input.value.trim() !== "" ? input.value : null;
    }
    var na = naInput(fieldset);
    var isNa = Boolean(na && na.checked);
    var comment = fieldset.querySelector('[data-role="comment"]');
    return { value: isNa ? null : value, na: isNa, comment: comment ? comment.value : "" };
  }

  function applyState(fieldset, state) {
    var value = state && state.value !== null && state.value !== undefined ? String(state.value) : "";
    if (RADIO_TYPES[fieldset.dataset.type]) {
      valueInputs(fieldset).forEach(function (radio) {
        radio.checked = radio.value === value;
      });
    } else {
      valueInputs(fieldset)[0].value = value;
    }
    var na = naInput(fieldset);
    if (na) {
      na.checked = Boolean(state && state.na);
    }
    var comment = fieldset.querySelector('[data-role="comment"]');
    if (comment) {
      comment.value = (state && state.comment) || "";
    }
    updateClearButton(fieldset);
  }

  function baseVersion(fieldset) {
    var raw = fieldset.querySelector('[data-role="version"]').value;
    return raw === "" ? null : parseInt(raw, 10);
  }

  function setBaseVersion(fieldset, version) {
    fieldset.querySelector('[data-role="version"]').value = version === null ? "" : String(version);
  }

  // --- Status shown next to each question ----------------------------------------------------------

  function setStatus(questionId, kind, text) {
    var status = fieldsets[questionId].querySelector('[data-role="status"]');
    status.className = "answer-status is-" + kind;
    status.textContent = text;
  }

  function showLastChange(questionId, answer) {
    var line = fieldsets[questionId].querySelector('[data-role="last-change"]');
    if (line && answer && answer.updated_by) {
      line.textContent = message("LastChange")
        .replace("%(who)s", answer.updated_by)
        .replace("%(when)s", answer.updated_at_display);
    }
  }

  function savedText() {
    var time = new Date().toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    return "✓ " + message("Saved") + " (" + time + ")";
  }

  function updateSummary() {
    var summary = form.querySelector('[data-role="summary"]');
    if (!summary) {
      return;
    }
    if (Object.keys(pending).length) {
      summary.textContent = message("Unsent");
    } else {
      summary.textContent = savedOnce ? message("AllSaved") : "";
    }
  }

  // --- Progress bars -------------------------------------------------------------------------------

  function setProgress(id, ratio) {
    var bar = document.getElementById(id);
    if (!bar) {
      return;
    }
    bar.value = Math.round(ratio * 100);
    var text = document.querySelector('[data-progress-text="' + id + '"]');
    var formatted = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(ratio);
    bar.textContent = formatted;
    if (text) {
      text.textContent = formatted;
    }
  }

  function updateProgress() {
    var ids = Object.keys(fieldsets);
    var answered = ids.filter(function (id) {
      var state = readState(fieldsets[id]);
      return state.na || state.value !== null;
    }).length;
    var panel = document.getElementById("progress-panel");
    setProgress("progress-theme", ids.length ? answered / ids.length : 0);
    if (panel) {
      var applicable = parseInt(panel.dataset.applicable, 10) || 0;
      var elsewhere = parseInt(panel.dataset.answeredElsewhere, 10) || 0;
      setProgress("progress-overall", applicable ? (elsewhere + answered) / applicable : 0);
    }
  }

  // --- Sending -----------------------------------------------------------------------------------

  function answerUrl(questionId) {
    return form.dataset.answerUrl.replace("__QID__", encodeURIComponent(questionId));
  }

  function scheduleRetry() {
    if (retryTimer) {
      return;
    }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flushAll();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function flushAll() {
    Object.keys(pending).forEach(function (questionId) {
      if (fieldsets[questionId]) {
        send(questionId);
      }
    });
  }

  /* Sends the question's waiting answer. The promise settles once nothing more is on its way for
   * this question: when a send is already in flight, its promise is returned, and it covers the
   * follow-up send of an answer changed meanwhile. */
  function send(questionId) {
    if (inflight[questionId]) {
      return inflight[questionId];
    }
    var entry = pending[questionId];
    if (!entry) {
      return Promise.resolve();
    }
    setStatus(questionId, "saving", message("Saving"));
    var value = jsonValue(fieldsets[questionId].dataset.type, entry.value);
    var body = JSON.stringify({ value: value, na: entry.na, comment: entry.comment, version: entry.version });
    var done = window
      .fetch(answerUrl(questionId), {
        method: "PUT",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken },
        body: body,
      })
      .then(
        function (response) {
          return response
            .json()
            .catch(function () {
              return null;
            })
            .then(function (data) {
              return { status: response.status, data: data };
            });
        },
        function () {
          return { status: 0, data: null }; // no connection
        }
      )
      .then(function (result) {
        inflight[questionId] = null;
        return handleResponse(questionId, entry, result.status, result.data);
      });
    inflight[questionId] = done;
    return done;
  }

  function handleResponse(questionId, entry, status, data) {
    var fieldset = fieldsets[questionId];
    if (status >= 200 && status < 300 && data) {
      retryDelay = 1000;
      setBaseVersion(fieldset, data.version);
      lastSaved[questionId] = stateKey(entry);
      var newer = pending[questionId];
      if (newer && newer.seq !== entry.seq) {
        newer.version = data.version; // the member changed it again while it was being sent
        savePending();
        return send(questionId);
      }
      savedOnce = true;
      showLastChange(questionId, data);
      delete pending[questionId];
      savePending();
      setStatus(questionId, "saved", savedText());
      removeConflict(fieldset);
      return;
    }
    if (status === 409 && data) {
      delete pending[questionId];
      savePending();
      showConflict(questionId, entry, data.current);
      return;
    }
    if (status === 422 && data) {
      delete pending[questionId];
      savePending();
      var errors = (data.errors || []).map(function (error) {
        return error.message;
      });
      setStatus(questionId, "error", errors.join(" ") || data.detail || data.title);
      return;
    }
    if (status === 0) {
      setStatus(questionId, "offline", message("Offline"));
      scheduleRetry();
      return;
    }
    if (status === 400 || status === 401 || status === 403) {
      setStatus(questionId, "error", message("Session"));
      return; // kept in storage; sent again on the next attempt (focus, connection back)
    }
    setStatus(questionId, "offline", message("Offline"));
    scheduleRetry();
  }

  // --- Conflicts -----------------------------------------------------------------------------------

  function removeConflict(fieldset) {
    var box = fieldset.querySelector(".conflict[data-js]");
    if (box) {
      box.remove();
    }
  }

  function showConflict(questionId, mine, current) {
    var fieldset = fieldsets[questionId];
    removeConflict(fieldset);
    var who = (current && current.updated_by) || message("Someone");
    var answer = current ? current.display : "—";
    var box = document.createElement("div");
    box.className = "conflict";
    box.setAttribute("role", "alert");
    box.dataset.js = "";
    var text = document.createElement("p");
    text.textContent = message("Conflict").replace("%(who)s", who).replace("%(answer)s", answer);
    var actions = document.createElement("p");
    actions.className = "actions";
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "button button-small";
    keep.textContent = message("KeepMine");
    var take = document.createElement("button");
    take.type = "button";
    take.className = "button button-small button-secondary";
    take.textContent = message("TakeTheirs");
    actions.appendChild(keep);
    actions.appendChild(take);
    box.appendChild(text);
    box.appendChild(actions);
    fieldset.querySelector('[data-role="status"]').before(box);
    setStatus(questionId, "error", "");
    keep.addEventListener("click", function () {
      box.remove();
      sequence += 1;
      pending[questionId] = {
        value: mine.value,
        na: mine.na,
        comment: mine.comment,
        version: current ? current.version : null,
        seq: sequence,
      };
      savePending();
      send(questionId);
    });
    take.addEventListener("click", function () {
      box.remove();
      applyState(fieldset, current);
      setBaseVersion(fieldset, current ? current.version : null);
      lastSaved[questionId] = stateKey(readState(fieldset));
      showLastChange(questionId, current);
      setStatus(questionId, "saved", savedText());
      updateProgress();
    });
    keep.focus();
  }

  // --- Reacting to the member's input --------------------------------------------------------------

  function stateKey(state) {
    return JSON.stringify([state.value, state.na, state.comment]);
  }

  function record(questionId, delay) {
    var fieldset = fieldsets[questionId];
    var state = readState(fieldset);
    if (!pending[questionId] && stateKey(state) === lastSaved[questionId]) {
      return; // e.g. the "change" event that follows the "input" events of a text field
    }
    sequence += 1;
    state.version = baseVersion(fieldset);
    state.seq = sequence;
    pending[questionId] = state;
    savePending();
    setStatus(questionId, "pending", message("Pending"));
    updateProgress();
    updateClearButton(fieldset);
    window.clearTimeout(debounceTimers[questionId]);
    debounceTimers[questionId] = window.setTimeout(function () {
      send(questionId);
    }, delay);
  }

  function updateClearButton(fieldset) {
    var button = fieldset.querySelector("[data-clear]");
    if (button) {
      button.hidden = readState(fieldset).value === null;
    }
  }

  function addClearButton(fieldset, questionId) {
    if (!RADIO_TYPES[fieldset.dataset.type]) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.dataset.clear = "";
    button.textContent = message("Clear");
    button.addEventListener("click", function () {
      valueInputs(fieldset).forEach(function (radio) {
        radio.checked = false;
      });
      record(questionId, 0);
    });
    fieldset.querySelector(".options").after(button);
    updateClearButton(fieldset);
  }

  function watch(fieldset) {
    var questionId = fieldset.dataset.question;
    fieldsets[questionId] = fieldset;
    lastSaved[questionId] = stateKey(readState(fieldset));
    addClearButton(fieldset, questionId);
    fieldset.addEventListener("change", function (event) {
      var role = event.target.dataset.role;
      if (role === "na" && event.target.checked) {
        applyState(fieldset, { value: null, na: true, comment: readState(fieldset).comment });
      } else if (role === "value" && naInput(fieldset)) {
        naInput(fieldset).checked = false;
      }
      record(questionId, 0);
    });
    fieldset.addEventListener("input", function (event) {
      var role = event.target.dataset.role;
      if (event.target.type !== "radio" && event.target.type !== "checkbox" && (role === "value" || role === "comment")) {
        if (role === "value" && naInput(fieldset)) {
          naInput(fieldset).checked = false;
        }
        record(questionId, 800);
      }
    });
  }

  form.querySelectorAll("fieldset[data-question]").forEach(watch);

  // Answers given earlier on this device and not yet confirmed: show them, then send them.
  Object.keys(pending).forEach(function (questionId) {
    if (fieldsets[questionId]) {
      applyState(fieldsets[questionId], pending[questionId]);
      setStatus(questionId, "pending", message("Pending"));
    }
  });
  updateProgress();
  updateSummary();
  flushAll();

  window.addEventListener("online", flushAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      flushAll();
    }
  });

  // With JavaScript, the button first sends what is still waiting (or on its way), then goes on
  // like the plain form; whatever could not be sent stays on the device and is said so.
  function waitingHere() {
    return Object.keys(fieldsets).filter(function (id) {
      return pending[id] || inflight[id];
    });
  }

  form.addEventListener("submit", function (event) {
    if (!waitingHere().length) {
      return;
    }
    event.preventDefault();
    Promise.all(Object.keys(fieldsets).map(send)).then(function () {
      if (!waitingHere().length) {
        form.submit();
      } else {
        updateSummary();
      }
    });
  });
})();
