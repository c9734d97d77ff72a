"""Render the Course model into the Site of each language (HTML pages, runtime assets) with Jinja2,
and write deterministic zips."""
