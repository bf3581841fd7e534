"""Adapters: event store wiring, projections and their SQL, configuration, importers."""
