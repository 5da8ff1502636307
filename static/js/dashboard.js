/* Leadership dashboard: draws the charts from the json_script data with the vendored Chart.js.
 * The tables under each chart hold the same figures, so the page reads without JavaScript. */
(function () {
  "use strict";

  var STATUS_COLOURS = {
    not_started: "#adb5bd",
    in_progress: "#3d7cc9",
    done: "#2e8b57",
    done_late: "#d4a017",
    overdue: "#c0392b"
  };
  var NAVY = "#14325c";

  /* Long unit and type names are shortened on the axis; the tables below carry them in full. */
  function shortTick(max) {
    return function (value) {
      var label = String(this.getLabelForValue(value));
      return label.length > max ? label.slice(0, max - 1) + "\u2026" : label;
    };
  }

  function readData() {
    var node = document.getElementById("dashboard-data");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function canvas(key) {
    return document.querySelector('canvas[data-chart="' + key + '"]');
  }

  function draw(key, config) {
    var el = canvas(key);
    if (!el) { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    el.chart = new window.Chart(el, config);
    el.setAttribute("data-drawn", "1");
  }

  function horizontalBars(labels, values, colour) {
    return {
      type: "bar",
      data: { labels: labels, datasets: [{ data: values, backgroundColor: colour }] },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { callback: shortTick(22) } } }
      }
    };
  }

  function init() {
    var data = readData();
    if (!data || typeof window.Chart === "undefined") { return; }
    if (data.status) {
      draw("status", {
        type: "doughnut",
        data: {
          labels: data.status.labels,
          datasets: [{ data: data.status.values, backgroundColor: data.status.keys.map(function (k) { return STATUS_COLOURS[k]; }) }]
        },
        options: { plugins: { legend: { position: "right", labels: { boxWidth: 12 } } } }
      });
    }
    if (data.units) {
      var names = data.units.series || {};
      draw("units", {
        type: "bar",
        data: {
          labels: data.units.labels,
          datasets: [
            { label: names.overdue || "overdue", data: data.units.overdue, backgroundColor: STATUS_COLOURS.overdue },
            { label: names.open || "open", data: data.units.open, backgroundColor: STATUS_COLOURS.in_progress },
            { label: names.done || "done", data: data.units.done, backgroundColor: STATUS_COLOURS.done }
          ]
        },
        options: {
          indexAxis: "y",
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
          scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false, font: { size: 10 }, callback: shortTick(30) } } }
        }
      });
    }
    if (data.case_types) { draw("case_types", horizontalBars(data.case_types.labels, data.case_types.values, NAVY)); }
    if (data.case_countries) { draw("case_countries", horizontalBars(data.case_countries.labels, data.case_countries.values, "#5b7fa6")); }
    if (data.capacity) {
      var c = data.capacity;
      draw("capacity", {
        type: "bar",
        data: {
          labels: [""],
          datasets: [
            { label: "%", data: [c.share], backgroundColor: c.share >= c.target_min ? STATUS_COLOURS.done : STATUS_COLOURS.done_late },
            { label: c.target_min + "–" + c.target_max + " %", data: [c.target_max], backgroundColor: "rgba(46,139,87,.15)", grouped: false, order: 2 }
          ]
        },
        options: {
          indexAxis: "y",
          plugins: { legend: { display: false } },
          scales: { x: { min: 0, max: Math.max(50, Math.ceil(c.share / 10) * 10) }, y: { display: false } }
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
