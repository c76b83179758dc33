"""Third-party evaluations of the plan (第三方评估, plan 五(八)): what is stored and what the evaluator sees.

An evaluation (mid-term 中期评估 or final 总结评估, as of a date) is opened by the admin and assigned to an
evaluator organisation; its evaluators judge every target — the qualitative ones achieved / partly / not with a
reason and evidence files, the quantitative ones confirmed or disputed beside the platform's figure, source and
vintage as of the evaluation date — ask the responsible departments for evidence, and sign. Once signed the
judgements are frozen and the evaluation report carries them with a signature page.

This package holds the vocabulary (:mod:`.model`), the storage (:mod:`.records`, :mod:`.files`) and the
workspace view (:mod:`.workspace`). Who may do what, and the audit log, are the workflow's:
:mod:`seimon.services.evaluations`. Layer: after ``disclose`` (it reads the assessment), before ``report``.
"""

from __future__ import annotations

from seimon.evaluation.model import (
    KINDS,
    QUALITATIVE_VERDICTS,
    QUANTITATIVE_VERDICTS,
    STATES,
    label,
)

__all__ = ["KINDS", "QUALITATIVE_VERDICTS", "QUANTITATIVE_VERDICTS", "STATES", "label"]
