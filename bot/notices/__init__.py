"""What handlers and jobs both send: outbox notices in words (:mod:`bot.notices.render`)
and an announcement's progress message (:mod:`bot.notices.progress`). Handlers and
jobs import these, never each other."""
