// The staff scanner: the phone's camera reads an ASN's personal QR with jsQR (vendored from the npm
// registry) and posts it like the typed-NIP form. Browsers give the camera only to HTTPS pages (or localhost).
(function () {
  "use strict";
  var video = document.getElementById("scanner-video");
  var canvas = document.getElementById("scanner-canvas");
  var start = document.getElementById("camera-start");
  var error = document.getElementById("camera-error");
  var form = document.getElementById("scan-form");
  if (!video || !form) return;
  var code = form.querySelector('input[name="code"]');
  var nip = form.querySelector('input[name="nip"]');
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var last = "";
  var lastAt = 0;
  var REPEAT_MS = 5000; // the same card held in front of the camera is posted once every 5 s at most
  var MAX_SIDE = 640;

  function fail(kind) {
    error.textContent = error.dataset[kind];
    error.classList.remove("d-none");
  }

  if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    start.disabled = true;
    fail("insecure");
    return;
  }

  function submit() {
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && typeof window.jsQR === "function") {
      var scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
      var width = Math.round(video.videoWidth * scale);
      var height = Math.round(video.videoHeight * scale);
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, {
        inversionAttempts: "dontInvert",
      });
      var now = Date.now();
      if (found && found.data && (found.data !== last || now - lastAt > REPEAT_MS)) {
        last = found.data;
        lastAt = now;
        code.value = found.data;
        nip.value = "";
        if (navigator.vibrate) navigator.vibrate(80);
        submit();
      }
    }
    window.setTimeout(function () {
      window.requestAnimationFrame(tick);
    }, 150);
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.classList.remove("d-none");
        start.classList.add("d-none");
        return video.play();
      })
      .then(function () {
        window.requestAnimationFrame(tick);
      })
      .catch(function () {
        fail("denied");
      });
  });

  form.addEventListener("htmx:afterRequest", function () {
    code.value = "";
    nip.value = "";
  });
})();
