"""Text similarity for Thai project titles: normalisation, word segmentation, token sets,
the exact set-similarity join, and slots (who a project is for, which village)."""
