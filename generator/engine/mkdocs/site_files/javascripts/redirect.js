/* Redirect pages (generator/redirects.py): go to the new address and keep the #anchor,
   which the page's <meta> refresh would drop. An old anchor that was renamed is forwarded
   again by deep-links.js on the new page. */
(function () {
  "use strict";
  var link = document.querySelector("a[data-redirect]");
  if (link) location.replace(link.href + location.hash);
})();
