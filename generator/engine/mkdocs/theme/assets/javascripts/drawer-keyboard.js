/* The navigation drawer (phones, tablets and zoomed-in screens) for keyboard users
   (WCAG 2.1.1 Keyboard, 2.1.2 No Keyboard Trap, 2.4.3 Focus Order, 4.1.2 Name, Role, Value).

   Material builds the drawer from hidden checkboxes and <label>s: the menu button, the entry
   that opens a section's panel and the "back" arrow at the top of a panel are labels. A
   keyboard cannot reach most of them, and when a nested panel is open its parent panel is
   hidden, so a keyboard user on a topic page could never get back to Home or About.

   Below the desktop breakpoint this script makes those labels buttons (focusable, named, with
   their state) that Enter and Space operate. The focus follows the panel that slides in or
   out; Escape closes the drawer and gives the focus back to the menu button; moving the focus
   out of the open drawer closes it, so the focus is never hidden under its overlay. At desktop
   widths the labels are left exactly as Material made them. */
(function () {
  "use strict";
  // Material shows the drawer below 76.25em (its `screen$` breakpoint).
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var MARK = "data-drawer-button"; // kind of button this script made of a label
  var SAVED = "data-drawer-tabindex"; // the label's own tabindex, to restore at desktop width
  var CLOSED = "data-drawer-closed"; // a closed panel this script made inert

  function drawerToggle() {
    return document.getElementById("__drawer");
  }

  function menuButton() {
    return document.querySelector('.md-header label[for="__drawer"]');
  }

  function primaryNav() {
    return document.querySelector(".md-sidebar--primary .md-nav--primary");
  }

  function words(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The panel that holds a label, and that panel's own title label.
  function panelOf(element) {
    return element.closest("nav.md-nav");
  }

  function titleOf(panel) {
    return panel ? panel.querySelector(":scope > label.md-nav__title") : null;
  }

  // "Back" arrow of a nested panel: where it leads is its parent panel, or the main menu.
  function backName(title) {
    var parentItem = panelOf(title).closest(".md-nav__item");
    var parentTitle = parentItem ? titleOf(panelOf(parentItem)) : null;
    var parentName = !parentTitle || parentTitle.htmlFor === "__drawer" ? "main menu" : words(parentTitle);
    // The visible words come first, so speech users can say what they see (WCAG 2.5.3).
    return words(title) + ", back to " + parentName;
  }

  function makeButton(label, kind, name) {
    if (!label.hasAttribute(MARK)) {
      label.setAttribute(SAVED, label.hasAttribute("tabindex") ? label.getAttribute("tabindex") : "none");
    }
    label.setAttribute(MARK, kind);
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (name) label.setAttribute("aria-label", name);
  }

  function unmakeButton(label) {
    var saved = label.getAttribute(SAVED);
    if (saved === "none") label.removeAttribute("tabindex");
    else if (saved !== null) label.setAttribute("tabindex", saved);
    ["role", "aria-label", "aria-expanded", MARK, SAVED].forEach(function (name) {
      label.removeAttribute(name);
    });
  }

  function syncExpanded() {
    document.querySelectorAll("[" + MARK + "]").forEach(function (label) {
      var kind = label.getAttribute(MARK);
      if (kind === "menu" || kind === "open") {
        var toggle = document.getElementById(label.htmlFor);
        if (toggle) label.setAttribute("aria-expanded", String(toggle.checked));
      }
    });
    // A closed panel stays visible while it slides away (0.25 s); inert at once, so a quick
    // Tab cannot land on a control that is about to vanish and drop the focus.
    var nav = primaryNav();
    if (!nav || !narrow.matches) return;
    nav.querySelectorAll(".md-nav__toggle").forEach(function (toggle) {
      var panel = toggle.parentElement.querySelector(":scope > nav.md-nav");
      if (!panel) return;
      panel.inert = !toggle.checked;
      panel.toggleAttribute(CLOSED, !toggle.checked);
    });
  }

  function decorate() {
    var menu = menuButton();
    var nav = primaryNav();
    if (!narrow.matches) {
      document.querySelectorAll("[" + MARK + "]").forEach(unmakeButton);
      document.querySelectorAll("[" + CLOSED + "]").forEach(function (panel) {
        panel.inert = false;
        panel.removeAttribute(CLOSED);
      });
      return;
    }
    if (menu) makeButton(menu, "menu", "Menu");
    if (!nav) return;
    // Entries that open a nested panel (a section, or the page's table of contents).
    nav.querySelectorAll("label.md-nav__link[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (toggle && toggle.classList.contains("md-nav__toggle")) makeButton(label, "open");
    });
    // Back arrows of nested panels (the top panel's title closes the drawer: left alone).
    nav.querySelectorAll("nav.md-nav > label.md-nav__title[for]").forEach(function (title) {
      if (title.htmlFor !== "__drawer") makeButton(title, "back", backName(title));
    });
    syncExpanded();
  }

  // The innermost open panel of the drawer.
  function currentPanel() {
    var panel = primaryNav();
    for (;;) {
      var open = panel && panel.querySelector(":scope > .md-nav__list > .md-nav__item > .md-nav__toggle:checked ~ nav.md-nav");
      if (!open) return panel;
      panel = open;
    }
  }

  function shown(element) {
    return element.checkVisibility({ visibilityProperty: true });
  }

  function focus(element) {
    // preventScroll: the panels slide in with transforms inside clipped boxes, which the
    // browser would otherwise scroll sideways to "reveal" the focused control.
    if (element) element.focus({ preventScroll: true });
  }

  function focusFirstEntry() {
    var panel = currentPanel();
    if (!panel) return;
    var back = titleOf(panel);
    if (back && back.hasAttribute(MARK)) return focus(back);
    var entries = panel.querySelectorAll(":scope > .md-nav__list a[href], :scope > .md-nav__list [" + MARK + "]");
    focus(Array.prototype.find.call(entries, shown));
  }

  function setDrawer(open) {
    var toggle = drawerToggle();
    // A click, as Material does, so its own listeners see the change event.
    if (toggle && toggle.checked !== open) toggle.click();
  }

  function activate(label) {
    var kind = label.getAttribute(MARK);
    label.click(); // the label toggles its checkbox, as a pointer click would
    syncExpanded();
    if (kind === "menu") {
      if (drawerToggle().checked) focusFirstEntry();
    } else if (kind === "open") {
      // The entry is now hidden under the panel that slid in: continue at that panel's top.
      var panel = label.parentElement.querySelector(":scope > nav.md-nav");
      focus(titleOf(panel));
    } else if (kind === "back") {
      // Back in the parent panel, on the entry that opened this one.
      focus(primaryNav().querySelector('label.md-nav__link[for="' + label.htmlFor + '"]'));
    }
  }

  document.addEventListener(
    "keydown",
    function (event) {
      if (!narrow.matches || event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target instanceof Element ? event.target : null;
      if (event.key === "Escape") {
        var nav = primaryNav();
        var inDrawer = !!(target && nav && nav.contains(target));
        var searching = document.getElementById("__search");
        if ((drawerToggle().checked && !(searching && searching.checked)) || inDrawer) {
          setDrawer(false);
          focus(menuButton());
          event.preventDefault();
        }
        return;
      }
      if ((event.key !== "Enter" && event.key !== " ") || !target || !target.hasAttribute(MARK)) return;
      // Claim the key: Material's own Enter handler (on window) would click the label again,
      // and Space would scroll the page.
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) activate(target);
    },
    true
  );

  // Focus moving out of the open drawer (Tab past its end, a click elsewhere) closes it.
  document.addEventListener("focusin", function (event) {
    var nav = primaryNav();
    var target = event.target;
    if (!narrow.matches || !drawerToggle().checked || !nav) return;
    if (nav.contains(target) || target === menuButton()) return;
    setDrawer(false);
  });

  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains("md-toggle")) syncExpanded();
  });

  narrow.addEventListener("change", decorate);
  // Instant navigation replaces the navigation with each page: decorate every new one.
  document$.subscribe(decorate);
})();
