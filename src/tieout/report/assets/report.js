"use strict";
(function () {
  // The page's data: figures, findings and the review, per release. Filing text is only
  // ever put in the page as text (textContent), never as markup.
  var DATA = JSON.parse(document.getElementById("tieout-data").textContent);
  var byPrefix = {};
  DATA.releases.forEach(function (r, i) {
    r.index = i;
    r.state = { findings: Object.assign({}, r.review.findings || {}),
                figures: Object.assign({}, r.review.figures || {}) };
    byPrefix[r.prefix] = r;
  });
  var panel = document.getElementById("panel");
  var pbody = panel.querySelector(".pbody");
  var statusEl = document.getElementById("status");
  var current = null;
  var dirty = false;

  function releaseOf(id) {
    var m = /^(r\d+)/.exec(id || "");
    return m ? byPrefix[m[1]] : null;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function now() { return new Date().toISOString().replace(/\.\d+Z$/, "Z"); }
  function say(text) { statusEl.textContent = text; }

  // ---- going to a figure ----------------------------------------------------------
  function goTo(id) {
    var target = id && document.getElementById(id);
    if (!target) return null;
    target.scrollIntoView({ block: "center", inline: "nearest" });
    // keep a text release's left margin (its line numbers) in view when the figure fits
    var doc = target.closest(".doc");
    if (doc && doc.scrollLeft) {
      var right = target.getBoundingClientRect().right - doc.getBoundingClientRect().left + doc.scrollLeft;
      if (right < doc.clientWidth - 8) doc.scrollLeft = 0;
    }
    target.classList.remove("hl");
    void target.offsetWidth;
    target.classList.add("hl");
    setTimeout(function () { target.classList.remove("hl"); }, 1700);
    return target;
  }

  // Open the figure's panel first: it narrows the page, which moves the figure.
  function show(id) {
    openPanel(id);
    return goTo(id);
  }

  // ---- the figure's panel ---------------------------------------------------------
  function row(dl, name, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", value));
  }
  function openPanel(id) {
    var r = releaseOf(id);
    var f = r && r.figures[id];
    if (!f) return;
    pbody.textContent = "";
    pbody.dataset.id = id;
    pbody.appendChild(el("h3", f.raw));
    var dl = el("dl");
    row(dl, "label", f.label);
    row(dl, "table", f.table);
    row(dl, "column", f.column);
    row(dl, "period", f.period);
    row(dl, "value", f.value + (f.scaled ? " (printed " + f.raw + " " + f.scaled + ")" : ""));
    if (f.readings) row(dl, "readings", f.readings.join(" or "));
    row(dl, "unit", f.unit);
    row(dl, "concept", f.concept);
    row(dl, "line", f.line);
    row(dl, "mark", f.tick + (f.how.length ? ": " + f.how.join("; ") : ""));
    if (f.sentence) row(dl, "sentence", f.sentence);
    if (f.status) row(dl, "status", f.status + (f.expected ? " (tables give " + f.expected + ")" : ""));
    pbody.appendChild(dl);
    if (f.arith.length) {
      pbody.appendChild(el("h4", "Relations (" + f.arith.length + ")"));
      var ul = el("ul", null, "arith");
      f.arith.forEach(function (a) {
        var li = el("li", null, a[3] ? "holds" : "failsum");
        li.appendChild(document.createTextNode((a[3] ? "✓ " : "✗ ") + a[0] + " (" + a[1] + "): "));
        li.appendChild(el("code", a[2]));
        li.appendChild(document.createTextNode(" · off by " + a[4] + ", tolerance " + a[5]));
        ul.appendChild(li);
      });
      pbody.appendChild(ul);
    }
    var links = (f.claims || []).map(function (c) { return [c[3], "line " + c[1] + ": “" + c[0] + "” " + c[2]]; });
    (f.tied || []).forEach(function (t) {
      var g = r.figures[t];
      if (g) links.push([t, g.table + " · " + g.label + " · " + g.column + ": " + g.raw]);
    });
    if (links.length) {
      pbody.appendChild(el("h4", f.tied ? "Ties to" : "In the prose"));
      var cl = el("ul");
      links.forEach(function (c) {
        var li = el("li");
        var a = el("a", c[1], "ev");
        a.href = "#" + c[0];
        a.dataset.target = c[0];
        li.appendChild(a);
        cl.appendChild(li);
      });
      pbody.appendChild(cl);
    }
    if (f.findings.length) {
      pbody.appendChild(el("h4", "Findings"));
      var fl = el("ul");
      f.findings.forEach(function (k) {
        var d = r.findings[k];
        var li = el("li");
        var a = el("a", d.severity + " " + d.code + ": " + d.message, "tofinding");
        a.href = "#" + r.prefix + "F" + k;
        a.dataset.finding = r.prefix + "F" + k;
        li.appendChild(a);
        fl.appendChild(li);
      });
      pbody.appendChild(fl);
    }
    pbody.appendChild(el("h4", "Review"));
    var entry = r.state.figures[f.key];
    var note = el("textarea");
    note.rows = 2;
    note.className = "tickcomment";
    note.placeholder = "comment";
    note.value = entry ? entry.comment : "";
    pbody.appendChild(note);
    var b = el("button", entry ? "Untick" : "Tick by hand", entry ? "untick" : "tick");
    b.type = "button";
    pbody.appendChild(b);
    if (entry) {
      var was = entry.seen && entry.seen !== f.raw ? " (printed " + entry.seen + " then)" : "";
      pbody.appendChild(el("p", "ticked " + entry.at + was + (entry.comment ? ": " + entry.comment : "")));
    }
    panel.hidden = false;
    document.body.classList.add("panel-open");
  }
  function closePanel() {
    panel.hidden = true;
    document.body.classList.remove("panel-open");
  }
  function tick(on) {
    var id = pbody.dataset.id;
    var r = releaseOf(id);
    var f = r && r.figures[id];
    if (!f) return;
    var comment = pbody.querySelector(".tickcomment").value;
    if (on) r.state.figures[f.key] = { status: "ticked", comment: comment, at: now(), seen: f.raw };
    else delete r.state.figures[f.key];
    document.getElementById(id).classList.toggle("ticked", on);
    changed(r);
    openPanel(id);
  }

  // ---- findings: select, step, review --------------------------------------------
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll("li.finding"), function (li) {
      return !li.classList.contains("hidden");
    });
  }
  function select(li, jump) {
    if (current) current.classList.remove("current");
    current = li;
    if (!li) return;
    li.classList.add("current");
    var det = li.closest("details");
    if (det) det.open = true;
    li.scrollIntoView({ block: "nearest" });
    if (jump && li.dataset.target) show(li.dataset.target);
  }
  function step(by) {
    var list = visible();
    if (!list.length) return;
    var i = list.indexOf(current);
    i = i < 0 ? (by > 0 ? 0 : list.length - 1) : (i + by + list.length) % list.length;
    select(list[i], true);
  }
  function showFinding(li, r) {
    var k = Number(li.dataset.k);
    var d = r.findings[k];
    var entry = r.state.findings[d.key];
    li.classList.remove("st-accepted", "st-dismissed");
    var label = li.querySelector(".rstate");
    label.textContent = "";
    if (entry) {
      li.classList.add("st-" + entry.status);
      label.textContent = entry.status + (entry.comment ? ": " + entry.comment : "");
      if (entry.seen && entry.seen !== d.message.slice(0, 400)) {
        label.textContent += " (on an earlier draft, when it read: " + entry.seen + ")";
      }
    }
    var fig = d.target && document.getElementById(d.target);
    if (fig) fig.classList.toggle("dismissed", !!entry && entry.status === "dismissed");
  }
  function review(li, status) {
    var r = releaseOf(li.id);
    var d = r.findings[Number(li.dataset.k)];
    var comment = li.querySelector(".comment").value;
    if (status) r.state.findings[d.key] = { status: status, comment: comment, at: now(), seen: d.message.slice(0, 400) };
    else delete r.state.findings[d.key];
    showFinding(li, r);
    changed(r);
  }
  function counts(r) {
    var n = { accepted: 0, dismissed: 0 };
    Object.keys(r.state.findings).forEach(function (k) { n[r.state.findings[k].status] += 1; });
    var ticked = Object.keys(r.state.figures).length;
    var box = document.querySelector("#" + r.prefix + " .rcount");
    box.textContent = "review: " + n.accepted + " accepted, " + n.dismissed + " dismissed, " + ticked + " ticked";
  }
  function changed(r) {
    dirty = true;
    counts(r);
    say("review changed: " + (DATA.served ? "save it" : "export it"));
  }

  // ---- filters and search ---------------------------------------------------------
  function filter(article) {
    var q = article.querySelector(".q").value.trim().toLowerCase();
    var sev = {};
    article.querySelectorAll(".fsev").forEach(function (c) { sev[c.value] = c.checked; });
    var table = article.querySelector(".ftable").value;
    article.querySelectorAll("li.finding").forEach(function (li) {
      var show = sev[li.dataset.sev] && (!table || li.dataset.table === table) &&
        (!q || li.textContent.toLowerCase().indexOf(q) >= 0);
      li.classList.toggle("hidden", !show);
    });
  }
  var matchAt = {};
  function nextMatch(article) {
    var r = byPrefix[article.dataset.r];
    var q = article.querySelector(".q").value.trim().toLowerCase();
    if (!q) return;
    var ids = Object.keys(r.figures).filter(function (id) {
      var f = r.figures[id];
      return (f.label + " " + f.raw + " " + f.column + " " + (f.concept || "")).toLowerCase().indexOf(q) >= 0;
    });
    document.querySelectorAll(".fig.match").forEach(function (e) { e.classList.remove("match"); });
    if (!ids.length) { say("no figure matches “" + q + "”"); return; }
    ids.forEach(function (id) { var e = document.getElementById(id); if (e) e.classList.add("match"); });
    var i = ((matchAt[r.prefix] === undefined ? -1 : matchAt[r.prefix]) + 1) % ids.length;
    matchAt[r.prefix] = i;
    show(ids[i]);
    say("figure " + (i + 1) + " of " + ids.length + " matching “" + q + "”");
  }

  // ---- saving ---------------------------------------------------------------------
  function payload(r) {
    return { tieout_review: 1, release: r.path.split(/[\\/]/).pop(), findings: r.state.findings, figures: r.state.figures };
  }
  function save() {
    var pending = DATA.releases.map(function (r) {
      return fetch("/review/" + r.index, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload(r)),
      }).then(function (res) {
        if (!res.ok) throw new Error(r.path + ": " + res.status);
        return res.json();
      });
    });
    Promise.all(pending).then(function (answers) {
      dirty = false;
      say("saved: " + answers.map(function (a) { return a.saved; }).join(", "));
    }, function (err) { say("not saved: " + err.message); });
  }
  function exportReview() {
    DATA.releases.forEach(function (r) {
      var blob = new Blob([JSON.stringify(payload(r), null, 1) + "\n"], { type: "application/json" });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = payload(r).release + ".tieout-review.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    dirty = false;
    say("exported: import it with `tieout review import FILE REVIEW.json`");
  }

  // ---- wiring ---------------------------------------------------------------------
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var link = t.closest("a[data-target]");
    if (link) {
      ev.preventDefault();
      var li = link.closest("li.finding");
      if (li) select(li, false);
      show(link.dataset.target);
      return;
    }
    var tof = t.closest("a.tofinding");
    if (tof) {
      ev.preventDefault();
      select(document.getElementById(tof.dataset.finding), false);
      return;
    }
    var button = t.closest("li.finding .review button");
    if (button) { review(button.closest("li.finding"), button.dataset.act); return; }
    if (t.closest("#panel .tick")) { tick(true); return; }
    if (t.closest("#panel .untick")) { tick(false); return; }
    if (t.closest("#panel .close")) { closePanel(); return; }
    if (t.id === "save") { save(); return; }
    if (t.id === "export") { exportReview(); return; }
    var fig = t.closest(".fig[id]");
    if (fig) { openPanel(fig.id); return; }
    var finding = t.closest("li.finding");
    if (finding && !t.closest("input")) select(finding, true);
  });
  document.querySelectorAll("article.release").forEach(function (article) {
    var run = function () { filter(article); };
    article.querySelector(".q").addEventListener("input", run);
    article.querySelectorAll(".fsev").forEach(function (c) { c.addEventListener("change", run); });
    article.querySelector(".ftable").addEventListener("change", function () {
      run();
      var v = this.value;
      var r = byPrefix[article.dataset.r];
      if (v === "") return;
      var first = Object.keys(r.figures).find(function (id) {
        return String(r.figures[id].t) === (v === "prose" ? "-1" : v);
      });
      if (first) goTo(first);
    });
    article.querySelector(".q").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); nextMatch(article); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t instanceof Element && t.closest("input, textarea, select");
    if (ev.key === "Escape") { closePanel(); if (typing) t.blur(); return; }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j") { step(1); ev.preventDefault(); }
    else if (ev.key === "k") { step(-1); ev.preventDefault(); }
    else if (ev.key === "/") {
      var q = (current && current.closest("article") || document).querySelector(".q");
      if (q) { q.focus(); ev.preventDefault(); }
    }
    else if ((ev.key === "a" || ev.key === "d") && current) {
      review(current, ev.key === "a" ? "accepted" : "dismissed");
    }
  });
  window.addEventListener("beforeunload", function (ev) {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });
  DATA.releases.forEach(function (r) {
    document.querySelectorAll("#" + r.prefix + " li.finding").forEach(function (li) { showFinding(li, r); });
    counts(r);
  });
})();
