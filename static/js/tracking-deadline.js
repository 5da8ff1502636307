// Assign forms: show only the deadline fields of the chosen kind (all stay visible without script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-deadline-form]").forEach(function (form) {
    var select = form.querySelector("select[name=deadline_kind]");
    if (!select) return;
    var sync = function () {
      form.querySelectorAll("[data-deadline-kind]").forEach(function (group) {
        group.hidden = group.getAttribute("data-deadline-kind") !== select.value;
      });
    };
    select.addEventListener("change", sync);
    sync();
  });
});
