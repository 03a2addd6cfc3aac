/* Loaded on every page; tiny. Loads a feature's script only on pages that need it, through
   document$ so it also works after Material's instant navigation. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var features = [
    { selector: "[data-self-check]", script: "self-check.js", global: "SelfCheck" },
    { selector: "[data-diary]", script: "diary.js", global: "Diary" },
    { selector: "[data-checklist]", script: "checklist.js", global: "Checklist" },
    { selector: "[data-deep-links]", script: "deep-links.js", global: "DeepLinks" },
    { selector: "article abbr", script: "glossary-tooltip.js", global: "GlossaryTooltip" },
  ];
  var loading = {};

  function start(feature, root) {
    if (window[feature.global]) {
      window[feature.global].init(root);
      return;
    }
    if (loading[feature.script]) return;
    loading[feature.script] = true;
    var tag = document.createElement("script");
    tag.src = base + feature.script;
    tag.onload = function () {
      var current = document.querySelector(feature.selector);
      if (current) window[feature.global].init(current);
    };
    document.head.appendChild(tag);
  }

  document$.subscribe(function () {
    features.forEach(function (feature) {
      var root = document.querySelector(feature.selector);
      if (root) start(feature, root);
    });
  });
})();
