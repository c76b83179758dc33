"""Early warnings: declared rules (:mod:`~seimon.assess.warnings.rules`), one evaluator module per rule type,
and the engine that runs them (:func:`run_warnings`).

>>> from seimon.assess.warnings import load_rules
>>> len(load_rules().rules) >= 7
True
"""

from __future__ import annotations

from seimon.assess.warnings.engine import EarlyWarning, WarningContext, run_warnings
from seimon.assess.warnings.rules import RuleSet, load_rules, rules_json_schema

__all__ = ["EarlyWarning", "RuleSet", "WarningContext", "load_rules", "rules_json_schema", "run_warnings"]
