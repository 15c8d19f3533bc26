/* Place maps: turns each .place-map-canvas (see templates/_map.html) into a Leaflet map.
 *
 * The places are also listed as links beside the map, so nothing here is needed to use the
 * page. Tiles come only from HERITAGE_MAP_TILES; when it is empty the map has no tiles (a
 * plain background) and the page asks nothing of any other server. */
(function () {
  "use strict";

  function popup(point) {
    // built from DOM nodes, not HTML strings: place names are typed by people
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    box.appendChild(link);
    box.appendChild(document.createTextNode(" (" + point.label + ")"));
    return box;
  }

  function addMarkers(map, points) {
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], {
        title: point.name + " (" + point.label + ")", alt: point.name, keyboard: true
      });
      marker.bindPopup(popup(point)).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    return bounds;
  }

  function draw(canvas) {
    var points = JSON.parse(canvas.getAttribute("data-points") || "[]");
    var tiles = canvas.getAttribute("data-tiles");
    canvas.hidden = false;  // Leaflet measures the element, so it must be shown first
    canvas.setAttribute("data-ready", "");
    var map = L.map(canvas, { attributionControl: Boolean(tiles), scrollWheelZoom: false });
    if (tiles) {
      L.tileLayer(tiles, { attribution: canvas.getAttribute("data-attribution") || "",
                           maxZoom: 18 }).addTo(map);
    } else {
      canvas.classList.add("place-map-plain");
    }
    var bounds = addMarkers(map, points);
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 11 });
    } else {
      map.setView([56.9, 24.6], 6);  // Latvia and Lithuania
    }
  }

  function start() {
    if (typeof L === "undefined") { return; }  // Leaflet did not load: the list remains
    var canvases = document.querySelectorAll(".place-map-canvas:not([data-ready])");
    Array.prototype.forEach.call(canvases, draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
