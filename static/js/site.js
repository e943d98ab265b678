// The header's menu button: on narrow screens (see site.css) the menu folds behind it.
// Without this script the button stays hidden and the menu stays open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    if (open) {
      var first = menu.querySelector("a, select, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();

// Every form's error summary (marked data-focus-on-load) is focused when the page opens, so
// that it is read first, and its links move the focus to the field they name. Without this
// script the summary sits at the top and its links scroll to the fields.
(function () {
  "use strict";
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

// Times marked data-local-time (the sittings on an online participant's registration page)
// are shown in the reader's own time zone. Without this script they stay in UTC, as written.
(function () {
  "use strict";
  var times = document.querySelectorAll("time[data-local-time]");
  if (!times.length || !window.Intl || !Intl.DateTimeFormat) return;
  var language = document.documentElement.lang || undefined;
  var day = new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric" });
  var hour = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" });
  var zoned = new Intl.DateTimeFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  times.forEach(function (element) {
    var start = new Date(element.getAttribute("datetime"));
    var end = element.getAttribute("data-end") ? new Date(element.getAttribute("data-end")) : null;
    if (isNaN(start.getTime()) || (end && isNaN(end.getTime()))) return;
    // A sitting: its start and end; a single moment (when a link opens): that time alone.
    element.textContent = end
      ? day.format(start) + ", " + hour.format(start) + "–" + zoned.format(end)
      : day.format(start) + ", " + zoned.format(start);
  });
})();
