// Polls the roster import progress endpoint and reloads the page once the job has finished.
(function () {
  "use strict";
  var box = document.getElementById("roster-progress");
  if (!box) return;
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector(".progress-bar");
  var meter = box.querySelector(".progress");
  var count = document.getElementById("roster-progress-count");

  function show(data) {
    var percent = Math.max(0, Math.min(100, data.percent || 0));
    bar.style.width = percent + "%";
    meter.setAttribute("aria-valuenow", String(percent));
    if (data.total) {
      var phase = data.phase ? box.getAttribute("data-phase-" + data.phase) : "";
      count.textContent = (phase ? phase + ": " : "") +
        data.processed.toLocaleString("id-ID") + " / " + data.total.toLocaleString("id-ID");
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.finished) { window.location.reload(); return; }
        if (data) show(data);
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  poll();
})();
