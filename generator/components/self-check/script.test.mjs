/* generator/components/self-check/script.js: evaluate() gives a result only when no unanswered question
   could still make it more urgent (the rules of generator/triage.py). */
import assert from "node:assert/strict";
import { test } from "node:test";

import { loadScript } from "../../../tests/js/browser-script.mjs";

const { evaluate } = loadScript("generator/components/self-check/script.js").SelfCheck;

// As generator/self_check_data.py writes it: levels most urgent first.
const DATA = {
  levels: ["emergency", "urgent", "see-doctor", "self-care"],
  questions: [{ id: "droop" }, { id: "eye" }, { id: "weeks" }],
  rules: [
    { question: "droop", answers: ["yes", "not-sure"], outcome: "emergency" },
    { question: "eye", answers: ["yes"], outcome: "urgent" },
    { question: "eye", answers: ["not-sure"], outcome: "see-doctor" },
    { question: "weeks", answers: ["yes"], outcome: "see-doctor" },
  ],
};

test("no answer yet gives no result", () => {
  assert.deepEqual(evaluate(DATA, {}), { level: null, reasons: [] });
});

test("an emergency answer gives the emergency result at once", () => {
  assert.deepEqual(evaluate(DATA, { droop: "yes" }), { level: "emergency", reasons: ["droop"] });
  assert.deepEqual(evaluate(DATA, { droop: "not-sure" }), { level: "emergency", reasons: ["droop"] });
});

test("a less urgent answer waits while a more urgent question is unanswered", () => {
  assert.deepEqual(evaluate(DATA, { weeks: "yes" }), { level: null, reasons: [] });
  assert.deepEqual(evaluate(DATA, { weeks: "yes", droop: "no" }), { level: null, reasons: [] });
  assert.deepEqual(evaluate(DATA, { weeks: "yes", droop: "no", eye: "no" }), { level: "see-doctor", reasons: ["weeks"] });
});

test("the most urgent answer wins and every question that led to it is a reason", () => {
  const answers = { droop: "no", eye: "not-sure", weeks: "yes" };
  assert.deepEqual(evaluate(DATA, answers), { level: "see-doctor", reasons: ["eye", "weeks"] });
  assert.deepEqual(evaluate(DATA, { ...answers, eye: "yes" }), { level: "urgent", reasons: ["eye"] });
});

test("self-care needs every answer", () => {
  assert.deepEqual(evaluate(DATA, { droop: "no", eye: "no" }), { level: null, reasons: [] });
  assert.deepEqual(evaluate(DATA, { droop: "no", eye: "no", weeks: "no" }), { level: "self-care", reasons: [] });
});

test("an answer that is not one of the three counts as unanswered", () => {
  assert.deepEqual(evaluate(DATA, { droop: "no", eye: "no", weeks: "maybe" }), { level: null, reasons: [] });
});
