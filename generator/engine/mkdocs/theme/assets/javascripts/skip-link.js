/* "Skip to content" must move the keyboard focus, not only scroll (WCAG 2.4.1 Bypass Blocks).
   Material's instant navigation takes over every same-page link and re-renders the page, which
   drops the focus back to <body>. So the skip link's click is handled here, before Material
   sees it (capture phase): update the address like a normal fragment link, then focus the
   page heading, so the next Tab continues from the content. Served from the site itself, so
   the Content-Security-Policy allows it. */
(function () {
  "use strict";
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
      if (!link) return;
      var url = new URL(link.href);
      var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      if (location.hash !== url.hash) history.pushState(history.state, "", url.href);
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    },
    true
  );
})();
