"""The digest's renderings, shared by every front end (the CLI now, the HTTP dashboard later):
``document.py`` turns a ``DailyDigest`` into blocks of text, tables and a chart, which
``markdown.py`` and ``html.py`` write out, so both say the same; ``chart.py`` draws the chart of
the HTML (matplotlib, imported only there). Nothing here reads the store.
"""
