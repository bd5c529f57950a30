"""Messages in the team's language (gettext catalogues through Babel and Jinja2's i18n extension).

``N_`` marks an English message where it is declared (a section's title, a status's label) so
``pybabel extract`` finds it; it is translated where it is shown.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message
