"""Outputs of a checked release: marks per figure, JSON, tidy rows, the terminal report.

marks      which figures a relation verifies, which a failing relation names
serialise  the release as plain JSON-ready data (Decimals as exact strings)
tidy       one row per figure: table, row, column, period, value, unit, line
terminal   the readable report of ``tieout check``
"""
