"""Distillery."""
