"use strict";
// Starts Redoc (vendored by drf-spectacular-sidecar) on /api/redoc/.
// Redoc styles itself with <style> elements; the page's policy allows them only
// with this response's nonce, which Redoc puts on each of them. No inline script.
(function () {
  const element = document.getElementById("redoc-container");
  if (!element || typeof Redoc === "undefined") {
    return;
  }
  Redoc.init(
    element.dataset.schemaUrl,
    { nonce: element.dataset.styleNonce, hideDownloadButton: false },
    element
  );
})();
