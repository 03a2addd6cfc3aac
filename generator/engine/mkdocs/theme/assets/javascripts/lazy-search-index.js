/* Load search (its settings and its worker) only when the reader starts to search.
   Material asks for its search index, search/search_index.json, and starts its search worker
   as soon as any page opens, so every first page view paid for the whole site's index, and
   page weight grew with the number of topics. This script runs before Material's bundle
   and holds both back until the search box gets focus (click, tap, or the "/", "s" and "f"
   shortcuts, which all focus it). Material shows "Initializing search" until they are ready, and
   a query typed meanwhile runs once they are. Every other request and worker is untouched.
   The search itself is Pagefind's (issue 17): the theme's worker is swapped for
   workers/search.pagefind.js, and its index request for search/setup.json (a few settings;
   generator/engine/mkdocs/search/pagefind_index.py); the site has no search_index.json. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js$/;
  var SETUP = "search/setup.json";
  var PAGEFIND_WORKER = "workers/search.pagefind.js";
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
      worker.addEventListener("message", function (event) {
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
})();
