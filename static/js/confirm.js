// Confirmations of destructive actions. A form with data-confirm="<question>" (or a submit
// button with data-confirm) asks the question in the page's <dialog id="confirm-dialog">
// first; on Confirm it is sent with confirmed=1, on Cancel or Esc nothing is sent. Without
// this script the server answers the form with a confirmation page instead.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var question = dialog.querySelector(".confirm-question");
  var cancel = dialog.querySelector(".confirm-cancel");
  var accept = dialog.querySelector(".confirm-accept");
  var acceptText = accept.textContent;
  var pending = null;

  function markConfirmed(form) {
    var field = form.querySelector("input[name=confirmed]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "confirmed";
      form.appendChild(field);
    }
    field.value = "1";
    return field;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method === "dialog") return;
    var submitter = event.submitter || null;
    var text = (submitter && submitter.getAttribute("data-confirm")) ||
      form.getAttribute("data-confirm");
    if (!text) return;
    var field = form.querySelector("input[name=confirmed]");
    if (field && field.value === "1") return;
    event.preventDefault();
    pending = { form: form, submitter: submitter };
    question.textContent = text;
    // The accept button names the action, as the button pressed does ("Withdraw", "Reject").
    accept.textContent = (submitter && submitter.textContent.trim()) || acceptText;
    dialog.returnValue = "";
    dialog.showModal();
    cancel.focus();
  });

  dialog.addEventListener("close", function () {
    // The close event comes a moment after the dialog closed: if it was asked again in
    // between, this event is the earlier asking's, and the new one is still open.
    if (dialog.open) return;
    var asked = pending;
    pending = null;
    if (!asked) return;
    if (dialog.returnValue === "confirm") {
      var field = markConfirmed(asked.form);
      if (asked.form.requestSubmit) {
        asked.form.requestSubmit(asked.submitter || undefined);
        // The form's data is taken as it is sent: a page restored from the back-forward
        // cache asks again.
        field.value = "";
      } else {
        asked.form.submit();
      }
    } else if (asked.submitter) {
      asked.submitter.focus();
    }
  });
})();
