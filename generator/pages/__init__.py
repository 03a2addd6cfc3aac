"""Pages: the data a particular page kind carries besides its topic's text.

Owns the builders that turn a model into what one page needs: the self-check's rules and the
diary's choices as JSON for their scripts, and the clinicians' page's link groups with their
QR codes. Each is a pure function of the model and the route registry; the renderer calls them.
"""
