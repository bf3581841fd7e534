"""Errors are handled once, here, at the edge: one line on stderr, a non-zero exit."""

import re
import sys
from typing import Any

import typer
from typer.core import TyperGroup


def _click_exception(name: str) -> Any:
    """One of click's exception classes, reached through Typer's public ``BadParameter``.

    Typer re-exports only a few of click's exceptions, and click itself is a dependency of
    older Typer releases but vendored (as a private module) by newer ones: the classes
    ``BadParameter`` derives from are the same on both.
    """
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


UsageError = _click_exception("UsageError")
ClickException = _click_exception("ClickException")


def one_line(error: BaseException) -> str:
    """The message an operator reads for ``error``."""
    # Imported here, where an error is already on its way out: parsing and --help never pay for them.
    from pydantic import ValidationError
    from sitlog.adapters.store import describe_store_error
    from sitlog.domain.errors import SitlogError

    if isinstance(error, SitlogError):
        return str(error)
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or error.title
        return f"{field}: {first['msg']} (got {first.get('input')!r})"
    return describe_store_error(error) or f"unexpected {type(error).__name__}: {error}"


# A value an error quotes is cut to this many characters: a pasted page must not fill the screen.
# (domain.text.QUOTE_MAX, the same for the domain's own messages, is not imported: --help loads no
# domain module.)
QUOTE_MAX = 80
# A file's path is the operator's own and says where: shown whole up to the length of a long path.
PATH_MAX = 200
# A quoted value: opened after no letter (not the "'" of "source's"), closed before none.
_QUOTED = re.compile(rf"""(?<!\w)(['"])([^'"]{{{QUOTE_MAX + 1},}})\1(?!\w)""")
# An unquoted value (a reference, a key) is cut when no path or URL would be that long.
_WORD = re.compile(rf"\S{{{PATH_MAX + 1},}}")


def _cut(quoted: re.Match[str]) -> str:
    quote, value = quoted[1], quoted[2]
    limit = PATH_MAX if value.startswith("/") else QUOTE_MAX
    return quoted[0] if len(value) <= limit else f"{quote}{value[:limit]}…{quote}"


def readable(message: str) -> str:
    """``message`` on one line, the values it quotes cut to ``QUOTE_MAX`` characters (a path to
    ``PATH_MAX``) and any word over ``PATH_MAX`` to ``QUOTE_MAX`` (marked …), control characters
    shown as ``\\uXXXX``."""
    from sitlog.cli.render import visible

    line = " ".join(message.split())
    line = _QUOTED.sub(_cut, line)
    line = _WORD.sub(lambda m: f"{m[0][:QUOTE_MAX]}…", line)
    return visible(line)


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {readable(message)}", err=True)
    sys.exit(code)


class SitlogGroup(TyperGroup):
    """The root group: runs the command and turns every exception into one line."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except UsageError as e:
            # A group called without a command: its help, as a usage error (click >= 8.2 raises
            # NoArgsIsHelpError for it, a UsageError that Typer does not export).
            if type(e).__name__ == "NoArgsIsHelpError":
                e.show()
                sys.exit(2)
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            fail(e.format_message() + hint, 2)
        except ClickException as e:
            fail(e.format_message(), e.exit_code)
        except typer.Abort:
            fail("aborted")
        except Exception as e:  # the edge: nothing below may show a traceback
            fail(one_line(e))
        sys.exit(result if isinstance(result, int) else 0)
