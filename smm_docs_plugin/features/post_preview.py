"""Post previews on a calendar file's page: each post the way its platforms will show it
(caption with hashtags, first image, the link), one anchor per post that the calendar grid's
cards link to.

``copy`` is the team's Markdown, like a body. It is rendered here, inside an HTML block where
MkDocs does not read Markdown, with Python-Markdown (MkDocs' own engine); unlike a body it is a
post's text, never a place for HTML, so raw HTML is shown as text, ``[[links]]`` become their
label (a link inside a caption does not exist on any platform) and a link or image may only
point at http(s) or mailto addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import markdown
from markupsafe import Markup, escape

from ..context import RenderContext
from ..labels import CALENDAR_STATUSES
from ..model import CalendarFile, Channel
from ..posts import is_image, is_video, media_site_path, shown_hashtags
from ..wikilinks import replace_wikilinks
from .calendar_grid import PLATFORM_ICONS, channel_hue
from .events import post_anchor

#: Platforms whose captions do not make links clickable (the link goes "in bio").
LINKLESS_CAPTIONS = frozenset({"instagram", "tiktok"})
_UNSAFE_URL = re.compile(r'(href|src)="(?!https?://|mailto:)[^"]*"', re.IGNORECASE)
#: ``<!-- internal -->`` / ``<!-- /internal -->`` in a post's copy (``smm check`` refuses them in
#: any frontmatter field; a team build that shows one anyway drops the markers, not the text).
_MARKER = re.compile(r"<!--\s*/?\s*internal\s*-->", re.IGNORECASE)


def render_copy(ctx: RenderContext, text: str) -> Markup:
    """A post's Markdown as HTML (see the module's docstring for what is left out)."""
    text = _MARKER.sub("", text)  # team builds: the passage's text stays, its markers go

    def label(section: str, id: str, given: str | None) -> str:
        target = ctx.plan.get(section, id)
        return ctx.gettext("internal") if target is None else (given or target.title)

    def literal(section: str, id: str) -> str | None:
        # Written as code or escaped, a link still must not name what the audience may not see.
        return None if ctx.plan.get(section, id) is not None else f"[[{ctx.gettext('internal')}]]"

    text = replace_wikilinks(text, label, ctx.plan.markdown, literal) if "[[" in text else text
    html = markdown.markdown(str(escape(text)), extensions=["sane_lists"], output_format="html")
    return Markup(_UNSAFE_URL.sub(r'\1="#"', html))


@dataclass
class MediaView:
    href: str
    alt: str
    image: bool
    video: bool
    name: str


@dataclass
class ChannelPreview:
    channel_id: str
    title: str
    handle: str
    platform: str
    icon: str
    hue: int
    link_clickable: bool
    warnings: list[str] = field(default_factory=list)


@dataclass
class PostPreview:
    anchor: str
    title: str
    when: str
    status: str
    owner: Markup
    approved_by: Markup
    copy: Markup
    hashtags: list[str]
    link: str | None
    link_label: str
    media: list[MediaView]
    channels: list[ChannelPreview]


def post_previews(ctx: RenderContext, calendar_file: CalendarFile, page_src: str) -> list[PostPreview]:
    """A preview per post of the file that has content (copy, media, link or hashtags), with
    its effective channels the audience may see."""
    from ..platform_limits import post_warnings

    previews = []
    for index, raw in enumerate(calendar_file.items):
        if not (raw.copy or raw.media or raw.link or raw.hashtags):
            continue  # a plain item: its row in the items table holds its anchor
        item = ctx.plan.effective.item(calendar_file, index)
        channels = []
        for channel_id in item.channels:
            channel = ctx.plan.get("channels", channel_id)
            if not isinstance(channel, Channel):
                continue
            platform = channel.platform.lower()
            channels.append(
                ChannelPreview(
                    channel_id=channel.id,
                    title=channel.title,
                    handle=channel.handle or "",
                    platform=platform,
                    icon=platform if platform in PLATFORM_ICONS else "channel",
                    hue=channel_hue(channel.id),
                    link_clickable=platform not in LINKLESS_CAPTIONS,
                    warnings=[message for _, message in post_warnings(item, platform, ctx.today, ctx.gettext)],
                )
            )
        media = [
            MediaView(
                href=ctx.href(page_src, ctx.file(media_site_path(m.file))),
                alt=m.alt,
                image=is_image(m.file),
                video=is_video(m.file),
                name=m.file.rsplit("/", 1)[-1],
            )
            for m in item.media
        ]
        when = ctx.datetime(item.date, item.time, "medium")
        link_label = re.sub(r"^(https?://)?(www\.)?", "", item.link or "").rstrip("/")
        previews.append(
            PostPreview(
                anchor=post_anchor(calendar_file, index),
                title=item.title,
                when=when,
                status=ctx.gettext(CALENDAR_STATUSES[item.status]),
                owner=ctx.link(page_src, "team", item.owner),
                approved_by=ctx.link(page_src, "team", item.approved_by),
                copy=render_copy(ctx, item.copy) if item.copy else Markup(""),
                hashtags=shown_hashtags(item),
                link=item.link,
                link_label=link_label,
                media=media,
                channels=channels,
            )
        )
    return previews
