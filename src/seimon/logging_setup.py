"""One place that configures logging for the command line; library modules only create loggers."""

from __future__ import annotations

import logging

from rich.console import Console
from rich.logging import RichHandler


def configure_logging(verbose: int = 0) -> None:
    """Route ``seimon.*`` loggers to stderr through Rich; ``-v`` shows INFO, ``-vv`` DEBUG.

    The handler gets a console of its own on stderr: Rich's shared console writes to stdout, which would put
    log lines into the one JSON document ``--json`` promises on stdout.
    """
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=Console(stderr=True), show_path=False, rich_tracebacks=False)],
        force=True,
    )
