/* Deep links: a "Copy link" button for each section heading, and landing on a linked item.
   The generator emits one hidden [data-deep-links] marker per topic page (generator/
   deep_links.py) with the page's items (id -> title) and renamed ids (old -> new); a
   heading's button copies the address the page was opened on. The clinicians' links page
   marks entries with [data-copy-url]: the public address printed beside the QR code. Every item keeps its anchor, but only section headings (h2/h3, FAQ
   questions included) get a button: one in every list item, table row and care card made
   the page a wall of buttons and keyboard stops. Buttons are added here, so the Markdown,
   the table of contents and the search index never contain them. Started by
   page-scripts.js through Material's document$, so it also runs after instant navigation. */
(function () {
  "use strict";

  var HIGHLIGHT_MS = 3000;
  // Buttons are added in batches while the page is idle: the clinicians' page has ~330 entries,
  // and adding them all in one task blocked a phone's main thread (issue 17).
  // Creating a button is quick; styling and placing it is the cost, after the task that added
  // it, so batches are counted, not timed: the clinicians' page gets 9 short ones.
  var BATCH_SIZE = 40;
  var WAIT_MS = 200; // the longest wait for an idle moment before a batch runs anyway
  var pending = []; // functions each adding one button, in page order; the current page's only

  var whenIdle = window.requestIdleCallback
    ? function (work) {
        window.requestIdleCallback(work, { timeout: WAIT_MS });
      }
    : function (work) {
        // Safari has no requestIdleCallback: one batch per task.
        window.setTimeout(work, 0);
      };

  /* Add the pending buttons BATCH_SIZE at a time, each batch in a task of its own, then call done(). */
  function addInBatches(done) {
    var queue = pending;
    whenIdle(function batch() {
      if (queue !== pending) return; // another page opened since (instant navigation)
      pending.splice(0, BATCH_SIZE).forEach(function (add) {
        add();
      });
      if (pending.length) whenIdle(batch);
      else done();
    });
  }

  /* Add every pending button now (before landing: none added later moves the linked item). */
  function addAllNow() {
    while (pending.length) pending.shift()();
  }

  function parse(root, name) {
    try {
      return JSON.parse(root.getAttribute(name) || "{}");
    } catch {
      return {};
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Older browsers, or a page opened over plain http from another host.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "copy-link-scratch";
      document.body.appendChild(area);
      area.select();
      var copied;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) resolve();
      else reject(new Error("copy failed"));
    });
  }

  /* Catalog words with their {placeholders} filled in (as text: the page sets textContent). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function announce(region, message) {
    // Clear first so the same message is announced again on a second copy.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 100);
  }

  /* `words`: the strings catalog's copy_link_script, from the marker's data-strings. */
  function makeButton(url, title, region, words, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className || "copy-link";
    button.setAttribute("aria-label", fill(words.copy_label, { title: title }));
    button.setAttribute("data-copy-link", url);
    button.textContent = words.button;
    button.addEventListener("click", function () {
      copyText(url).then(
        function () {
          button.textContent = words.copied;
          announce(region, fill(words.copied_status, { title: title }));
          window.setTimeout(function () {
            button.textContent = words.button;
          }, HIGHLIGHT_MS);
          button.focus();
        },
        function () {
          announce(region, fill(words.failed, { url: url }));
        }
      );
    });
    return button;
  }

  /* A section heading outside lists, tables and care cards (a card is one call to action). */
  function takesButton(target) {
    return /^H[23]$/.test(target.tagName) && !target.closest("li, table, .care-card");
  }

  function highlight(target) {
    target.classList.remove("deep-link-target");
    void target.offsetWidth; // restart the fade when the same item is linked again
    target.classList.add("deep-link-target");
    window.setTimeout(function () {
      target.classList.remove("deep-link-target");
    }, HIGHLIGHT_MS);
  }

  /* Scroll the linked item below the sticky header (CSS scroll-margin-top) and highlight it.
     A renamed id is forwarded to the item's current id first; an id that moved to another
     page of the guide (an old link to the topic's address) opens that page, replacing this
     history entry so Back returns to where the reader came from. */
  function land(root) {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var moved = parse(root, "data-moved");
    var elsewhere = parse(root, "data-elsewhere");
    if (!document.getElementById(id) && Object.prototype.hasOwnProperty.call(elsewhere, id)) {
      location.replace(new URL(elsewhere[id], location.href).href);
      return;
    }
    if (!document.getElementById(id) && moved[id]) {
      id = moved[id];
      history.replaceState(history.state, "", "#" + encodeURIComponent(id));
    }
    var target = document.getElementById(id);
    if (!target || target.closest("[hidden]")) return;
    addAllNow();
    target.scrollIntoView({ block: "start", behavior: "auto" });
    highlight(target);
  }

  /* Sets data-ready once every button is in place (browser tests wait on it). */
  function init(root) {
    if (root.dataset.started) return;
    root.dataset.started = "true";
    var region = document.createElement("p");
    region.className = "copy-link-status";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    root.insertAdjacentElement("afterend", region);

    // The address the reader is on, not site_url: a copy of the site opened elsewhere (a
    // mirror, a preview, the local server) hands out links that work where it was opened.
    var pageUrl = location.origin + location.pathname;
    var items = parse(root, "data-items");
    var words = parse(root, "data-strings");
    pending = [];
    Object.keys(items).forEach(function (id) {
      var target = document.getElementById(id);
      // Next to the heading, not inside it: the heading's name stays its title.
      if (target && takesButton(target)) {
        pending.push(function () {
          target.insertAdjacentElement("afterend", makeButton(pageUrl + "#" + encodeURIComponent(id), items[id], region, words, "copy-link copy-link--heading"));
        });
      }
    });
    document.querySelectorAll("[data-copy-url]").forEach(function (entry) {
      pending.push(function () {
        entry.appendChild(makeButton(entry.getAttribute("data-copy-url"), entry.getAttribute("data-copy-title"), region, words));
      });
    });
    addInBatches(function () {
      root.dataset.ready = "true";
    });
    // After instant navigation Material may still be placing the page: land on the next frame.
    window.requestAnimationFrame(function () {
      land(root);
    });
  }

  window.addEventListener("hashchange", function () {
    var root = document.querySelector("[data-deep-links]");
    if (root) land(root);
  });

  window.DeepLinks = { init: init, land: land };
})();
