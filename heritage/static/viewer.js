/* The item page's deep-zoom viewer: OpenSeadragon over the page's Deep Zoom pyramid, our own
 * labelled toolbar buttons, and the search hits drawn as boxes on the image.
 *
 * Progressive enhancement: the page works with the plain <img> inside figure[data-viewer];
 * this script hides it once the viewer is made, and shows it again if the pyramid fails to
 * open. Everything it needs comes from data attributes, so no inline script is needed (CSP).
 */
(function () {
  "use strict";

  function button(label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "viewer-button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", action);
    return b;
  }

  function toolbar(figure, viewer, hits) {
    var bar = document.createElement("div");
    var d = figure.dataset;
    bar.className = "viewer-toolbar";
    bar.setAttribute("role", "group"); // a group, not a toolbar: each button is its own Tab stop
    bar.setAttribute("aria-label", d.labelToolbar);
    // zoom steps go through the viewport so the keyboard and the buttons behave alike
    bar.appendChild(button(d.labelZoomIn, "+", function () {
      viewer.viewport.zoomBy(2);
      viewer.viewport.applyConstraints();
    }));
    bar.appendChild(button(d.labelZoomOut, "−", function () {
      viewer.viewport.zoomBy(0.5);
      viewer.viewport.applyConstraints();
    }));
    bar.appendChild(button(d.labelHome, d.labelHome, function () {
      viewer.viewport.goHome();
    }));
    var next = button(d.labelNextHit, d.labelNextHit, function () { hits.next(); });
    next.hidden = true;
    bar.appendChild(next);
    hits.button = next;
    return bar;
  }

  function statusLine(figure) {
    var status = document.createElement("p");
    status.className = "viewer-status visually-hidden";
    status.setAttribute("role", "status");
    figure.appendChild(status);
    return status;
  }

  function drawHits(figure, viewer, hits, status) {
    var url = figure.dataset.hits;
    if (!url) {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { hits: [] }; })
      .then(function (found) {
        var image = viewer.world.getItemAt(0);
        if (!image || !found.hits.length) {
          return;
        }
        // boxes are in page pixels; the pyramid is the same page, but scale in case it is not
        var scale = image.getContentSize().x / (found.width || image.getContentSize().x);
        found.hits.forEach(function (hit) {
          var box = document.createElement("div");
          box.className = "hit-box";
          box.title = figure.dataset.labelHit.replace("{word}", hit.word);
          var rect = image.imageToViewportRectangle(hit.x * scale, hit.y * scale,
                                                    hit.w * scale, hit.h * scale);
          viewer.addOverlay({ element: box, location: rect });
          hits.rects.push(rect);
        });
        hits.button.hidden = false;
        status.textContent = figure.dataset.labelHits.replace("{count}", String(found.hits.length));
      })
      .catch(function () { /* the hits are a help; the image still works without them */ });
  }

  function hitCursor(viewer) {
    var hits = { rects: [], at: -1, button: null };
    hits.next = function () {
      if (!hits.rects.length) {
        return;
      }
      hits.at = (hits.at + 1) % hits.rects.length;
      var r = hits.rects[hits.at];
      // show the word with some of its line around it, not the word alone
      var margin = Math.max(r.width * 2, r.height * 4);
      viewer.viewport.fitBounds(new OpenSeadragon.Rect(r.x - margin, r.y - margin,
                                                       r.width + 2 * margin, r.height + 2 * margin));
    };
    return hits;
  }

  // The page's image service from the item's IIIF manifest (the canvas of this page), so the
  // viewer reads what any IIIF viewer reads; the Deep Zoom descriptor when that fails.
  function tileSource(figure, ready) {
    if (!figure.dataset.manifest || !window.fetch) {
      ready(figure.dataset.dzi);
      return;
    }
    fetch(figure.dataset.manifest, { headers: { Accept: "application/ld+json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (manifest) {
        var wanted = "/canvas/" + figure.dataset.canvas;
        var canvas = (manifest.items || []).filter(function (c) {
          return c.id.slice(-wanted.length) === wanted;
        })[0];
        var body = canvas && canvas.items[0].items[0].body;
        var service = body && body.service && body.service[0];
        ready(service ? service.id + "/info.json" : figure.dataset.dzi);
      })
      .catch(function () { ready(figure.dataset.dzi); });
  }

  function start(figure) {
    tileSource(figure, function (source) { open(figure, source); });
  }

  function open(figure, source) {
    var fallback = figure.querySelector(".viewer-fallback");
    var holder = document.createElement("div");
    holder.className = "viewer";
    figure.insertBefore(holder, fallback);
    var viewer = OpenSeadragon({
      element: holder,
      tileSources: source,
      showNavigationControl: false, // OSD's own buttons are unlabelled images; ours are buttons
      gestureSettingsMouse: { scrollToZoom: false }, // the wheel keeps scrolling the page
      visibilityRatio: 0.5,
      constrainDuringPan: true,
      maxZoomPixelRatio: 2
    });
    var hits = hitCursor(viewer);
    var bar = toolbar(figure, viewer, hits);
    var status = statusLine(figure);
    figure.insertBefore(bar, holder);
    viewer.canvas.setAttribute("role", "application");
    viewer.canvas.setAttribute("aria-label", figure.dataset.labelViewer);
    if (fallback) {
      fallback.hidden = true;
    }
    viewer.addHandler("open", function () {
      figure.classList.add("viewer-ready");
      drawHits(figure, viewer, hits, status);
    });
    viewer.addHandler("open-failed", function () {
      viewer.destroy();
      holder.remove();
      bar.remove();
      if (fallback) {
        fallback.hidden = false;
      }
    });
  }

  function init() {
    if (typeof OpenSeadragon !== "function") {
      return; // the library did not load: the plain image stays
    }
    document.querySelectorAll("figure[data-viewer]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
