"""Renderers: IR in, {relative path: text} out."""
