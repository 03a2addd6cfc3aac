/* ESLint for every script of the project (`make lint`, tests/unit/test_scripts.py). */
import js from "@eslint/js";
import globals from "globals";

export default [
  // Built sites, caches and installed tools, not the project's own scripts.
  { ignores: ["site/", ".site-builds/", ".cache/", ".venv/", "node_modules/"] },
  js.configs.recommended,
  {
    // The site's browser scripts (generator/components/*/script.js, the loader in
    // generator/engine/mkdocs/assets/, site_files/ and theme/): classic scripts, each an IIFE
    // that puts its API on `window`.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        ...globals.browser,
        document$: "readonly", // Material for MkDocs' page-change observable
      },
    },
  },
  {
    // Their tests (generator/components/*/script.test.mjs, helpers in tests/js/), run by
    // `node --test generator/components/`.
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
