// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("fehler");
  if (summary) summary.focus();
});
