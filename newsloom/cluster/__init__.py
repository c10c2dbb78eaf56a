"""Article -> story: the online story clusterer."""
