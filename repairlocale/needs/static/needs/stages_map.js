/* Hub regions on a map, coloured by their stage of repair on the agenda.
 * Data from json_script (strict CSP); popups built with textContent. Works without
 * a tile server: the shipped outline layer of Flanders is drawn when available. */
(function () {
  "use strict";
  var el = document.getElementById("stage-map");
  if (!el || typeof L === "undefined") return;
  var node = document.getElementById("stage-points");
  var points = node ? JSON.parse(node.textContent) : [];

  var map = L.map(el, { zoomSnap: 0.5 }).setView([51.05, 4.4], 8);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 19,
      attribution: el.dataset.tileAttribution || ""
    }).addTo(map);
  }
  if (el.dataset.outlinesUrl) {
    fetch(el.dataset.outlinesUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          interactive: false,
          style: function (feature) {
            var province = feature.properties.kind === "province";
            return { color: province ? "#34473d" : "#9aaaa1", weight: province ? 1.4 : 0.5, fill: false };
          }
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the markers still show */ });
  }

  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 12,
      weight: 2,
      color: "#333",
      fillOpacity: 0.9,
      className: "stage-marker " + p.css
    }).addTo(map);
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(p.stage || "–"));
    marker.bindPopup(box);
    marker.bindTooltip(p.name);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30] });
})();
