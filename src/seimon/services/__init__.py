"""Workflows shared by the web and the CLI: the one place where a change is authorised by scope, made, audited
and followed by what it implies (an approval recomputes the cube).

The stages below (ingest, indicators, assess, appraise, disclose, report, access) each do one job and know
nothing of who asked; the shells above (``seimon.web``, ``seimon.cli``) parse a request, call one function here
and print or serialise its answer. Keeping the sequence here means the web download of an internal report and
the CLI's ``report --edition internal`` are audited alike, and that every audit event is a typed
:mod:`seimon.access.events` event. Layer: after ``access``, before ``web``.
"""
