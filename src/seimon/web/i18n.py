"""The words of the pages in Chinese and English: one catalogue for the templates and the page scripts.

Pages are Chinese first; ``?lang=en`` (kept in the ``lang`` cookie) switches them to English, and
``Settings.default_lang`` sets what a first visit sees. Templates call ``t("key")``; the scripts get the
catalogue of the page's language as JSON in the page and call their own ``t("key")``. Data that come with
both languages (names, messages) are shown from their ``_zh`` / ``_en`` fields, not from here.

A key missing from the catalogue shows as the key itself and is logged; ``tests/web/test_pages.py`` fails
when a template or script uses a key the catalogue lacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from seimon.access.roles import ROLE_NAMES_ZH, Role
from seimon.assess.status import STATUS_LABELS

logger = logging.getLogger(__name__)

LANGS: tuple[str, ...] = ("zh", "en")
LANG_COOKIE = "lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}

ROLE_NAMES_EN: dict[Role, str] = {
    Role.ADMIN: "administrator",
    Role.ANALYST: "province analyst",
    Role.CITY: "city user",
    Role.ENTERPRISE: "enterprise user",
    Role.DEPARTMENT: "provincial department",
    Role.EVALUATOR: "third-party evaluator",
    Role.PUBLIC: "public",
}
"""English role names beside :data:`seimon.access.roles.ROLE_NAMES_ZH`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the frame
    "site.name": ("战略性新兴产业监测平台", "SEI Monitor"),
    "site.name_other": ("SEI Monitor", "战略性新兴产业监测平台"),
    "site.skip": ("跳到正文", "Skip to content"),
    "site.language": ("语言", "Language"),
    "site.navigation": ("主导航", "Main navigation"),
    "nav.overview": ("总览", "Overview"),
    "nav.targets": ("规划目标", "Targets"),
    "nav.industries": ("重点产业", "Industries"),
    "nav.regions": ("地区", "Regions"),
    "nav.bases": ("产业基地", "Bases"),
    "nav.projects": ("重大工程", "Major projects"),
    "nav.warnings": ("预警", "Warnings"),
    "nav.appraisals": ("考核评价", "Appraisal"),
    "nav.tracking": ("项目与任务", "Projects & tasks"),
    "nav.submissions": ("数据报送", "Submissions"),
    "nav.batches": ("导入批次", "Import batches"),
    "nav.reports": ("报告下载", "Reports"),
    "nav.open": ("开放数据", "Open data"),
    "nav.benchmark": ("企业对标", "Benchmarking"),
    "nav.users": ("用户管理", "Users"),
    "nav.audit": ("审计日志", "Audit log"),
    "nav.evaluations": ("第三方评估", "Evaluations"),
    "nav.login": ("登录", "Log in"),
    "nav.logout": ("退出", "Log out"),
    "nav.password": ("修改密码", "Change password"),
    "password.title": ("修改密码", "Change password"),
    "password.intro": (
        "修改后，本账号在其他浏览器和脚本中的登录将全部失效。",
        "Changing it ends every other session of this account (other browsers and scripts).",
    ),
    "password.current": ("当前密码", "Present password"),
    "password.new": ("新密码", "New password"),
    "password.repeat": ("再次输入新密码", "New password again"),
    "password.mismatch": ("两次输入的新密码不一致", "The two new passwords differ"),
    "password.submit": ("修改密码", "Change password"),
    "password.done": ("密码已修改", "Password changed"),
    "user.visitor": ("访客", "Visitor"),
    "footer.source": (
        "数据来源：企业统计报表（规模以上工业企业，按年初累计报送）、各市及企业经本平台报送的数据、"
        "有关部门公开发布的数据；指标口径见各指标说明。增速按可比价、同口径计算，比重按现价计算。",
        "Sources: enterprise statistical reports (above-scale industry, year-to-date), data submitted through this"
        " platform by cities and enterprises, and figures published by government departments. Growth is real and"
        " on a same-enterprise basis; shares are at current prices.",
    ),
    "footer.confidentiality": (
        "依照《中华人民共和国统计法》第九条、第二十五条，可识别单个调查对象的数据不予公布；"
        "少于 3 家企业的汇总数据，以及可由合计推算出此类数据的单元格，以“×”表示。",
        "Under arts. 9 and 25 of the Statistics Law, data that identify a single respondent are not released;"
        " aggregates resting on fewer than 3 enterprises, and cells from which such a figure could be derived"
        " from the total, are shown as “×”.",
    ),
    # page titles
    "login.title": ("登录", "Log in"),
    "overview.title": ("总览", "Overview"),
    "targets.title": ("规划目标", "Plan targets"),
    "target.title": ("目标详情", "Target"),
    "industries.title": ("重点产业", "Plan industries"),
    "regions.title": ("地区比较", "Regions"),
    "bases.title": ("产业基地", "Industrial bases"),
    "projects.title": ("重大专项工程", "Major projects"),
    "warnings.title": ("预警", "Early warnings"),
    "submissions.title": ("数据报送", "Data submissions"),
    "submission.title": ("报送", "Submission"),
    "batches.title": ("导入批次", "Import batches"),
    "batch.title": ("导入批次", "Import batch"),
    "reports.title": ("报告下载", "Reports"),
    "open.title": ("开放数据 / Open data", "Open data / 开放数据"),
    "benchmark.title": ("企业对标：您的位置 / Where you stand", "Where you stand / 企业对标"),
    "users.title": ("用户管理", "Users"),
    "audit.title": ("审计日志", "Audit log"),
    "error.forbidden_title": ("无权访问", "Access denied"),
    "error.not_found_title": ("页面不存在", "Page not found"),
    "error.home": ("返回总览", "Back to the overview"),
    "error.http": ("请求失败（HTTP {status}）", "The request failed (HTTP {status})"),
    # common words
    "common.loading": ("正在加载……", "Loading…"),
    "common.apply": ("查询", "Apply"),
    "common.all": ("全部", "All"),
    "common.none": ("无", "None"),
    "common.error": ("出错", "Error"),
    "common.no_value": ("本期无数据", "no figure for this period"),
    "common.suppressed": ("×（不予公布）", "× (not released)"),
    # login
    "login.intro": ("请使用本平台账号登录。", "Log in with your platform account."),
    "login.username": ("用户名", "User name"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    # overview
    "overview.headline": ("主要指标", "Headline figures"),
    "overview.headline_note": (
        "全省规模以上工业口径；增速为可比价、同口径；比重为现价。",
        "Province, above-scale industry; growth real and same-enterprise; shares at current prices.",
    ),
    "overview.targets": ("规划目标进展", "Progress of the plan's targets"),
    "overview.all_targets": ("查看全部目标 →", "All targets →"),
    "overview.as_of": ("（评估日 {date}）", "(as of {date})"),
    "overview.no_data": ("尚无数据", "No data yet"),
    "overview.share_change": ("比上年同期 {pp} 个百分点", "{pp} pp on a year earlier"),
    "overview.prior": ("上年同期 {value}", "a year earlier: {value}"),
    "overview.gap_above": ("快于规模以上工业", "faster than all above-scale industry"),
    "overview.gap_below": ("慢于规模以上工业", "slower than all above-scale industry"),
    # indicators
    "indicator.sei_va": ("战略性新兴产业增加值", "SEI value added"),
    "indicator.sei_va_real_growth": ("增加值增速", "Real growth of value added"),
    "indicator.sei_growth_gap": ("高于规上工业增速", "Growth gap to above-scale industry"),
    "indicator.sei_va_share_above_scale": ("占规上工业增加值比重", "Share of above-scale value added"),
    "indicator.sei_revenue": ("营业收入", "Revenue"),
    "indicator.sei_profit_margin": ("营业收入利润率", "Profit margin"),
    "indicator.sei_rd_intensity": ("研发经费投入强度", "R&D intensity"),
    "indicator.sei_enterprises": ("战略性新兴产业企业数", "SEI enterprises"),
    # units
    "unit.万元": ("万元", "10k yuan"),
    "unit.亿元": ("亿元", "100m yuan"),
    "unit.%": ("%", "%"),
    "unit.百分点": ("个百分点", "pp"),
    "unit.家": ("家", "firms"),
    "unit.万家": ("万家", "10k firms"),
    "unit.个": ("个", "units"),
    "unit.项": ("项", "items"),
    "unit.名": ("名", "people"),
    "unit.万名": ("万名", "10k people"),
    "unit.万千瓦": ("万千瓦", "10 MW"),
    "unit.亿千瓦时": ("亿千瓦时", "100m kWh"),
    "unit.万辆": ("万辆", "10k vehicles"),
    # assessment
    "assess.as_of": ("评估日期", "As of"),
    "assess.as_of_hint": ("不填为今天", "empty: today"),
    "assess.method": ("评估方法", "Method"),
    "method.opensdg": ("年均增速比值法（Open SDG）", "CAGR ratio (Open SDG)"),
    "method.linear": ("线性进度法", "Linear progress"),
    "method.extrapolation": ("趋势外推法", "Extrapolation"),
    "forecast.drift": ("漂移法", "drift"),
    "forecast.linear": ("线性趋势", "linear trend"),
    "forecast.cagr": ("年均增速外推", "CAGR"),
    "forecast.ets": ("指数平滑", "exponential smoothing"),
    "forecast.arima": ("ARIMA", "ARIMA"),
    **{f"status.{key}": pair for key, pair in STATUS_LABELS.items()},
    # targets
    "targets.target": ("目标", "Target"),
    "targets.goal": ("目标值", "Target value"),
    "targets.latest": ("最新值", "Latest"),
    "targets.status": ("状态", "Status"),
    "targets.trend": ("走势", "Trend"),
    "targets.forecast": ("期末预测", "Forecast at deadline"),
    "targets.by": ("{year}年", "by {year}"),
    "targets.no_forecast": ("不作预测", "no forecast"),
    "targets.see_detail": ("原因见详情", "see the target for why"),
    "targets.probability": ("达标概率 {p}", "probability of meeting it {p}"),
    "targets.progress": ("完成度 {p}", "progress {p}"),
    "targets.note": (
        "走势为评估所用观测值（规划单位）；红色虚线为目标值。预测区间为 80% 区间，方法按滚动回测误差选定。",
        "The trend shows the observations used (plan units); the red dashed line is the target. Forecast"
        " intervals are 80%; the method is chosen by rolling-origin back-test error.",
    ),
    "target.trend": ("走势、目标与预测", "Trend, target and forecast"),
    "target.trend_note": (
        "横轴为所属期末；虚线为预测及其区间，竖线为期末预测区间。",
        "The axis is the end of each period; dashed lines are the forecast and its interval at the deadline.",
    ),
    "target.sentence": ("规划原文", "The plan's words"),
    "target.section": ("出处：规划 {section}", "Source: plan section {section}"),
    "target.method": ("计算方法", "How it is computed"),
    "target.formulas": ("计算过程", "Calculation"),
    "target.thresholds": ("判定标准", "Thresholds"),
    "target.reasons": ("说明", "Notes"),
    "target.forecast": ("预测", "Forecast"),
    "target.forecast_text": (
        "{method}：期末预测 {value} {unit}，{level}% 区间 [{lower}, {upper}]（{n} 个观测值）。",
        "{method}: {value} {unit} at the deadline, {level}% interval [{lower}, {upper}] ({n} observations).",
    ),
    "target.candidate": ("候选方法", "Candidate"),
    "target.backtest_error": ("回测误差", "Back-test error"),
    "target.metric": ("误差指标", "Metric"),
    "target.chosen": ("选用", "Chosen"),
    "target.used": ("使用的观测值", "Observations used"),
    "target.set_aside": ("剔除的观测值及理由", "Observations set aside, with reasons"),
    "target.baseline": ("基期值", "Baseline"),
    "target.progress_share": ("完成度", "Progress share"),
    "target.time_share": ("时间进度", "Time share"),
    "target.ratio": ("增速比值 R", "Ratio R"),
    "target.probability": ("达标概率", "Probability of meeting it"),
    "target.no_points": ("暂无可用观测值。", "No usable observation yet."),
    "obs.period": ("所属期", "Period"),
    "obs.value": ("数值", "Value"),
    "obs.unit": ("单位", "Unit"),
    "obs.source": ("来源", "Source"),
    "obs.published": ("发布日期（版本）", "Published (vintage)"),
    "obs.reliability": ("可靠性", "Reliability"),
    "obs.batch": ("批次·行", "Batch · row"),
    "obs.role": ("用途", "Use"),
    "obs.reason": ("剔除理由", "Reason"),
    "obs.proxy": ("代理指标", "proxy"),
    "obs.from_indicators": ("指标体系（企业报表汇总）", "indicator system (enterprise reports)"),
    "obs.not_current": ("已有更新版本", "a later vintage exists"),
    "obs.in_forecast": ("用于预测", "used in the forecast"),
    "obs.row": ("第 {row} 行", "row {row}"),
    "chart.unavailable": (
        "图表库未安装（请运行 scripts/build-frontend.sh）",
        "The chart library is missing (run scripts/build-frontend.sh)",
    ),
    "chart.observed": ("观测值", "Observed"),
    "chart.target": ("目标", "Target"),
    "chart.forecast": ("预测", "Forecast"),
    "chart.interval": ("{level}% 预测区间", "{level}% interval"),
    "chart.high": ("高", "High"),
    "chart.low": ("低", "Low"),
    # industries
    "industries.intro": (
        "规划八大重点产业的增加值、增速与比重（全省，规模以上工业）。",
        "Value added, growth and share of the plan's eight industries (province, above-scale industry).",
    ),
    "industries.industry": ("产业", "Industry"),
    "industries.sei_codes": ("战新分类代码：{codes}", "SEI 2018 codes: {codes}"),
    "industries.not_sei": ("非战新口径", "outside SEI"),
    "industries.subfields": ("细分领域", "Sub-fields"),
    "industries.no_subfields": ("规划未列细分领域。", "The plan lists no sub-fields."),
    "industries.note": (
        "一家企业只计入一个产业；数字创意产业在规模以上工业中企业很少，可能无数据。",
        "Each enterprise counts in one industry only; digital creative has few above-scale enterprises and may"
        " have no figures.",
    ),
    # regions
    "regions.indicator": ("指标", "Indicator"),
    "regions.period": ("时期", "Period"),
    "regions.map": ("河北省各市地图", "Map of Hebei's cities"),
    "regions.ranking": ("各市排名（含定州、辛集）", "Ranking of the cities (with Dingzhou and Xinji)"),
    "regions.rank": ("位次", "Rank"),
    "regions.region": ("地区", "Region"),
    "regions.value": ("数值", "Value"),
    "regions.beside_cities": ("省直管，单列", "province-administered, reported separately"),
    "regions.note": (
        "统计口径（填报口径）：定州市、辛集市与 11 个设区市并列，不计入保定市、石家庄市；地图只绘 11 个设区市。",
        "Reporting view: Dingzhou and Xinji are reported beside the 11 cities and not inside Baoding and"
        " Shijiazhuang; the map draws the 11 cities only.",
    ),
    # bases and projects
    "bases.intro": (
        "规划第三部分：5 个国家级基地和 30 个省级战略性新兴产业示范基地。",
        "Plan part three: 5 national bases and 30 provincial demonstration bases.",
    ),
    "bases.national": ("国家级基地", "National bases"),
    "bases.provincial": ("省级示范基地（30 个名额）", "Provincial demonstration bases (30 slots)"),
    "bases.provincial_note": (
        "规划按功能区和重点领域描述省级基地，未列名称；名称待补录。",
        "The plan describes the provincial bases by functional zone and focus field without naming them.",
    ),
    "bases.slot": ("名额", "Slot"),
    "bases.slot_n": ("名额 {n}", "Slot {n}"),
    "bases.zone": ("功能区", "Functional zone"),
    "bases.regions": ("地区", "Regions"),
    "bases.focus": ("重点领域", "Focus fields"),
    "bases.industries": ("所属产业", "Industries"),
    "bases.source": ("出处", "Source"),
    "bases.note": ("说明", "Note"),
    "bases.targets": ("目标", "Targets"),
    "bases.unallocated": ("未定", "open"),
    "plan.no_targets": ("无量化目标", "No quantified target"),
    "plan.latest": ("最新 {value}（{period}）", "latest {value} ({period})"),
    "projects.intro": (
        "规划第四部分：八项重大专项工程及其目标。",
        "Plan part four: eight major projects and their targets.",
    ),
    "projects.number": ("（{n}）", "({n})"),
    # appraisals
    "appraisals.title": ("考核评价", "Appraisal"),
    "appraisals.year": ("年度", "Year"),
    "appraisals.units": ("考核对象", "Units"),
    "appraisals.cities": ("各市（含定州、辛集）", "Cities (with Dingzhou and Xinji)"),
    "appraisals.bases": ("产业基地", "Industrial bases"),
    "appraisals.chart": ("名次及其5%～95%区间", "Ranks and their 5–95% intervals"),
    "appraisals.ranking": ("考核排名", "Ranking"),
    "appraisals.rank": ("名次", "Rank"),
    "appraisals.interval": ("名次区间", "Rank interval"),
    "appraisals.unit": ("单位", "Unit"),
    "appraisals.score": ("综合得分", "Score"),
    "appraisals.indicator": ("指标", "Indicator"),
    "appraisals.value": ("数值", "Value"),
    "appraisals.indicator_score": ("得分", "Score"),
    "appraisals.profile_of": ("{name}的指标得分", "Indicator scores of {name}"),
    "appraisals.loading": (
        "正在计算考核结果（可能需要十几秒）……",
        "Computing the appraisal (this may take a few seconds)…",
    ),
    "appraisals.none": ("没有考核结果", "No appraisal"),
    "appraisals.sensitivity": (
        "名次对各假设的总效应敏感性指数（{draws}次模拟）：{parts}",
        "Total Sobol indices of the ranks ({draws} draws): {parts}",
    ),
    "appraisal_factor.weights": ("权重", "weights"),
    "appraisal_factor.normalisation": ("标准化", "normalisation"),
    "appraisal_factor.aggregation": ("汇总", "aggregation"),
    "appraisal_factor.missing": ("缺失值处理", "gaps"),
    "appraisal_factor.outliers": ("异常值处理", "outliers"),
    "appraisals.note": (
        "名次区间为权重、标准化、汇总与缺失值处理在合理范围内变动时名次的5%～95%分位；"
        "区间重叠的单位不宜视为有明显差距。方法见 docs/appraisal.md。",
        "The rank interval is the 5th–95th percentile of a unit's rank when weights, normalisation, aggregation and"
        " the treatment of gaps vary within defensible choices; overlapping intervals are not a clear difference."
        " Method: docs/appraisal.md.",
    ),
    # warnings
    "tracking.title": ("重点项目与任务落实", "Projects and tasks"),
    "tracking.base": ("所属基地", "Base"),
    "tracking.map": ("项目分布（按市）", "Projects by city"),
    "tracking.map_title": ("重点项目总投资（亿元）", "Total investment of projects (100m yuan)"),
    "tracking.count": ("项目数", "Projects"),
    "tracking.planned_yi": ("总投资（亿元）", "Investment (100m yuan)"),
    "tracking.tasks_n": ("任务", "Tasks"),
    "project.title": ("项目进度历史", "Project history"),
    "project.open": ("项目详情与历史", "Project details and history"),
    "project.history": ("累计完成投资的变化", "Investment completed over time"),
    "project.vintages": (
        "灰色行是被后来报送取代的版本；编辑从不覆盖历史，每次编辑自编辑时起生效。",
        "Grey rows are versions replaced by a later report; an edit never overwrites history and counts from the "
        "moment it is made.",
    ),
    "project.new": ("新建项目", "Add a project"),
    "project.edit": ("编辑项目", "Edit the project"),
    "project.report": ("报送进度", "Report progress"),
    "project.submit_report": ("报送", "Submit"),
    "project.save": ("保存", "Save"),
    "project.id": ("项目编号", "Project id"),
    "project.name": ("项目名称", "Name"),
    "project.region": ("地区代码", "Region code"),
    "project.unit_code": ("项目单位信用代码", "Owner's credit code"),
    "project.annual": ("年度计划投资（万元）", "Annual plan (10k yuan)"),
    "project.start": ("计划开工", "Planned start"),
    "project.industry_hint": ("如 新能源、1.2", "e.g. 新能源, 1.2"),
    "breakdown.title": ("目标分解与责任单位", "Breakdown to the cities and responsible departments"),
    "breakdown.region": ("地区", "Region"),
    "breakdown.region_code": ("地区代码（空为全省）", "Region code (blank: the province)"),
    "breakdown.year": ("年度", "Year"),
    "breakdown.value": ("分解目标", "Figure"),
    "breakdown.lead": ("牵头单位", "Lead"),
    "breakdown.partners": ("配合单位", "Partners"),
    "breakdown.duty": ("牵头单位：{lead}；配合单位：{partners}", "Lead: {lead}; partners: {partners}"),
    "breakdown.none": ("尚未分解", "Not broken down yet"),
    "breakdown.edit": ("设定分解目标或里程碑", "Set a figure of the breakdown or a milestone"),
    "breakdown.consistent": (
        "{year}年：{parts} 个地区合计 {sum}，全省 {province}（一致或无全省数）",
        "{year}: {parts} regions add up to {sum}, province {province} (consistent, or no province figure)",
    ),
    "breakdown.inconsistent": (
        "{year}年：{parts} 个地区合计 {sum}，与全省 {province} 不一致",
        "{year}: {parts} regions add up to {sum}, not the province's {province}",
    ),
    "breakdown.note": (
        "保存即形成新版本，自保存时起生效；原有分解保留可查。",
        "Saving makes a new version counting from now; the earlier breakdown is kept.",
    ),
    "edit.saved": ("已保存 {id}（新版本，自现在起生效）", "{id} saved (a new version, counting from now)"),
    "edit.unchanged": ("{id} 与现有内容相同，未作更改", "{id} is the same as what is held; nothing changed"),
    "taskboard.title": ("任务看板（按责任单位）", "Tasks board by department"),
    "taskboard.report": ("报送进展", "Report"),
    "taskboard.progress": ("进展情况", "Progress"),
    "taskboard.link": ("附件链接或名称", "Evidence link or name"),
    "taskboard.file": ("佐证材料文件", "Evidence file"),
    "taskboard.deadline": ("时限", "due"),
    "taskboard.done": ("已完成", "Done"),
    "taskboard.counts": ("完成 {done}/{n}，逾期 {overdue}", "{done}/{n} done, {overdue} overdue"),
    "taskboard.note": (
        "红色边框为逾期任务（时限已过、未完成）。进展以报送日期为准，网上报送的日期为当天；佐证材料随报送保存，不会被替换。",
        "A red edge marks an overdue task (deadline passed, not done). Progress counts from its report date; a "
        "report made here is dated today; evidence files stay with their report and are never replaced.",
    ),
    "base.title": ("产业基地概况", "Base profile"),
    "base.level": ("级别", "Level"),
    "base.period": ("统计时期", "Period"),
    "base.enterprises": ("企业（登记/报送）", "Enterprises (assigned / reporting)"),
    "base.revenue": ("营业收入（万元）", "Revenue (10k yuan)"),
    "base.growth": ("同口径增速", "Growth (same enterprises)"),
    "base.rank": ("营业收入排名", "Rank by revenue"),
    "base.rank_growth": ("增速排名", "Rank by growth"),
    "base.projects": ("基地内重点项目", "Projects in the base"),
    "base.members": ("基地企业", "Enterprises of the base"),
    "base.enterprise": ("企业名称", "Enterprise"),
    "base.reported": ("本期已报送", "Reported"),
    "base.no_members": (
        "无可显示的企业（或无权查看企业个体信息）",
        "No enterprise to show (or no access to microdata)",
    ),
    "base.no_projects_access": ("本角色不查看项目库", "This role does not read the project register"),
    "base.members_note": (
        "企业名单属于企业个体信息（统计法第九条、第二十五条），只向有权查看的用户显示。",
        "The member list is microdata (Statistics Law arts. 9, 25), shown only to users who may see it.",
    ),
    "base.suppressed": (
        "报送企业少于 3 家，营业收入、增速与排名不予显示。",
        "Fewer than 3 enterprises reported: revenue, growth and ranks are withheld.",
    ),
    "tracking.city": ("地区", "Region"),
    "tracking.industry": ("产业", "Industry"),
    "tracking.status": ("状态", "Status"),
    "tracking.overdue_only": ("只看逾期", "Overdue only"),
    "tracking.projects": ("重点项目", "Projects"),
    "tracking.project": ("项目", "Project"),
    "tracking.department": ("责任单位", "Responsible unit"),
    "tracking.planned": ("总投资（万元）", "Total investment (10k yuan)"),
    "tracking.done": ("累计完成投资（万元）", "Invested (10k yuan)"),
    "tracking.rate": ("投资完成率", "Investment completion"),
    "tracking.start_rate": ("开工率", "Start rate"),
    "tracking.finish_rate": ("竣工率", "Finish rate"),
    "tracking.due": ("计划竣工", "Planned finish"),
    "tracking.overdue": ("逾期", "Overdue"),
    "tracking.days": ("逾期{n}天", "{n} days overdue"),
    "tracking.note": ("形象进度/说明", "Progress note"),
    "tracking.reported": ("报送日期", "Reported on"),
    "tracking.tasks": ("专栏行动与保障措施（按责任单位）", "Roadmap actions and measures by responsible unit"),
    "tracking.unassigned": ("未分工", "Not assigned"),
    "tracking.none": ("没有符合条件的项目", "No project matches"),
    "tracking.no_reports": ("评估日前没有进度报送", "No progress report by the date"),
    "tracking.loading": ("正在读取……", "Loading…"),
    "tracking.note_rates": (
        "投资完成率=累计完成投资/总投资；开工率、竣工率以计划于该日前开工、竣工的项目为分母；取消的项目不计。"
        "进度以该日前报送的为准。",
        "Investment completion = invested / total investment; start and finish rates are over the projects due to "
        "start or finish by the date; cancelled projects are left out. Only progress reported by the date counts.",
    ),
    "warnings.severity": ("级别", "Severity"),
    "warnings.region": ("地区", "Region"),
    "warnings.period": ("时期", "Period"),
    "warnings.rule": ("规则", "Rule"),
    "warnings.message": ("内容", "Message"),
    "warnings.internal": ("内部", "internal"),
    "warnings.none": ("没有预警", "No warnings"),
    "warnings.loading": ("正在计算预警（可能需要十几秒）……", "Computing the warnings (this may take a few seconds)…"),
    "warnings.note": (
        "预警规则见 resources/warnings/default.yaml；涉及单个企业的内部预警仅对省级用户显示。",
        "The rules are in resources/warnings/default.yaml; internal warnings naming enterprises are shown to"
        " province users only.",
    ),
    "severity.critical": ("严重", "critical"),
    "severity.warning": ("预警", "warning"),
    "severity.info": ("提示", "info"),
    "severity.error": ("错误", "error"),
    "rule.status_downgrade": ("目标状态下降", "target status downgraded"),
    "rule.consecutive_decline": ("增速连续下降", "consecutive decline"),
    "rule.growth_below_industry": ("增速低于规上工业", "growth below above-scale industry"),
    "rule.ranking_bottom": ("排名末位", "bottom of the ranking"),
    "rule.outlier": ("异常值", "outlier"),
    "rule.reporting_completeness": ("报表完整率与及时率", "reporting completeness and timeliness"),
    "rule.enterprise_drop": ("企业数减少", "fewer enterprises"),
    # submissions
    "submissions.upload": ("上传文件", "Upload a file"),
    "submissions.kind": ("数据类型", "Kind"),
    "submissions.file": ("文件", "File"),
    "submissions.sheet": ("工作表", "Sheet"),
    "submissions.sheet_hint": ("XLSX 可选；默认第一个", "XLSX only; default the first"),
    "submissions.upload_hint": (
        "支持 CSV（UTF-8 或 GBK）和 XLSX。上传后立即校验，数据不会入库；确认无误后“提交审核”，经省级审核通过后入库。",
        "CSV (UTF-8 or GBK) or XLSX. The file is validated at once and nothing lands; submit it for review,"
        " and the data land when a province user approves.",
    ),
    "submissions.validate": ("上传并校验", "Upload and validate"),
    "submissions.validating": ("正在校验……", "Validating…"),
    "upload.state.queued": ("排队等待校验", "Queued for validation"),
    "upload.state.reading": ("正在读取文件", "Reading the file"),
    "upload.state.checking": ("正在核对报送范围", "Checking the scope"),
    "upload.state.validating": ("正在校验", "Validating"),
    "upload.state.saving": ("正在保存", "Saving"),
    "upload.state.done": ("校验完成", "Validated"),
    "upload.state.failed": ("未能校验", "Not validated"),
    "upload.rows_read": ("已读取 {n} 行 | {n} rows read", "{n} rows read"),
    "upload.rows_validated": ("已校验 {n} / {m} 行 | {n} of {m} rows validated", "{n} of {m} rows validated"),
    "submissions.choose_file": ("请选择文件", "Choose a file"),
    "submissions.list_own": ("本人的报送", "My submissions"),
    "submissions.list_all": ("全部报送", "All submissions"),
    "submissions.none": ("暂无报送", "No submissions"),
    "submissions.id": ("编号", "No."),
    "submissions.status": ("状态", "Status"),
    "submissions.validation": ("校验结果", "Validation"),
    "submissions.rows_read": ("读取行数", "Rows read"),
    "submissions.rows_valid": ("有效行数", "Valid rows"),
    "submissions.rows_quarantined": ("有错误行数", "Rows with errors"),
    "submissions.submitted_by": ("报送人", "Submitted by"),
    "submissions.created_at": ("上传时间", "Uploaded"),
    "submissions.batch": ("入库批次", "Batch"),
    "kind.enterprises": ("企业名录", "Enterprise register"),
    "kind.reports": ("企业定期报表", "Enterprise reports"),
    "kind.deflators": ("价格指数", "Price indices"),
    "kind.regional": ("地区数据", "Regional data"),
    "kind.observations": ("公开发布数据", "Published observations"),
    "kind.projects": ("项目库", "Project register"),
    "kind.project-progress": ("项目进度", "Project progress"),
    "kind.responsibilities": ("目标分解", "Target breakdown"),
    "kind.tasks": ("任务分工", "Task assignments"),
    "kind.task-reports": ("任务进展", "Task reports"),
    "kind.bases": ("基地名录", "Base register"),
    "state.validated": ("已校验", "validated"),
    "state.submitted": ("待审核", "submitted"),
    "state.approved": ("已通过", "approved"),
    "state.returned": ("已退回", "returned"),
    "state.loaded": ("全部有效", "all valid"),
    "state.partial": ("部分有误", "some errors"),
    "state.rejected": ("整体拒绝", "rejected"),
    "state.unchanged": ("无变化", "unchanged"),
    "submission.size": ("大小", "Size"),
    "submission.submitted_at": ("提交时间", "Submitted"),
    "submission.decided": ("审核", "Decided"),
    "submission.reason": ("退回理由", "Reason for return"),
    "submission.decide": ("操作", "Actions"),
    "submission.submit": ("提交审核", "Submit for approval"),
    "submission.approve": ("审核通过并入库", "Approve: the data land"),
    "submission.return": ("退回", "Return"),
    "submission.return_reason": ("退回理由", "Reason for returning it"),
    "submission.reason_required": ("退回时必须说明理由", "A reason is required to return a submission"),
    "submission.hint_submit": (
        "有错误的行在入库时会被隔离；可修正文件后重新上传，或直接提交审核。",
        "Rows with errors are quarantined when the data land; correct the file and upload it again, or submit.",
    ),
    "submission.hint_decide": (
        "通过后文件按报送人身份正式导入；退回须说明理由。",
        "On approval the file is imported as its submitter; a return needs a reason.",
    ),
    "submission.report": ("校验报告", "Validation report"),
    "submission.report_xlsx": ("下载校验报告（Excel）", "Download the report (Excel)"),
    "submission.rows_warned": ("有提示行数", "Rows with warnings"),
    "submission.problems": ("问题数", "Problems"),
    "submission.no_problems": ("没有发现问题", "No problems found"),
    "problem.row": ("行号", "Row"),
    "problem.field": ("字段", "Field"),
    "problem.rule": ("规则", "Rule"),
    "problem.severity": ("级别", "Severity"),
    "problem.message_zh": ("说明（中文）", "Message (Chinese)"),
    "problem.message_en": ("说明（英文）", "Message (English)"),
    "problem.value": ("原值", "Value"),
    # batches
    "batches.intro": (
        "每次导入一个文件为一个批次；数据的出处链由批次、文件、行号和版本构成。",
        "Each import of one file is a batch; the provenance of a stored value is its batch, file, row and vintage.",
    ),
    "batches.id": ("批次", "Batch"),
    "batches.kind": ("数据类型", "Kind"),
    "batches.file": ("文件", "File"),
    "batches.user": ("导入人", "Imported by"),
    "batches.finished": ("完成时间", "Finished"),
    "batches.rows_read": ("读取", "Read"),
    "batches.rows_loaded": ("入库", "Loaded"),
    "batches.rows_quarantined": ("隔离", "Quarantined"),
    "batches.rows_superseded": ("取代旧版本", "Superseded"),
    "batches.status": ("状态", "Status"),
    "batch.path": ("文件路径", "File path"),
    "batch.started": ("开始时间", "Started"),
    "batch.rows_stored": ("存储行数", "Rows stored"),
    "batch.rows_current": ("现行行数", "Rows current"),
    "batch.superseded_later": ("后被取代", "Superseded later"),
    "batch.message": ("说明", "Message"),
    "batch.problems": ("隔离问题（按规则）", "Quarantined problems by rule"),
    "batch.count": ("行数", "Rows"),
    "batch.resolved": ("已解决", "Resolved"),
    # reports
    "reports.bulletin": ("监测简报", "Monitoring bulletin"),
    "reports.bulletin_intro": (
        "一期的主要指标、分产业、分地区、效益与研发、企业数变化及口径说明。",
        "One period's headline figures, industries, regions, finance and R&D, enterprise counts and notes.",
    ),
    "reports.evaluation": ("规划实施评估报告", "Plan evaluation report"),
    "reports.evaluation_intro": (
        "截至评估日每个规划目标的进度、状态、预测与说明。",
        "Every plan target's progress, status and forecast as of a date, with explanations.",
    ),
    "reports.period": ("时期", "Period"),
    "reports.edition": ("版本", "Edition"),
    "reports.language": ("语言", "Language"),
    "reports.bulletin_as_of": ("按该日已知的数据（可选，默认最新）", "Data as known on (optional; default: latest)"),
    "reports.format": ("格式", "Format"),
    "reports.download": ("生成并下载", "Generate and download"),
    "reports.note": (
        "报告在服务器上按需生成，首次生成可能需要数秒。内部版含重点企业与涉及企业的预警，仅限省级用户。",
        "Reports are generated on request and may take a few seconds the first time. The internal edition names"
        " key enterprises and is for province users only.",
    ),
    "edition.public": ("公开版", "public"),
    "edition.internal": ("内部版", "internal"),
    # users and audit
    "users.username": ("用户名", "User name"),
    "users.display_name": ("显示名称", "Display name"),
    "users.role": ("角色", "Role"),
    "users.region": ("地区代码", "Region code"),
    "users.credit_code": ("统一社会信用代码", "Credit code"),
    "users.status": ("状态", "Status"),
    "users.created": ("创建时间", "Created"),
    "users.actions": ("操作", "Actions"),
    "users.active": ("正常", "active"),
    "users.disabled": ("已停用", "disabled"),
    "users.disable": ("停用", "Disable"),
    "users.confirm_disable": ("确定停用用户 {name}？其会话将立即失效。", "Disable {name}? Their sessions end at once."),
    "users.add": ("新建用户", "Add a user"),
    "users.add_button": ("新建", "Add"),
    "users.added": ("已新建用户 {name}", "User {name} added"),
    "users.password": ("初始密码", "Initial password"),
    "users.region_hint": ("市级用户必填，如 130100", "city users, e.g. 130100"),
    "users.credit_code_hint": ("企业用户必填", "enterprise users"),
    "users.department": ("部门", "Department"),
    "users.department_hint": ("省直部门用户必填，如 省科技厅", "department users, e.g. 省科技厅"),
    "users.invalid": ("请填写用户名和至少 8 位的密码", "Enter a user name and a password of at least 8 characters"),
    **{f"role.{role.value}": (ROLE_NAMES_ZH[role], name_en) for role, name_en in ROLE_NAMES_EN.items()},
    "audit.time": ("时间", "Time"),
    "audit.user": ("用户", "User"),
    "audit.action": ("操作", "Action"),
    "audit.target": ("对象", "Target"),
    "audit.detail": ("详情", "Detail"),
    "audit.ip": ("地址", "Address"),
    "audit.since": ("起始日期", "Since"),
    "audit.limit": ("条数", "Rows"),
    # third-party evaluation (issue 20)
    "evaluations.title": ("第三方评估", "Third-party evaluations"),
    "evaluations.intro": (
        "按规划第五部分（八），由第三方机构开展中期评估和总结评估：管理员开启评估并指派评估机构，评估人逐项评判、"
        "向责任部门请求证据并签署；签署后评估意见冻结，并载入规划实施评估报告。",
        "Under part 5 (8) of the plan, a third party carries out the mid-term and final evaluations: the administrator "
        "opens an evaluation and assigns it to an evaluator organisation; the evaluator judges every target, asks the "
        "responsible departments for evidence and signs. Signed opinions are frozen and go into the evaluation report.",
    ),
    "evaluations.id": ("编号", "No."),
    "evaluations.kind": ("类型", "Kind"),
    "evaluations.as_of": ("评估基准日", "As of"),
    "evaluations.organisation": ("评估机构", "Evaluator organisation"),
    "evaluations.state": ("状态", "State"),
    "evaluations.signed": ("签署", "Signed"),
    "evaluations.actions": ("操作", "Actions"),
    "evaluations.open_workspace": ("进入工作台", "Open workspace"),
    "evaluations.assign": ("指派", "Assign"),
    "evaluations.assigned": ("已指派", "Assigned"),
    "evaluations.open_title": ("开启评估", "Open an evaluation"),
    "evaluations.open_button": ("开启", "Open"),
    "evaluations.title_field": ("标题（可选）", "Title (optional)"),
    "evaluations.kind_midterm": ("中期评估", "Mid-term evaluation"),
    "evaluations.kind_final": ("总结评估", "Final evaluation"),
    "evaluations.opened": ("已开启评估 {id}", "Evaluation {id} opened"),
    "evaluations.members_title": ("评估人及所属机构", "Evaluators and their organisations"),
    "evaluations.member_username": ("评估人账户", "Evaluator account"),
    "evaluations.member_button": ("登记", "Record"),
    "evaluations.member_added": ("已登记：{name} → {org}", "Recorded: {name} → {org}"),
    "evaluation.title": ("评估工作台", "Evaluation workspace"),
    "evaluation.summary": (
        "{kind} · 基准日 {as_of} · 评估机构 {org} · {state}",
        "{kind} · as of {as_of} · {org} · {state}",
    ),
    "evaluation.progress": (
        "定性目标已评判 {q}/{qn} 项，定量目标已评判 {n}/{nn} 项，未答复的证据请求 {r} 项",
        "Qualitative targets judged {q}/{qn}, quantitative {n}/{nn}; open evidence requests {r}",
    ),
    "evaluation.signed_by": (
        "已由 {who}（{org}）于 {date} 签署，评估意见已冻结",
        "Signed by {who} ({org}) on {date}; frozen",
    ),
    "evaluation.report": ("评估报告", "Evaluation report"),
    "evaluation.report_docx": ("下载 Word", "Download Word"),
    "evaluation.report_pdf": ("下载 PDF", "Download PDF"),
    "evaluation.targets": ("目标与评判", "Targets and judgements"),
    "evaluation.target": ("目标", "Target"),
    "evaluation.type": ("类型", "Type"),
    "evaluation.qualitative": ("定性", "qualitative"),
    "evaluation.quantitative": ("定量", "quantitative"),
    "evaluation.figure": ("平台数据（期别）", "Platform figure (period)"),
    "evaluation.source": ("来源 · 版本", "Source · vintage"),
    "evaluation.status": ("平台判断", "Platform status"),
    "evaluation.departments": ("责任部门", "Responsible departments"),
    "evaluation.judgement": ("评估意见", "Judgement"),
    "evaluation.files": ("证据文件", "Evidence files"),
    "evaluation.judge": ("评判", "Judge"),
    "evaluation.not_judged": ("未评判", "not judged"),
    "evaluation.statement": ("规划原文", "Plan statement"),
    "evaluation.evidence_needed": ("判断所需证据", "Evidence needed"),
    "evaluation.judge_title": ("评判目标", "Judge a target"),
    "evaluation.verdict": ("结论", "Verdict"),
    "evaluation.reason": ("理由", "Reason"),
    "evaluation.attach": ("附证据文件（可选，≤ 20 MB）", "Evidence file (optional, at most 20 MB)"),
    "evaluation.save": ("保存评判", "Save judgement"),
    "evaluation.saved": ("已保存：{name}", "Saved: {name}"),
    "evaluation.pick_target": ("请先在表中选择要评判的目标", "Choose a target in the table first"),
    "evaluation.requests": ("证据请求", "Evidence requests"),
    "evaluation.request_title": ("向责任部门请求证据", "Ask a responsible department for evidence"),
    "evaluation.department": ("责任部门", "Department"),
    "evaluation.question": ("所需证据", "Evidence asked for"),
    "evaluation.due": ("答复期限", "Due"),
    "evaluation.request_button": ("发出请求", "Send request"),
    "evaluation.requested": ("已发出证据请求 {id}", "Evidence request {id} sent"),
    "evaluation.request_status": ("状态", "Status"),
    "evaluation.answer": ("答复", "Answer"),
    "evaluation.answer_title": ("代责任部门答复", "Answer on the department's behalf"),
    "evaluation.answer_button": ("提交答复", "Submit answer"),
    "evaluation.answered": ("已答复证据请求 {id}", "Evidence request {id} answered"),
    "evaluation.answer_files": ("附件（可多选）", "Attachments (several allowed)"),
    "evaluation.no_requests": ("尚无证据请求", "No evidence requests yet"),
    "evaluation.sign_title": ("签署", "Sign off"),
    "evaluation.signatory": ("签署人姓名", "Signatory's name"),
    "evaluation.signed_on": ("签署日期", "Date signed"),
    "evaluation.sign_button": ("签署并冻结评估意见", "Sign and freeze the opinions"),
    "evaluation.sign_confirm": (
        "签署后全部评估意见冻结，不能再修改。确定签署？",
        "Once signed, every judgement is frozen. Sign now?",
    ),
    "evaluation.signed": ("已签署", "Signed"),
}
"""Every message: key → (Chinese, English)."""


def message(key: str, lang: str) -> str:
    """The message ``key`` in ``lang`` (the key itself, logged, when the catalogue lacks it).

    >>> message("nav.targets", "zh"), message("nav.targets", "en")
    ('规划目标', 'Targets')
    """
    found = MESSAGES.get(key)
    if found is None:
        logger.warning("no message for %s", key)
        return key
    return found[1] if lang == "en" else found[0]


def translator(lang: str) -> Callable[[str], str]:
    """``t(key)`` for templates in ``lang``.

    >>> translator("en")("site.name")
    'SEI Monitor'
    """
    return lambda key: message(key, lang)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The whole catalogue in ``lang`` (given to the page scripts as JSON).

    >>> catalogue("zh")["site.name"]
    '战略性新兴产业监测平台'
    """
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in MESSAGES.items()}


def choose_lang(asked: str | None, cookie: str | None, default: str) -> str:
    """The page language: ``?lang=`` first, then the ``lang`` cookie, then the configured default.

    >>> choose_lang("en", "zh", "zh"), choose_lang(None, "en", "zh"), choose_lang("fr", None, "zh")
    ('en', 'en', 'zh')
    """
    for candidate in (asked, cookie, default):
        if candidate in LANGS:
            return candidate
    return "zh"


def role_label(role: str, lang: str) -> str:
    """A role's name for the header.

    >>> role_label("city", "zh"), role_label("city", "en")
    ('市级用户', 'city user')
    """
    return message(f"role.{role}", lang)


def pick_side(text: str | None, lang: str) -> str:
    """One side of a ``中文 / English`` text (as display names and library notes are written).

    >>> pick_side("石家庄市 / Shijiazhuang", "en"), pick_side("石家庄市 / Shijiazhuang", "zh"), pick_side("sjz", "en")
    ('Shijiazhuang', '石家庄市', 'sjz')
    """
    if not text:
        return ""
    parts = text.split(" / ")
    if len(parts) != 2:
        return text
    return parts[1].strip() if lang == "en" else parts[0].strip()
