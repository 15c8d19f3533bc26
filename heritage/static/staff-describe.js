/* The description form, enhanced: vocabulary comboboxes (ARIA 1.2 combobox with a listbox),
   "add another value" buttons, and the EDTF reading beside date fields as they are typed.
   Without JavaScript the form still works: every field is a plain input, with one empty row. */
(function () {
  "use strict";
  var counter = 0;

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function combobox(input) {
    if (input.getAttribute("role") === "combobox") { return; }
    var list = document.createElement("ul");
    var id = "suggest-" + (++counter);
    var active = -1, options = [];
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function choose(index) {
      input.value = options[index].dataset.value;
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }
    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (s, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = s.value;
        option.textContent = s.matched ? s.label + " – " + s.matched : s.label;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(option);
        return option;
      });
      if (!options.length) { close(); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }
    var fetchSuggestions = debounce(function () {
      var query = input.value.trim();
      if (!query) { close(); return; }
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { if (input.value.trim() === query) { show(data.suggestions || []); } })
        .catch(close);
    }, 150);

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { fetchSuggestions(); return; }
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // choosing a suggestion must not submit the form
        choose(active);
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });
  }

  function edtfHint(input) {
    var hint = document.getElementById(input.id + "-edtf");
    if (!hint) { return; }
    var update = debounce(function () {
      var typed = input.value.trim();
      if (!typed) { hint.textContent = ""; return; }
      fetch(input.dataset.edtf + "?q=" + encodeURIComponent(typed), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (input.value.trim() !== typed) { return; }
          hint.textContent = "";
          if (data.edtf) {
            var code = document.createElement("code");
            code.textContent = data.edtf;
            hint.append("EDTF: ", code, " – " + data.kind);
          } else {
            hint.textContent = (input.form && input.form.dataset.textUnreadableDate) || "?";
          }
        })
        .catch(function () { hint.textContent = ""; });
    }, 300);
    input.addEventListener("input", update);
  }

  function enhance(root) {
    root.querySelectorAll("input[data-suggest]").forEach(combobox);
    root.querySelectorAll("input[data-edtf]").forEach(edtfHint);
  }

  function addButtons(form) {
    form.querySelectorAll("[data-repeatable]").forEach(function (field) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-secondary add-value";
      button.textContent = "+ " + field.dataset.repeatable;
      button.setAttribute("aria-label", (form.dataset.textAddAnother || "+") + " " + field.dataset.repeatable);
      button.addEventListener("click", function () {
        var rows = field.querySelectorAll(".value-row");
        var last = rows[rows.length - 1];
        var copy = last.cloneNode(true);
        var element = field.id.replace(/^field-/, "");
        var index = rows.length;
        copy.querySelectorAll("ul.suggestions, .field-error").forEach(function (n) { n.remove(); });
        copy.querySelectorAll("[id]").forEach(function (node) {
          node.id = node.id.replace(new RegExp("^" + element + "-\\d+"), element + "-" + index);
        });
        copy.querySelectorAll("label[for]").forEach(function (label) {
          label.htmlFor = label.htmlFor.replace(new RegExp("^" + element + "-\\d+"), element + "-" + index);
        });
        copy.querySelectorAll("input, textarea, select").forEach(function (control) {
          control.value = "";
          control.removeAttribute("aria-invalid");
          ["role", "aria-expanded", "aria-controls", "aria-activedescendant", "aria-autocomplete"].forEach(function (a) { control.removeAttribute(a); });
        });
        var main = copy.querySelector("label");
        if (main) { main.textContent = main.textContent.replace(/\s*\(\d+\)$/, "") + " (" + (index + 1) + ")"; }
        last.insertAdjacentElement("afterend", copy);
        enhance(copy);
        var first = copy.querySelector("input, textarea, select");
        if (first) { first.focus(); }
      });
      field.querySelector(".help").insertAdjacentElement("beforebegin", button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".describe-form");
    if (!form) { return; }
    enhance(form);
    addButtons(form);
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
