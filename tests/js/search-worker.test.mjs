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

const SECTION = "Page title. Section heading. eye jumping, twitchy eye. The section's first sentence says this. More words follow here.";
const QUERY = "twitchy heading"; // both words in every page of the fakes below

/* A page's record as Pagefind's data() gives it: one section (an h2 with its marker, lay terms
   between their markers, then its text), the query's words matched where `matched` says. */
function record(url, { matched = [], content = SECTION } = {}) {
  const anchors = [
    { element: "h1", id: "top", text: "Page title", location: 0 },
    { element: "h2", id: "part", text: "Section heading", location: 2 },
    { element: "span", id: "HEADING-END", text: "", location: 4 },
    { element: "span", id: "LAY-TERMS", text: "", location: 4 },
    { element: "span", id: "LAY-TERMS-END", text: "", location: 8 },
  ];
  const weighted = matched.map((location) => ({ location, balanced_score: 1, weight: 1 }));
  return {
    url: `/${url}`,
    weighted_locations: weighted,
    content,
    raw_content: content,
    meta: { title: "Page title" },
    anchors,
    sub_results: [{ url: `/${url}#part`, title: "Section heading", anchor: anchors[1], weighted_locations: weighted, excerpt: "" }],
  };
}

/* A Pagefind index that finds these pages (by URL), best first, each with both words of QUERY
   matched (or "a", as Pagefind matches it for a longer word it lacks, when `shortWordOnly`);
   `searched` counts its searches. */
function fakeIndex(urls, { shortWordOnly = false } = {}) {
  const index = { searched: 0 };
  const matched = shortWordOnly ? [3, 18] : [3, 6]; // "heading"; "twitchy", or the "A" of "A second"
  const content = SECTION + " A second sentence.";
  index.search = () => {
    index.searched += 1;
    return Promise.resolve({
      results: urls.map((url, rank) => ({ id: url, score: 10 - rank, data: () => Promise.resolve(record(url, { matched, content })) })),
    });
  };
  return index;
}

function useIndexes(outline, whole) {
  worker.indexes = { "pagefind/outline/": Promise.resolve(outline), "pagefind/": Promise.resolve(whole) };
}

const notStale = () => false;
const locations = (result) => Array.from(result.items, (item) => item[0].location); // an array of this realm

test("a result's text leaves out its heading and its lay terms, which are searched but never shown", () => {
  const data = record("a/", { matched: [3, 5, 10] }); // "heading", "jumping" (a lay term), "first"
  const text = worker.excerptOf(data, data.sub_results[0], worker.pageWords(data));
  assert.equal(text, "The section's <mark>first</mark> sentence says this. More words follow here.");
});

test("a query the outline finds on enough pages is answered from the outline alone", async () => {
  const outline = fakeIndex(["a/", "b/", "c/", "d/", "e/", "f/"]);
  const whole = fakeIndex([]);
  useIndexes(outline, whole);
  const answer = await worker.search(QUERY, notStale);
  assert.deepEqual(locations(answer).slice(0, 5), ["a/", "b/", "c/", "d/", "e/"]);
  assert.equal(whole.searched, 0, "the whole text's index is not downloaded");
  assert.equal(answer.more, true);
});

test("a query the outline finds on too few pages is answered from the whole text", async () => {
  const outline = fakeIndex(["a/"]);
  const whole = fakeIndex(["x/", "a/", "y/"]);
  useIndexes(outline, whole);
  const answer = await worker.search(QUERY, notStale);
  assert.deepEqual(locations(answer), ["x/", "a/", "y/"]);
  assert.equal(answer.more, false);
});

test("past the outline's last page, the whole text's pages follow, without those listed already", async () => {
  const outline = fakeIndex(["a/", "b/", "c/", "d/", "e/", "f/"]);
  const whole = fakeIndex(["b/", "x/", "a/", "y/", "z/", "w/", "v/"]);
  useIndexes(outline, whole);
  await worker.search(QUERY, notStale);
  const more = await worker.morePages(worker.lastSearch, 5);
  assert.deepEqual(locations(more).slice(0, 5), ["a/", "b/", "c/", "d/", "e/"]); // kept in place
  assert.deepEqual(locations(more).slice(5).sort(), ["f/", "w/", "x/", "y/", "z/"]); // in the order of their scores
  const rest = await worker.morePages(worker.lastSearch, 5);
  assert.deepEqual(locations(rest).slice(10), ["v/"]);
  assert.equal(rest.more, false);
});

test("a word the outline lacks, \"found\" there only as a shorter word it starts with, is searched in the whole text", async () => {
  const outline = fakeIndex(["a/", "b/", "c/", "d/", "e/", "f/"], { shortWordOnly: true });
  const whole = fakeIndex(["x/"]);
  useIndexes(outline, whole);
  const answer = await worker.search(QUERY, notStale);
  assert.deepEqual(locations(answer), ["x/"]);
});

test("a section is ranked by the words it adds to its page's title", () => {
  // "Eyelid twitching: Causes" for "can stress cause eye twitching": the section on stress adds
  // a word of the question to the title's; the one on tired eyes, said twice, adds none.
  const words = "Stress makes twitches worse . Tired eyes and eyelid twitching".split(" ");
  const place = (location, score) => ({ location, balanced_score: score });
  const stress = { weighted_locations: [place(0, 5)] };
  const tiredEyes = { weighted_locations: [place(6, 5), place(8, 5), place(9, 5)] };
  const title = ["eyelid", "twitching", "causes"];
  assert.ok(worker.scoreOf(stress, words, title) > worker.scoreOf(tiredEyes, words, title));
  assert.ok(worker.scoreOf(stress, words, []) < worker.scoreOf(tiredEyes, words, []), "without the title, more words win");
});

test("a word searched counts once in a section, whatever forms of it the section holds", () => {
  // "eye stress": a section saying "eye", "eyes" and "eyelid" has one of the two words.
  const words = "eye eyes eyelid . eye stress".split(" ");
  const place = (location) => ({ location, balanced_score: 5 });
  const forms = { weighted_locations: [place(0), place(1), place(2)] };
  const both = { weighted_locations: [place(4), place(5)] };
  assert.ok(worker.scoreOf(both, words, [], ["eye", "stress"]) > worker.scoreOf(forms, words, [], ["eye", "stress"]));
});

test("a section with the same heading and text as one listed above it goes below the others", () => {
  const entry = (location, title, text, score) => ({ location, title, text, score });
  // Two topics' copies of one card, and another section of the first topic's page.
  const first = [entry("a/", "Topic A", "", 0), entry("a/#card", "Call 999", "Face drooping.", 10), entry("a/#other", "Bell's palsy", "Weak face.", 4)];
  const second = [entry("b/", "Topic B", "", 0), entry("b/#card", "Call 999", "Face drooping.", 10)];
  const pages = [first, second];
  worker.demoteRepeats(pages, {});
  const ranked = pages.flat().filter((result) => result.score > 0).sort((one, other) => other.score - one.score);
  assert.deepEqual(Array.from(ranked, (result) => result.location), ["a/#card", "a/#other", "b/#card"]);
});

test("when the outline's index cannot be read, the whole text answers", async () => {
  const whole = fakeIndex(["x/", "y/"]);
  worker.indexes = { "pagefind/outline/": Promise.reject(new Error("lost on the host")), "pagefind/": Promise.resolve(whole) };
  worker.indexes["pagefind/outline/"].catch(() => {}); // rejected on purpose
  const answer = await worker.search(QUERY, notStale);
  assert.deepEqual(locations(answer), ["x/", "y/"]);
  await worker.setUp({ stop_words: [] }); // the search still starts
});
