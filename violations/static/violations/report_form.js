// The intake form: add a found ASN's NIP, tick a suggested catalogue entry, filter the catalogue list.
document.addEventListener("click", function (event) {
  var add = event.target.closest("[data-add-nip]");
  if (add) {
    var box = document.getElementById("id_nips");
    var lines = box.value.split(/\n/).map(function (l) { return l.trim(); }).filter(Boolean);
    if (lines.indexOf(add.dataset.addNip) === -1) lines.push(add.dataset.addNip);
    box.value = lines.join("\n");
    add.disabled = true;
    return;
  }
  var pick = event.target.closest("[data-pick-activity]");
  if (pick) {
    var input = document.querySelector('input[name="activities"][value="' + pick.dataset.pickActivity + '"]');
    if (input) {
      input.checked = true;
      input.closest("details") && (input.closest("details").open = true);
      pick.disabled = true;
    }
  }
});
document.addEventListener("input", function (event) {
  if (event.target.id !== "catalogue-filter") return;
  var needle = event.target.value.toLowerCase();
  document.querySelectorAll("#catalogue-choices .form-check").forEach(function (row) {
    row.hidden = needle && row.textContent.toLowerCase().indexOf(needle) === -1;
  });
});
