// ESLint for the site's browser code and its Node tests (make lint, run by make test).
// Chosen over Biome by measurement on this code (CONTRIBUTING.md, “The tests”): ESLint's recommended
// rules with the browser's and a worker's globals caught what matters here — names used but never
// defined, values assigned and never read, variables left over — where Biome's recommended set was
// mostly style (optional chains, template strings); both take well under two seconds.

import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // mkdocs-material's two inline scripts, copied verbatim as files (tests/test_csp.py keeps them
    // equal to the theme's own), and the Pyodide runtime npm installs
    ignores: ["handbook/assets/theme/**", "handbook/assets/pyodide/**", "site/**", "build/**", "node_modules/**", ".venv/**",
              "test-artifacts/**"],
  },
  js.configs.recommended,
  {
    files: ["handbook/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2021, sourceType: "module", globals: { ...globals.browser, ...globals.worker } },
    rules: {
      // Chinese text holds the ideographic space (U+3000) on purpose, in strings and templates
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipComments: true }],
      // const { type, id, ...payload } = message: the named ones are left out on purpose
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // rooms by concern: a module a newcomer can read through, a function that does one thing
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["tests/**/*.mjs", "handbook/runtime/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
