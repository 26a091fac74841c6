/* The signing page: signature_pad on the canvas (its PNG goes in a hidden field at each stroke's end), a drawing
   restored after the server refused a submit, a typed-name signature for keyboard and screen-reader users, and a
   submit that survives a dropped connection: it is sent with fetch and retried, the drawing stays on screen. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("sign-form");
  var canvas = document.getElementById("signature-pad");
  var field = document.getElementById("id_signature");
  var status = document.getElementById("sign-status");
  var submit = document.getElementById("sign-submit");
  if (!form || !canvas || !window.SignaturePad) return;

  var pad = new window.SignaturePad(canvas, { minWidth: 1, maxWidth: 3, penColor: "#0b2545" });

  function store() { field.value = pad.isEmpty() ? "" : pad.toDataURL("image/png"); }

  function resize() {
    var saved = field.value;
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    if (saved) pad.fromDataURL(saved, { ratio: ratio, width: canvas.offsetWidth, height: canvas.offsetHeight });
    field.value = saved;
  }
  window.addEventListener("resize", resize);
  resize();
  pad.addEventListener("endStroke", store);

  document.getElementById("pad-clear").addEventListener("click", function () { pad.clear(); field.value = ""; });
  document.getElementById("pad-typed").addEventListener("click", function () {
    var name = document.getElementById("id_typed_name").value.trim();
    if (!name) { document.getElementById("id_typed_name").focus(); return; }
    var ctx = canvas.getContext("2d");
    pad.clear();
    ctx.save();
    ctx.fillStyle = "#0b2545";
    ctx.font = "italic 32px serif";
    ctx.textBaseline = "middle";
    ctx.fillText(name, 12, canvas.offsetHeight / 2, canvas.offsetWidth - 24);
    ctx.restore();
    field.value = canvas.toDataURL("image/png");
    status.textContent = name;
  });

  var sending = false;
  function send(attempt) {
    var body = new FormData(form);
    return fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function (response) {
        if (response.redirected) { window.location.assign(response.url); return; }
        return response.text().then(function (html) {
          document.open(); document.write(html); document.close();
        });
      })
      .catch(function () {
        if (attempt < 5) {
          status.textContent = script.dataset.retrying;
          return new Promise(function (resolve) { setTimeout(resolve, 1500 * (attempt + 1)); })
            .then(function () { return send(attempt + 1); });
        }
        status.textContent = script.dataset.failed;
        sending = false;
        submit.disabled = false;
      });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return;
    sending = true;
    submit.disabled = true;
    status.textContent = script.dataset.sending;
    send(0);
  });
})();
