"""One place that configures logging for the command line; library modules only create loggers."""

from __future__ import annotations

import logging

from rich.console import Console
from rich.logging import RichHandler


def configure_logging(verbose: int = 0) -> None:
    """Route ``seimon.*`` loggers to stderr through Rich; ``-v`` shows INFO, ``-vv`` DEBUG."""
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(message)s",
        # Rich's default console is stdout, where ``--json`` output must stand alone
        handlers=[RichHandler(console=Console(stderr=True), show_path=False, rich_tracebacks=False)],
        force=True,
    )
