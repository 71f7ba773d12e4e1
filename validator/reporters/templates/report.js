/* The xxgk audit report: list, filters, sorting, paging and per-report detail drawn on demand.
   Plain DOM, no libraries. Every element is built with textContent (never innerHTML): the data
   comes from the checked documents. Data: #xxgk-data (the index of every report, shared table
   layouts, UI strings) and one inert #d-<anchor> JSON element per report, parsed when opened. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("xxgk-data").textContent);
  var UI = DATA.ui, INDEX = DATA.index, LAYOUTS = DATA.layouts, PAGE = DATA.page_size || 50, RULES = DATA.rules || {};
  var TEXTS = DATA.texts || [];
  function txt(n) { return typeof n === "number" ? (TEXTS[n] || "") : (n || ""); }  // a shared text, by number
  var SEV = { 3: "error", 2: "warning", 1: "info" };
  var byAnchor = {};
  INDEX.forEach(function (e, i) { e.order = i; byAnchor[e.a] = e; });

  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input.f-sev"));
  var ruleSel = document.getElementById("f-rule"), statusSel = document.getElementById("f-status");
  var qBox = document.getElementById("f-q"), indSel = document.getElementById("f-ind");
  var supp = document.getElementById("f-supp"), only = document.getElementById("f-only");
  var shownEl = document.getElementById("f-shown"), rowsEl = document.getElementById("report-rows");
  var detailsEl = document.getElementById("details");
  var state = { sort: null, dir: 1, page: 0, rows: [], printing: false };
  var open = {};  // anchor -> its <section>
  var detailCache = {};

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null || v === false) { return; }
        if (k === "text") { node.textContent = String(v); }
        else if (k === "cls") { node.className = v; }
        else { node.setAttribute(k, v === true ? "" : String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) { return; }
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return node;
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? String(values[k]) : m; });
  }

  // ------------------------------------------------------------------ filters
  function filters() {
    var sevs = {};
    sevBoxes.forEach(function (b) { if (b.checked) { sevs[b.value] = true; } });
    return { sevs: sevs, rule: ruleSel ? ruleSel.value : "", supp: !!(supp && supp.checked),
             only: !!(only && only.checked), status: statusSel ? statusSel.value : "",
             q: qBox ? qBox.value.trim().toLowerCase() : "" };
  }
  function findingPasses(f, rule, sev, suppressed) {
    return !!f.sevs[sev] && (!f.rule || f.rule === rule) && (f.supp || !suppressed);
  }
  function visibleCount(e, f) {
    var n = 0;
    for (var i = 0; i < e.x.length; i += 1) {
      var x = e.x[i];
      if (findingPasses(f, x[0], SEV[x[1]], x[2] === 1)) { n += 1; }
    }
    return n;
  }
  function reportPasses(e, f) {
    if (f.only && e.n === 0) { return false; }
    if (f.status === "unverified") { if (!e.u) { return false; } }
    else if (f.status && e.s !== f.status) { return false; }
    if (f.q && (e.p + "\u0001" + e.g + "\u0001" + e.t).toLowerCase().indexOf(f.q) < 0) { return false; }
    return true;
  }

  // ------------------------------------------------------------------ sorting
  function sortKey(e, key) {
    switch (key) {
      case "e": return e.c[0]; case "w": return e.c[1]; case "i": return e.c[2]; case "d": return e.c[3];
      case "u": return e.u; case "y": return typeof e.y === "number" ? e.y : -1;
      case "v": var v = e.v[Number(indSel ? indSel.value : 0)]; return v === null || v === undefined ? null : v;
      default: return String(e[key] || "");
    }
  }
  var collator = typeof Intl !== "undefined" ? new Intl.Collator(DATA.lang === "zh" ? "zh" : "en", { numeric: true }) : null;
  function compare(a, b) {
    if (!state.sort) { return a.order - b.order; }
    var ka = sortKey(a, state.sort), kb = sortKey(b, state.sort);
    if (ka === null && kb === null) { return a.order - b.order; }
    if (ka === null) { return 1; }  // no value: last, whatever the direction
    if (kb === null) { return -1; }
    var c = typeof ka === "number" && typeof kb === "number" ? ka - kb
      : (collator ? collator.compare(String(ka), String(kb)) : String(ka) < String(kb) ? -1 : String(ka) > String(kb) ? 1 : 0);
    return (c || a.order - b.order) * (c ? state.dir : 1);
  }

  // ------------------------------------------------------------------ the list
  function indicatorText(e) {
    var i = Number(indSel ? indSel.value : 0), v = e.v[i];
    if (v === null || v === undefined) { return "—"; }
    return (v * 100).toFixed(1) + "%" + (e.vs[i] ? "*" : "");
  }
  function statusBadge(e) {
    var cls = { fail: "sev-error", check: "doubt", pass: "ok", unreadable: "sev-error", skipped: "muted" }[e.s] || "muted";
    return el("span", { cls: "badge " + cls, text: UI["st_" + e.s] || e.s });
  }
  function listRow(e) {
    var link = el("a", { href: "#" + e.a, "data-open": e.a, text: e.p });
    var ind = el("td", { cls: "num", text: indicatorText(e) });
    if (e.vs[Number(indSel ? indSel.value : 0)]) { ind.title = UI.small_sample; ind.className += " small"; }
    return el("tr", { "data-report-row": e.a, cls: open[e.a] ? "is-open" : "" }, [
      el("td", { cls: "path" }, [link]), el("td", { text: e.g }), el("td", { text: e.y }), el("td", { text: e.f }),
      el("td", { cls: "num", text: e.c[0] }), el("td", { cls: "num", text: e.c[1] }), el("td", { cls: "num", text: e.c[2] }),
      el("td", { cls: "num", text: e.c[3] || "" }), el("td", { cls: "num", text: e.u || "" }), ind,
      el("td", null, [statusBadge(e)])]);
  }
  function renderList() {
    var rows = state.rows, pages = Math.max(1, Math.ceil(rows.length / PAGE));
    if (state.page >= pages) { state.page = pages - 1; }
    var slice = state.printing ? rows : rows.slice(state.page * PAGE, state.page * PAGE + PAGE);
    var body = document.createDocumentFragment();
    slice.forEach(function (e) { body.appendChild(listRow(e)); });
    rowsEl.textContent = "";
    rowsEl.appendChild(body);
    document.getElementById("no-match").hidden = rows.length > 0;
    document.getElementById("page-info").textContent = fmt(UI.page, { page: state.page + 1, pages: pages, n: rows.length });
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(document.querySelectorAll("#by-report th[data-sort]"), function (th) {
      th.classList.toggle("sorted-asc", th.getAttribute("data-sort") === state.sort && state.dir === 1);
      th.classList.toggle("sorted-desc", th.getAttribute("data-sort") === state.sort && state.dir === -1);
    });
  }

  function apply() {
    var f = filters(), shown = 0, rows = [];
    for (var i = 0; i < INDEX.length; i += 1) {
      var e = INDEX[i];
      e.n = visibleCount(e, f);
      if (reportPasses(e, f)) { rows.push(e); shown += e.n; }
    }
    rows.sort(compare);
    state.rows = rows;
    renderList();
    var passing = {};
    rows.forEach(function (e) { passing[e.a] = true; });
    Object.keys(open).forEach(function (a) { applyToSection(open[a], f, !!passing[a]); });
    document.querySelectorAll("#by-rule tbody tr").forEach(function (tr) {
      tr.classList.toggle("req-fail", !!f.rule && tr.getAttribute("data-rule") === f.rule);
    });
    if (shownEl) { shownEl.textContent = String(shown); }
  }

  function applyToSection(sec, f, listed) {
    var n = 0;
    sec.querySelectorAll("tr.finding").forEach(function (tr) {
      var ok = findingPasses(f, tr.getAttribute("data-rule"), tr.getAttribute("data-sev"), tr.getAttribute("data-supp") === "1");
      tr.hidden = !ok;
      if (ok) { n += 1; }
    });
    sec.querySelectorAll(".hl[data-rules]").forEach(function (node) {
      var rules = node.getAttribute("data-rules").split(" "), sevs = node.getAttribute("data-sevs").split(" "), on = false;
      for (var i = 0; i < rules.length; i += 1) {
        if (findingPasses(f, rules[i], sevs[i], false)) { on = true; break; }
      }
      node.classList.toggle("off", !on);
    });
    var count = sec.querySelector(".vis-count");
    if (count) { count.textContent = String(n); }
    var none = sec.querySelector(".no-match");
    if (none) { none.hidden = n > 0; }
    sec.hidden = !listed;
  }

  // ------------------------------------------------------------------ one report, on demand
  function detail(anchor) {
    if (!detailCache[anchor]) {
      var node = document.getElementById("d-" + anchor);
      detailCache[anchor] = node ? JSON.parse(node.textContent) : null;
    }
    return detailCache[anchor];
  }
  function badge(cls, text) { return el("span", { cls: "badge " + cls, text: text }); }
  function statusLabel(st) { return st === "error" ? UI.crashed : (UI[st] || st); }

  // a report's checks come as [rule, status, findings, why not judged, partly]; the rule's
  // requirement and name are said once for the whole file (DATA.rules)
  var STATUS = { p: "pass", f: "fail", n: "not_applicable", u: "unverified", e: "error" };
  function checkItems(d) {
    if (!d.checks) { return []; }
    var order = (DATA.check_orders || [])[d.checks.o] || [];
    return order.map(function (rule, k) {
      var info = RULES[rule] || [rule, ""], x = d.checks.x[rule] || [0, "", 0];
      return { rule: rule, status: STATUS[d.checks.s.charAt(k)] || "not_applicable", count: x[0], detail: txt(x[1]),
               partial: !!x[2], label: info[0], name: info[1], rules: x[0] ? [rule] : [] };
    });
  }
  function checklist(d) {
    var wrap = el("div", { cls: "checklist" }), checks = {};
    checkItems(d).forEach(function (c) { checks[c.rule] = c; });
    d.requirements.forEach(function (sec) {
      var body = el("tbody");
      var items = sec.checks ? sec.checks.map(function (rule) { return checks[rule]; }).filter(Boolean)
        : sec.items.map(function (x) { return { label: txt(x[0]), status: STATUS[x[1]] || x[1], detail: txt(x[2]), rules: x[3] }; });
      items.forEach(function (item) {
        var tags = (item.rules || []).map(function (r) { return el("span", { cls: "rule-tag", text: r }); });
        body.appendChild(el("tr", { cls: "req-" + item.status }, [
          el("td", { cls: "st" }, [badge("st-" + item.status, statusLabel(item.status)),
            item.partial ? " " : null, item.partial ? badge("st-unverified", UI.partly) : null]),
          el("td", null, [item.label, item.rule ? " " : null, item.rule ? el("span", { cls: "muted", text: item.rule }) : null]),
          el("td", { cls: "muted" }, [item.detail || ""].concat(tags))]));
      });
      wrap.appendChild(el("table", { cls: "grid req" }, [el("caption", { text: sec.title }), body]));
    });
    return wrap;
  }
  function allChecks(d) {
    var p = el("p", { cls: "checks" });
    checkItems(d).forEach(function (item) {
      p.appendChild(el("span", { cls: "ck st-" + item.status, text: item.rule,
        title: item.rule + " " + item.name + " — " + item.label + "：" + statusLabel(item.status) +
               (item.count ? "（" + item.count + "）" : "") + (item.detail ? "：" + item.detail : "") }));
      p.appendChild(document.createTextNode(" "));
    });
    var legend = el("p", { cls: "muted legend" }, ["pass", "fail", "unverified", "not_applicable"].map(function (st) {
      return el("span", { cls: "ck st-" + st, text: UI[st] });
    }));
    return el("details", { cls: "all-checks" }, [el("summary", { text: UI.all_checks + " (" + p.children.length + ")" }), p, legend]);
  }
  function findingsTable(d) {
    if (!d.findings.length) { return [el("p", { cls: "muted", text: UI.no_findings })]; }
    var body = el("tbody");
    d.findings.forEach(function (f) {
      var msg = [el("div", { text: f.message })];
      var nums = Object.keys(f.numbers || {});
      if (nums.length) {
        msg.push(el("div", { cls: "numbers" }, nums.map(function (k) {
          return el("span", { cls: "kv" }, [el("span", { cls: "k", text: UI[k] }), " ", el("span", { cls: "v", text: f.numbers[k] })]);
        })));
      }
      if (f.hint) { msg.push(el("div", { cls: "hint" }, [el("b", { text: UI.hint + "：" }), f.hint])); }
      if (f.basis && f.basis.length) { msg.push(el("div", { cls: "basis" }, [el("b", { text: UI.basis + "：" }), f.basis.join("；")])); }
      if (f.corrected) { msg.push(el("div", { cls: "corr-note", text: UI.corrected + "：" + f.corrected.join("、") })); }
      if (f.suppressed) { msg.push(el("div", { cls: "muted", text: UI.suppressed + "（" + f.suppressed.kind + "）：" + (f.suppressed.reason || "") })); }
      body.appendChild(el("tr", { cls: "finding sev-row-" + f.sev + (f.suppressed ? " suppressed" : "") + (f.doubtful ? " doubtful" : ""),
                                  id: f.id, "data-rule": f.rule, "data-sev": f.sev, "data-supp": f.suppressed ? "1" : "0" }, [
        el("td", null, [badge("sev-" + f.sev, UI[f.sev]), f.doubtful ? el("br") : null, f.doubtful ? badge("doubt", UI.doubtful) : null,
                        f.suppressed ? el("br") : null, f.suppressed ? badge("muted", UI.suppressed) : null]),
        el("td", { cls: "rule" }, [el("b", { text: f.rule }), el("br"), el("span", { cls: "muted", text: f.name })]),
        el("td", { cls: "where" }, [f.position ? el("code", { text: f.position }) : null, f.position ? el("br") : null, f.where]),
        el("td", { cls: "msg" }, msg)]));
    });
    var head = el("thead", null, [el("tr", null, [UI.severity, UI.rule, UI.location, UI.message].map(function (h) { return el("th", { text: h }); }))]);
    return [el("table", { cls: "grid findings" }, [head, body]), el("p", { cls: "muted no-match", hidden: true, text: UI.no_findings })];
  }
  function indicatorsTable(d) {
    if (!d.indicators || !d.indicators.length) { return null; }
    var body = el("tbody");
    d.indicators.forEach(function (v, k) {  // [shown, n, small sample, why not computed, doubt]
      var spec = DATA.indicators[k] || { name: "", formula: "" };
      var note = [txt(v[3]), v[2] ? UI.small_sample : "", txt(v[4]) ? UI.doubtful + "：" + txt(v[4]) : ""].filter(Boolean).join("；");
      body.appendChild(el("tr", { cls: v[2] ? "small" : "" }, [
        el("td", { title: UI.formula + "：" + spec.formula, text: spec.name }), el("td", { cls: "num", text: txt(v[0]) }),
        el("td", { cls: "num", text: v[1] === null || v[1] === undefined ? "" : v[1] }),
        el("td", { cls: "muted", text: note }), el("td", { cls: "muted small-text", text: spec.formula })]));
    });
    var head = el("thead", null, [el("tr", null, [UI.indicator, UI.value, UI.sample, "", UI.formula].map(function (h) { return el("th", { text: h }); }))]);
    return el("table", { cls: "grid indicators" }, [head, body]);
  }
  function cellNode(c) {
    if (typeof c === "string" || typeof c === "number") { return el("td", { cls: "num", text: String(c) }); }
    var cls = "num" + (c.kind ? " " + c.kind : "") + (c.role ? " hl cell-" + c.role : "") + (c.corrected ? " corrected" : "");
    var tip = [c.tip || "", c.corrected ? UI.corrected + "：" + c.corrected : ""].filter(Boolean).join("\n");
    var kids = [c.text];
    if (c.expected !== undefined) {
      kids.push(el("span", { cls: "exp", text: UI.expected + " " + c.expected + (c.difference !== undefined ? "（" + UI.difference + " " + c.difference + "）" : "") }));
    }
    if (c.corrected) { kids.push(el("span", { cls: "corr", text: "✎" })); }
    return el("td", { cls: cls, "data-rules": c.role ? c.rules : null, "data-sevs": c.role ? c.sevs : null, title: tip || null }, kids);
  }
  function stdTable(d, t) {
    var layout = (LAYOUTS[d.template] || {})[t.id] || { title: t.id, header: [], rows: [], columns: [] };
    var caption = el("caption", null, [layout.title + (layout.unit ? "（" + layout.unit + "）" : "")].concat(
      (t.rules || []).map(function (r) { return el("span", { cls: "rule-tag", text: r }); })));
    if (!t.found) {
      return el("table", { cls: "std", "data-table": t.id }, [caption, el("tbody", null, [el("tr", null, [el("td", { cls: "muted", text: UI.table_not_found })])])]);
    }
    var head = el("thead");
    var marks = t.header_marks || {}, found = t.found_labels || {};
    layout.header.forEach(function (hrow, level) {
      var tr = el("tr");
      if (level === 0) { tr.appendChild(el("th", { rowspan: layout.header.length })); }
      hrow.forEach(function (h) {
        var col = h.col || null;  // a leaf: the column it heads
        var m = col ? marks[col] : null;
        var th = el("th", { colspan: h.colspan, rowspan: h.rowspan, cls: m && m.rules ? "hl cell-fail" : null,
                            "data-rules": m ? m.rules : null, "data-sevs": m ? m.sevs : null, title: m ? m.tip : null }, [h.label]);
        if (col && found[col]) { th.appendChild(el("span", { cls: "orig", text: UI.original_label + "：" + found[col] })); }
        tr.appendChild(th);
      });
      head.appendChild(tr);
    });
    var body = el("tbody");
    layout.rows.forEach(function (lr, k) {
      var r = t.rows[k];  // in the layout's order: the cells, or a dict when the row carries more
      r = Array.isArray(r) ? { cells: r } : (r && typeof r === "object" ? r : {});
      var missing = r.found === false, unreliable = r.reliable === false;
      var th = el("th", { scope: "row", cls: r.rules ? "hl cell-fail" : null, "data-rules": r.rules || null,
                          "data-sevs": r.sevs || null, title: r.tip || null }, [lr.label]);
      if (r.found_label) { th.appendChild(el("span", { cls: "orig", text: UI.original_label + "：" + r.found_label })); }
      if (missing && lr.numeric) { th.appendChild(el("span", { cls: "orig", text: UI.row_missing })); }
      else if (unreliable) { th.appendChild(el("span", { cls: "orig", text: UI.row_unreliable })); }
      var tr = el("tr", { cls: "d" + lr.depth + (missing && lr.numeric ? " missing" : "") + (unreliable ? " unreliable" : "") }, [th]);
      if (r.cells) { r.cells.forEach(function (c) { tr.appendChild(cellNode(c)); }); }
      else { tr.appendChild(el("td", { colspan: layout.columns.length })); }
      body.appendChild(tr);
    });
    return el("div", { cls: "std-wrap" }, [el("table", { cls: "std", "data-table": t.id }, [caption, head, body])]);
  }
  function renderDetail(anchor) {
    var d = detail(anchor), e = byAnchor[anchor];
    if (!d) { return null; }
    var c = d.counts;
    d.findings = d.findings || [];
    var meta = el("dl", { cls: "meta" }, [
      el("dt", { text: UI.path }), el("dd", { cls: "path", text: d.path }),
      d.agency ? el("dt", { text: UI.agency }) : null, d.agency ? el("dd", { text: d.agency }) : null,
      d.year ? el("dt", { text: UI.year }) : null, d.year ? el("dd", { text: d.year }) : null,
      d.period ? el("dt", { text: UI.period }) : null, d.period ? el("dd", { text: d.period }) : null,
      d.template ? el("dt", { text: UI.template }) : null, d.template ? el("dd", { text: d.template }) : null,
      d.pairing ? el("dt", { text: UI.previous }) : null, d.pairing ? el("dd", { text: d.pairing }) : null,
      el("dt", { text: UI.findings }), el("dd", null, [
        el("span", { cls: "sev-error", text: c.error + " " + UI.error }), " · ",
        el("span", { cls: "sev-warning", text: c.warning + " " + UI.warning }), " · ",
        el("span", { cls: "sev-info", text: c.info + " " + UI.info }),
        c.doubtful ? " · " : null, c.doubtful ? el("span", { cls: "doubt-text", text: c.doubtful + " " + UI.doubtful + "（" + UI.check_original + "）" }) : null])]);
    var parts = [
      el("h2", null, [d.title || UI.title_unknown, d.clean ? " " : null, d.clean ? badge("ok", UI.clean_badge) : null, " ",
        el("span", { cls: "badge count no-print" }, [el("span", { cls: "vis-count", text: String(d.findings.length) }), " " + UI.findings]),
        el("button", { type: "button", cls: "close no-print", "data-close": anchor, text: UI.close })]),
      meta];
    if (d.error) { parts.push(el("p", { cls: "fatal", text: UI.unreadable + "：" + d.error })); }
    if (d.skipped) { parts.push(el("p", { cls: "muted", text: UI.skipped + "：" + d.skipped })); }
    if (d.requirements && d.requirements.length) { parts.push(el("h3", { text: UI.checklist }), checklist(d)); }
    if (d.checks && d.checks.s) { parts.push(allChecks(d)); }
    var ind = indicatorsTable(d);
    if (ind) { parts.push(el("h3", { text: UI.indicators }), ind); }
    if (d.corrections && d.corrections.length) {
      parts.push(el("h3", { text: UI.corrections }), el("ul", { cls: "corrections" }, d.corrections.map(function (x) {
        return el("li", { cls: "corr-" + x.status }, [x.status === "stale" ? el("b", { text: UI.stale_correction + "：" }) : null, x.text]);
      })));
    }
    parts.push(el("h3", { text: UI.findings }));
    parts = parts.concat(findingsTable(d));
    if (d.tables && d.tables.length) {
      var legend = el("p", { cls: "legend muted" }, [el("span", { cls: "cell-fail swatch" }), " " + UI.legend_fail + " ",
        el("span", { cls: "cell-operand swatch" }), " " + UI.legend_operand + " ", el("span", { cls: "corr", text: "✎" }), " " + UI.corrected]);
      parts.push(el("details", { cls: "std-tables", open: true }, [el("summary", { text: UI.standard_tables }), legend]
        .concat(d.tables.map(function (t) { return stdTable(d, t); }))));
    }
    return el("section", { cls: "report", id: anchor, "data-anchor": anchor }, parts.filter(Boolean));
  }

  function openReport(anchor, scroll) {
    if (!byAnchor[anchor]) { return; }
    if (!open[anchor]) {
      var sec = renderDetail(anchor);
      if (!sec) { return; }
      open[anchor] = sec;
      // keep the open reports in list order
      var next = null, order = byAnchor[anchor].order;
      Array.prototype.some.call(detailsEl.children, function (s) {
        if (byAnchor[s.getAttribute("data-anchor")].order > order) { next = s; return true; }
        return false;
      });
      detailsEl.insertBefore(sec, next);
      var f = filters();
      applyToSection(sec, f, reportPasses(byAnchor[anchor], f) || true);
    }
    var row = rowsEl.querySelector('tr[data-report-row="' + anchor + '"]');
    if (row) { row.classList.add("is-open"); }
    document.body.classList.toggle("many", Object.keys(open).length > 20);
    if (scroll) { open[anchor].scrollIntoView(); }
  }
  function closeReport(anchor) {
    if (!open[anchor]) { return; }
    open[anchor].remove();
    delete open[anchor];
    document.body.classList.toggle("many", Object.keys(open).length > 20);
    var row = rowsEl.querySelector('tr[data-report-row="' + anchor + '"]');
    if (row) { row.classList.remove("is-open"); }
  }

  // ------------------------------------------------------------------ events
  sevBoxes.forEach(function (b) { b.addEventListener("change", function () { state.page = 0; apply(); }); });
  [ruleSel, statusSel, supp, only].forEach(function (node) {
    if (node) { node.addEventListener("change", function () { state.page = 0; apply(); }); }
  });
  if (qBox) { qBox.addEventListener("input", function () { state.page = 0; apply(); }); }
  if (indSel) {
    indSel.addEventListener("change", function () {
      document.getElementById("ind-head").textContent = DATA.indicators[Number(indSel.value)].name;
      if (state.sort === "v") { state.rows.sort(compare); }
      renderList();
    });
  }
  document.querySelectorAll("#by-report th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key ? -state.dir : (/^[ewiduv]$/.test(key) ? -1 : 1);  // counts: largest first
      state.sort = key;
      state.rows.sort(compare);
      state.page = 0;
      renderList();
    });
  });
  document.getElementById("prev").addEventListener("click", function () { state.page = Math.max(0, state.page - 1); renderList(); });
  document.getElementById("next").addEventListener("click", function () { state.page += 1; renderList(); });
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var opener = t.closest("[data-open]");
    if (opener) {
      ev.preventDefault();
      var a = opener.getAttribute("data-open");
      if (open[a] && opener.closest("#report-rows")) { closeReport(a); } else { openReport(a, true); }
      return;
    }
    var closer = t.closest("[data-close]");
    if (closer) { closeReport(closer.getAttribute("data-close")); return; }
    var ruleLink = t.closest("button.rule-link");
    if (ruleLink && ruleSel) {
      var rule = ruleLink.getAttribute("data-rule");
      ruleSel.value = ruleSel.value === rule ? "" : rule;
      state.page = 0;
      apply();
    }
  });
  document.getElementById("open-page").addEventListener("click", function () {
    state.rows.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(function (e) { openReport(e.a, false); });
  });
  document.getElementById("close-all").addEventListener("click", function () { Object.keys(open).forEach(closeReport); });
  var printBtn = document.getElementById("f-print");
  if (printBtn) { printBtn.addEventListener("click", function () { window.print(); }); }
  window.addEventListener("beforeprint", function () {
    state.printing = true;  // the whole filtered list, not one page
    renderList();
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { state.printing = false; renderList(); });
  window.addEventListener("hashchange", function () {
    var a = location.hash.slice(1);
    if (byAnchor[a]) { openReport(a, true); }
  });

  apply();
  if (DATA.open_all) { INDEX.forEach(function (e) { openReport(e.a, false); }); apply(); }
  if (byAnchor[location.hash.slice(1)]) { openReport(location.hash.slice(1), true); }
  document.documentElement.setAttribute("data-ready", "1");
}());
