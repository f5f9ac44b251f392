/* The room's figures, live: the facilitator's control room and the projector.
 *
 * Polls the live API twice a second with If-None-Match: while nothing changes the server answers
 * 304 without a body, so an open projector costs almost nothing. The server recomputes the figures
 * at most every second, so an answer shows here within about two seconds. Charts are plotly
 * (served by the app); each has a table with the same numbers for screen readers.
 */
(function () {
  "use strict";
  var PERIOD = 500;  // the figures change at most every second; a 304 costs almost nothing
  var PANELS_BY_PHASE = {
    diagnosis: ["themes", "questions"], map: ["map"], vote: ["votes"],
    synthesis: ["themes", "questions", "map", "votes"], closed: ["themes", "questions", "map", "votes"]
  };
  var FONT = { size: 16, color: "#1b1f1d" };

  function text(value) { return value === null || value === undefined ? "—" : String(Math.round(value * 10) / 10); }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (cell, i) {
      var td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.scope = "row"; else td.className = "num";
      td.textContent = cell;
      tr.appendChild(td);
    });
    return tr;
  }

  function fill(body, rows) {
    body.replaceChildren.apply(body, rows.map(row));
  }

  function plot(element, data, layout) {
    if (!window.Plotly || !element) return;
    layout = Object.assign({ margin: { t: 10, r: 20, b: 40, l: 40 }, font: FONT, height: 320,
      paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: false }, layout);
    window.Plotly.react(element, data, layout, { displayModeBar: false, responsive: true, staticPlot: true });
  }

  function Live(root) {
    this.root = root;
    this.url = root.dataset.live;
    this.room = /audience=room/.test(this.url);
    this.labels = JSON.parse(root.querySelector("[data-labels]").textContent);
    this.tag = null;
    this.cards = {};
  }

  Live.prototype.poll = function () {
    var self = this;
    var headers = { "Accept": "application/json" };
    if (this.tag) headers["If-None-Match"] = this.tag;
    fetch(this.url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status !== 200) return;
        self.tag = response.headers.get("ETag");
        return response.json().then(function (figures) { self.draw(figures); });
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { setTimeout(function () { self.poll(); }, PERIOD); });
  };

  Live.prototype.draw = function (f) {
    var root = this.root, L = this.labels;
    ["joined", "answering", "finished", "voters"].forEach(function (key) {
      var el = root.querySelector('[data-count="' + key + '"]');
      if (el) el.textContent = f[key];
    });
    var phaseLabel = document.querySelector("[data-phase-label]");
    if (phaseLabel) phaseLabel.textContent = L.phases[f.phase] || f.phase;
    var visible = this.room ? (f.revealed ? (PANELS_BY_PHASE[f.phase] || []) : []) : ["themes", "questions", "map", "votes"];
    root.querySelector("[data-hidden-note]").hidden = !(this.room && !f.revealed && PANELS_BY_PHASE[f.phase]);
    root.querySelectorAll("[data-panel]").forEach(function (panel) {
      panel.hidden = visible.indexOf(panel.dataset.panel) < 0;
    });
    document.body.dataset.phase = f.phase;
    this.themes(f);
    this.questions(f);
    this.map(f);
    this.votes(f);
  };

  Live.prototype.themes = function (f) {
    var L = this.labels;
    var names = f.themes.map(function (t) { return L.themes[t.id] || t.id; });
    fill(this.root.querySelector('[data-table="themes"]'), f.themes.map(function (t, i) {
      return [names[i], text(t.average), String(t.count)];
    }));
    var r = f.themes.map(function (t) { return t.average === null ? 0 : t.average; });
    plot(this.root.querySelector('[data-chart="themes"]'), [{
      type: "scatterpolar", r: r.concat(r.slice(0, 1)), theta: names.concat(names.slice(0, 1)),
      fill: "toself", line: { color: "#164f35", width: 3 }, fillcolor: "rgba(31,111,74,0.25)"
    }], { polar: { radialaxis: { range: [0, 100], tickfont: { size: 12 } } }, height: 420, margin: { t: 40, r: 80, b: 40, l: 80 } });
  };

  Live.prototype.questions = function (f) {
    var L = this.labels, container = this.root.querySelector('[data-chart="questions"]'), cards = this.cards;
    f.questions.forEach(function (q) {
      var card = cards[q.id];
      if (!card) {
        card = cards[q.id] = document.createElement("figure");
        card.className = "live-question";
        card.innerHTML = '<figcaption></figcaption><div class="plot" aria-hidden="true"></div><p class="live-values"></p>';
        card.querySelector("figcaption").textContent = (L.questions[q.id] || {}).text || q.id;
        container.appendChild(card);
      }
      var values = card.querySelector(".live-values"), chart = card.querySelector(".plot");
      if (!q.distribution) {
        values.textContent = q.count + " " + L.answers_label + " — " + L.too_few;
        chart.hidden = true;
        return;
      }
      var info = L.questions[q.id] || { levels: [], options: {} };
      var keys = Object.keys(q.distribution);
      var names = keys.map(function (k) {
        if (info.levels.length && /^\d+$/.test(k)) return k + " · " + (info.levels[+k] || "");
        return info.options[k] || L.answers[k] || k;
      });
      values.textContent = q.count + " " + L.answers_label + " — " + keys.map(function (k, i) {
        return names[i] + " : " + q.distribution[k];
      }).join(" ; ");
      chart.hidden = false;
      plot(chart, [{ type: "bar", x: keys.map(function (k) { return q.distribution[k]; }), y: names,
        orientation: "h", marker: { color: "#1f6f4a" }, text: keys.map(function (k) { return String(q.distribution[k]); }),
        textposition: "auto" }],
      { height: 60 + 34 * keys.length, margin: { t: 5, r: 20, b: 25, l: 230 }, yaxis: { autorange: "reversed", automargin: true },
        xaxis: { dtick: 1, rangemode: "tozero" } });
    });
  };

  Live.prototype.map = function (f) {
    var L = this.labels;
    var placed = f.map.filter(function (m) { return m.influence !== null; });
    fill(this.root.querySelector('[data-table="map"]'), f.map.map(function (m) {
      return [L.categories[m.category] || m.category, text(m.influence), text(m.importance), String(m.count)];
    }));
    var line = { color: "#4a5550", width: 1, dash: "dot" };
    plot(this.root.querySelector('[data-chart="map"]'), [{
      type: "scatter", mode: "markers+text", textposition: "top center",
      x: placed.map(function (m) { return m.importance; }), y: placed.map(function (m) { return m.influence; }),
      text: placed.map(function (m) { return (L.categories[m.category] || m.category) + " (" + m.count + ")"; }),
      error_x: { type: "data", array: placed.map(function (m) { return m.importance_spread; }), color: "#7a8a82" },
      error_y: { type: "data", array: placed.map(function (m) { return m.influence_spread; }), color: "#7a8a82" },
      marker: { size: placed.map(function (m) { return 12 + Math.min(24, m.count / 4); }), color: "#164f35", opacity: 0.85 }
    }], { height: 460, xaxis: { range: [0.5, 5.5], title: { text: L.importance }, dtick: 1 },
      yaxis: { range: [0.5, 5.5], title: { text: L.influence }, dtick: 1 },
      shapes: [{ type: "line", x0: 3, x1: 3, y0: 0.5, y1: 5.5, line: line }, { type: "line", x0: 0.5, x1: 5.5, y0: 3, y1: 3, line: line }] });
  };

  Live.prototype.votes = function (f) {
    var L = this.labels;
    fill(this.root.querySelector('[data-table="votes"]'), f.votes.map(function (v) {
      return [L.themes[v.theme] || v.theme, v.votes === null ? "—" : String(v.votes)];
    }));
    var shown = f.votes.filter(function (v) { return v.votes !== null; });
    plot(this.root.querySelector('[data-chart="votes"]'), [{
      type: "bar", orientation: "h", y: shown.map(function (v) { return L.themes[v.theme] || v.theme; }),
      x: shown.map(function (v) { return v.votes; }), marker: { color: "#164f35" },
      text: shown.map(function (v) { return String(v.votes); }), textposition: "auto"
    }], { height: 80 + 36 * Math.max(1, shown.length), margin: { t: 5, r: 20, b: 30, l: 200 },
      yaxis: { autorange: "reversed", automargin: true }, xaxis: { rangemode: "tozero" } });
  };

  function start() {
    document.querySelectorAll("[data-live]").forEach(function (root) { new Live(root).poll(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
