"""Regional totals: GDP and above-scale industrial value added by province, city, 定州 and 辛集.

Provincial GDP is written exactly as published where the calibration marks it published (2016:
31827.9亿元, 2020: 36206.9亿元); other years and all city figures are calibration assumptions, and the
``note`` column says which is which so that nobody mistakes a demo figure for a statistic.
"""

from __future__ import annotations

import pandas as pd

from seimon.demo.calibration import Calibration
from seimon.reference.regions import PROVINCE_CODE

GDP = "地区生产总值"
ABOVE_SCALE_VA = "规模以上工业增加值"
UNIT = "亿元"
ASSUMPTION_SOURCE = "演示数据（校准假设）/ demo calibration assumption"


def regional_table(cal: Calibration, years: tuple[int, int]) -> pd.DataFrame:
    """GDP and above-scale value added for the province and the 13 reporting units, by year.

    >>> from seimon.demo.calibration import load_calibration
    >>> t = regional_table(load_calibration(), (2016, 2016))
    >>> t[(t.region == "130000") & (t.indicator == GDP)].value.tolist()
    [31827.9]
    """
    rows = []
    for year in range(years[0], years[1] + 1):
        figure = cal.province_gdp.figure(year)
        if figure.status == "published" and figure.source is not None:
            source = f"{figure.source.publisher}《{figure.source.title}》"
            note = "公布数 / published"
        else:
            source, note = ASSUMPTION_SOURCE, "校准假设 / calibration assumption"
        gdp = figure.value
        va = cal.above_scale_va(year)
        period = f"{year}年"
        rows.append((PROVINCE_CODE, period, GDP, gdp, UNIT, source, note))
        rows.append((PROVINCE_CODE, period, ABOVE_SCALE_VA, round(va, 1), UNIT, ASSUMPTION_SOURCE, "校准假设"))
        for code, unit in cal.units.items():
            rows.append((code, period, GDP, round(gdp * unit.gdp, 1), UNIT, ASSUMPTION_SOURCE, "校准假设"))
            rows.append(
                (code, period, ABOVE_SCALE_VA, round(va * unit.industry, 1), UNIT, ASSUMPTION_SOURCE, "校准假设")
            )
    return pd.DataFrame(rows, columns=["region", "period", "indicator", "value", "unit", "source", "note"])
