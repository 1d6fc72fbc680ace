"""Prose: the figures of a release's sentences as claims, tied to its tables.

    paragraphs  running text of a plain-text document (HTML readers give their own)
    sentences   where a sentence ends (abbreviations, initials and decimals aside)
    numbers     amounts, per-share amounts, percents, share counts in a sentence
    periods     "the first quarter of 2004", "six months", "a year ago"
    labels      row labels and words reduced to keys: concepts, cleaned labels, sides
    segments    segment names from column heads, repeated rows, sections and titles
    subjects    metrics and segments as the prose and the tables name them
    claims      each figure with its subject, segment, period, kind and wording
    index       the tables as the prose sees them: rows as sites, columns as periods
    candidates  the cells a claim may speak of, each judged under the rounding rule
    tie         each claim tied by meaning, else by value, to its cell (or two cells)

Each stage is a pure function of the records before it: paragraphs -> claims ->
tied claims (tie runs inside the checks, once the readings of ambiguous figures are
known).
"""
