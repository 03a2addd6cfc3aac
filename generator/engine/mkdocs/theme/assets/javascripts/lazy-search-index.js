/* Load search (its settings and its worker) only when the reader starts to search.
   Material asks for its search index, search/search_index.json, and starts its search worker
   as soon as any page opens, so every first page view paid for the whole site's index, and
   page weight grew with the number of topics. This script runs before Material's bundle
   and holds both back until the search box gets focus (click, tap, or the "/", "s" and "f"
   shortcuts, which all focus it). Material shows "Initializing search" until they are ready, and
   a query typed meanwhile runs once they are. Every other request and worker is untouched.
   The search itself is Pagefind's (issue 17): the theme's worker is swapped for
   workers/search.pagefind.js, and its index request for search/setup.json (a few settings;
   generator/engine/mkdocs/search/pagefind_index.py); the site has no search_index.json.
   That worker fetches the words of only the first few pages found (one download each) and says
   when more pages match (`more`): when the reader reaches the end of the list (scrolling, or
   the arrow keys moving focus down), the worker is asked for the next ones. Material then lists
   the results again, so a result that had the focus gets it back. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js$/;
  var SETUP = "search/setup.json";
  var PAGEFIND_WORKER = "workers/search.pagefind.js";
  var RESULT = 3; // Material's search worker message types
  var MORE = "more-results"; // ours (workers/search.pagefind.js)
  var FOCUS_STOPS = "[href], summary"; // what the reader can focus in the result list
  var searchStarted = false;
  var waiting = [];

  function isSearchFile(url, pattern) {
    return pattern.test(new URL(String(url), location.href).pathname);
  }

  function whenSearchStarts(action) {
    if (searchStarted) action();
    else waiting.push(action);
  }

  function startSearch() {
    if (searchStarted) return;
    searchStarted = true;
    waiting.splice(0).forEach(function (action) { action(); });
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches("[data-md-component=search-query]")) startSearch();
  });

  // The index request: sent when search starts.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.healthguideSearchIndex = isSearchFile(url, INDEX);
    var args = Array.prototype.slice.call(arguments);
    if (this.healthguideSearchIndex) args[1] = new URL(SETUP, new URL(String(url), location.href).href.replace(INDEX, "/")).href;
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.healthguideSearchIndex) return send.apply(request, args);
    whenSearchStarts(function () { send.apply(request, args); });
  };

  // The search worker: Material only posts messages to it and listens to its "message"
  // events, so a stand-in queues the messages and starts the real worker when search starts.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!isSearchFile(url, SEARCH_WORKER)) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var worker = null;
    var queued = [];
    whenSearchStarts(function () {
      worker = new RealWorker(new URL(PAGEFIND_WORKER, new URL(String(url), location.href).href.replace(/workers\/[^/]*$/, "")).href, options);
      var more = moreOnReachingTheEnd(worker);
      worker.addEventListener("message", function (event) {
        more.before(event.data);
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function () { standIn.dispatchEvent(new Event("error")); });
      queued.splice(0).forEach(function (message) { worker.postMessage(message); });
    });
    standIn.postMessage = function (message) {
      if (worker) worker.postMessage(message);
      else queued.push(message);
    };
    standIn.terminate = function () {
      if (worker) worker.terminate();
      queued = [];
    };
    return standIn;
  };
  window.Worker.prototype = RealWorker.prototype;

  /* Asks `worker` for more results when the reader reaches the end of the list (scrolls or
     moves the focus to its last page, or sees it all without scrolling) and the worker said more
     pages match; `before(message)` must see each message before Material does. Material renders
     results asynchronously (ten pages at first, more as the list scrolls), so the list is
     watched for what it adds, and more are asked for only once it shows every page it has. */
  function moreOnReachingTheEnd(worker) {
    var expected = 0; // pages in the last result
    var hasMore = false;
    var asked = false;
    var focused = -1; // which link or summary of the list had the focus when a result came (pages listed keep their place)
    var list = null;

    function atEnd(wrap) {
      var last = list.lastElementChild;
      return Boolean(last) && last.getBoundingClientRect().top < wrap.getBoundingClientRect().bottom;
    }

    function askIf(reached) {
      if (!hasMore || asked || list.children.length < expected) return;
      var wrap = list.closest(".md-search__scrollwrap") || document.documentElement;
      if (!reached(wrap)) return;
      asked = true;
      list.setAttribute("aria-busy", "true"); // until the next pages are listed
      worker.postMessage({ type: MORE });
    }

    function fitsWithoutScrolling(wrap) {
      return wrap.scrollHeight <= wrap.clientHeight && atEnd(wrap);
    }

    var changed = new MutationObserver(function () {
      var stops = list.querySelectorAll(FOCUS_STOPS);
      if (focused >= 0 && stops.length > focused) {
        stops[focused].focus();
        focused = -1;
      }
      askIf(fitsWithoutScrolling);
    });
    // Scroll events do not bubble: caught on their way down.
    document.addEventListener("scroll", function () { if (list) askIf(atEnd); }, true);
    document.addEventListener("focusin", function (event) {
      if (list && list.contains(event.target)) askIf(atEnd);
    });
    return {
      before: function (message) {
        if (!message || message.type !== RESULT) return;
        if (!list) {
          list = document.querySelector(".md-search-result__list");
          if (!list) return;
          changed.observe(list, { childList: true });
        }
        expected = message.data.items.length;
        hasMore = Boolean(message.data.more);
        asked = false;
        list.removeAttribute("aria-busy");
        focused = Array.prototype.indexOf.call(list.querySelectorAll(FOCUS_STOPS), document.activeElement);
      }
    };
  }
})();
