"""What each platform allows in a post, as data, and the warnings ``smm check`` gives a post
against it (PLAN_FORMAT.md §7: calendar posts).

Every number names where it comes from. They were written down on 2026-12-02 from the
platforms' own help centres **as the author knew them**; the build machine has no internet,
so none was re-checked online that day. Platforms change these limits: correct a number here
(with its source and the date you checked it) rather than in the code below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .model import CalendarItem


@dataclass(frozen=True)
class PlatformLimits:
    #: The platform's name in messages.
    name: str
    #: Most characters in a post's text (caption, description), hashtags included; None: no limit.
    caption: int | None
    #: Most hashtags a post may carry (more are cut or ignored); None: no published limit.
    hashtags: int | None
    #: Whether a link in the caption is clickable (False: "link in bio").
    clickable_links: bool
    #: Whether a post needs an image or a video.
    needs_media: bool
    #: Where the numbers come from.
    source: str


CHECKED = "written down 2026-12-02 from the author's knowledge of the help centre (not re-checked online)"

PLATFORMS: dict[str, PlatformLimits] = {
    "instagram": PlatformLimits(
        "Instagram",
        caption=2200,
        hashtags=5,
        clickable_links=False,
        needs_media=True,
        source="Instagram Help Centre: captions up to 2,200 characters, links in captions are not clickable; "
        "Instagram announced in December 2025 a limit of 5 hashtags per post (it was 30); " + CHECKED,
    ),
    "facebook": PlatformLimits(
        "Facebook",
        caption=63206,
        hashtags=None,
        clickable_links=True,
        needs_media=False,
        source="Meta Business Help Centre: a post's text up to 63,206 characters; no hashtag limit; " + CHECKED,
    ),
    "linkedin": PlatformLimits(
        "LinkedIn",
        caption=3000,
        hashtags=None,
        clickable_links=True,
        needs_media=False,
        source="LinkedIn Help: a post up to 3,000 characters; no published hashtag limit; " + CHECKED,
    ),
    "x": PlatformLimits(
        "X",
        caption=280,
        hashtags=None,
        clickable_links=True,
        needs_media=False,
        source="X Help Center: 280 characters for accounts without Premium, a link counts as 23; " + CHECKED,
    ),
    "tiktok": PlatformLimits(
        "TikTok",
        caption=4000,
        hashtags=None,
        clickable_links=False,
        needs_media=True,
        source="TikTok Support: captions up to 4,000 characters; links in captions are not clickable; " + CHECKED,
    ),
    "youtube": PlatformLimits(
        "YouTube",
        caption=5000,
        hashtags=60,
        clickable_links=True,
        needs_media=True,
        source="YouTube Help: descriptions up to 5,000 characters; a video with more than 60 hashtags has all of "
        "them ignored; " + CHECKED,
    ),
    "pinterest": PlatformLimits(
        "Pinterest",
        caption=500,
        hashtags=None,
        clickable_links=False,
        needs_media=True,
        source="Pinterest Help Centre: a Pin description up to 500 characters; the Pin's link is its destination, "
        "not the text; " + CHECKED,
    ),
    "threads": PlatformLimits(
        "Threads",
        caption=500,
        hashtags=1,
        clickable_links=True,
        needs_media=False,
        source="Threads Help Centre (Instagram): a post up to 500 characters with one topic tag; " + CHECKED,
    ),
    "bluesky": PlatformLimits(
        "Bluesky",
        caption=300,
        hashtags=None,
        clickable_links=True,
        needs_media=False,
        source="Bluesky documentation: a post up to 300 characters; " + CHECKED,
    ),
    "mastodon": PlatformLimits(
        "Mastodon",
        caption=500,
        hashtags=None,
        clickable_links=True,
        needs_media=False,
        source="Mastodon documentation: 500 characters on a default server (each server may set its own); " + CHECKED,
    ),
}

#: A link in a post's text counts this many characters on X (t.co), whatever its length.
X_LINK_LENGTH = 23
#: A post due within this many days (today included) must be approved.
APPROVAL_DAYS = 2
#: Statuses that count as approved: approved and everything after it.
APPROVED = frozenset({"approved", "scheduled", "published"})
#: A post without media is only flagged once it is on its way out (ideas and drafts may lack it).
NEEDS_MEDIA_FROM = frozenset({"in-review", "approved", "scheduled"})
_URL = re.compile(r"https?://\S+")


def caption_length(item: CalendarItem, platform: str) -> int:
    """Characters of the post's text as it goes out: its copy, then its hashtags on one line."""
    text = (item.copy or "").strip()
    tags = " ".join("#" + tag.lstrip("#") for tag in item.hashtags)
    if tags:
        text = f"{text}\n\n{tags}" if text else tags
    if platform == "x":
        text = _URL.sub("x" * X_LINK_LENGTH, text)
    return len(text)


def _english(message: str, **values: object) -> str:
    return message % values


def post_warnings(
    item: CalendarItem, platform: str, today: date, gettext: Callable[..., str] = _english
) -> Iterator[tuple[str, str]]:
    """``(field, message)`` per thing a social media manager would fix before posting on
    ``platform`` (``field`` is relative to the item: ``copy``, ``hashtags``, ``media.0.alt``).
    The last two kinds (alt text, approval) do not depend on the platform: see
    :func:`item_warnings`. ``gettext`` puts a message into the page's language (``smm check``
    keeps English)."""
    limits = PLATFORMS.get(platform.lower())
    if limits is not None:
        length = caption_length(item, platform.lower())
        if limits.caption is not None and length > limits.caption:
            yield (
                "copy",
                gettext(
                    "%(platform)s: the caption is %(length)s characters with its hashtags, over the limit of %(limit)s",
                    platform=limits.name,
                    length=length,
                    limit=limits.caption,
                ),
            )
        if limits.hashtags is not None and len(item.hashtags) > limits.hashtags:
            yield (
                "hashtags",
                gettext(
                    "%(platform)s: %(count)s hashtags, more than the %(limit)s a post may carry",
                    platform=limits.name,
                    count=len(item.hashtags),
                    limit=limits.hashtags,
                ),
            )
        if not limits.clickable_links:
            if item.link:
                yield (
                    "link",
                    gettext(
                        "%(platform)s: a link in the caption is not clickable; put it in the bio or a link sticker",
                        platform=limits.name,
                    ),
                )
            elif item.copy and _URL.search(item.copy):
                yield (
                    "copy",
                    gettext(
                        "%(platform)s: the caption contains a link, which is not clickable; "
                        "put it in the bio or a link sticker",
                        platform=limits.name,
                    ),
                )
        if limits.needs_media and not item.media and item.status in NEEDS_MEDIA_FROM:
            yield (
                "media",
                gettext("%(platform)s: a post needs an image or a video (media is empty)", platform=limits.name),
            )


def item_warnings(item: CalendarItem, today: date) -> Iterator[tuple[str, str]]:
    """Warnings of a post whatever its platforms: media without alt text, and a post due in
    the next days that nobody approved."""
    for number, media in enumerate(item.media):
        if not media.alt.strip():
            yield f"media.{number}.alt", "media without alt text: describe the image for people who cannot see it"
    if today <= item.date <= today + timedelta(days=APPROVAL_DAYS) and item.status not in APPROVED:
        yield (
            "status",
            f"due {item.date.isoformat()}, within {APPROVAL_DAYS} days, and not approved yet (status {item.status})",
        )
