/* Loaded on every page; tiny. Loads a feature's script only on pages that need it, through
   document$ so it also works after Material's instant navigation. Served as
   javascripts/page-scripts.js with the list of component scripts filled in. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  // Each component's script: { selector, script, global }, from its component.toml.
  var features = []; // filled in by the build (generator/engine/mkdocs/page_scripts.py)
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
