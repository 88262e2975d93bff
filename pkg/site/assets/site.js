// pm site: filters and search over every postmortem, from the search data in search/ (scripts, so
// that the page works from file:// too). No requests elsewhere.
(function () {
  "use strict";
  var table = document.getElementById("pms");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var initial = Array.prototype.slice.call(tbody.childNodes);
  var q = document.getElementById("q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("#filters select"));
  var count = document.getElementById("count");
  var nomatch = document.getElementById("nomatch");
  var more = document.getElementById("more");
  var data = window.PM_ROWS || { rows: [], services: {}, tags: {}, shards: 0 };
  var rows = data.rows;
  var total = Number(count.getAttribute("data-total"));
  var limit = 100; // rows drawn at most; the count says how many match
  // Titles and summaries are searched at once; the full text when its files have come.
  // Full-width ASCII (ＡＰＩ, １２％), as a Japanese input method types it, is searched as ASCII: the
  // full-text words hold it so, and titles, summaries and what is typed are folded the same way.
  function fold(s) {
    return s.replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).toLowerCase();
  }
  var small = rows.map(function (r) { return fold(r[2] + "\n" + r[12]); });
  // Looked up by a postmortem's id, which a file name makes: "constructor" or "__proto__" must find
  // its words or nothing, never what every object inherits (a search once threw on them).
  var text = Object.create(null);
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  var requested = false, pending = null;
  window.PM_TEXT = function (m) {
    for (var k in m) { if (own(m, k)) { text[k] = m[k]; } }
    if (!pending) { pending = setTimeout(function () { pending = null; apply(); }, 0); }
  };
  function loadText() {
    if (requested) { return; }
    requested = true;
    for (var i = 0; i < data.shards; i++) {
      var s = document.createElement("script");
      s.src = "search/text-" + (i < 10 ? "0" : "") + i + ".js";
      document.head.appendChild(s);
    }
  }
  function format(tmpl, args) {
    var i = 0;
    return tmpl.replace(/%(\[(\d)\])?d/g, function (m, b, k) { return String(k ? args[Number(k) - 1] : args[i++]); });
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  // a word of more than 24 characters without a place to break (render.go's longWord) may break anywhere
  function a(href, text) {
    return "<a" + (/[^\s\u2e80-\uffff]{25}/.test(text) ? ' class="long"' : "") + ' href="' + esc(href) + '">' + esc(text) + "</a>";
  }
  function links(names, pages) {
    return names.map(function (n) { return a(own(pages, n) ? pages[n] : "", n); }).join(", ");
  }
  var lintWord = table.getAttribute("data-lint") || "";
  function rowHTML(r) {
    var sev = /^SEV-/.test(r[4]) ? "sev" + r[4].slice(4) : "sevx";
    var st = "st-" + r[5].toLowerCase().replace(/ /g, "-");
    return '<tr data-id="' + esc(r[0]) + '"><td class="nowrap">' + esc(r[3]) + "</td><td>" + a(r[1], r[2]) +
      (r[11] ? ' <span class="badge err" title="' + esc(lintWord) + '">' + r[11] + "</span>" : "") + "</td>" +
      '<td><span class="sev ' + sev + '">' + esc(r[4]) + '</span></td><td><span class="status ' + st + '">' + esc(r[5]) + "</span></td>" +
      '<td class="terms">' + links(r[6], data.services) + "</td><td>" + esc(r[8]) + "</td><td>" +
      (r[10] ? '<span class="meeting m-' + esc(r[9]) + '">' + esc(r[10]) + "</span>" : "") + "</td></tr>";
  }
  function has(r, key, v) {
    switch (key) {
      case "sev": return r[4] === v;
      case "status": return r[5] === v;
      case "services": return r[6].indexOf(v) >= 0;
      case "tags": return r[7].indexOf(v) >= 0;
      case "year": return r[3].slice(0, 4) === v;
    }
    return true;
  }
  function apply() {
    var terms = fold(q.value).split(/\s+/).filter(Boolean);
    var want = selects.map(function (s) { return [s.getAttribute("data-key"), s.value]; }).filter(function (w) { return w[1]; });
    if (!terms.length && !want.length) {
      tbody.replaceChildren.apply(tbody, initial);
      count.textContent = format(count.getAttribute("data-shown"), [tbody.rows.length, total]);
      nomatch.hidden = tbody.rows.length > 0;
      more.hidden = true;
      return;
    }
    if (terms.length && !requested) { setTimeout(loadText, 0); } // after these results are drawn
    var found = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], ok = true, j;
      for (j = 0; ok && j < want.length; j++) { ok = has(r, want[j][0], want[j][1]); }
      for (j = 0; ok && j < terms.length; j++) {
        var t = terms[j];
        ok = small[i].indexOf(t) >= 0 || (text[r[0]] !== undefined && text[r[0]].indexOf(t) >= 0);
      }
      if (ok) { found.push(r); }
    }
    var html = "";
    for (i = 0; i < found.length && i < limit; i++) { html += rowHTML(found[i]); }
    tbody.innerHTML = html;
    // The count says what is drawn: every match, or the first of more matches than the limit.
    count.textContent = found.length > limit ? format(count.getAttribute("data-first"), [found.length, total, limit]) :
      format(count.getAttribute("data-shown"), [found.length, total]);
    nomatch.hidden = found.length > 0;
    more.hidden = found.length <= limit;
    if (found.length > limit) { more.textContent = format(count.getAttribute("data-more"), [found.length - limit]); }
  }
  q.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
  // Back to the page, the browser may put the search and the filters back after the script ran
  // (from its cache, or once the page has loaded): what is shown follows them again.
  window.addEventListener("pageshow", apply);
  window.addEventListener("load", apply);
})();
