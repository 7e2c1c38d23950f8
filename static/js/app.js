// Small behaviours that a strict Content-Security-Policy allows (no inline scripts).
//
// A menu never acts on a change of its selection (WCAG 3.2.2, on input): the language and
// municipality menus apply with their button, so browsing the options with the arrow keys
// does not leave the page.

// Tables, in this one place for every page. A table that scrolls sideways (a wide table on a
// phone) becomes a region the keyboard can reach and scroll, named after the table's caption
// or the section it is in; a list table (.table-cards) shows each row as a card on a phone,
// every cell under the name of its column (data-label, from the table's header).
(() => {
  const nameOf = (wrapper) => {
    const caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    const section = wrapper.closest("[aria-labelledby]");
    const heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    return heading ? heading.textContent.trim() : "";
  };
  const markScrolling = (wrapper) => {
    if (!("scrollAuto" in wrapper.dataset)) {
      // A region written into the template keeps what it was given.
      wrapper.dataset.scrollAuto = wrapper.hasAttribute("tabindex") ? "no" : "yes";
    }
    if (wrapper.dataset.scrollAuto !== "yes") return;
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      const name = nameOf(wrapper);
      wrapper.setAttribute("tabindex", "0");
      if (name) {
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", name);
      }
    } else {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  };
  const labelCells = (table) => {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => {
        if (!cell.hasAttribute("data-label") && names[index]) {
          cell.setAttribute("data-label", names[index]);
        }
      });
    }
  };
  const update = () => {
    document.querySelectorAll(".table-cards").forEach(labelCells);
    document.querySelectorAll(".table-responsive").forEach(markScrolling);
  };
  let pending = false;
  const later = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      update();
    });
  };
  update();
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
