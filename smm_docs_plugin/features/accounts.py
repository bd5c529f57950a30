"""Account safety: every channel has an owner, a backup owner and two-factor authentication.

Account sprawl and accounts whose only owner left are how teams lose their profiles. The
check is deliberately small: a missing (or same-as-owner) backup owner, two-factor turned off,
and two-factor not recorded are problems; a missing recovery contact is shown but not
flagged. Only team builds ever call this (``account`` is cleared for stakeholders).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Account, Channel
from ..plan import Plan

NO_BACKUP_OWNER = "no-backup-owner"
BACKUP_IS_OWNER = "backup-is-owner"
TWO_FACTOR_OFF = "two-factor-off"
TWO_FACTOR_UNKNOWN = "two-factor-unknown"


@dataclass(frozen=True)
class AccountCheck:
    channel: Channel
    account: Account
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def two_factor(self) -> bool | None:
        return self.account.two_factor

    @property
    def ok(self) -> bool:
        return not self.problems


def check_account(channel: Channel) -> AccountCheck:
    """The problems of one channel's account (an absent ``account`` block is all unknown)."""
    account = channel.account or Account()
    problems = []
    if account.backup_owner is None:
        problems.append(NO_BACKUP_OWNER)
    elif account.backup_owner == channel.owner:
        problems.append(BACKUP_IS_OWNER)
    if account.two_factor is False:
        problems.append(TWO_FACTOR_OFF)
    elif account.two_factor is None:
        problems.append(TWO_FACTOR_UNKNOWN)
    return AccountCheck(channel=channel, account=account, problems=tuple(problems))


def account_checks(plan: Plan) -> list[AccountCheck]:
    """Every channel's check, by channel title then id."""
    channels = [c for c in plan.all("channels") if isinstance(c, Channel)]
    return [check_account(c) for c in sorted(channels, key=lambda c: (c.title.casefold(), c.id))]
