/* The theme's search worker, answered by Pagefind (issue 17).

   Material's search box and result list talk to a worker in four messages: SETUP (the search
   configuration), READY, QUERY (the text typed) and RESULT ({items}: one list per page, the
   page's own entry first, then its sections). This worker speaks that protocol and searches
   Pagefind's chunked index (pagefind/, built by generator/engine/mkdocs/search/pagefind_index.py),
   so the look, the keyboard and the result links stay Material's. Pagefind fetches only the
   index chunks and page fragments a query needs; their addresses are hashes, never the words.
   Each page's words come in a fragment of its own: the first answer fetches the FIRST_PAGES
   best pages' fragments, and a MORE message (lazy-search-index.js sends it when the reader
   reaches the end of the list) the next MORE_PAGES, so a search that matches hundreds of pages
   downloads only what the reader looks at (issue 17: the first search at 1,000 topics).
   There are two indexes: each page's outline (its title, headings, lay terms and the first
   sentence of each section: search/outline_pages.py) in pagefind/outline/, and its whole text
   in pagefind/. A query is searched in the outline first, a fraction of the whole text's size
   (at 1,000 topics the first search downloaded 414 KB from the whole text: issue 17's target is
   300 KB). When the outline finds fewer than FIRST_PAGES pages, or one of them holds a word
   searched only as a shorter word (holdsEveryWord), the whole text answers (it holds every word
   of the outline, so it finds every page the outline does); a reader who reaches the end of
   the outline's pages gets the whole text's next ones.
   Material puts a result's title and text into the page as HTML: every piece of page text
   here is escaped (read from the page's words as indexed, which Pagefind decodes once), and
   the only markup is the <mark> put here around matched words. */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;
var MORE = "more-results"; // not Material's: from lazy-search-index.js, for the next pages
// Pages whose fragments (one download each) the first answer fetches and shows: the list shows
// about five pages' results before the reader scrolls.
var FIRST_PAGES = 5;
// Pages fetched and added each time the reader reaches the end of the list, and the most offered.
var MORE_PAGES = 5;
var MAX_PAGES = 50;
// A page's own entry (its title and opening) always shows above its sections; weighted down,
// the section that answers the question is what the page's link opens
// (search-result-links.js), unless only the opening matches.
var PAGE_ENTRY_WEIGHT = 0.1;

/* How soon more of the same word stops raising a page's rank (Pagefind's default: 1.4). Sooner:
   a page saying "stroke" in every warning sign outranked the page whose question is "Is
   twitching a sign of a stroke?", and only the best pages' sections are fetched (FIRST_PAGES).
   Lay queries on 100 synthetic topics: 33 of 46 hits at 1.4 and 1.0, 35 at 0.6, 33 at 0.2. */
var TERM_SATURATION = 0.6;

/* A query is searched once the reader has stopped typing for this long (Pagefind's own search
   box waits 300 ms too); one typed sooner replaces it unsearched. Each query searched fetches
   its best pages' words (FIRST_PAGES fragments), and typing "eyelid twitching" searched "ey",
   "eye", "eyel" and more on the way, fetching 20 fragments for the 5 shown. */
var TYPING_PAUSE_MS = 300;

var siteRoot = new URL("../../../", self.location.href);
var OUTLINE = "pagefind/outline/";
var WHOLE_TEXT = "pagefind/";
var indexes = {}; // folder -> its Pagefind module once set up (a promise), each set up on first use
var stopWords = new Set();
var answered = Promise.resolve(); // answers go out in the order the queries came
var queries = 0; // how many queries have come
var lastResult = { items: [] };
var lastSearch = null; // the last query's pages, for MORE

function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// Words in a result's text.
var EXCERPT_WORDS = 20;

/* Pagefind's excerpt: page text with `<` and `>` escaped and matched words in <mark>, but its
   `&` left as it was, so an author's literal "&lt;" cannot be told from an escaped "<". Only
   used for a text Pagefind splits at zero-width spaces (excerptOf does not). */
function safeExcerpt(excerpt) {
  return String(excerpt || "")
    .split(/(<\/?mark>)/)
    .map(function (piece) {
      if (piece === "<mark>" || piece === "</mark>") return piece;
      return piece.replace(/&(?!lt;|gt;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    })
    .join("");
}

/* A result's text, built from the page's words as indexed (`words`: the author's text,
   unescaped), each escaped, the matched ones in <mark>: the densest run of matches in the part,
   which runs from its heading to the next (as Pagefind's calculate_excerpt_region picks it,
   pagefind 1.5), of the words a reader sees there. Headings are left out (the result's title
   shows its heading), and so are lay terms (searched, never shown: search/pagefind_pages.py
   puts them between two markers). */
function excerptOf(data, sub, words) {
  if (!words) return safeExcerpt(sub.excerpt);
  var from = sub.anchor ? sub.anchor.location : 0;
  var to = words.length;
  data.anchors.forEach(function (anchor) {
    if (/^h\d$/i.test(anchor.element) && /\S/.test(anchor.text || "") && anchor.location > from) to = Math.min(to, anchor.location);
  });
  var unseen = unseenWords(data);
  var shown = []; // the locations of the words shown, in order
  for (var at = from; at < to; at++) if (!unseen[at]) shown.push(at);
  var scores = {};
  (sub.weighted_locations || []).forEach(function (place) {
    scores[place.location] = (scores[place.location] || 0) + place.balanced_score;
  });
  var length = Math.min(EXCERPT_WORDS, shown.length);
  var start = Math.min(densestRun(shown.map(function (at) { return scores[at] || 0; }), EXCERPT_WORDS), shown.length - length);
  return shown.slice(start, start + length).map(function (at) {
    var word = escapeText(words[at]);
    return scores[at] !== undefined ? "<mark>" + word + "</mark>" : word;
  }).join(" ").trim();
}

/* The locations of the words no result text shows: each heading's (to its marker, or its own
   length for the page's title, which has none) and each section's lay terms. */
function unseenWords(data) {
  var unseen = {};
  function hide(from, to) { for (var at = from; at < to; at++) unseen[at] = true; }
  var heading = null; // a section heading whose marker is still to come
  var layTerms = null;
  data.anchors.forEach(function (anchor) {
    if (/^h1$/i.test(anchor.element)) hide(anchor.location, anchor.location + String(anchor.text || "").split(/\s+/).filter(Boolean).length);
    else if (/^h[2-6]$/i.test(anchor.element)) heading = anchor;
    else if (anchor.id === HEADING_END && heading) {
      hide(heading.location, anchor.location);
      heading = null;
    } else if (anchor.id === LAY_TERMS_START) layTerms = anchor;
    else if (anchor.id === LAY_TERMS_END && layTerms) {
      hide(layTerms.location, anchor.location);
      layTerms = null;
    }
  });
  return unseen;
}

/* Where the `length` words with the most score start: the first such run, so that a short
   section's text starts where its sentence does. */
function densestRun(scores, length) {
  if (scores.length <= length) return 0;
  var sum = 0;
  for (var at = 0; at < length; at++) sum += scores[at] || 0;
  var best = sum;
  var bestStart = 0;
  for (var start = 1; start + length <= scores.length; start++) {
    sum += (scores[start + length - 1] || 0) - (scores[start - 1] || 0);
    if (sum > best) {
      best = sum;
      bestStart = start;
    }
  }
  return bestStart;
}

/* The words searched: not the little words, nor a single letter. Pagefind searches a word as the
   start of longer ones and fetches every index chunk holding a word that starts so: the "t" of
   "eyelid t", on the way to "eyelid twitching", fetched seven chunks at 100 topics. A single
   Chinese, Japanese or Korean character can be a word of its own, and is searched. */
var WORD_OF_ONE_CHARACTER = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

function searchedWords(query) {
  return query
    .split(/[\s-]+/)
    .filter(function (word) { return (Array.from(word).length > 1 || WORD_OF_ONE_CHARACTER.test(word)) && !stopWords.has(word.toLowerCase()); })
    .join(" ");
}

/* A part's score: each query word by its best place, and a little for each other place it is
   in (a word said often in one section must not outweigh a section that has every word of the
   question, but of two sections with the same words the one that says more ranks first). A
   word of the page's title counts less (TITLE_WORD_WEIGHT): the title is every section's, so a
   section is ranked by what it adds to it (on a page titled "Eyelid twitching: Causes", the
   section on stress answers "can stress cause eye twitching", not the one on tired eyes). Lay
   queries on 100 synthetic topics: 36 of 46 hits without, 39 with. */
var REPEAT_WEIGHT = 0.3;
var TITLE_WORD_WEIGHT = 0.3;

function scoreOf(part, words, titleWords, queryWords) {
  var best = {};
  var rest = {};
  (part.weighted_locations || []).forEach(function (place) {
    var found = bareWord(words[place.location] || "");
    var score = place.balanced_score * (inTitle(found, titleWords || []) ? TITLE_WORD_WEIGHT : 1);
    // Each word searched counts once, whatever forms of it the part holds ("eye", "eyes", "eyelid").
    var word = (queryWords || []).find(function (wanted) { return sameWord(found, wanted); }) || found;
    rest[word] = (rest[word] || 0) + Math.min(score, best[word] || 0);
    best[word] = Math.max(best[word] || 0, score);
  });
  return Object.keys(best).reduce(function (sum, word) { return sum + best[word] + REPEAT_WEIGHT * rest[word]; }, 0);
}

// Whether `word` is a word of the title, or another form of one.
function inTitle(word, titleWords) {
  return titleWords.some(function (title) { return sameWord(title, word); });
}

// Site-relative address (Material resolves it against the site's root).
function siteAddress(url) {
  return String(url).replace(/^\/+/, "");
}

// The h2 a deeper heading belongs to, so a result shows which section it is in.
function sectionOf(data, anchor) {
  if (!anchor || !/^h[3-6]$/i.test(anchor.element)) return null;
  var section = null;
  data.anchors.forEach(function (other) {
    if (/^h2$/i.test(other.element) && other.location <= anchor.location) section = other;
  });
  return section;
}

/* A heading's text as its author wrote it. Pagefind decodes entities in an anchor's text twice
   (a literal "&amp;" comes out as "&"), in the page's words once: the indexer
   (search/pagefind_pages.py) ends each heading with a marker, so its words are those from its
   anchor to its marker. */
var HEADING_END = "HEADING-END";
// Around each section's lay terms (search/pagefind_pages.py).
var LAY_TERMS_START = "LAY-TERMS";
var LAY_TERMS_END = "LAY-TERMS-END";

function headingText(data, anchor, words) {
  // The first marker after the heading in the page (one right before it may share its location).
  var after = false;
  var end = null;
  data.anchors.forEach(function (other) {
    if (after && !end && other.id === HEADING_END) end = other;
    if (other.id === anchor.id && other.location === anchor.location && other.element === anchor.element) after = true;
  });
  return end && words ? words.slice(anchor.location, end.location).join(" ") : anchor.text;
}

/* The page's words as indexed (Pagefind's `content`: the author's text, unescaped), which
   Pagefind's word locations count; null for a text Pagefind splits at zero-width spaces
   (its locations count those pieces, which `content` no longer marks). */
function pageWords(data) {
  if (String(data.raw_content || "").indexOf("\u200B") >= 0) return null;
  return String(data.content || "").split(/[\r\n\s]+/g);
}

function titleOf(data, sub, words) {
  var title = escapeText((sub.anchor ? headingText(data, sub.anchor, words) : sub.title) || data.meta.title || "");
  var section = sectionOf(data, sub.anchor);
  var pageTitle = String(data.meta.title || "");
  var sectionText = section ? headingText(data, section, words) : "";
  if (section && !pageTitle.endsWith(sectionText)) {
    title += '<span class="search-result-section" data-section="' + escapeText(sectionText) + '"></span>';
  }
  return title;
}

function terms(query) {
  var found = {};
  query.split(/\s+/).forEach(function (word) { if (word) found[word] = true; });
  return found;
}

/* One page's results in Material's shape: its own entry, then its sections, best first.
   `pageWeight`: how well Pagefind ranked the page, against the best page (1). */
function pageResult(data, query, pageWeight) {
  var matched = terms(query);
  var page = {
    location: siteAddress(data.url),
    title: escapeText(data.meta.title || ""),
    text: "",
    score: 0,
    terms: matched
  };
  var sections = [];
  var words = String(data.raw_content || data.content || "").split(/[\r\n\s]+/g);
  var titleWords = String(data.meta.title || "").split(/\s+/).map(bareWord).filter(Boolean);
  var queryWords = query.split(" ").map(bareWord).filter(Boolean);
  var text = pageWords(data);
  (data.sub_results || []).forEach(function (sub) {
    var score = scoreOf(sub, words, titleWords, queryWords) * pageWeight;
    // The page's opening: before its first heading, or under its title (an h1 with an id).
    if (sub.url.indexOf("#") < 0 || (sub.anchor && /^h1$/i.test(sub.anchor.element))) {
      page.score += score * PAGE_ENTRY_WEIGHT;
      if (!page.text) page.text = excerptOf(data, sub, text);
      return;
    }
    sections.push({ location: siteAddress(sub.url), title: titleOf(data, sub, text), text: excerptOf(data, sub, text), score: score, terms: matched });
  });
  sections.sort(function (a, b) { return b.score - a.score; });
  return [page].concat(sections);
}

/* Pagefind finds only pages that hold every word of a query (a word in no page at all is left
   out). A patient's question often has one word that no page shares with the rest ("half my face
   has dropped": "half" is on the conditions page, "face dropped" on the warning signs), and
   then found nothing at all. So when no page holds every word, the pages that hold all but one
   are found (all but two, and so on): each page once, at its best score. Pagefind has the index
   chunks of every word from the first search, so this downloads nothing more. */
var MAX_FEWER_WORD_SEARCHES = 40;

function pagesFound(pagefind, words) {
  return pagefind.search(words).then(function (found) {
    if (!found) return null; // a newer search replaced this one
    var list = words.split(" ");
    if (found.results.length || list.length < 2) return found.results;
    return pagesWithMostWords(pagefind, list, list.length - 1, MAX_FEWER_WORD_SEARCHES);
  });
}

function pagesWithMostWords(pagefind, list, size, budget) {
  var subsets = wordSubsets(list, size).slice(0, budget);
  return Promise.all(subsets.map(function (subset) { return pagefind.search(subset.join(" ")); })).then(function (answers) {
    var byPage = {};
    answers.forEach(function (found) {
      (found ? found.results : []).forEach(function (result) {
        if (!byPage[result.id] || byPage[result.id].score < result.score) byPage[result.id] = result;
      });
    });
    var results = Object.keys(byPage).map(function (id) { return byPage[id]; });
    results.sort(function (a, b) { return b.score - a.score; });
    var left = budget - subsets.length;
    if (results.length || size < 2 || left <= 0) return results;
    return pagesWithMostWords(pagefind, list, size - 1, left);
  });
}

// Every choice of `size` words from `list`, in the query's order.
function wordSubsets(list, size) {
  if (size === 0) return [[]];
  if (list.length < size) return [];
  var first = list[0];
  var rest = list.slice(1);
  return wordSubsets(rest, size - 1).map(function (subset) { return [first].concat(subset); }).concat(wordSubsets(rest, size));
}

// `stale()`: whether a query typed since replaces this one (its pages' words are not fetched then).
function search(query, stale) {
  var words = searchedWords(query);
  lastSearch = null;
  if (!words) return Promise.resolve({ items: [] });
  function fromTheWholeText() {
    if (stale()) return null;
    return index(WHOLE_TEXT).then(function (whole) { return pagesFound(whole, words); }).then(function (results) {
      return results && { results: results, wholeText: true };
    });
  }
  return index(OUTLINE).then(function (outline) {
    return outline.search(words);
  }).then(function (found) {
    if (!found) return null; // a newer search replaced this one
    var first = found.results.slice(0, FIRST_PAGES);
    if (first.length < FIRST_PAGES || stale()) return fromTheWholeText();
    // The pages shown first, fetched now (Pagefind keeps them for morePages).
    return Promise.all(first.map(function (result) { return result.data(); })).then(function (pages) {
      var matched = pages.every(function (data) { return holdsEveryWord(data, words); });
      return matched ? { results: found.results, wholeText: false } : fromTheWholeText();
    });
  }).catch(function (error) {
    // The outline's files could not be read (lost or damaged on the host): the whole text's
    // index answers every query, only with a bigger download.
    console.warn("Search: the outline's index failed, so the whole text is searched:", error);
    return fromTheWholeText();
  }).then(function (answer) {
    if (!answer) return stale() ? lastResult : { items: [] };
    if (stale()) return lastResult;
    lastSearch = { words: words, results: answer.results.slice(0, MAX_PAGES), wholeText: answer.wholeText, fetched: 0, items: [], listed: {}, seen: {} };
    return morePages(lastSearch, FIRST_PAGES);
  });
}

/* Whether the page's matches hold each word searched, as itself or another form of it ("eye"
   for "eyes", "shut" for "shutting"). Pagefind also matches an indexed word that a longer word
   searched starts with: a word missing from every outline was "found" on the pages with "a". */
function holdsEveryWord(data, words) {
  var text = String(data.content || "").split(/[\r\n\s]+/g);
  var matched = (data.weighted_locations || []).map(function (place) { return bareWord(text[place.location] || ""); });
  return words.split(" ").every(function (word) {
    var wanted = bareWord(word);
    return matched.some(function (found) { return sameWord(found, wanted); });
  });
}

// Whether a word found is the word wanted or another form of it (Pagefind matches stems, and
// words that start with the word searched).
function sameWord(found, wanted) {
  return Boolean(found) && sharedStart(found, wanted) >= Math.max(1, Math.min(4, wanted.length - 1));
}

function bareWord(word) {
  return String(word).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function sharedStart(one, other) {
  var length = 0;
  while (length < one.length && one[length] === other[length]) length++;
  return length;
}

// Whether the reader can be offered more pages: the list's own, or the whole text's after the outline's.
function hasMore(state) {
  return state.items.length < MAX_PAGES && (state.fetched < state.results.length || !state.wholeText);
}

/* The next `count` pages' results added below those shown. The pages already listed keep their
   place, so nothing moves under the reader; within each batch, pages go in the order of their
   best entry, as the reader sees the scores. Past the outline's last page, the whole text's
   pages follow, but those listed already. */
function morePages(state, count) {
  var added = [];
  function next() {
    if (added.length >= count || !hasMore(state)) {
      added.sort(function (a, b) { return best(b) - best(a); });
      demoteRepeats(added, state.seen);
      added.sort(function (a, b) { return best(b) - best(a); });
      state.items = state.items.concat(added);
      return { items: state.items, more: hasMore(state) };
    }
    if (state.fetched >= state.results.length) {
      return index(WHOLE_TEXT).then(function (whole) { return pagesFound(whole, state.words); }).then(function (results) {
        state.results = (results || []).slice(0, MAX_PAGES);
        state.fetched = 0;
        state.wholeText = true;
        return next();
      });
    }
    var batch = state.results.slice(state.fetched, state.fetched + count - added.length);
    state.fetched += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      // Pagefind ranks pages with the whole page's words (and its length) in view; a section's
      // own score is scaled by its page's, relative to the best page.
      pages.forEach(function (data, index) {
        var page = pageResult(data, state.words, batch[index].score / state.results[0].score);
        if (state.listed[page[0].location]) return; // the outline's already
        state.listed[page[0].location] = true;
        added.push(page);
      });
      return next();
    });
  }
  return next();
}

/* A section with the same heading and text as one listed above it (another topic's copy of a
   shared warning sign, say) scores far less, so it goes below the others: on the site's four
   topics, three copies of one "Call 999" card were the first three results for "face
   drooping", and on synthetic topics (copies of one guide) the same section of five topics
   filled the list. `pages`: best first; `seen`: the sections listed so far (heading and text). */
var REPEATED_SECTION_WEIGHT = 0.1;

function demoteRepeats(pages, seen) {
  pages.forEach(function (page) {
    page.forEach(function (entry) {
      var key = entry.title + "\n" + entry.text;
      if (seen[key]) entry.score *= REPEATED_SECTION_WEIGHT;
      seen[key] = true;
    });
    var sections = page.slice(1).sort(function (a, b) { return b.score - a.score; });
    page.splice.apply(page, [1, sections.length].concat(sections));
  });
}

function best(item) {
  return item.reduce(function (high, entry) { return Math.max(high, entry.score); }, 0);
}

/* The Pagefind index in `folder` (of the site), set up on its first use: each folder's
   pagefind.js is a module of its own, with its own state. */
function index(folder) {
  if (!indexes[folder]) {
    indexes[folder] = import(new URL(folder + "pagefind.js", siteRoot).href).then(function (module) {
      // baseUrl "/": result addresses relative to this index's own site (siteAddress), which
      // Material resolves against the site root; Pagefind's default would put the root's path
      // (/es/, or /guide/ on a site served below a path) in front a second time.
      return module.options({
        basePath: new URL(folder, siteRoot).pathname,
        baseUrl: "/",
        excerptLength: EXCERPT_WORDS,
        ranking: { pageLength: 0, termSaturation: TERM_SATURATION }
      }).then(function () {
        return module.init();
      }).then(function () {
        return module;
      });
    });
    indexes[folder].catch(function () { delete indexes[folder]; }); // tried again on the next search
  }
  return indexes[folder];
}

function setUp(config) {
  stopWords = new Set((config && config.stop_words) || []);
  // The whole text's index only when a search needs it, or when the outline's cannot be read.
  return index(OUTLINE).catch(function () { return index(WHOLE_TEXT); });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    answered = answered.then(function () { return setUp(message.data.config); }).then(
      function () { self.postMessage({ type: READY }); },
      function (error) { console.warn("Search could not start:", error); }
    );
  } else if (message.type === MORE) {
    // Answered like a query, once and in order: with the list as it is when a query typed since
    // replaced it (or nothing more matches).
    var asOf = queries;
    answered = answered.then(function () {
      if (asOf < queries || !lastSearch || !hasMore(lastSearch)) return lastResult;
      return morePages(lastSearch, MORE_PAGES).catch(function (error) {
        console.warn("Search failed:", error);
        return lastResult;
      });
    }).then(function (result) {
      lastResult = result;
      self.postMessage({ type: RESULT, data: result });
    });
  } else if (message.type === QUERY) {
    var number = ++queries;
    // A query with nothing to search (a cleared box, a single letter) is answered at once.
    var typed = !searchedWords(String(message.data)) ? null : new Promise(function (resolve) { setTimeout(resolve, TYPING_PAUSE_MS); });
    answered = Promise.all([answered, typed]).then(function () {
      // Typed past already: every query gets its answer, but only the last one is searched, so
      // a word typed letter by letter does not download the fragments for each of its starts.
      if (number < queries) return lastResult;
      return search(String(message.data), function () { return number < queries; }).catch(function (error) {
        console.warn("Search failed:", error);
        return { items: [] };
      });
    }).then(function (result) {
      lastResult = result;
      self.postMessage({ type: RESULT, data: result });
    });
  }
});
