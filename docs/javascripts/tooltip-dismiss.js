/* Escape closes the explanation of a glossary term (Material's tooltip on an <abbr>) without
   moving the pointer or the focus: WCAG 1.4.13 Content on Hover or Focus. Material keeps the
   tooltip open while the term or the tooltip itself is hovered or focused, but offers no way
   to close it in place, so it can hide the text a reader is looking at.

   Escape hides every open tooltip (a class, see stylesheets/glossary.css); the tooltip comes
   back the next time the pointer or the focus arrives on its term. Loaded by page-scripts.js
   on pages with a glossary term; one listener for the whole document, so it keeps working
   after Material's instant navigation. */
(function () {
  "use strict";
  var DISMISSED = "md-tooltip2--dismissed";
  var listening = false;

  // Material links a shown tooltip to its term with aria-describedby.
  function termOf(tooltip) {
    return tooltip.id ? document.querySelector('[aria-describedby~="' + tooltip.id + '"]') : null;
  }

  function showAgainOnReturn(term, tooltipId) {
    var stop = new AbortController();
    function showAgain(event) {
      var tooltip = document.getElementById(tooltipId);
      // The pointer slipping from the hidden tooltip onto its term is not a return.
      if (tooltip && event.relatedTarget instanceof Node && tooltip.contains(event.relatedTarget)) return;
      stop.abort();
      if (tooltip) tooltip.classList.remove(DISMISSED);
    }
    term.addEventListener("mouseenter", showAgain, { signal: stop.signal });
    term.addEventListener("focus", showAgain, { signal: stop.signal });
  }

  function dismissOpenTooltips() {
    document.querySelectorAll(".md-tooltip2--active:not(." + DISMISSED + ")").forEach(function (tooltip) {
      tooltip.classList.add(DISMISSED);
      var term = termOf(tooltip);
      if (term) showAgainOnReturn(term, tooltip.id);
    });
  }

  function onKeydown(event) {
    if (event.key === "Escape" || event.key === "Esc") dismissOpenTooltips();
  }

  window.TooltipDismiss = {
    init: function () {
      if (listening) return;
      listening = true;
      document.addEventListener("keydown", onKeydown);
    },
  };
})();
