// The officer console: a checkbox that ticks every row of the page, the count of ticked
// rows, and "select all N matching" (which ticks the form's own "apply to all matching"
// box, the one that works without JavaScript too).
(function () {
  "use strict";
  var form = document.getElementById("console-bulk");
  if (!form) return;
  var pageBox = document.getElementById("console-select-page");
  var allMatching = document.getElementById("console-all-matching");
  var hint = document.getElementById("console-select-matching");
  var counter = document.getElementById("console-selected");
  var rows = Array.prototype.slice.call(form.querySelectorAll("input[name=registration]"));

  function ticked() {
    return rows.filter(function (box) { return box.checked; }).length;
  }

  function update() {
    var count = ticked();
    if (pageBox) {
      pageBox.checked = rows.length > 0 && count === rows.length;
      pageBox.indeterminate = count > 0 && count < rows.length;
    }
    if (hint) hint.hidden = !(pageBox && pageBox.checked) || allMatching.checked;
    if (counter) {
      counter.textContent = allMatching.checked ? "" :
        (count ? (counter.dataset.template || "%s").replace("%s", count) : "");
    }
  }

  if (pageBox && rows.length) {
    pageBox.hidden = false;
    var phoneLabel = form.querySelector(".console-on-phones");
    if (phoneLabel) phoneLabel.hidden = false;
    pageBox.addEventListener("change", function () {
      rows.forEach(function (box) { box.checked = pageBox.checked; });
      if (!pageBox.checked) allMatching.checked = false;
      update();
    });
  }
  rows.forEach(function (box) { box.addEventListener("change", update); });
  allMatching.addEventListener("change", update);
  if (hint) {
    hint.querySelector("button").addEventListener("click", function () {
      allMatching.checked = true;
      update();
      allMatching.focus();
    });
  }
  update();
})();
