// Repair Locale: behaviour without inline scripts (the pages run under a strict CSP).
(function () {
  "use strict";

  // Forms with data-confirm ask before submitting (deletions).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // A search box with data-filter-list hides the list items that do not match.
  document.addEventListener("input", function (event) {
    var box = event.target;
    var selector = box.getAttribute && box.getAttribute("data-filter-list");
    if (!selector) return;
    var needle = box.value.trim().toLowerCase();
    document.querySelectorAll(selector + " [data-filter-text]").forEach(function (item) {
      item.hidden = needle !== "" && item.getAttribute("data-filter-text").indexOf(needle) === -1;
    });
  });
})();
