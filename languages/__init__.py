"""The list of languages, below every app that uses it: the six official languages of the
United Nations (`official`, importable from the settings) and the others an officer adds
(`models.Language`, such as International Sign)."""
