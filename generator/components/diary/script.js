/* Symptom diary: entries are kept only in this browser's localStorage and never sent anywhere.
   The choices (ids and labels) and the topic's own words (its questions, what an episode is called) are data emitted by the
   generator from the topic YAML (generator/pages/diary_data.py), with this script's interface
   words from the strings catalog (config.strings); the page's templates hold the rest. */
(function () {
  "use strict";

  var VERSION = 2;
  var WINDOW_DAYS = 14;
  var WHEN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  var INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/; // Date#toISOString()
  var EARLIEST_ID_TIME = Date.UTC(2020, 0, 1); // older "times" in an id are not creation times

  /* Stored formats, under healthguide:<topic>:diary:v<VERSION>, as {version, entries: [...]}:
     v1  entry = {id, when, location, duration, strength, triggers, note}; `when` is the local
         wall-clock time the reader gave ("2026-11-25T08:30").
     v2  adds created and updated: when the entry was written down and last changed, as UTC
         instants (ISO 8601), or null when not known. They tell a diary kept on the day from one
         filled in later from memory (shown in the list and the CSV), and order entries noted
         for the same minute by when they were written. */

  /* v1 made ids as Date.now() in base 36, a dash and random letters, so the moment an entry
     was first written can be read back from its id; other ids give null (not known). */
  function createdFromId(id) {
    var match = /^([0-9a-z]{6,10})-[0-9a-z]+$/.exec(id);
    if (!match) return null;
    var time = parseInt(match[1], 36);
    return time >= EARLIEST_ID_TIME && time <= Date.now() + 86400000 ? new Date(time).toISOString() : null;
  }

  // UPGRADES[n] turns stored version-n data into version n+1, or returns null when it cannot
  // (the data is then kept aside, unchanged). Entries it cannot read are passed on as they are,
  // so load() keeps them aside in their original form.
  var UPGRADES = {
    1: function (data) {
      if (data.version !== 1 || !Array.isArray(data.entries)) return null;
      return {
        version: 2,
        entries: data.entries.map(function (entry) {
          if (!isEntryV1(entry)) return entry;
          var upgraded = clean(entry, true);
          upgraded.created = createdFromId(entry.id);
          upgraded.updated = null;
          return upgraded;
        }),
      };
    },
  };

  // -- Storage ---------------------------------------------------------------------------------

  /* Like the checklist's, the key names the topic and the format version of the data in it. */
  function versionKey(topic, version) {
    return "healthguide:" + topic + ":diary:v" + version;
  }

  function currentKey(config) {
    return versionKey(config.topic, VERSION);
  }

  function asideKey(topic) {
    return "healthguide:" + topic + ":diary:set-aside";
  }

  /* The topic's slug now and the slugs it was published under before (moved_from): storage
     written under an old slug is brought over, so a renamed topic keeps every reader's diary. */
  function slugs(config) {
    return [config.topic].concat(config.moved_from || []);
  }

  function isEntryV1(entry) {
    return !!entry && typeof entry === "object" && !Array.isArray(entry) &&
      typeof entry.id === "string" && entry.id !== "" &&
      typeof entry.when === "string" && WHEN.test(entry.when) && !isNaN(parseWhen(entry.when).getTime()) &&
      ["location", "duration", "strength"].every(function (field) { return typeof entry[field] === "string" && entry[field] !== ""; }) &&
      Array.isArray(entry.triggers) && entry.triggers.every(function (t) { return typeof t === "string"; }) &&
      typeof entry.note === "string";
  }

  function isInstantOrNull(value) {
    return value === null || (typeof value === "string" && INSTANT.test(value) && !isNaN(new Date(value).getTime()));
  }

  function isEntry(entry) {
    return isEntryV1(entry) && isInstantOrNull(entry.created) && isInstantOrNull(entry.updated);
  }

  /* Only the known fields, copied (v1 fields only when `v1` is true). */
  function clean(entry, v1) {
    var copy = { id: entry.id, when: entry.when, location: entry.location, duration: entry.duration, strength: entry.strength, triggers: entry.triggers.slice(), note: entry.note };
    if (!v1) {
      copy.created = entry.created;
      copy.updated = entry.updated;
    }
    return copy;
  }

  /* Data that cannot be read is never thrown away: it is added, unchanged, to the set-aside
     list, where the reader can download or delete it. Throws when the browser refuses to save. */
  function setAside(config, items) {
    localStorage.setItem(asideKey(config.topic), JSON.stringify(readAside(config.topic).concat(items)));
  }

  function asideItem(fromKey, raw) {
    return { found: new Date().toISOString(), key: fromKey, data: raw };
  }

  function readAside(topic) {
    var raw = localStorage.getItem(asideKey(topic));
    if (raw === null) return [];
    try {
      var list = JSON.parse(raw);
      if (Array.isArray(list)) return list;
    } catch { /* kept below */ }
    return [asideItem(asideKey(topic), raw)];
  }

  function parseStored(raw) {
    try {
      var data = JSON.parse(raw);
      return data && typeof data === "object" && !Array.isArray(data) ? data : null;
    } catch {
      return null;
    }
  }

  /* Older stored versions, upgraded step by step to the current format; null if impossible. */
  function upgrade(data, version) {
    for (var v = version; v < VERSION; v++) {
      if (!UPGRADES[v] || !data) return null;
      data = UPGRADES[v](data);
    }
    return data;
  }

  function save(config, entries) {
    localStorage.setItem(currentKey(config), JSON.stringify({ version: VERSION, entries: entries }));
  }

  /* True when a later version of this page saved a diary under a key this one does not know
     (":v3" and up): that data is never read, changed or overwritten here. */
  function hasNewerData(config) {
    var pattern = /:diary:v(\d+)$/;
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      var match = pattern.exec(key);
      if (match && Number(match[1]) > VERSION && slugs(config).some(function (slug) { return key === versionKey(slug, match[1]); })) return true;
    }
    return false;
  }

  /* Reads everything the diary stored and brings it into the current key: older formats are
     upgraded, data saved under an old slug is brought over, unreadable data is set aside. Old
     data is removed only after its replacement is saved, so a browser that refuses to save
     loses nothing: the entries are shown from memory and the old keys stay for the next visit.
     Returns {entries, saved (every write worked), frozen (the current key holds unreadable data
     that could not be set aside, so it must not be overwritten), unread (that data), moved,
     newer}. Throws only when the browser does not let the page read its storage at all. */
  function load(config) {
    var result = { entries: [], saved: true, frozen: false, unread: [], moved: false, newer: hasNewerData(config) };
    function write(action) {
      try {
        action();
        return true;
      } catch {
        result.saved = false;
        return false;
      }
    }
    function split(list) {
      return { good: list.filter(isEntry).map(function (entry) { return clean(entry); }), bad: list.filter(function (entry) { return !isEntry(entry); }) };
    }

    var key = currentKey(config);
    var raw = localStorage.getItem(key);
    if (raw !== null) {
      var data = parseStored(raw);
      if (!data || data.version !== VERSION || !Array.isArray(data.entries)) {
        if (!write(function () { setAside(config, [asideItem(key, raw)]); localStorage.removeItem(key); })) {
          result.frozen = true;
          result.unread.push(asideItem(key, raw));
        }
      } else {
        var parts = split(data.entries);
        result.entries = parts.good;
        if (parts.bad.length && !write(function () { setAside(config, [asideItem(key, JSON.stringify(parts.bad))]); save(config, parts.good); })) {
          result.frozen = true;
          result.unread.push(asideItem(key, JSON.stringify(parts.bad)));
        }
      }
    }

    slugs(config).forEach(function (slug) {
      var moved = slug !== config.topic;
      for (var v = VERSION; v >= 1; v--) {
        var oldKey = versionKey(slug, v);
        if (oldKey === key) continue;
        var oldRaw = localStorage.getItem(oldKey);
        if (oldRaw === null) continue;
        var upgraded = upgrade(parseStored(oldRaw), v);
        var keptAside = function (items) { return write(function () { setAside(config, items); }); };
        var done;
        if (!upgraded) {
          done = keptAside([asideItem(oldKey, oldRaw)]);
        } else {
          // Entries missing from the current data are added to it (a tab still running an old
          // page may have saved after the upgrade); for an entry in both, the current copy wins.
          var old = split(upgraded.entries);
          var known = {};
          result.entries.forEach(function (entry) { known[entry.id] = true; });
          var added = old.good.filter(function (entry) { return !known[entry.id]; });
          result.entries = result.entries.concat(added);
          if (moved && added.length) result.moved = true;
          done = !result.frozen && (!old.bad.length || keptAside([asideItem(oldKey, JSON.stringify(old.bad))])) &&
            write(function () { save(config, result.entries); });
        }
        if (done) write(function () { localStorage.removeItem(oldKey); });
      }
      if (moved) {
        var oldAside = localStorage.getItem(asideKey(slug));
        if (oldAside !== null && write(function () { setAside(config, readAside(slug)); })) {
          write(function () { localStorage.removeItem(asideKey(slug)); });
        }
      }
    });
    return result;
  }

  /* True when the browser lets the page save at all (private windows and full storage refuse). */
  function canSave(config) {
    var probe = "healthguide:" + config.topic + ":diary:probe";
    try {
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  }

  /* Everything this topic keeps in the browser (diary, set-aside data, checklist ticks), under
     its slug and the slugs it had before. */
  function deleteAll(config) {
    var prefixes = slugs(config).map(function (slug) { return "healthguide:" + slug + ":"; });
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (prefixes.some(function (prefix) { return key.indexOf(prefix) === 0; })) keys.push(key);
    }
    keys.forEach(function (key) { localStorage.removeItem(key); });
  }

  // -- Dates -----------------------------------------------------------------------------------

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function dayKey(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function localWhen(date) {
    return dayKey(date) + "T" + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function parseWhen(when) {
    var p = when.split(/[-T:]/).map(Number);
    return new Date(p[0], p[1] - 1, p[2], p[3] || 0, p[4] || 0);
  }

  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function daysBetween(firstKey, lastKey) {
    return Math.round((parseWhen(lastKey) - parseWhen(firstKey)) / 86400000);
  }

  var locale = "en-GB";

  function lang() {
    return locale;
  }

  function longDay(date) {
    return date.toLocaleDateString(lang(), { weekday: "short", day: "numeric", month: "long", year: "numeric" });
  }

  function showWhen(when) {
    var date = parseWhen(when);
    return longDay(date) + ", " + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function showInstant(instant) {
    return showWhen(localWhen(new Date(instant)));
  }

  // -- Summary ---------------------------------------------------------------------------------

  function countBy(list, pick) {
    var counts = {};
    list.forEach(function (item) {
      [].concat(pick(item)).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
    });
    return counts;
  }

  /* Most common first; ties keep the order of the YAML choices. */
  function ranked(counts, choices) {
    var order = choices.map(function (c) { return c.id; });
    Object.keys(counts).forEach(function (id) { if (order.indexOf(id) === -1) order.push(id); });
    return order
      .filter(function (id) { return counts[id]; })
      .sort(function (a, b) { return counts[b] - counts[a] || order.indexOf(a) - order.indexOf(b); })
      .map(function (id) { return { id: id, count: counts[id] }; });
  }

  /* The last 14 days up to `today`: counts per day, facts and the warning patterns that match. */
  function summarise(config, entries, today) {
    var days = [];
    for (var i = WINDOW_DAYS - 1; i >= 0; i--) days.push(dayKey(addDays(today, -i)));
    var perDay = {};
    days.forEach(function (day) { perDay[day] = 0; });
    var recent = entries.filter(function (entry) { return entry.when.slice(0, 10) in perDay; });
    recent.forEach(function (entry) { perDay[entry.when.slice(0, 10)] += 1; });
    var half = WINDOW_DAYS / 2;
    var earlierDays = days.slice(0, half);
    var laterDays = days.slice(half);
    var inDays = function (list) {
      return recent.filter(function (entry) { return list.indexOf(entry.when.slice(0, 10)) !== -1; });
    };
    var earlier = inDays(earlierDays);
    var later = inDays(laterDays);
    var earlierPlaces = countBy(earlier, function (e) { return e.location; });
    var newPlaces = Object.keys(countBy(later, function (e) { return e.location; }))
      .filter(function (place) { return !(place in earlierPlaces); });
    var allDays = entries.map(function (entry) { return entry.when.slice(0, 10); }).sort();
    var patterns = [];
    // A new place in the last week, when the week before had episodes too.
    if (earlier.length && newPlaces.length) patterns.push("spreading");
    // Clearly more: at least half as many again, and at least 3 more.
    if (earlier.length && later.length >= earlier.length * 1.5 && later.length - earlier.length >= 3) patterns.push("more-frequent");
    // Still noted within the window, more than 2 weeks after the first entry.
    if (recent.length && daysBetween(allDays[0], allDays[allDays.length - 1]) >= WINDOW_DAYS) patterns.push("lasting");
    return {
      days: days,
      perDay: days.map(function (day) { return perDay[day]; }),
      total: recent.length,
      daysWithEpisodes: days.filter(function (day) { return perDay[day] > 0; }).length,
      triggers: ranked(countBy(recent, function (e) { return e.triggers; }), config.triggers),
      places: ranked(countBy(recent, function (e) { return e.location; }), config.locations),
      earlier: earlier.length,
      later: later.length,
      newPlaces: newPlaces,
      patterns: patterns.filter(function (p) { return config.patterns.indexOf(p) !== -1; }),
    };
  }

  // -- CSV -------------------------------------------------------------------------------------

  function csvField(value) {
    value = String(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /* An instant as local "YYYY-MM-DD HH:MM"; empty when not known. */
  function csvInstant(instant) {
    if (!instant) return "";
    var date = new Date(instant);
    return dayKey(date) + " " + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  /* RFC 4180: every entry, oldest first, with labels rather than ids. */
  function toCsv(config, entries) {
    var words = config.strings;
    var rows = [[words.csv_date, words.csv_time, words.csv_where, words.csv_how_long, words.csv_how_strong, words.csv_triggers, words.csv_note, words.csv_written, words.csv_changed]];
    oldestFirst(entries).forEach(function (entry) {
      rows.push([
        entry.when.slice(0, 10), entry.when.slice(11), label(config, "locations", entry.location),
        label(config, "durations", entry.duration), label(config, "strengths", entry.strength),
        entry.triggers.map(function (t) { return label(config, "triggers", t); }).join("; "), entry.note,
        csvInstant(entry.created), csvInstant(entry.updated),
      ]);
    });
    return rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  /* By the time of the episode; entries for the same minute by when they were written down
     (not known first), then by id, so the order never changes between reloads. */
  function oldestFirst(entries) {
    var compare = function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    return entries.slice().sort(function (a, b) {
      return compare(a.when, b.when) || compare(a.created || "", b.created || "") || compare(a.id, b.id);
    });
  }

  /* The label of choice `id` in config[list]; a choice the topic no longer lists says so. */
  function label(config, list, id) {
    var found = config[list].filter(function (c) { return c.id === id; })[0];
    return found ? found.label : fill(config.strings.no_longer_listed, { label: id });
  }

  /* Catalog words with their {placeholders} filled in (as text: the page sets textContent). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* The catalog's words for `count`: key_one for 1, key_other otherwise. */
  function plural(words, key, count) {
    return fill(words[key + (count === 1 ? "_one" : "_other")], { count: count });
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // -- Page ------------------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawChart(container, summary) {
    // Room below the axis for the day labels at the larger size print uses (diary.css).
    var width = 560, height = 200, left = 28, bottom = 40, top = 20;
    var slot = (width - left) / summary.days.length;
    var max = Math.max(1, Math.max.apply(null, summary.perDay));
    var plot = height - bottom - top;
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, class: "diary__svg", "aria-hidden": "true", focusable: "false" });
    chart.appendChild(svg("line", { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: "diary__axis" }));
    chart.appendChild(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end", class: "diary__svg-text" }, String(max)));
    chart.appendChild(svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end", class: "diary__svg-text" }, "0"));
    summary.days.forEach(function (day, i) {
      var count = summary.perDay[i];
      var barHeight = (count / max) * plot;
      var x = left + i * slot;
      if (count) {
        chart.appendChild(svg("rect", { x: x + slot * 0.15, y: height - bottom - barHeight, width: slot * 0.7, height: barHeight, class: "diary__bar", "data-day": day, "data-count": count }));
        chart.appendChild(svg("text", { x: x + slot / 2, y: height - bottom - barHeight - 4, "text-anchor": "middle", class: "diary__svg-text" }, String(count)));
      }
      var date = parseWhen(day);
      chart.appendChild(svg("text", { x: x + slot / 2, y: height - bottom + 17, "text-anchor": "middle", class: "diary__svg-text" }, String(date.getDate())));
      chart.appendChild(svg("text", { x: x + slot / 2, y: height - bottom + 34, "text-anchor": "middle", class: "diary__svg-text diary__svg-text--small" }, date.toLocaleDateString(lang(), { weekday: "narrow" })));
    });
    container.textContent = "";
    container.appendChild(chart);
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    // Percent-encoded JSON (generator/self_check_data.py json_attribute).
    var config = JSON.parse(decodeURIComponent(root.getAttribute("data-config")));
    locale = config.locale || locale;
    var words = config.strings; // the catalog's interface words
    var topicWords = config.words; // the topic's own: its form's messages, the summary's counts
    var $ = function (selector) { return root.querySelector(selector); };
    var form = $("[data-diary-form]");
    var status = $("[data-diary-status]");
    var listStatus = $("[data-diary-list-status]");
    var dataStatus = $("[data-diary-data-status]");
    var undo = $("[data-diary-undo]");
    var entries = [];
    var editing = null;
    var lastDeleted = null;

    $("[data-diary-fallback]").hidden = true;
    var loaded;
    try {
      loaded = load(config);
    } catch {
      // The browser does not let the page read its storage: the diary still works for this
      // visit, and Download keeps a copy.
      loaded = { entries: [], saved: false, frozen: true, unread: [], moved: false, newer: false, blocked: true };
    }
    entries = loaded.entries;
    var frozen = loaded.frozen; // the current key holds unreadable data: never overwrite it
    var unread = loaded.unread;
    form.hidden = false;
    $("[data-diary-entries]").hidden = false;
    $("[data-diary-data]").hidden = false;
    $("[data-diary-moved]").hidden = !loaded.moved;
    $("[data-diary-newer]").hidden = !loaded.newer;
    showStorageProblem(loaded.blocked ? "blocked" : !loaded.saved || !canSave(config) ? "not-saving" : null);

    /* Which storage problem the page explains, if any (the texts are in the page's template). */
    function showStorageProblem(kind) {
      var box = $("[data-diary-storage]");
      box.hidden = !kind;
      box.querySelectorAll("[data-diary-storage-message]").forEach(function (p) {
        p.hidden = p.getAttribute("data-diary-storage-message") !== kind;
      });
    }

    /* Saves `next` as the diary; false (and the page says why) when the browser refuses. */
    function persist(next) {
      if (!frozen) {
        try {
          save(config, next);
          if (!loaded.blocked) showStorageProblem(null);
          return true;
        } catch { /* explained below */ }
      }
      if (!loaded.blocked) showStorageProblem("not-saving");
      return false;
    }

    function showProblem() {
      var aside = unread;
      try {
        aside = readAside(config.topic).concat(unread);
      } catch { /* storage blocked: only what this visit could not read */ }
      var box = $("[data-diary-problem]");
      box.hidden = aside.length === 0;
      if (!aside.length) return aside;
      box.querySelector("[data-diary-problem-text]").textContent = plural(words, "unreadable", aside.length);
      return aside;
    }

    function resetForm() {
      form.reset();
      editing = null;
      form.elements.when.value = localWhen(new Date());
      $("[data-diary-form-title]").textContent = words.add_entry;
      $("[data-diary-submit]").textContent = words.save_entry;
      $("[data-diary-cancel]").hidden = true;
      clearErrors();
    }

    function clearErrors() {
      root.querySelectorAll("[data-diary-error]").forEach(function (p) { p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
    }

    function checked(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : "";
    }

    var MISSING = { location: topicWords.location_missing, duration: topicWords.duration_missing, strength: topicWords.strength_missing };

    function readForm() {
      clearErrors();
      var firstBad = null;
      var when = form.elements.when.value;
      if (!WHEN.test(when)) {
        form.elements.when.setAttribute("aria-invalid", "true");
        firstBad = form.elements.when;
      }
      Object.keys(MISSING).forEach(function (name) {
        if (!checked(name)) {
          $('[data-diary-error="' + name + '"]').textContent = MISSING[name];
          var first = form.querySelector('input[name="' + name + '"]');
          first.closest("fieldset").setAttribute("aria-invalid", "true");
          firstBad = firstBad || first;
        }
      });
      if (firstBad) {
        status.textContent = words.fill_in;
        firstBad.focus();
        return null;
      }
      var now = new Date().toISOString();
      return {
        id: editing ? editing.id : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8),
        when: when,
        location: checked("location"),
        duration: checked("duration"),
        strength: checked("strength"),
        triggers: [].map.call(form.querySelectorAll('input[name="triggers"]:checked'), function (i) { return i.value; }),
        note: form.elements.note.value.trim(),
        created: editing ? editing.created : now,
        updated: editing ? now : null,
      };
    }

    function startEditing(entry) {
      resetForm();
      editing = entry;
      form.elements.when.value = entry.when;
      ["location", "duration", "strength"].forEach(function (name) {
        var input = form.querySelector('input[name="' + name + '"][value="' + CSS.escape(entry[name]) + '"]');
        if (input) input.checked = true;
      });
      entry.triggers.forEach(function (t) {
        var input = form.querySelector('input[name="triggers"][value="' + CSS.escape(t) + '"]');
        if (input) input.checked = true;
      });
      form.elements.note.value = entry.note;
      $("[data-diary-form-title]").textContent = fill(words.change_entry, { when: showWhen(entry.when) });
      $("[data-diary-submit]").textContent = words.save_changes;
      $("[data-diary-cancel]").hidden = false;
      $("[data-diary-form-title]").focus();
    }

    function entryItem(entry) {
      var item = el("li", undefined, "diary__entry");
      item.setAttribute("data-entry", entry.id);
      var when = el("p", undefined, "diary__entry-when");
      when.appendChild(el("strong", showWhen(entry.when)));
      item.appendChild(when);
      item.appendChild(el("p", fill(words.entry, { location: label(config, "locations", entry.location), duration: label(config, "durations", entry.duration), strength: label(config, "strengths", entry.strength) })));
      if (entry.triggers.length) {
        item.appendChild(el("p", fill(words.entry_triggers, { triggers: entry.triggers.map(function (t) { return label(config, "triggers", t); }).join(", ") })));
      }
      if (entry.note) item.appendChild(el("p", fill(words.entry_note, { note: entry.note }), "diary__note"));
      // Written down on a later day: the reader (and their doctor) can see it was from memory.
      if (entry.created && dayKey(new Date(entry.created)) > entry.when.slice(0, 10)) {
        item.appendChild(el("p", fill(words.written_later, { when: showInstant(entry.created) }), "diary__entry-meta"));
      }
      if (entry.updated) item.appendChild(el("p", fill(words.changed_on, { when: showInstant(entry.updated) }), "diary__entry-meta"));
      var actions = el("div", undefined, "diary__actions diary__entry-actions");
      var edit = el("button", words.edit, "md-button");
      edit.type = "button";
      edit.setAttribute("aria-label", fill(words.edit_label, { when: showWhen(entry.when) }));
      edit.addEventListener("click", function () { startEditing(entry); });
      var remove = el("button", words.delete, "md-button");
      remove.type = "button";
      remove.setAttribute("aria-label", fill(words.delete_label, { when: showWhen(entry.when) }));
      remove.addEventListener("click", function () { deleteEntry(entry); });
      actions.appendChild(edit);
      actions.appendChild(remove);
      item.appendChild(actions);
      return item;
    }

    /* Deletes this entry only (by identity: two entries may share an id), and only once the
       browser has saved the diary without it, so the list never hides a stored entry. */
    function deleteEntry(entry) {
      var next = entries.filter(function (e) { return e !== entry; });
      if (!persist(next)) {
        listStatus.textContent = fill(words.not_deleted, { when: showWhen(entry.when) });
        return;
      }
      entries = next;
      lastDeleted = entry;
      if (editing === entry) resetForm();
      listStatus.textContent = fill(words.deleted, { when: showWhen(entry.when) });
      undo.hidden = false;
      render();
      $("[data-diary-entries] h2").focus();
    }

    function facts(summary) {
      var list = [];
      list.push(fill(words.days_with, { label: topicWords.days_with, days: summary.daysWithEpisodes, window: WINDOW_DAYS }));
      list.push(fill(words.noted, { label: topicWords.noted, total: summary.total, per_day: (summary.total / WINDOW_DAYS).toLocaleString(lang(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }));
      list.push(summary.triggers.length
        ? fill(words.triggers, { triggers: summary.triggers.slice(0, 3).map(function (t) { return label(config, "triggers", t.id) + " (" + plural(words, "times", t.count) + ")"; }).join(", ") })
        : words.no_triggers);
      if (summary.places.length) {
        list.push(fill(words.places, { places: summary.places.map(function (p) { return label(config, "locations", p.id) + " (" + plural(words, "times", p.count) + ")"; }).join(", ") }));
      }
      var change = fill(summary.later > summary.earlier ? words.up_from : summary.later < summary.earlier ? words.down_from : words.same_as, { count: summary.earlier });
      var episodes = fill(words.episodes, { count: summary.later, episode: summary.later === 1 ? topicWords.episode_one : topicWords.episode_other });
      list.push(fill(words.last_week, { episodes: episodes, change: change }));
      if (summary.patterns.indexOf("spreading") !== -1) {
        list.push(fill(words.new_place, { places: summary.newPlaces.map(function (p) { return label(config, "locations", p); }).join(", ") }));
      }
      return list;
    }

    function renderSummary() {
      var box = $("[data-diary-summary]");
      var summary = summarise(config, entries, new Date());
      box.hidden = entries.length === 0;
      root.querySelectorAll("[data-diary-warning]").forEach(function (warning) {
        warning.hidden = box.hidden || summary.patterns.indexOf(warning.getAttribute("data-diary-warning")) === -1;
      });
      if (box.hidden) return;
      var first = parseWhen(summary.days[0]);
      var last = parseWhen(summary.days[summary.days.length - 1]);
      $("[data-diary-period]").textContent = fill(words.period, { first: longDay(first), last: longDay(last) });
      var list = $("[data-diary-facts]");
      list.textContent = "";
      facts(summary).forEach(function (text) { list.appendChild(el("li", text)); });
      drawChart($("[data-diary-chart]"), summary);
      var rows = $("[data-diary-chart-rows]");
      rows.textContent = "";
      summary.days.forEach(function (day, i) {
        var row = el("tr");
        row.appendChild(el("td", longDay(parseWhen(day))));
        row.appendChild(el("td", String(summary.perDay[i])));
        rows.appendChild(row);
      });
    }

    /* The paper copy of the list, compact for one sheet (shown only in print): one line per
       entry, and its note, if any, on a full-width line below; each entry is a <tbody> so print
       never splits it. Strength is its place on the YAML's scale (mildest first), explained
       once in the caption. */
    function renderPrintTable(newestFirst) {
      var table = $("[data-diary-print-table]");
      var scale = config.strengths.map(function (choice, i) { return (i + 1) + " = " + choice.label; }).join(", ");
      var ranks = config.strengths.map(function (c) { return c.id; });
      table.querySelectorAll("tbody").forEach(function (group) { group.remove(); });
      table.hidden = newestFirst.length === 0;
      if (table.hidden) return;
      var first = parseWhen(newestFirst[newestFirst.length - 1].when);
      var last = parseWhen(newestFirst[0].when);
      // The years are in the caption, so each row's date is short enough for one line.
      $("[data-diary-print-caption]").textContent = fill(words[newestFirst.length === 1 ? "print_caption_one" : "print_caption_other"],
        { count: newestFirst.length, first: longDay(first), last: longDay(last), scale: scale });
      newestFirst.forEach(function (entry) {
        var group = el("tbody");
        var row = el("tr");
        var rank = ranks.indexOf(entry.strength);
        [
          parseWhen(entry.when).toLocaleDateString(lang(), { weekday: "short", day: "numeric", month: "short" }) + ", " + entry.when.slice(11),
          label(config, "locations", entry.location),
          label(config, "durations", entry.duration),
          rank === -1 ? label(config, "strengths", entry.strength) : String(rank + 1),
          entry.triggers.map(function (t) { return label(config, "triggers", t); }).join(", "),
        ].forEach(function (text) { row.appendChild(el("td", text)); });
        group.appendChild(row);
        if (entry.note) {
          var noteRow = el("tr", undefined, "diary__print-note");
          var note = el("td", fill(words.entry_note, { note: entry.note }), "diary__note");
          note.colSpan = 5;
          noteRow.appendChild(note);
          group.appendChild(noteRow);
        }
        table.appendChild(group);
      });
    }

    function render() {
      var list = $("[data-diary-list]");
      var newestFirst = oldestFirst(entries).reverse();
      list.textContent = "";
      newestFirst.forEach(function (entry) { list.appendChild(entryItem(entry)); });
      renderPrintTable(newestFirst);
      $("[data-diary-empty]").hidden = entries.length > 0;
      renderSummary();
      showProblem();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var entry = readForm();
      if (!entry) return;
      var wasEditing = editing;
      // Replaces the entry being edited itself (not every entry with its id).
      entries = wasEditing ? entries.map(function (e) { return e === wasEditing ? entry : e; }) : entries.concat([entry]);
      // Shown even when the browser refuses to save it: the page says so, and Download keeps it.
      var saved = persist(entries);
      resetForm();
      status.textContent = saved ? (wasEditing ? words.changes_saved : words.saved) :
        (wasEditing ? words.changes_not_saved : words.not_saved);
      undo.hidden = true;
      render();
    });
    $("[data-diary-cancel]").addEventListener("click", function () {
      resetForm();
      status.textContent = words.cancelled;
    });
    undo.addEventListener("click", function () {
      if (lastDeleted) entries = entries.concat([lastDeleted]);
      listStatus.textContent = persist(entries) ? words.put_back : words.put_back_not_saved;
      lastDeleted = null;
      undo.hidden = true;
      render();
    });
    $("[data-diary-csv]").addEventListener("click", function () {
      download(fill(words.csv_file, { topic: config.topic, date: dayKey(new Date()) }), "text/csv;charset=utf-8", "\ufeff" + toCsv(config, entries));
    });
    $("[data-diary-print]").addEventListener("click", function () { window.print(); });
    $("[data-diary-delete-all]").addEventListener("click", function () {
      $("[data-diary-confirm]").hidden = false;
      $("[data-diary-confirm-no]").focus();
    });
    $("[data-diary-confirm-no]").addEventListener("click", function () {
      $("[data-diary-confirm]").hidden = true;
      $("[data-diary-delete-all]").focus();
    });
    $("[data-diary-confirm-yes]").addEventListener("click", function () {
      try {
        deleteAll(config);
      } catch {
        $("[data-diary-confirm]").hidden = true;
        dataStatus.textContent = words.delete_refused;
        return;
      }
      frozen = false;
      unread = [];
      entries = [];
      lastDeleted = null;
      undo.hidden = true;
      resetForm();
      render();
      $("[data-diary-confirm]").hidden = true;
      dataStatus.textContent = words.all_deleted;
      $("[data-diary-data] h2").focus();
    });
    $("[data-diary-aside-download]").addEventListener("click", function () {
      download(fill(words.unreadable_file, { topic: config.topic }), "application/json", JSON.stringify(showProblem(), null, 2));
    });
    $("[data-diary-aside-delete]").addEventListener("click", function () {
      try {
        // Wherever it is: set aside, or still in the diary's key when it could not be moved
        // (saving the readable entries over it removes it there).
        localStorage.removeItem(asideKey(config.topic));
        if (unread.length) save(config, entries);
      } catch {
        status.textContent = words.aside_delete_refused;
        return;
      }
      unread = [];
      frozen = false;
      showProblem();
      status.textContent = words.aside_deleted;
      form.querySelector("h2").focus();
    });

    resetForm();
    render();
  }

  // load is also exported for its tests (tests/js/diary.test.mjs): it upgrades stored data.
  window.Diary = { init: init, summarise: summarise, toCsv: toCsv, load: load };
})();
