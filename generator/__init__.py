"""healthguide: content YAML -> validated models -> Markdown pages -> a static site.

The packages are the pipeline's stages, each depending only on the ones before it:
reading (files and YAML with locations) -> model (validated site and topics) -> structure
(which pages exist and at what address) -> pages (data a page carries) -> render (Markdown
through Jinja templates) -> pipeline.generate; then engine/mkdocs (the MkDocs plugin) and
commands (the command line). tests/unit/test_layout.py keeps it so.
"""
