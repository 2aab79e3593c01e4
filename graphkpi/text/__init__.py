"""Text similarity for Thai project titles: normalisation, character n-grams, set similarity join."""
