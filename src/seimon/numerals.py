"""Reading numbers as Chinese documents and spreadsheets write them.

Shared by the plan extractor (``1.7万亿元``, ``百项``, ``1至2家``) and the importers (``１２，３４５``).
"""

from __future__ import annotations

import unicodedata


def to_halfwidth(text: str) -> str:
    """Fold full-width digits, letters and ASCII punctuation to their half-width forms.

    >>> to_halfwidth("１２，３４５．６％")
    '12,345.6%'
    """
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" else ch for ch in text
    )
