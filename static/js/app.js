// Small behaviours that a strict Content-Security-Policy allows (no inline scripts).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches(".js-submit-on-change")) {
    target.form.submit();
  }
});
