// "Alle Fälle dieser Seite auswählen": the header checkbox checks or clears the row checkboxes.
// Without JavaScript each row is still chosen by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-select-all]").forEach((all) => {
    const rows = () => document.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`);
    all.hidden = false;
    all.addEventListener("change", () => rows().forEach((box) => { box.checked = all.checked; }));
  });
});
