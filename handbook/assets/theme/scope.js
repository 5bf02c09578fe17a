// mkdocs-material's page setup (partials/javascripts/base.html), from a file instead of an inline
// script, which a Content-Security-Policy without 'unsafe-inline' blocks: the same four globals
// its bundle expects, the scope given by the page (data-scope). tests/test_csp.py checks that the
// theme's own script still says the same.
__md_scope = new URL(document.currentScript.dataset.scope, location),
__md_hash = e => [...e].reduce(((e, _) => (e << 5) - e + _.charCodeAt(0)), 0),
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };
