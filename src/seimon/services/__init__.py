"""The workflows the web platform and the command line share: each step authorised, done and audited in one place.

Shells (``seimon.web``, ``seimon.cli``) stay thin: they parse a request or a command line, call a function here
with the caller's :class:`~seimon.access.roles.Principal`, and print or return what it answers.
"""
