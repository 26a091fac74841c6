/* The dashboard's charts: each <canvas data-chart="ID"> is drawn from the JSON in <script id="ID">, the same
   numbers as the table beside it (which screen readers and printouts read; the canvas is aria-hidden). */
(function () {
  "use strict";
  var COLORS = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    var line = spec.type === "line";
    var datasets = spec.datasets.map(function (set, i) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: line ? "rgba(13,110,253,.15)" : COLORS[i % COLORS.length],
        borderColor: COLORS[i % COLORS.length],
        fill: line,
        tension: 0.2,
      };
    });
    var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    if (spec.percent) { valueAxis.max = 100; valueAxis.ticks.callback = function (v) { return v + "%"; }; }
    // A long unit name would squeeze the bars: the axis shows its first characters, the table the whole name.
    var labelAxis = {
      ticks: {
        autoSkip: !spec.horizontal,
        callback: function (value) {
          var label = this.getLabelForValue(value);
          var max = this.chart.width < 500 ? 16 : 28;
          return label.length > max ? label.slice(0, max - 1) + "…" : label;
        },
      },
    };
    var scales = spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis };
    if (spec.stacked) { scales.x = Object.assign(scales.x || {}, { stacked: true }); scales.y = Object.assign(scales.y || {}, { stacked: true }); }
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: { legend: { display: datasets.length > 1 } },
      },
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // A canvas prints at its screen size: let the browser redraw the charts at the page's width.
  window.addEventListener("beforeprint", function () {
    if (typeof Chart === "undefined") return;
    Object.values(Chart.instances).forEach(function (chart) { chart.resize(); });
  });
})();
