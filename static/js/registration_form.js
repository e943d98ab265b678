// The registration forms: the in-person section hidden while Online is chosen, the error
// summary (or another summary marked data-focus-on-load) focused when the page opens, and
// its links moving the focus to the field they name. Without this script the page still
// works: the in-person section shows with its note, the summary sits at the top.
(function () {
  "use strict";

  document.querySelectorAll("form[data-registration-form]").forEach(function (form) {
    var mode = form.querySelector("select[name=participation_mode]");
    var section = form.querySelector("[data-in-person-section]");
    if (!mode || !section) {
      return;
    }
    var sync = function () {
      section.hidden = mode.value === "online";
    };
    mode.addEventListener("change", sync);
    sync();
  });

  document.querySelectorAll("a[data-error-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      var label = document.querySelector("label[for='" + target.id + "']");
      (label || target).scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
  });

  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
})();
