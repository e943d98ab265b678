"""The PDF text layer, below every app: the fonts (fonts), text shaped and cut into runs of
one font, with its direction and its lines (text), and documents of paragraphs and tables
laid out in the direction of their language (document). Badges, exports and plans all draw
their text through it. Imports none of our apps; reads Django's settings and the active
language only."""
