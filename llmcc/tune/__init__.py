"""Tuning: the corpus, the search for pass lists, and the library chosen from it."""
