/* generator/components/diary/script.js: the 14-day summary and its warning patterns, the CSV, and how
   stored diaries are upgraded, moved from an old slug and kept aside when unreadable. */
process.env.TZ = "UTC"; // the CSV shows instants in local time

import assert from "node:assert/strict";
import { test } from "node:test";

import { loadScript, MemoryStorage } from "../../../tests/js/browser-script.mjs";

const choices = (...ids) => ids.map((id) => ({ id, label: id[0].toUpperCase() + id.slice(1) }));
// As generator/diary_data.py writes it.
const CONFIG = {
  topic: "twitching",
  moved_from: ["old-twitching"],
  locale: "en-GB",
  locations: choices("eyelid", "cheek", "lip"),
  durations: choices("seconds", "minutes"),
  strengths: choices("mild", "strong"),
  triggers: choices("stress", "caffeine", "tiredness"),
  patterns: ["spreading", "more-frequent", "lasting"],
  // The catalog's diary_script words these functions use (generator/strings/en.yaml).
  strings: {
    no_longer_listed: "{label} (no longer listed)",
    csv_date: "Date", csv_time: "Time", csv_where: "Where", csv_how_long: "How long", csv_how_strong: "How strong",
    csv_triggers: "Possible triggers", csv_note: "Note", csv_written: "Written down", csv_changed: "Last changed",
  },
};
const TODAY = new Date(2026, 5, 28, 12, 0); // 28 June 2026: the window is 15 to 28 June

let sequence = 0;
function entry(when, fields = {}) {
  sequence += 1;
  return {
    id: `entry-${sequence}`, when, location: "eyelid", duration: "seconds", strength: "mild",
    triggers: [], note: "", created: null, updated: null, ...fields,
  };
}

function diary(storage = new MemoryStorage()) {
  return loadScript("generator/components/diary/script.js", { localStorage: storage }).Diary;
}

test("the summary counts the last 14 days, day by day", () => {
  const entries = [
    entry("2026-06-14T09:00"), // the day before the window
    entry("2026-06-15T09:00", { triggers: ["caffeine"] }),
    entry("2026-06-28T08:00", { triggers: ["stress", "caffeine"] }),
    entry("2026-06-28T20:00", { triggers: ["stress"], location: "cheek" }),
  ];
  const summary = diary().summarise(CONFIG, entries, TODAY);
  assert.equal(summary.days.length, 14);
  assert.equal(summary.days[0], "2026-06-15");
  assert.equal(summary.days[13], "2026-06-28");
  assert.equal(summary.perDay[0], 1);
  assert.equal(summary.perDay[13], 2);
  assert.equal(summary.total, 3);
  assert.equal(summary.daysWithEpisodes, 2);
  // Most common first; a tie keeps the order of the YAML choices.
  assert.deepEqual(summary.triggers, [{ id: "stress", count: 2 }, { id: "caffeine", count: 2 }]);
  assert.deepEqual(summary.places, [{ id: "eyelid", count: 2 }, { id: "cheek", count: 1 }]);
});

test("a new place in the last week, after a week with twitching, is spreading", () => {
  const entries = [entry("2026-06-16T09:00"), entry("2026-06-25T09:00", { location: "lip" })];
  const summary = diary().summarise(CONFIG, entries, TODAY);
  assert.deepEqual(summary.newPlaces, ["lip"]);
  assert.deepEqual(summary.patterns, ["spreading"]);
  // A topic whose YAML does not warn about spreading never reports it.
  assert.deepEqual(diary().summarise({ ...CONFIG, patterns: [] }, entries, TODAY).patterns, []);
});

test("more often means half as many again and at least 3 more", () => {
  const week = (day, count) => Array.from({ length: count }, (_, i) => entry(`2026-06-${day}T0${i}:00`));
  const summarise = (entries) => diary().summarise(CONFIG, entries, TODAY).patterns;
  assert.deepEqual(summarise([...week(16, 2), ...week(23, 5)]), ["more-frequent"]);
  assert.deepEqual(summarise([...week(16, 2), ...week(23, 4)]), []); // only 2 more
  assert.deepEqual(summarise([...week(16, 8), ...week(23, 11)]), []); // not half as many again
});

test("still noted more than 2 weeks after the first entry is lasting", () => {
  assert.deepEqual(diary().summarise(CONFIG, [entry("2026-06-01T09:00"), entry("2026-06-27T09:00")], TODAY).patterns, ["lasting"]);
  assert.deepEqual(diary().summarise(CONFIG, [entry("2026-06-01T09:00")], TODAY).patterns, []);
});

test("the CSV lists every entry oldest first, with labels, quoted as RFC 4180 says", () => {
  const entries = [
    entry("2026-06-20T10:30", { note: 'Said "hello",\nthen left', triggers: ["stress", "caffeine"], created: "2026-06-21T08:05:00.000Z" }),
    entry("2026-06-19T07:00", { location: "gone", updated: "2026-06-19T09:00:00.000Z" }),
  ];
  assert.equal(
    diary().toCsv(CONFIG, entries),
    "Date,Time,Where,How long,How strong,Possible triggers,Note,Written down,Last changed\r\n" +
      "2026-06-19,07:00,gone (no longer listed),Seconds,Mild,,,,2026-06-19 09:00\r\n" +
      '2026-06-20,10:30,Eyelid,Seconds,Mild,Stress; Caffeine,"Said ""hello"",\nthen left",2026-06-21 08:05,\r\n'
  );
});

test("a version 1 diary is upgraded: created read back from the id, the old key removed", () => {
  const storage = new MemoryStorage();
  const written = Date.UTC(2026, 5, 20, 8, 30);
  const v1 = { id: `${written.toString(36)}-abc123`, when: "2026-06-20T09:30", location: "eyelid", duration: "seconds", strength: "mild", triggers: ["stress"], note: "" };
  const unknownTime = { ...v1, id: "imported-1" };
  storage.setItem("healthguide:twitching:diary:v1", JSON.stringify({ version: 1, entries: [v1, unknownTime] }));

  const loaded = diary(storage).load(CONFIG);

  const upgraded = [
    { ...v1, created: new Date(written).toISOString(), updated: null },
    { ...unknownTime, created: null, updated: null },
  ];
  assert.deepEqual(loaded.entries, upgraded);
  assert.equal(loaded.saved, true);
  assert.deepEqual(storage.snapshot(), { "healthguide:twitching:diary:v2": { version: 2, entries: upgraded } });
});

test("a diary saved under the topic's old slug is brought over", () => {
  const storage = new MemoryStorage();
  const old = entry("2026-06-20T09:30");
  storage.setItem("healthguide:old-twitching:diary:v2", JSON.stringify({ version: 2, entries: [old] }));

  const loaded = diary(storage).load(CONFIG);

  assert.deepEqual(loaded.entries, [old]);
  assert.equal(loaded.moved, true);
  assert.deepEqual(storage.snapshot(), { "healthguide:twitching:diary:v2": { version: 2, entries: [old] } });
});

test("unreadable entries are kept aside unchanged, never thrown away", () => {
  const storage = new MemoryStorage();
  const good = entry("2026-06-20T09:30");
  const bad = { id: "x", when: "yesterday" };
  storage.setItem("healthguide:twitching:diary:v2", JSON.stringify({ version: 2, entries: [good, bad] }));

  const loaded = diary(storage).load(CONFIG);

  assert.deepEqual(loaded.entries, [good]);
  const stored = storage.snapshot();
  assert.deepEqual(stored["healthguide:twitching:diary:v2"], { version: 2, entries: [good] });
  const [aside] = stored["healthguide:twitching:diary:set-aside"];
  assert.equal(aside.key, "healthguide:twitching:diary:v2");
  assert.deepEqual(JSON.parse(aside.data), [bad]);
});

test("when the browser refuses to save, nothing old is removed", () => {
  const storage = new MemoryStorage();
  const v1 = { id: "imported-1", when: "2026-06-20T09:30", location: "eyelid", duration: "seconds", strength: "mild", triggers: [], note: "" };
  storage.setItem("healthguide:twitching:diary:v1", JSON.stringify({ version: 1, entries: [v1] }));
  storage.refuse = true;

  const loaded = diary(storage).load(CONFIG);

  assert.equal(loaded.saved, false);
  assert.deepEqual(loaded.entries, [{ ...v1, created: null, updated: null }]);
  assert.deepEqual(storage.snapshot(), { "healthguide:twitching:diary:v1": { version: 1, entries: [v1] } });
});

test("a diary saved by a newer version of the page is noticed and left alone", () => {
  const storage = new MemoryStorage();
  storage.setItem("healthguide:twitching:diary:v3", JSON.stringify({ version: 3, entries: [] }));
  const loaded = diary(storage).load(CONFIG);
  assert.equal(loaded.newer, true);
  assert.deepEqual(storage.snapshot(), { "healthguide:twitching:diary:v3": { version: 3, entries: [] } });
});
