"""The one "today" of a build: the option, else SOURCE_DATE_EPOCH, else the build date."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo


class TodayError(ValueError):
    pass


def parse_today(value: object) -> date | None:
    """The ``today`` option: a YAML date, a ``YYYY-MM-DD`` string, or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    # Only YYYY-MM-DD: Python 3.11's fromisoformat also takes 20270113 and 2027-W02-3.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise TodayError(f"'today' must be a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TodayError(f"'today' must be a date YYYY-MM-DD, got {value!r}") from None


def resolve_today(option: object, tz_name: str = "UTC") -> date:
    """Called once per build, at the edge (plugin or CLI); everything else receives the date."""
    explicit = parse_today(option)
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise TodayError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}") from None
    try:
        tz = ZoneInfo(tz_name)
    except (KeyError, ValueError, OSError):
        tz = ZoneInfo("UTC")
    return datetime.now(tz).date()
