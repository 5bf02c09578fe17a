// The theme's own scripts (navigation, search) are written inert on calculator pages so that they do
// not compete with Python's start-up for the CPU (see handbook/mkdocs_adapter/theme/main.html): started after the
// first answer, or after THEME_SCRIPTS_LATEST_MS whatever happens.

const THEME_SCRIPTS_LATEST_MS = 8000;
let themeStarted = false;

export function startThemeScripts() {
  if (themeStarted) return;
  themeStarted = true;
  for (const inert of document.querySelectorAll("script[data-after-python]")) {
    const script = document.createElement("script");
    script.src = inert.getAttribute("src") || "";
    script.async = false;   // keep their order
    document.body.appendChild(script);
  }
}
setTimeout(startThemeScripts, THEME_SCRIPTS_LATEST_MS);
