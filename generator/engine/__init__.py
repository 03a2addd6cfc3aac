"""Engine adapters: where the generated pages meet a site builder. Only MkDocs today."""
