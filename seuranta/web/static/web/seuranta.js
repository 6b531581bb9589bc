// Small behaviours without inline handlers, so that the Content Security Policy can forbid inline script.
//   <form data-confirm="Question?">  asks before submitting
//   <select data-autosubmit>         submits its form when changed
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit") && select.form) {
    select.form.requestSubmit();
  }
});
