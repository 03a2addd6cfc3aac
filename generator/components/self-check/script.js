/* Self-check: tells the reader how urgently to seek care. The rules are data emitted by the
   generator from the topic YAML; this script only evaluates them. Nothing is sent, stored or
   put in the URL. `evaluate` must agree with generator/triage.py (the tests check every case). */
(function () {
  "use strict";

  function levelIndex(data, level) {
    return data.levels.indexOf(level);
  }

  function questionLevel(data, questionId) {
    var best = null;
    data.rules.forEach(function (rule) {
      if (rule.question === questionId && (best === null || levelIndex(data, rule.outcome) < levelIndex(data, best))) {
        best = rule.outcome;
      }
    });
    return best;
  }

  /* answers: {questionId: "yes" | "not-sure" | "no"}. Returns {level, reasons}; level is null
     while an unanswered question could still make the result more urgent. */
  function evaluate(data, answers) {
    var fired = {};
    data.rules.forEach(function (rule) {
      if (rule.answers.indexOf(answers[rule.question]) !== -1) {
        var current = fired[rule.question];
        if (current === undefined || levelIndex(data, rule.outcome) < levelIndex(data, current)) {
          fired[rule.question] = rule.outcome;
        }
      }
    });
    var unanswered = data.questions.filter(function (q) {
      return ["yes", "not-sure", "no"].indexOf(answers[q.id]) === -1;
    });
    var firedLevels = Object.keys(fired).map(function (id) { return fired[id]; });
    if (firedLevels.length) {
      var level = firedLevels.reduce(function (a, b) {
        return levelIndex(data, a) <= levelIndex(data, b) ? a : b;
      });
      var moreUrgentPossible = unanswered.some(function (q) {
        return levelIndex(data, questionLevel(data, q.id)) < levelIndex(data, level);
      });
      if (moreUrgentPossible) return { level: null, reasons: [] };
      var reasons = data.questions
        .filter(function (q) { return fired[q.id] === level; })
        .map(function (q) { return q.id; });
      return { level: level, reasons: reasons };
    }
    if (unanswered.length) return { level: null, reasons: [] };
    return { level: "self-care", reasons: [] };
  }

  /* Catalog words with their {placeholders} filled in (as text: the page sets textContent). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    // Percent-encoded JSON (generator/self_check_data.py json_attribute).
    var data = JSON.parse(decodeURIComponent(root.getAttribute("data-rules")));
    var words = data.strings; // the strings catalog's self_check_script
    var answerWords = { yes: words.answer_yes, "not-sure": words.answer_not_sure, no: words.answer_no };
    var form = root.querySelector("[data-self-check-form]");
    var result = root.querySelector("[data-self-check-result]");
    var pending = root.querySelector("[data-self-check-pending]");

    root.querySelector("[data-self-check-fallback]").hidden = true;
    form.hidden = false;

    function answers() {
      var given = {};
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
        given[input.name] = input.value;
      });
      return given;
    }

    // Steps: a level's questions appear once every question before them is answered, so the
    // emergency questions come first and nothing more is asked once the result is sure (a
    // step the reader has answered in stays open, so every answer can still be changed).
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-self-check-step]"));
    function revealSteps(given) {
      var open = true;
      steps.forEach(function (step) {
        var fieldsets = Array.prototype.slice.call(step.querySelectorAll("fieldset"));
        step.hidden = !(open || fieldsets.some(function (fieldset) { return given[fieldset.id]; }));
        if (fieldsets.some(function (fieldset) { return !given[fieldset.id]; })) open = false;
      });
    }
    revealSteps({});

    function item(text) {
      var li = document.createElement("li");
      li.textContent = text;
      return li;
    }

    function show(verdict, given) {
      if (!verdict.level) {
        result.hidden = true;
        var left = data.questions.filter(function (q) { return !given[q.id]; }).length;
        pending.textContent = left ? fill(words[left === 1 ? "remaining_one" : "remaining_other"], { count: left }) : "";
        return;
      }
      pending.textContent = "";
      result.hidden = false;
      // The advice is the page's own card for this level (always shown further down, where
      // links to #outcome-... land), copied here without its ids.
      var card = document.querySelector('.self-check__outcomes [data-outcome="' + verdict.level + '"]');
      var slot = result.querySelector("[data-self-check-outcome]");
      if (slot.getAttribute("data-level") !== verdict.level) {
        var copy = card.cloneNode(true);
        copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
        var cardTitle = result.querySelector("h2").id + "-card";
        copy.querySelector("h3").id = cardTitle;
        copy.setAttribute("aria-labelledby", cardTitle);
        slot.textContent = "";
        slot.appendChild(copy);
        slot.setAttribute("data-level", verdict.level);
      }
      var label = card.querySelector(".care-card__level").textContent;
      result.querySelector("[data-self-check-summary]").textContent = fill(words.result, { level: label });
      result.querySelector("[data-self-check-date]").textContent = fill(words.checked_on, {
        date: new Date().toLocaleDateString(root.getAttribute("data-locale") || document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" }),
      });
      result.querySelectorAll("[data-said]").forEach(function (li) {
        var id = li.getAttribute("data-said");
        li.hidden = verdict.reasons.indexOf(id) === -1;
        li.querySelector("[data-not-sure]").hidden = given[id] !== "not-sure";
      });
      result.querySelector("[data-self-check-said]").hidden = verdict.reasons.length === 0;
      var all = result.querySelector("[data-self-check-all-answers-list]");
      all.textContent = "";
      data.questions.forEach(function (q) {
        if (given[q.id]) all.appendChild(item(q.text + " " + answerWords[given[q.id]]));
      });
    }

    function update() {
      var given = answers();
      var verdict = evaluate(data, given);
      revealSteps(given);
      show(verdict, given);
      return verdict;
    }

    function focusResult() {
      result.scrollIntoView({ block: "start" });
      result.querySelector("h2").focus({ preventScroll: true });
    }

    // A keyboard user moves through a question's answers with the arrow keys, which checks each
    // one on the way (Yes, Not sure, No): taking focus away at "Not sure" would strand them. They
    // get the emergency advice as an alert right under the question, with a button to the result.
    var byKeyboard = false;
    form.addEventListener("keydown", function () { byKeyboard = true; });
    form.addEventListener("pointerdown", function () { byKeyboard = false; });
    var alert = document.createElement("div");
    alert.className = "self-check__alert";
    alert.setAttribute("role", "alert");
    alert.hidden = true;
    var alertText = document.createElement("p");
    var alertButton = document.createElement("button");
    alertButton.type = "button";
    alertButton.className = "md-button md-button--primary";
    alertButton.textContent = words.see_what_to_do;
    alertButton.addEventListener("click", focusResult);
    alert.appendChild(alertText);
    alert.appendChild(alertButton);

    // Like NHS 111 online, an emergency answer stops the questions: the emergency advice comes
    // on screen at once, and focus (and so the screen reader) moves to it.
    var shownLevel = null;
    form.addEventListener("change", function (event) {
      var verdict = update();
      if (verdict.level === "emergency" && shownLevel !== "emergency") {
        if (byKeyboard) {
          alertText.textContent = document.querySelector('.self-check__outcomes [data-outcome="emergency"] .care-card__level').textContent;
          event.target.closest("fieldset").after(alert);
          alert.hidden = false;
        } else {
          focusResult();
        }
      }
      if (verdict.level !== "emergency") alert.hidden = true;
      shownLevel = verdict.level;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var verdict = update();
      shownLevel = verdict.level;
      if (verdict.level) {
        focusResult();
      } else {
        var first = data.questions.filter(function (q) { return !answers()[q.id]; })[0];
        if (first) form.querySelector('input[name="' + first.id + '"]').focus();
      }
    });
    form.addEventListener("reset", function () {
      alert.hidden = true;
      shownLevel = null;
      window.setTimeout(function () {
        update();
        pending.textContent = "";
        form.querySelector("input[type=radio]").focus();
      }, 0);
    });
    root.querySelector("[data-self-check-print]").addEventListener("click", function () {
      window.print();
    });
  }

  window.SelfCheck = { evaluate: evaluate, init: init };
})();
