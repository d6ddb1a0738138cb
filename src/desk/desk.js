// The desk works without this script; it only asks before she leaves a
// page whose changes are not saved.
for (const form of document.querySelectorAll("form[data-guard]")) {
  let changed = false;
  form.addEventListener("input", () => { changed = true; });
  form.addEventListener("submit", () => { changed = false; });
  window.addEventListener("beforeunload", (event) => {
    if (changed) { event.preventDefault(); event.returnValue = form.dataset.guard; }
  });
}
