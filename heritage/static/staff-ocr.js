// Text correction editor: keyboard shortcuts, image zoom and a warning before unsaved
// changes are lost. The page works without it (plain form, buttons and a scrollable image).
(function () {
  "use strict";
  var form = document.getElementById("ocr-form");
  if (!form) { return; }
  var text = document.getElementById("text");
  var saveButton = document.getElementById("save-button");
  var nextButton = document.getElementById("save-next-button");
  var region = document.getElementById("page-image-region");
  var zoomControls = document.querySelector(".ocr-zoom");
  var zoom = 1;
  var startedWith = text.value;
  var submitting = false;

  function submitWith(button) {
    submitting = true;
    if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
  }

  function setZoom(factor) {
    zoom = Math.min(4, Math.max(0.5, zoom * factor));
    region.style.setProperty("--ocr-zoom", zoom);
  }

  if (zoomControls && region) {
    zoomControls.hidden = false;
    zoomControls.addEventListener("click", function (event) {
      var kind = event.target.getAttribute("data-zoom");
      if (kind) { setZoom(kind === "in" ? 1.25 : 0.8); }
    });
  }

  document.addEventListener("keydown", function (event) {
    var ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl) { return; }
    if (event.key === "s" || event.key === "S") {
      event.preventDefault();
      submitWith(saveButton);
    } else if (event.key === "Enter") {
      event.preventDefault();
      submitWith(nextButton);
    } else if (event.shiftKey && region && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      setZoom(event.key === "ArrowUp" ? 1.25 : 0.8);
    }
  });

  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && text.value !== startedWith) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}());
