/* Runs a browser script of the site (an IIFE that puts its API on `window`) in Node, unchanged,
   so its functions can be tested with `node --test`. The script sees only the globals given
   here (plus the language's own), so a test hands it exactly what the script uses. */
import { readFileSync } from "node:fs";
import { compileFunction } from "node:vm";

const ROOT = new URL("../../", import.meta.url);

/* Runs `path` (relative to the project) and returns its `window`. `globals` are the other
   browser globals it may touch, e.g. {localStorage}. */
export function loadScript(path, globals = {}) {
  const window = { addEventListener() {}, ...globals.window };
  const others = Object.keys(globals).filter((name) => name !== "window");
  const source = readFileSync(new URL(path, ROOT), "utf8");
  // Compiled in this realm (not a new vm context), so its objects compare with deepEqual.
  const run = compileFunction(source, ["window", ...others], { filename: path });
  run(window, ...others.map((name) => globals[name]));
  return window;
}

/* The browser's localStorage (Storage), in memory. While `refuse` is true every write throws,
   as a full store or a private window makes it. */
export class MemoryStorage {
  #items = new Map();
  refuse = false;

  get length() {
    return this.#items.size;
  }

  key(index) {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }

  setItem(key, value) {
    if (this.refuse) throw new Error("QuotaExceededError");
    this.#items.set(String(key), String(value));
  }

  removeItem(key) {
    this.#items.delete(key);
  }

  /* Every key and its parsed value, for assertions. */
  snapshot() {
    return Object.fromEntries([...this.#items].map(([key, value]) => [key, JSON.parse(value)]));
  }
}
