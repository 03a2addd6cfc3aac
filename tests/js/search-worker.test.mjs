/* generator/engine/mkdocs/theme/assets/javascripts/workers/search.pagefind.js: which words of a
   query are searched. The worker runs unchanged in a context of its own (a worker's globals are
   its own), where its top-level functions are globals. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import { test } from "node:test";

const PATH = "generator/engine/mkdocs/theme/assets/javascripts/workers/search.pagefind.js";
const worker = createContext({
  self: { location: { href: "http://127.0.0.1/assets/javascripts/workers/search.pagefind.js" }, addEventListener() {} },
  URL,
  console,
});
runInContext(readFileSync(new URL(`../../${PATH}`, import.meta.url), "utf8"), worker, { filename: PATH });

test("a single letter is not searched: Pagefind would fetch every index chunk of words starting with it", () => {
  assert.equal(worker.searchedWords("eyelid t"), "eyelid");
  assert.equal(worker.searchedWords("t"), "");
  assert.equal(worker.searchedWords("é"), "");
});

test("two letters and more are searched, hyphenated words as their parts", () => {
  assert.equal(worker.searchedWords("eyelid tw"), "eyelid tw");
  assert.equal(worker.searchedWords("x-ray MS"), "ray MS");
});

test("a single Chinese, Japanese or Korean character is a word, and is searched", () => {
  assert.equal(worker.searchedWords("痛"), "痛");
  assert.equal(worker.searchedWords("目 ア 눈"), "目 ア 눈");
});
