"""Components: the pieces pages are made of, one folder each (generator/components/<name>/), as
the NHS.UK frontend keeps them. A folder holds the component's Jinja template(s), a README of its
options, and when it has them its stylesheet (style.css), its browser script (script.js, with
component.toml saying which pages load it) and its tests. catalog.py lists the folders for the
Jinja loader and for the site engine, which joins every style.css and loads every script.js."""
