/* The header's language switcher opens the page the reader is on, at the section they are
   reading, in the other language: the ids are the same in every language, so the address's
   #section is carried over. Material's instant navigation swaps the page content but not the
   header, so the page's own addresses in each language are read, at the click, from the
   content (partials/content.html); the header's links are what works without JavaScript.
   Material also takes over same-site clicks: this listens on window, in the capture phase, so
   it runs first, and opens the other language's page itself (a full load: that language's own
   scripts and search). A click with a modifier (new tab) only gets the corrected address. */
(function () {
  "use strict";
  window.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[data-language-link]") : null;
      if (!link) return;
      var here = document.querySelector("[data-language-alternates]");
      var href = here ? here.getAttribute("data-href-" + link.getAttribute("data-language-link")) : null;
      var target = new URL(href || link.getAttribute("href"), location.href);
      target.hash = location.hash;
      link.href = target.href;
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(target.href);
    },
    true
  );
})();
