/* Do / do not checklist: each "Do" item becomes a real, labelled checkbox ("Do not" items are
   not actions to tick and stay a list). Ticks are kept only in
   this browser's localStorage (healthguide:<slug>:checklist:v1) and never sent anywhere. The
   item ids stay where they are: they are published anchors. */
(function () {
  "use strict";

  var VERSION = 1;

  function storageKey(slug) {
    return "healthguide:" + slug + ":checklist:v" + VERSION;
  }

  function asidePrefix(slug) {
    return "healthguide:" + slug + ":checklist:set-aside";
  }

  /* A key no set-aside copy uses yet (":set-aside", then ":set-aside:2"...): an earlier copy
     is never overwritten. */
  function freeAsideKey(slug) {
    var key = asidePrefix(slug);
    for (var n = 2; localStorage.getItem(key) !== null; n++) key = asidePrefix(slug) + ":" + n;
    return key;
  }

  /* The ticked ids in stored text, or null when it cannot be read. */
  function parseTicks(raw) {
    try {
      var data = JSON.parse(raw);
      if (data && data.version === VERSION && Array.isArray(data.ticked)) {
        return data.ticked.filter(function (id) { return typeof id === "string"; });
      }
    } catch { /* null below */ }
    return null;
  }

  /* The stored ticks, with those saved under the topic's old slugs (moved_from) brought over.
     Unreadable data is set aside under a key of its own, never erased; old data is removed only
     after its copy is saved. Returns {ticked, saved (every write worked), frozen (unreadable
     data is still in the current key, so it must not be overwritten), moved}. Throws only
     when the browser does not let the page read its storage at all. */
  function load(slug, movedFrom) {
    var result = { ticked: [], saved: true, frozen: false, moved: false };
    var key = storageKey(slug);
    function attempt(action) {
      try {
        action();
        return true;
      } catch {
        result.saved = false;
        return false;
      }
    }
    var raw = localStorage.getItem(key);
    if (raw !== null) {
      var ticks = parseTicks(raw);
      if (ticks) result.ticked = ticks;
      else if (!attempt(function () { localStorage.setItem(freeAsideKey(slug), raw); localStorage.removeItem(key); })) result.frozen = true;
    }
    movedFrom.forEach(function (old) {
      var oldKey = storageKey(old);
      var oldRaw = localStorage.getItem(oldKey);
      if (oldRaw !== null) {
        var oldTicks = parseTicks(oldRaw);
        var added = (oldTicks || []).filter(function (id) { return result.ticked.indexOf(id) === -1; });
        result.ticked = result.ticked.concat(added);
        var kept = oldTicks === null ?
          attempt(function () { localStorage.setItem(freeAsideKey(slug), oldRaw); }) :
          !result.frozen && attempt(function () { localStorage.setItem(key, JSON.stringify({ version: VERSION, ticked: result.ticked })); });
        if (kept && attempt(function () { localStorage.removeItem(oldKey); }) && added.length) result.moved = true;
      }
      // Copies the old page set aside move too, each to a key of its own.
      var oldAside = [];
      for (var i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i).indexOf(asidePrefix(old)) === 0) oldAside.push(localStorage.key(i));
      }
      oldAside.forEach(function (asideKey) {
        var value = localStorage.getItem(asideKey);
        if (attempt(function () { localStorage.setItem(freeAsideKey(slug), value); })) attempt(function () { localStorage.removeItem(asideKey); });
      });
    });
    return result;
  }

  /* True when the browser lets the page save at all (private windows and full storage refuse). */
  function canSave(slug) {
    var probe = "healthguide:" + slug + ":checklist:probe";
    try {
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  }

  /* Catalog words with their {placeholders} filled in (as text: the page sets textContent). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function message(className, role, text) {
    var p = document.createElement("p");
    p.className = className;
    p.setAttribute("role", role);
    p.textContent = text;
    p.hidden = true;
    return p;
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var slug = root.getAttribute("data-checklist");
    var movedFrom = (root.getAttribute("data-checklist-moved-from") || "").split(" ").filter(Boolean);
    // The strings catalog's checklist_script, percent-encoded JSON (generator/render/environment.py).
    var words = JSON.parse(decodeURIComponent(root.getAttribute("data-strings")));
    var key = storageKey(slug);
    var loaded;
    try {
      loaded = load(slug, movedFrom);
    } catch {
      loaded = { ticked: [], saved: false, frozen: true, moved: false }; // storage blocked
    }
    // Only the "Do" items are actions to tick; "Do not" items stay a plain list.
    // The anchor id sits on the list item or on its paragraph (attr_list): keep it there.
    var items = [].slice.call(root.querySelectorAll(".checklist__do li[id], .checklist__do li > [id]"));
    var status = message("checklist__status", "status", "");
    status.hidden = false;
    var notSaving = message("checklist__warning", "alert", words.not_saving);
    notSaving.setAttribute("data-checklist-storage", "");

    function save() {
      var ids = items.filter(function (item) { return item.querySelector("input").checked; }).map(function (item) { return item.id; });
      var saved = !loaded.frozen;
      if (saved) {
        try {
          localStorage.setItem(key, JSON.stringify({ version: VERSION, ticked: ids }));
        } catch {
          saved = false; // the ticks still work for this visit, and the page says so
        }
      }
      notSaving.hidden = saved;
      status.textContent = fill(words.ticked, { ticked: ids.length, total: items.length }) + (saved ? "" : " " + words.not_saved);
    }

    items.forEach(function (item) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "tick-" + item.id;
      box.checked = loaded.ticked.indexOf(item.id) !== -1;
      box.addEventListener("change", save);
      var label = document.createElement("label");
      label.htmlFor = box.id;
      while (item.firstChild) label.appendChild(item.firstChild);
      item.classList.add("checklist__item");
      item.appendChild(box);
      item.appendChild(label);
    });

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button checklist__reset";
    reset.textContent = words.clear;
    reset.addEventListener("click", function () {
      items.forEach(function (item) { item.querySelector("input").checked = false; });
      save();
      status.textContent = words.cleared + (notSaving.hidden ? "" : " " + words.not_saved);
    });
    var actions = document.createElement("div");
    actions.className = "checklist__actions";
    actions.appendChild(reset);
    actions.appendChild(status);
    root.insertBefore(notSaving, root.firstChild);
    if (loaded.moved) {
      var moved = message("checklist__status", "status", words.moved);
      moved.setAttribute("data-checklist-moved", "");
      moved.hidden = false;
      root.insertBefore(moved, notSaving.nextSibling);
    }
    root.appendChild(actions);
    root.classList.add("checklist--tickable");
    notSaving.hidden = loaded.saved && !loaded.frozen && canSave(slug);
  }

  // load is also exported for its tests (tests/js/checklist.test.mjs).
  window.Checklist = { init: init, load: load };
})();
