// mkdocs-material's partials/javascripts/content.html, from a file instead of an inline script
// (see theme/scope.js): open the tab a link's #anchor names.
var target = document.getElementById(location.hash.slice(1)); target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
