"""Reusable widgets of the wizard: the step header, inline issue labels, the tag table, the region and key
pickers."""
