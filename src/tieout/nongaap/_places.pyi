"""Where a text holds the word "reconcil" and its character references, and the text with
its tags made spaces, compiled from _places.c (reconcile._word_at_python,
reconcile._references_python, reconcile._tags_spaced_python)."""

from typing import Any

def word_at(text: str, /) -> Any:
    """reconcile._word_at_python's places, or NotImplemented for a text above U+00FF."""

def references(text: str, /) -> Any:
    """reconcile._references_python's set, or NotImplemented for a text above U+00FF."""

def tags_spaced(text: str, /) -> Any:
    """reconcile._tags_spaced_python's text, or NotImplemented for a text above U+00FF."""
