// The item list: a "tick all" box, and only the fields of the chosen bulk action shown.
// Without JavaScript every field stays visible and the page works the same.
(function () {
  "use strict";
  var table = document.querySelector(".item-table");
  if (table) {
    var head = table.querySelector("thead th");
    var all = document.createElement("input");
    all.type = "checkbox";
    all.id = "select-all";
    var label = document.createElement("label");
    label.htmlFor = "select-all";
    label.className = "visually-hidden";
    label.textContent = head.textContent.trim();
    head.textContent = "";
    head.appendChild(all);
    head.appendChild(label);
    all.addEventListener("change", function () {
      table.querySelectorAll("tbody input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  var action = document.getElementById("bulk-action");
  if (!action) { return; }
  function showFields() {
    document.querySelectorAll("[data-bulk]").forEach(function (field) {
      field.hidden = field.getAttribute("data-bulk").split(" ").indexOf(action.value) < 0;
    });
  }
  action.addEventListener("change", showFields);
  showFields();
})();
