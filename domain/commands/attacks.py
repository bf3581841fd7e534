"""Use cases of the attack aggregate (see domain/application.py for execute/fetch)."""


class AttackCommands:
    pass
