"""Typed read models: one frozen pydantic model per answer of the read side.

Every front end serialises these same models: the CLI's ``--format json`` prints a model's own
JSON and its ``table()`` sections for ``table``/``csv``; the HTTP API and the digest will do the
same. Their JSON Schemas are generated into ``docs/reference/schemas`` (``schemas.py``).
This package imports nothing by itself, so that a front end pays only for the models it uses.
"""
