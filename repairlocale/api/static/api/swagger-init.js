"use strict";
// Starts Swagger UI (vendored by drf-spectacular-sidecar) on /api/docs/.
// Kept out of the page so that the strict Content-Security-Policy holds: no inline
// script. The schema URL and the CSRF token come from data-* attributes.
(function () {
  const element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  const csrfToken = element.dataset.csrfToken;
  window.ui = SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    displayOperationId: false,
    // Session calls (signed in through the site) need the CSRF token to write;
    // calls with a token ("Authorize") do not, but it does no harm.
    requestInterceptor: function (request) {
      const method = (request.method || "GET").toUpperCase();
      if (["GET", "HEAD", "OPTIONS"].indexOf(method) === -1 && csrfToken) {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });
})();
