// The presenter page: a full-screen button for the projector. The QR and the count refresh through htmx.
(function () {
  "use strict";
  var button = document.getElementById("fullscreen");
  if (!button) return;
  if (!document.fullscreenEnabled) {
    button.classList.add("d-none");
    return;
  }
  button.addEventListener("click", function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      document.documentElement.requestFullscreen();
    }
  });
})();
