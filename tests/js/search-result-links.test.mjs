/* generator/engine/mkdocs/theme/assets/javascripts/search-result-links.js: a page's search result opens the section
   that matches best, unless the page's own opening matched at least as well. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { loadScript } from "./browser-script.mjs";

const { pageTarget } = loadScript("generator/engine/mkdocs/theme/assets/javascripts/search-result-links.js", {
  MutationObserver: class {
    observe() {}
  },
  document: { addEventListener() {}, body: {} },
  document$: { subscribe() {} },
}).SearchResultLinks;

test("a page whose words matched only in a section opens that section", () => {
  const results = [
    { href: "conditions/", score: 0 },
    { href: "conditions/#tics-children", score: 8338.49 },
  ];
  assert.equal(pageTarget(results), "conditions/#tics-children");
});

test("the best-scored section wins, wherever Material lists it", () => {
  const results = [
    { href: "faq/", score: 229.1 },
    { href: "faq/#faq-how-long", score: 1463.99 },
    { href: "faq/#faq-children", score: 903.5 },
    { href: "faq/#faq-supplements", score: 1493.81 },
  ];
  assert.equal(pageTarget(results), "faq/#faq-supplements");
});

test("a page whose own opening matched best keeps its top", () => {
  const results = [
    { href: "about/", score: 1535.32 },
    { href: "about/#privacy", score: 8.44 },
  ];
  assert.equal(pageTarget(results), "about/");
});

test("a tie keeps the page's top; a page with no section listed keeps it too", () => {
  assert.equal(pageTarget([{ href: "a/", score: 5 }, { href: "a/#b", score: 5 }]), "a/");
  assert.equal(pageTarget([{ href: "diary/", score: 318 }]), "diary/");
});
