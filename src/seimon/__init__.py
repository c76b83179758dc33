"""SEI Monitor (`seimon`): a monitoring platform for strategic emerging industry plans.

战略性新兴产业监测平台：把产业发展规划变成可监测的目标、数据、指标、预警与评估体系。

The package is organised as one sub-package per stage of the data flow::

    plan → reference → ingest → store → indicators → assess → evaluate → disclose → report / web / cli

Each stage takes typed objects from the one before and knows nothing of the ones after it.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
