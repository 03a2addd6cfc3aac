/* generator/components/checklist/script.js: stored ticks are read, brought over from the topic's old
   slugs, and set aside (never erased) when they cannot be read. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { loadScript, MemoryStorage } from "../../../tests/js/browser-script.mjs";

const KEY = "healthguide:twitching:checklist:v1";
const OLD_KEY = "healthguide:old-twitching:checklist:v1";

function load(storage, movedFrom = []) {
  return loadScript("generator/components/checklist/script.js", { localStorage: storage }).Checklist.load("twitching", movedFrom);
}

function stored(entries) {
  const storage = new MemoryStorage();
  Object.entries(entries).forEach(([key, value]) => storage.setItem(key, value));
  return storage;
}

test("nothing stored: no ticks", () => {
  assert.deepEqual(load(new MemoryStorage()), { ticked: [], saved: true, frozen: false, moved: false });
});

test("stored ticks are read; ids that are not text are dropped", () => {
  const storage = stored({ [KEY]: JSON.stringify({ version: 1, ticked: ["do-sleep", 7, "dont-ignore"] }) });
  assert.deepEqual(load(storage).ticked, ["do-sleep", "dont-ignore"]);
});

test("unreadable ticks are set aside under a key of their own, and earlier copies kept", () => {
  const storage = stored({ [KEY]: "{not json", "healthguide:twitching:checklist:set-aside": "earlier copy" });

  const result = load(storage);

  assert.deepEqual(result, { ticked: [], saved: true, frozen: false, moved: false });
  assert.equal(storage.getItem(KEY), null);
  assert.equal(storage.getItem("healthguide:twitching:checklist:set-aside"), "earlier copy");
  assert.equal(storage.getItem("healthguide:twitching:checklist:set-aside:2"), "{not json");
});

test("unreadable ticks that cannot be set aside freeze the key, so nothing overwrites them", () => {
  const storage = stored({ [KEY]: "{not json" });
  storage.refuse = true;
  assert.deepEqual(load(storage), { ticked: [], saved: false, frozen: true, moved: false });
  assert.equal(storage.getItem(KEY), "{not json");
});

test("ticks saved under an old slug are brought over and the old key removed", () => {
  const storage = stored({
    [KEY]: JSON.stringify({ version: 1, ticked: ["do-sleep"] }),
    [OLD_KEY]: JSON.stringify({ version: 1, ticked: ["do-sleep", "dont-ignore"] }),
  });

  const result = load(storage, ["old-twitching"]);

  assert.deepEqual(result, { ticked: ["do-sleep", "dont-ignore"], saved: true, frozen: false, moved: true });
  assert.deepEqual(storage.snapshot(), { [KEY]: { version: 1, ticked: ["do-sleep", "dont-ignore"] } });
});

test("when the browser refuses to save, the old slug's ticks stay where they are", () => {
  const storage = stored({ [OLD_KEY]: JSON.stringify({ version: 1, ticked: ["do-sleep"] }) });
  storage.refuse = true;

  const result = load(storage, ["old-twitching"]);

  assert.deepEqual(result, { ticked: ["do-sleep"], saved: false, frozen: false, moved: false });
  assert.deepEqual(storage.snapshot(), { [OLD_KEY]: { version: 1, ticked: ["do-sleep"] } });
});
