/* Printed handouts show where a link to another website goes: links to other hosts get
   data-external, and the print stylesheet writes their address after the link text. (Material
   turns every internal link into an absolute URL at load time, so CSS alone cannot tell them
   apart.) Runs again after each instant navigation through Material's document$. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      if (/^https?:$/.test(link.protocol) && link.host !== location.host) link.setAttribute("data-external", "");
    });
  }
  if (window.document$) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
})();
