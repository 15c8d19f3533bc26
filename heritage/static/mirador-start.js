// Opens Mirador (templates/mirador.html) with one window on the item's IIIF manifest.
(function () {
  "use strict";
  var stage = document.getElementById("mirador");
  if (!stage || !window.Mirador) { return; }
  window.Mirador.viewer({
    id: "mirador",
    language: stage.dataset.language,
    windows: [{ manifestId: stage.dataset.manifest, thumbnailNavigationPosition: "far-bottom" }],
    window: { allowClose: false, allowMaximize: false, sideBarOpen: false },
    workspace: { type: "mosaic", allowNewWindows: false },
    workspaceControlPanel: { enabled: false }
  });
}());
