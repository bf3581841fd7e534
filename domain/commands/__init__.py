"""Use cases, one mixin per aggregate, composed into ``domain.application.IncidentLog``."""
