// Draws every dashboard chart from the Vega-Lite spec the page carries as JSON.
// Runs under the strict CSP: Vega's expression interpreter instead of eval,
// the canvas renderer and no injected stylesheet.
(function () {
  "use strict";
  function draw() {
    if (!window.vegaEmbed || !window.vega) { return; }
    document.querySelectorAll("[data-vega-spec]").forEach(function (element) {
      var source = document.getElementById(element.dataset.vegaSpec);
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(element, spec, {
        renderer: "canvas",
        actions: false,
        ast: true,
        expr: window.vega.expressionInterpreter,
        defaultStyle: false,
        // vega-tooltip would inject a <style> element; ours is in dashboards.css.
        tooltip: { disableDefaultStyle: true },
      }).then(function () {
        element.dataset.rendered = "true";
      }).catch(function (error) {
        element.dataset.rendered = "error";
        console.error(error);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
