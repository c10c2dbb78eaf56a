"""Sentence -> event mention (coder) -> event fused across a story (fusion)."""
