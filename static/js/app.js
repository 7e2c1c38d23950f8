// Small behaviours that a strict Content-Security-Policy allows (no inline scripts).
//
// A menu never acts on a change of its selection (WCAG 3.2.2, on input): the language and
// municipality menus apply with their button, so browsing the options with the arrow keys
// does not leave the page.
