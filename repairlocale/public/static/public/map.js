/* Public map of repair places: Leaflet, our own GeoJSON, an offline outline layer.
 * Settings come from data-* attributes and json_script blocks (strict CSP: no inline
 * script). Popups are built with textContent, never innerHTML. */
(function () {
  "use strict";
  var el = document.getElementById("repair-map");
  if (!el || typeof L === "undefined") return;

  var COLOURS = {
    repair_cafe: "#e4572e",
    reuse_centre: "#1b8a5a",
    repairer: "#2e6fe4",
    collection_point: "#f2b134"
  };
  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var origin = readJson("map-origin");
  var results = readJson("map-results") || [];

  var map = L.map(el, { zoomSnap: 0.5 }).setView([51.05, 4.4], 8);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 19,
      attribution: el.dataset.tileAttribution || ""
    }).addTo(map);
  }

  fetch(el.dataset.outlinesUrl, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        interactive: false,
        style: function (feature) {
          var province = feature.properties.kind === "province";
          return {
            color: province ? "#34473d" : "#7d9488",
            weight: province ? 1.6 : 0.6,
            fill: province,
            fillColor: "#ffffff",
            fillOpacity: el.dataset.tileUrl ? 0 : 0.6
          };
        }
      }).addTo(map);
      layer.bringToBack();
    })
    .catch(function () { /* the places still show without outlines */ });

  function popup(props) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name;
    box.appendChild(title);
    [props.category_label, props.organisation !== props.name ? props.organisation : "",
     props.street + ", " + props.postcode + " " + props.municipality,
     props.approximate ? "(" + el.dataset.labelApproximate + ")" : "",
     props.opening_hours].forEach(function (line) {
      if (!line) return;
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(line));
    });
    if (props.website) {
      box.appendChild(document.createElement("br"));
      var a = document.createElement("a");
      a.href = props.website;
      a.rel = "noopener";
      a.textContent = props.website;
      box.appendChild(a);
    }
    return box;
  }

  fetch(el.dataset.placesUrl, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var highlighted = [];
      L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var hit = results.indexOf(feature.id) !== -1;
          var marker = L.circleMarker(latlng, {
            radius: hit ? 9 : 6,
            color: "#222",
            weight: hit ? 2 : 1,
            fillColor: COLOURS[feature.properties.category] || "#666",
            fillOpacity: 0.9
          });
          if (hit) highlighted.push(latlng);
          return marker;
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(function () { return popup(feature.properties); });
        }
      }).addTo(map);
      if (origin) {
        var here = L.latLng(origin.lat, origin.lon);
        L.circleMarker(here, { radius: 5, color: "#000", fillColor: "#000", fillOpacity: 1 }).addTo(map);
        map.fitBounds(L.latLngBounds(highlighted.concat([here])).pad(0.2), { maxZoom: 13 });
      }
    })
    .catch(function () { /* the list beside the map still works */ });

  document.querySelectorAll(".place-item").forEach(function (item) {
    item.addEventListener("mouseenter", function () { item.classList.add("is-highlighted"); });
    item.addEventListener("mouseleave", function () { item.classList.remove("is-highlighted"); });
  });
})();
