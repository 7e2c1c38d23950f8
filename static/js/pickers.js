// Searchable pickers (core/pickers.py): a <select data-picker-url> becomes a Tom Select that
// asks the server for at most 20 options matching what is typed. The page holds only the
// chosen options; without JavaScript the plain select and its "add by number" box remain.
(function () {
  "use strict";

  function escapeText(text) {
    const span = document.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }

  function enhance(select) {
    if (select.tomselect || typeof TomSelect === "undefined") {
      return;
    }
    const url = select.dataset.pickerUrl;
    const empty = select.dataset.pickerEmpty;
    const picker = new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      placeholder: select.dataset.pickerPlaceholder,
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: 20,
      preload: "focus",
      loadThrottle: 250,
      // The server has matched already (also on fields the label does not show).
      score: function () {
        return function () {
          return 1;
        };
      },
      load: function (query, callback) {
        const self = this;
        fetch(url + "?format=json&q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            // Keep the chosen options, forget those of the previous search.
            self.clearOptions();
            callback(data.results);
          })
          .catch(function () {
            callback();
          });
      },
      // After a choice, the search starts afresh for the next one.
      onItemAdd: function () {
        this.setTextboxValue("");
        this.refreshOptions(false);
      },
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeText(empty) + "</div>";
        },
      },
    });
    // Tom Select points the label at its own input; the original select, kept in the page
    // for the form, still needs the label's name (axe: select-name).
    const label = document.querySelector('label[for="' + picker.control_input.id + '"]');
    if (label) {
      label.id = label.id || select.id + "-label";
      select.setAttribute("aria-labelledby", label.id);
    }
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-picker-url]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
