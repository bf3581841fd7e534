"""The ``sitlog`` command line: parse, call the application service, render."""
