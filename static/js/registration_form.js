// The registration forms: the in-person section hidden while Online is chosen. Without this
// script the page still works: the in-person section shows with its note.
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
})();
