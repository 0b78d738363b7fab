// Repair Café logging: the fast entry form (no inline scripts: the pages run under a
// strict CSP). Everything here is a convenience; the form works without it.
(function () {
  "use strict";

  // Show the barrier fields only for "End of life" and the next steps only for
  // "Repairable" (data-show-for-status holds the ORDS status value).
  function applyStatus(select) {
    var form = select.form;
    if (!form) return;
    form.querySelectorAll("[data-show-for-status]").forEach(function (block) {
      block.hidden = block.getAttribute("data-show-for-status") !== select.value;
    });
  }

  function setup(root) {
    if (!root || !root.querySelectorAll) return;
    root.querySelectorAll("select[data-entry-status]").forEach(applyStatus);
    if (root.id !== "event-entries") return;
    // After an HTMX answer: the first field with an error, or the item type of the
    // fresh form, so the host can type the next item at once.
    var target = root.querySelector(".is-invalid") ||
      (root.querySelector("#entry-added") && root.querySelector("#id_item_type"));
    if (target) target.focus();
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-entry-status]")) {
      applyStatus(select);
    }
  });

  // The category suggester lists alternatives as buttons: a tap selects one.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-category]");
    if (!button) return;
    var select = document.getElementById("id_product_category");
    if (select) select.value = button.getAttribute("data-category");
  });

  document.addEventListener("DOMContentLoaded", function () {
    setup(document);
  });
  // htmx fires htmx:load on every piece of content it swaps in.
  document.addEventListener("htmx:load", function (event) {
    setup(event.detail && event.detail.elt);
  });
})();
