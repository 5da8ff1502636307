/* Statistics of cooperation cases: draws the charts from the json_script data with the vendored
 * Chart.js. The tables under each chart hold the same figures, so the page reads without it. */
(function () {
  "use strict";

  var NAVY = "#14325c";
  var PALETTE = ["#14325c", "#3d7cc9", "#2e8b57", "#d4a017", "#c0392b", "#6f42c1", "#20c997", "#fd7e14", "#6c757d"];

  function readData() {
    var node = document.getElementById("cases-stats-data");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function draw(key, config) {
    var el = document.querySelector('canvas[data-chart="' + key + '"]');
    if (!el) { return; }
    var values = config.data.datasets[0].data;
    if (!values || values.length === 0) {
      // Nothing to draw: the table under it says so.
      el.hidden = true;
      el.setAttribute("data-drawn", "empty");
      return;
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: true, aspectRatio: 2, animation: false }, config.options || {});
    el.chart = new window.Chart(el, config);
    el.setAttribute("data-drawn", "1");
  }

  function bars(series, horizontal, colour) {
    return {
      type: "bar",
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: colour || NAVY }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: { beginAtZero: true } } : { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    };
  }

  function doughnut(series) {
    return {
      type: "doughnut",
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: PALETTE }] },
      options: { plugins: { legend: { position: "right", labels: { boxWidth: 12 } } } }
    };
  }

  function init() {
    var data = readData();
    if (!data || typeof window.Chart === "undefined") { return; }
    draw("by_year", bars(data.by_year, false));
    draw("by_type", doughnut(data.by_type));
    draw("by_country", bars(data.by_country, true, "#3d7cc9"));
    draw("by_partner", bars(data.by_partner, true, "#2e8b57"));
    draw("by_crime_area", doughnut(data.by_crime_area));
    draw("seizures", bars(data.seizures, true, "#c0392b"));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
