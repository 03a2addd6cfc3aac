/* Instant navigation without downloading sitemap.xml on every page open.
   Material's instant navigation fetches the whole site's sitemap.xml when any page opens, only
   to learn which links are the site's own pages (~20 KB gzip at 1,000 topics, growing with the
   site). This script runs before Material's bundle: it answers that one request itself with an
   empty sitemap (no network), and follows the site's page links the way Material does: push the
   address, then hand it to Material's `location$`, which fetches and swaps the page in. A link
   is the site's page when it is on this origin, under the site's base path and ends in "/"
   (use_directory_urls: true); files (sitemap.xml, images, SVGs) load as usual. The published
   sitemap.xml, for search engines, is unchanged. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var SITEMAP = new URL("sitemap.xml", base).href;
  var EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';

  if (!config.features || config.features.indexOf("navigation.instant") < 0) return;

  // Material's one request for the sitemap gets an empty one at once, as a successful response.
  // On a site in several languages Material also asks for "sitemap.xml" beside each hreflang
  // alternate (/es/facial-twitching/sitemap.xml, which does not exist): those fail at once, as
  // "Not Found", just as they did over the network, so its language-link handling stays off
  // (the header's switcher keeps the section itself).
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var target = new URL(String(url), location.href);
    this.healthguideSitemap = target.href === SITEMAP ? "empty"
      : target.origin === base.origin && /\/sitemap\.xml$/.test(target.pathname) ? "missing" : "";
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.healthguideSitemap) return send.apply(this, arguments);
    var request = this;
    var found = this.healthguideSitemap === "empty";
    var body = !found ? null : request.responseType === "blob"
      ? new Blob([EMPTY_SITEMAP], { type: "application/xml" })
      : EMPTY_SITEMAP;
    Object.defineProperty(request, "status", { value: found ? 200 : 404 });
    Object.defineProperty(request, "statusText", { value: found ? "OK" : "Not Found" });
    Object.defineProperty(request, "response", { value: body });
    Object.defineProperty(request, "readyState", { value: 4 });
    Promise.resolve().then(function () {
      request.dispatchEvent(new ProgressEvent("load"));
      request.dispatchEvent(new ProgressEvent("loadend"));
    });
  };

  function isSitePage(url) {
    return url.origin === base.origin &&
      url.pathname.indexOf(base.pathname) === 0 &&
      url.pathname.slice(-1) === "/";
  }

  // After Material's own click handler (on <body>), which now finds no page in its sitemap.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!(event.target instanceof Element) || !window.location$) return;
    var link = event.target.closest("a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    var url = new URL(link.href);
    if (!isSitePage(url)) return;
    event.preventDefault();
    // As Material does: remember where the reader was on this page (for Back), then go.
    history.replaceState({ x: Math.max(0, scrollX), y: Math.max(0, scrollY) }, "");
    history.pushState(null, "", url.href);
    window.location$.next(url);
  });
})();
