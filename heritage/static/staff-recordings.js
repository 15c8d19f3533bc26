// Recordings in the staff workspace: the transcript editor's time stamps and play/pause key,
// links from a problem to its line, and the dialects offered for the chosen language.
// The pages work without this script; it only adds shortcuts.
(function () {
  "use strict";

  function stamp(seconds) {
    var millis = Math.max(0, Math.round(seconds * 1000));
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var ms = String(millis % 1000);
    while (ms.length < 3) { ms = "0" + ms; }
    return two(Math.floor(millis / 3600000)) + ":" + two(Math.floor(millis / 60000) % 60) + ":" +
      two(Math.floor(millis / 1000) % 60) + "." + ms;
  }

  function insertAtCursor(area, text) {
    var start = area.selectionStart, end = area.selectionEnd;
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.selectionStart = area.selectionEnd = start + text.length;
    area.focus();
  }

  function selectLine(area, number) {
    var lines = area.value.split("\n"), start = 0;
    for (var i = 0; i < number - 1 && i < lines.length; i += 1) { start += lines[i].length + 1; }
    var line = lines[Math.min(number, lines.length) - 1] || "";
    area.focus();
    area.setSelectionRange(start, start + line.length);
    // scroll the selected line into view: the textarea's rows are of equal height
    var height = area.scrollHeight / Math.max(lines.length, 1);
    area.scrollTop = Math.max(0, (number - 3) * height);
  }

  function transcriptEditor() {
    var area = document.getElementById("text"), player = document.getElementById("player");
    if (!area) { return; }
    document.querySelectorAll("a[data-line]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        selectLine(area, parseInt(link.getAttribute("data-line"), 10));
      });
    });
    if (!player) { return; }
    document.querySelectorAll("[data-needs-script]").forEach(function (el) { el.hidden = false; });
    var button = document.getElementById("insert-time");
    if (button) {
      button.addEventListener("click", function () { insertAtCursor(area, stamp(player.currentTime)); });
    }
    area.addEventListener("keydown", function (event) {
      if (event.ctrlKey && event.shiftKey && (event.code === "Space" || event.key === " ")) {
        event.preventDefault();
        if (player.paused) { player.play(); } else { player.pause(); }
      }
    });
  }

  function dialects() {
    var select = document.getElementById("language"), list = document.getElementById("dialects");
    if (!select || !list || !select.dataset.dialects) { return; }
    var known = JSON.parse(select.dataset.dialects);
    select.addEventListener("change", function () {
      list.textContent = "";
      (known[select.value] || []).forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    transcriptEditor();
    dialects();
  });
}());
