// Search-as-you-type for links to large registers (core.widgets.LinkPicker).
// The select holds the chosen records; typing asks the server for matches (through the
// access rule) and a click adds one. No inline script: the CSP holds.
(function () {
  "use strict";

  function setUp(root) {
    var select = root.querySelector("select");
    var input = root.querySelector("[data-link-search]");
    var results = root.querySelector("[data-link-results]");
    var url = root.getAttribute("data-search-url");
    var single = root.hasAttribute("data-single");
    var timer = null;
    if (!select || !input || !results || !url) return;

    function choose(id, label) {
      if (single) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
      }
      var existing = Array.prototype.find.call(select.options, function (o) { return o.value === id; });
      if (existing) {
        existing.selected = true;
      } else {
        var option = new Option(label, id, true, true);
        select.add(option);
      }
      if (single) {
        Array.prototype.slice.call(select.options).forEach(function (o) {
          if (!o.selected) select.remove(o.index);
        });
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      results.replaceChildren();
      input.value = "";
    }

    function show(rows) {
      results.replaceChildren();
      rows.forEach(function (row) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "list-group-item list-group-item-action py-1";
        button.textContent = row.label;
        button.setAttribute("data-link-choice", String(row.id));
        button.addEventListener("click", function () { choose(String(row.id), row.label); });
        results.appendChild(button);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { results.replaceChildren(); return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { show(data.results || []); })
          .catch(function () { results.replaceChildren(); });
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }

  function init(scope) {
    (scope || document).querySelectorAll("[data-link-picker]").forEach(function (root) {
      if (!root.hasAttribute("data-ready")) { root.setAttribute("data-ready", ""); setUp(root); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
