// pm site: filters and search over the index, from the prebuilt index in search.js. No requests.
(function () {
  "use strict";
  var table = document.getElementById("pms");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var q = document.getElementById("q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("#filters select"));
  var count = document.getElementById("count");
  var nomatch = document.getElementById("nomatch");
  var hay = {};
  (window.PM_SEARCH || []).forEach(function (e) {
    hay[e.id] = (e.title + "\n" + e.summary + "\n" + e.text).toLowerCase();
  });
  function shown(n, total) {
    var i = 0;
    return count.getAttribute("data-shown").replace(/%(\[(\d)\])?d/g, function (m, b, k) {
      var args = [n, total];
      return String(k ? args[Number(k) - 1] : args[i++]);
    });
  }
  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var want = selects.map(function (s) { return [s.getAttribute("data-key"), s.value]; });
    var n = 0;
    rows.forEach(function (r) {
      var ok = want.every(function (w) {
        if (!w[1]) { return true; }
        var v = r.getAttribute("data-" + w[0]) || "";
        return v.split("\n").indexOf(w[1]) >= 0;
      });
      if (ok && terms.length) {
        var h = hay[r.getAttribute("data-id")] || "";
        ok = terms.every(function (t) { return h.indexOf(t) >= 0; });
      }
      r.hidden = !ok;
      if (ok) { n++; }
    });
    count.textContent = shown(n, rows.length);
    nomatch.hidden = n > 0;
  }
  q.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
