"""Calendar posts (PLAN_FORMAT.md §7): where an item goes out, its media files and the checks
of its fields that need more than a type (a channel given twice, a ``#`` in a hashtag, a media
file outside the project or missing).

Media ``file`` paths are relative to the folder of ``mkdocs.yml``. ``smm check`` only knows the
plan folder, so it takes that folder's parent (where ``mkdocs.yml`` sits in every project
``smm init`` creates); a build checks against the real folder of ``mkdocs.yml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .errors import Problem
from .model import CalendarFile, CalendarItem

if TYPE_CHECKING:
    from .plan import Plan

#: Where media files are copied, under ``url_prefix``: ``<url_prefix>/media/<file>``.
MEDIA_FOLDER = "media"
#: Extensions a planner shows as a picture; anything else is linked (videos, PDFs).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})
VIDEO_SUFFIXES = frozenset({".mp4", ".webm", ".mov", ".m4v"})


def media_path(file: str) -> PurePosixPath | None:
    """``file`` as a clean relative POSIX path, or None when it is absolute, climbs out with
    ``..``, is empty or uses backslashes (a Windows path would mean something else on the
    build machine)."""
    text = file.strip()
    if not text or "\\" in text or "\0" in text:
        return None
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts or not path.parts or text.startswith("~"):
        return None
    parts = [part for part in path.parts if part != "."]
    return PurePosixPath(*parts) if parts else None


def media_site_path(file: str) -> str:
    """The site path a media file is copied to, relative to ``url_prefix`` (``media/<file>``)."""
    path = media_path(file)
    assert path is not None, "checked while loading"
    return f"{MEDIA_FOLDER}/{path.as_posix()}"


def is_image(file: str) -> bool:
    return PurePosixPath(file).suffix.lower() in IMAGE_SUFFIXES


def is_video(file: str) -> bool:
    return PurePosixPath(file).suffix.lower() in VIDEO_SUFFIXES


def media_file(root: Path, file: str) -> Path | None:
    """The media file on disk, when it is a regular file inside ``root`` (a symlink that leads
    out of the project is refused: its target would be published)."""
    path = media_path(file)
    if path is None:
        return None
    base = root.resolve()
    target = (base / path).resolve()
    if target != base and base not in target.parents:
        return None
    return target if target.is_file() else None


def post_problems(calendar: CalendarFile, media_root: Path | None) -> Iterator[Problem]:
    """Errors and warnings of one calendar file's posts that their types alone do not catch
    (``media_root`` None: media paths are checked for their form, not looked for)."""
    where = calendar.source
    for index, item in enumerate(calendar.items):
        if item.channel is not None and item.channels:
            yield Problem(
                where,
                calendar.line_of("items", index, "channels"),
                "error",
                f"items.{index}: give either 'channel' or 'channels', not both",
            )
        elif item.channel is None and not item.channels and calendar.channel is None:
            yield Problem(
                where,
                calendar.line_of("items", index),
                "error",
                f"items.{index}: missing required field 'channel' (set it, or 'channels', on the item or 'channel' for "
                "the whole file)",
            )
        yield from _hashtag_problems(calendar, index, item)
        yield from _media_problems(calendar, index, item, media_root)


def _hashtag_problems(calendar: CalendarFile, index: int, item: CalendarItem) -> Iterator[Problem]:
    for number, tag in enumerate(item.hashtags):
        line = calendar.line_of("items", index, "hashtags", number)
        word = tag.lstrip("#")
        if not word or any(ch.isspace() for ch in word) or "#" in word:
            yield Problem(
                calendar.source,
                line,
                "error",
                f"items.{index}.hashtags.{number}: '{tag}' is not one hashtag (one word, without '#')",
            )
        elif tag.startswith("#"):
            yield Problem(
                calendar.source,
                line,
                "warning",
                f"items.{index}.hashtags.{number}: write '{word}' without '#' (the '#' is added when the post is "
                "shown)",
            )


def _media_problems(
    calendar: CalendarFile, index: int, item: CalendarItem, media_root: Path | None
) -> Iterator[Problem]:
    for number, media in enumerate(item.media):
        line = calendar.line_of("items", index, "media", number, "file")
        label = f"items.{index}.media.{number}.file"
        if media_path(media.file) is None:
            yield Problem(
                calendar.source,
                line,
                "error",
                f"{label}: '{media.file}' must be a path relative to the folder of mkdocs.yml, inside it (no '..', not "
                "absolute)",
            )
        elif media_root is not None and media_file(media_root, media.file) is None:
            yield Problem(
                calendar.source,
                line,
                "error",
                f"{label}: no such file '{media.file}' (paths are relative to the folder of mkdocs.yml)",
            )


def media_problems(plan: Plan, config_dir: Path) -> list[Problem]:
    """A build's check of posts' media files against the real folder of ``mkdocs.yml``, when
    that is not the plan folder's parent (loading already checked that case)."""
    if config_dir.resolve() == plan.root.resolve().parent:
        return []
    found: list[Problem] = []
    for calendar in plan.all("calendar"):
        assert isinstance(calendar, CalendarFile)
        for index, item in enumerate(calendar.items):
            found.extend(p for p in _media_problems(calendar, index, item, config_dir) if p.severity == "error")
    return found


def shown_hashtags(item: CalendarItem) -> list[str]:
    """The hashtags as a post shows them: ``#word``, each once, a stray ``#`` not doubled."""
    return list(dict.fromkeys("#" + tag.lstrip("#") for tag in item.hashtags if tag.lstrip("#")))


def platform_problems(plan: Plan) -> list[Problem]:
    """``smm check``'s warnings per platform for every post (caption and hashtag limits, a
    link where it is not clickable, missing media or alt text, a post due soon and not
    approved), at the line of the field to fix. Like ``review_by``, some depend on "today", so
    they are for ``smm check`` (the pull request), not the build."""
    from .model import Channel
    from .platform_limits import item_warnings, post_warnings

    found: list[Problem] = []
    for calendar in plan.all("calendar"):
        assert isinstance(calendar, CalendarFile)
        for index in range(len(calendar.items)):
            item = plan.effective.item(calendar, index)
            warned: set[tuple[str, str]] = set()
            platforms = [c.platform for c in (plan.get("channels", i) for i in item.channels) if isinstance(c, Channel)]
            for platform in dict.fromkeys(p.lower() for p in platforms):
                for field, message in post_warnings(item, platform, plan.today):
                    warned.add((field, message))
            for field, message in item_warnings(item, plan.today):
                warned.add((field, message))
            for field, message in sorted(warned):
                path = ("items", index, *(int(p) if p.isdigit() else p for p in field.split(".")))
                line = calendar.line_of(*path)
                found.append(Problem(calendar.source, line, "warning", f"items.{index}.{field}: {message}"))
    return found
