// The exhibition builder: drag and drop for lists that have a data-order-url.
// Without this script the "Move up / Move down" buttons (plain forms) do the same; with it a
// drop posts the whole new order as JSON and the result is announced in #order-status.
(function () {
  "use strict";
  var status = document.getElementById("order-status");
  var token = (document.querySelector('input[name="csrf_token"]') || {}).value || "";

  function say(template, values) {
    if (!status || !template) { return; }
    status.textContent = template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function rows(list) {
    return Array.prototype.filter.call(list.children, function (child) {
      return child.hasAttribute("data-id");
    });
  }

  function save(list, moved, before) {
    var order = rows(list).map(function (row) { return parseInt(row.getAttribute("data-id"), 10); });
    var request = new XMLHttpRequest();
    request.open("POST", list.getAttribute("data-order-url"));
    request.setRequestHeader("Content-Type", "application/json");
    request.setRequestHeader("X-CSRFToken", token);
    request.onload = function () {
      if (request.status === 200) {
        say(status.getAttribute("data-moved"), {name: moved.getAttribute("data-name"),
          position: order.indexOf(parseInt(moved.getAttribute("data-id"), 10)) + 1, count: order.length});
        return;
      }
      var reason = request.status;
      try { reason = JSON.parse(request.responseText).error; } catch (e) { /* not JSON */ }
      before.forEach(function (row) { list.appendChild(row); });  // put the list back
      say(status.getAttribute("data-failed"), {reason: reason});
    };
    request.send(JSON.stringify({order: order}));
  }

  function enhance(list) {
    var dragged = null, before = null;
    rows(list).forEach(function (row) {
      row.setAttribute("draggable", "true");
      row.addEventListener("dragstart", function (event) {
        if (event.target !== row) { return; }  // a nested list's row is dragged on its own
        event.stopPropagation();
        dragged = row;
        before = rows(list);
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.getAttribute("data-id"));
      });
      row.addEventListener("dragend", function () { row.classList.remove("dragging"); });
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var target = event.target.closest ? event.target.closest("[data-id]") : null;
      while (target && target.parentNode !== list) { target = target.parentNode.closest("[data-id]"); }
      if (!target || target === dragged) { return; }
      var box = target.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? target.nextSibling : target);
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      event.stopPropagation();
      var moved = dragged;
      dragged = null;
      if (rows(list).some(function (row, i) { return row !== before[i]; })) { save(list, moved, before); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-order-url]"), enhance);
})();
