/* Filters for the xxgk audit report. Plain DOM, no libraries; reads only data-* attributes. */
(function () {
  "use strict";
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input.f-sev"));
  var ruleSel = document.getElementById("f-rule");
  var supp = document.getElementById("f-supp");
  var only = document.getElementById("f-only");
  var shownEl = document.getElementById("f-shown");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.report"));

  function state() {
    var sevs = {};
    sevBoxes.forEach(function (b) { if (b.checked) { sevs[b.value] = true; } });
    return { sevs: sevs, rule: ruleSel ? ruleSel.value : "", supp: !!(supp && supp.checked), only: !!(only && only.checked) };
  }

  function passes(st, rule, sev) {
    return !!st.sevs[sev] && (!st.rule || st.rule === rule);
  }

  function apply() {
    var st = state();
    var shown = 0;
    sections.forEach(function (sec) {
      var n = 0;
      sec.querySelectorAll("tr.finding").forEach(function (tr) {
        var ok = passes(st, tr.getAttribute("data-rule"), tr.getAttribute("data-sev")) &&
                 (st.supp || tr.getAttribute("data-supp") !== "1");
        tr.hidden = !ok;
        if (ok) { n += 1; }
      });
      sec.querySelectorAll(".hl[data-rules]").forEach(function (el) {
        var rules = el.getAttribute("data-rules").split(" ");
        var sevs = el.getAttribute("data-sevs").split(" ");
        var on = false;
        for (var i = 0; i < rules.length; i += 1) {
          if (passes(st, rules[i], sevs[i])) { on = true; break; }
        }
        el.classList.toggle("off", !on);
      });
      var count = sec.querySelector(".vis-count");
      if (count) { count.textContent = String(n); }
      var none = sec.querySelector(".no-match");
      if (none) { none.hidden = n > 0; }
      sec.hidden = st.only && n === 0;
      var row = document.querySelector('tr[data-report-row="' + sec.getAttribute("data-anchor") + '"]');
      if (row) { row.hidden = st.only && n === 0; }
      shown += n;
    });
    document.querySelectorAll("#by-rule tbody tr").forEach(function (tr) {
      tr.classList.toggle("req-fail", !!st.rule && tr.getAttribute("data-rule") === st.rule);
    });
    if (shownEl) { shownEl.textContent = String(shown); }
  }

  sevBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  [ruleSel, supp, only].forEach(function (el) { if (el) { el.addEventListener("change", apply); } });
  document.querySelectorAll("button.rule-link").forEach(function (btn) {
    btn.addEventListener("click", function () {
      if (!ruleSel) { return; }
      var rule = btn.getAttribute("data-rule");
      ruleSel.value = ruleSel.value === rule ? "" : rule;
      apply();
    });
  });
  var printBtn = document.getElementById("f-print");
  if (printBtn) { printBtn.addEventListener("click", function () { window.print(); }); }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  apply();
}());
