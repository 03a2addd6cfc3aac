/* A search result for a page opens the part of it that matches (issue 14).

   Material lists each page's results under the page's own entry (its title), and that entry's
   link opens the top of the page, even when the words matched only a section far down: the
   reader then has to hunt for the answer. Each time Material renders results, this points the
   page entry's link at the best-scored section listed under it, unless the page's own opening
   scored at least as well. The new address is a section link Material itself built from the
   search's results, so no search word ever reaches an address (search.highlight stays off),
   and every section offered opens on a visible element (hidden parts are not indexed:
   generator/engine/mkdocs/search/pagefind_pages.py). */
(function () {
  "use strict";

  /* `results`: one page's results in Material's order, [{href, score}], the page's own entry
     first. Returns the address its link should open. */
  function pageTarget(results) {
    var best = null;
    results.slice(1).forEach(function (section) {
      if (!best || section.score > best.score) best = section;
    });
    return best && best.score > results[0].score ? best.href : results[0].href;
  }

  function point(item) {
    var links = Array.prototype.slice.call(item.querySelectorAll("a.md-search-result__link"));
    if (!links.length || links[0].getAttribute("href").indexOf("#") >= 0) return;
    var results = links.map(function (link) {
      var article = link.querySelector("[data-md-score]");
      return { href: link.getAttribute("href"), score: article ? parseFloat(article.getAttribute("data-md-score")) || 0 : 0 };
    });
    links[0].setAttribute("href", pageTarget(results));
  }

  function pointAll(list) {
    list.querySelectorAll(".md-search-result__item").forEach(point);
  }

  /* Material renders results asynchronously, ten at first and more as the reader scrolls, and
     replaces them on every key press: each added result is pointed as it arrives. */
  var watched = null;
  var observer = new MutationObserver(function () {
    pointAll(watched);
  });

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list === watched) return;
    if (watched) observer.disconnect();
    watched = list;
    observer.observe(list, { childList: true });
    pointAll(list);
  }

  /* On a phone the open search locks the page's scrolling (Material's scroll lock: the body is
     fixed in place) and unlocks it 100 ms after a result is chosen. A page that arrives sooner
     is scrolled to its section while still locked, which does nothing, so the reader saw the
     top of the page. Once the lock is gone, the chosen section is brought into view. */
  var chosen = null; // the result the reader chose, until its section is in view

  function landOnChosen() {
    if (!chosen || document.body.hasAttribute("data-md-scrolllock")) return;
    if (location.pathname !== chosen.pathname || location.hash !== chosen.hash) return;
    var target = document.getElementById(decodeURIComponent(chosen.hash.slice(1)));
    if (!target) return; // the page is not there yet
    chosen = null;
    target.scrollIntoView({ block: "start", behavior: "auto" });
  }

  document.addEventListener(
    "click",
    function (event) {
      // Only a result's link: Material closes the search with a click of its own.
      var link = event.target instanceof Element && event.target.closest("a.md-search-result__link");
      if (link) chosen = link.hash ? new URL(link.href) : null;
    },
    true
  );
  new MutationObserver(landOnChosen).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
  window.addEventListener("hashchange", landOnChosen); // a result on the page already open

  window.SearchResultLinks = { pageTarget: pageTarget };
  // Material's instant navigation keeps the search; a page it swaps in is checked all the same.
  document$.subscribe(function () {
    watch();
    if (chosen && location.pathname !== chosen.pathname) chosen = null; // the reader went elsewhere
    landOnChosen();
  });
})();
