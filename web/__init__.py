"""The HTTP front end: ``sitlog serve``, a read-only JSON API and a server-rendered dashboard.

A sibling of ``cli/`` with the same rule: parse, ask the read facade (``store.reader``), render. The
API answers with the typed read models the CLI prints with ``--format json`` (one model, two front
ends); the dashboard renders them with Jinja2 templates and the digest's renderer
(``adapters/digest_render``), charts as inline SVG. It never writes, imports nothing of the CLI, and
nothing of it is imported until ``sitlog serve`` runs.
"""
