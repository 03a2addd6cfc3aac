/* Glossary explanations: a term's explanation (its <abbr title>, see generator/glossary.py)
   opens below it on hover, keyboard focus or tap, as text only.

   Material's own tooltips (`content.tooltips`, turned off in mkdocs.yml) insert the title as
   HTML, so an explanation that mentions "<meta ...>" or "<img ...>" became markup. This one
   sets textContent, and keeps Material's look by using its tooltip classes
   (.md-tooltip2, generator/components/glossary-tooltip/style.css).

   WCAG 1.4.13 Content on Hover or Focus: it stays open while the term or the explanation is
   hovered or the term focused (hoverable: the pointer can move onto it), and Escape hides it
   without moving the pointer or the focus (dismissible); it shows again when the pointer or
   the focus comes back to the term. Loaded by page-scripts.js on pages with a glossary term;
   its listeners are on the document, so they keep working after Material's instant
   navigation. */
(function () {
  "use strict";
  var ACTIVE = "md-tooltip2--active";
  var DISMISSED = "md-tooltip2--dismissed";
  var GAP = 8; // px between the term and its explanation, as in Material
  var HIDE_DELAY = 250; // ms to move the pointer from the term onto the explanation
  var TERM = "article abbr[title], article abbr[data-glossary-open]";
  var sequence = 0;
  var open = null; // { term, tooltip, title } while an explanation is shown
  var hideTimer = 0;
  var listening = false;

  function termAt(target) {
    return target instanceof Element ? target.closest(TERM) : null;
  }

  function build(text) {
    var tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2 md-tooltip2--bottom";
    tooltip.setAttribute("role", "tooltip");
    tooltip.id = "__glossary_tooltip_" + sequence++;
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = text; // never markup, whatever the explanation says
    tooltip.appendChild(inner);
    return tooltip;
  }

  // Material's stylesheet places .md-tooltip2 from these properties (document coordinates).
  function place(tooltip, term) {
    var box = term.getBoundingClientRect();
    var style = tooltip.style;
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + box.width / 2 + "px");
    style.setProperty("--md-tooltip-host-y", box.bottom + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", "0px");
    style.setProperty("--md-tooltip-y", GAP + "px");
    style.setProperty("--md-tooltip-tail", "0px");
    style.setProperty("--md-tooltip-width", tooltip.firstChild.getBoundingClientRect().width + "px");
  }

  function show(term) {
    clearTimeout(hideTimer);
    if (open && open.term === term) {
      open.tooltip.classList.remove(DISMISSED); // the pointer or the focus came back
      return;
    }
    close();
    var title = term.getAttribute("title");
    var tooltip = build(title);
    document.body.appendChild(tooltip);
    place(tooltip, term);
    // The title goes while the explanation shows, so the browser does not show it a second time.
    term.removeAttribute("title");
    term.setAttribute("data-glossary-open", "");
    term.setAttribute("aria-describedby", tooltip.id);
    open = { term: term, tooltip: tooltip, title: title };
    void tooltip.offsetWidth; // start from the hidden state, so it fades in
    tooltip.classList.add(ACTIVE);
  }

  function close() {
    clearTimeout(hideTimer);
    if (!open) return;
    open.tooltip.remove();
    open.term.setAttribute("title", open.title);
    open.term.removeAttribute("data-glossary-open");
    open.term.removeAttribute("aria-describedby");
    open = null;
  }

  function held() {
    return (
      open.term.isConnected &&
      (open.term.matches(":hover") || open.tooltip.matches(":hover") || document.activeElement === open.term)
    );
  }

  function closeSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (open && !held()) close();
    }, HIDE_DELAY);
  }

  function onPointerOver(event) {
    var term = termAt(event.target);
    if (term) {
      // The pointer slipping from the hidden explanation onto its term is not a return.
      var fromTooltip = open && event.relatedTarget instanceof Node && open.tooltip.contains(event.relatedTarget);
      if (!(fromTooltip && open.term === term && open.tooltip.classList.contains(DISMISSED))) show(term);
    } else if (open && open.tooltip.contains(event.target)) {
      clearTimeout(hideTimer);
    }
  }

  function onPointerOut(event) {
    if (!open) return;
    var from = event.target;
    if (from instanceof Node && (open.term.contains(from) || open.tooltip.contains(from))) closeSoon();
  }

  function onFocusIn(event) {
    var term = termAt(event.target);
    if (term) show(term);
  }

  function onFocusOut(event) {
    if (!open || event.target !== open.term) return;
    // The grace period is for a pointer moving onto the explanation; when the focus moves on,
    // the explanation goes at once so it never covers the next control (WCAG 2.4.11).
    if (open.term.matches(":hover") || open.tooltip.matches(":hover")) closeSoon();
    else close();
  }

  function onKeydown(event) {
    if ((event.key === "Escape" || event.key === "Esc") && open) open.tooltip.classList.add(DISMISSED);
  }

  window.GlossaryTooltip = {
    init: function () {
      // After instant navigation the term of an open explanation may be gone.
      if (open && !open.term.isConnected) close();
      if (listening) return;
      listening = true;
      document.addEventListener("mouseover", onPointerOver);
      document.addEventListener("mouseout", onPointerOut);
      document.addEventListener("focusin", onFocusIn);
      document.addEventListener("focusout", onFocusOut);
      document.addEventListener("keydown", onKeydown);
    },
  };
})();
