"""Keep credentials out of logs.

A link that logs in, activates, resets or signs carries its token in the URL path the first time it is
opened (the view then moves it into the session). Web servers log request lines, so every app that
mails such links registers the shape of their paths here, and :class:`RedactCredentialsFilter` (set
on the request loggers in settings.LOGGING) replaces the token before a line is written.
"""

import logging
import re

REDACTED = "[redacted]"
_patterns: list[re.Pattern] = []


def register_credential_path(pattern: str) -> None:
    """``pattern`` matches a credential path and names the secret part ``(?P<token>…)``."""
    compiled = re.compile(pattern)
    if "token" not in compiled.groupindex:
        raise ValueError("a credential path pattern must name its secret group 'token'")
    _patterns.append(compiled)


def redact(text: str) -> str:
    for pattern in _patterns:
        text = pattern.sub(lambda m: m.group(0).replace(m.group("token"), REDACTED), text)
    return text


class RedactCredentialsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _patterns:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True
