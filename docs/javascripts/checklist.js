/* Do / don't checklist: each item becomes a real, labelled checkbox. Ticks are kept only in
   this browser's localStorage (healthguide:<slug>:checklist:v1) and never sent anywhere. The
   item ids stay where they are: they are published anchors. */
(function () {
  "use strict";

  var VERSION = 1;

  function storageKey(slug) {
    return "healthguide:" + slug + ":checklist:v" + VERSION;
  }

  /* Ticked item ids. Unreadable data is moved aside (not erased) so it can still be recovered. */
  function loadTicks(key) {
    var raw = localStorage.getItem(key);
    if (raw === null) return [];
    try {
      var data = JSON.parse(raw);
      if (data && data.version === VERSION && Array.isArray(data.ticked)) {
        return data.ticked.filter(function (id) { return typeof id === "string"; });
      }
    } catch (error) { /* set aside below */ }
    localStorage.setItem(key.replace(/:v\d+$/, ":set-aside"), raw);
    localStorage.removeItem(key);
    return [];
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var key = storageKey(root.getAttribute("data-checklist"));
    var ticked;
    try {
      ticked = loadTicks(key);
    } catch (error) {
      return; // storage blocked: the plain list still works
    }
    // The anchor id sits on the list item or on its paragraph (attr_list): keep it there.
    var items = [].slice.call(root.querySelectorAll("li[id], li > [id]"));
    var status = document.createElement("p");
    status.className = "checklist__status";
    status.setAttribute("role", "status");

    function save() {
      var ids = items.filter(function (item) { return item.querySelector("input").checked; }).map(function (item) { return item.id; });
      try {
        localStorage.setItem(key, JSON.stringify({ version: VERSION, ticked: ids }));
      } catch (error) { /* ticks still work for this visit */ }
      status.textContent = ids.length + " of " + items.length + " ticked.";
    }

    items.forEach(function (item) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "tick-" + item.id;
      box.checked = ticked.indexOf(item.id) !== -1;
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
    reset.textContent = "Clear all ticks";
    reset.addEventListener("click", function () {
      items.forEach(function (item) { item.querySelector("input").checked = false; });
      save();
      status.textContent = "All ticks cleared.";
    });
    var actions = document.createElement("div");
    actions.className = "checklist__actions";
    actions.appendChild(reset);
    actions.appendChild(status);
    root.appendChild(actions);
    root.classList.add("checklist--tickable");
  }

  window.Checklist = { init: init };
})();
