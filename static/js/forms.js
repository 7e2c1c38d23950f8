// Forms: the error summary (core/_error_summary.html) takes the focus when a form comes back
// with errors, its links lead to the fields, and a field with a length limit counts its
// characters instead of the browser cutting what is typed (core/forms.py FormRenderer).
(function () {
  "use strict";

  function focusField(target) {
    if (target.tomselect) {
      target.tomselect.focus();
    } else {
      target.focus();
    }
  }

  function focusSummary(root) {
    const summary = root.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      focusField(target);
    }
  });

  function counterFor(field) {
    const limit = parseInt(field.dataset.maxlength, 10);
    if (!limit || field.dataset.counted) {
      return;
    }
    field.dataset.counted = "1";
    const counter = document.createElement("div");
    counter.className = "form-text char-counter";
    counter.id = field.id + "_counter";
    counter.hidden = true;
    field.insertAdjacentElement("afterend", counter);
    const template = field.dataset.counter || "{n} / {max}";
    const over = field.dataset.counterOver || "";
    function update() {
      const length = field.value.length;
      // Shown from nine tenths of the limit on, so a short text is not cluttered.
      counter.hidden = length < limit * 0.9;
      let text = template.replace("{n}", length).replace("{max}", limit);
      if (length > limit) {
        text += "; " + over.replace("{extra}", length - limit);
      }
      counter.textContent = text;
      counter.classList.toggle("text-danger", length > limit);
      const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!counter.hidden && described.indexOf(counter.id) < 0) {
        described.push(counter.id);
        field.setAttribute("aria-describedby", described.join(" "));
      }
    }
    field.addEventListener("input", update);
    update();
  }

  function enhance(root) {
    root.querySelectorAll("[data-maxlength]").forEach(counterFor);
  }

  function start() {
    enhance(document);
    focusSummary(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
    if (event.target !== document.body) {
      focusSummary(event.target);
    }
  });
})();
