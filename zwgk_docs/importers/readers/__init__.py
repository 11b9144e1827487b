"""Readers: one module per source format, each turning a file into Grids and/or paragraphs."""
