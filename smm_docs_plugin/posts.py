"""Calendar posts (PLAN_FORMAT.md §7): where an item goes out, its media files and the checks
of its fields that need more than a type (a channel given twice, a ``#`` in a hashtag, a media
file that is no image, video or PDF, missing, or from a folder whose files are never published).

Media ``file`` paths are relative to the folder of ``mkdocs.yml``. ``smm check`` only knows the
plan folder, so it takes that folder's parent (where ``mkdocs.yml`` sits in every project
``smm init`` creates) and the folders the ``mkdocs.yml`` there sets; a build checks against the
real folders of its ``mkdocs.yml``, and copies only a file that passes (see :class:`MediaFolder`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
#: What a social post carries, and so all a media file may be: images, videos and PDF documents
#: (LinkedIn's document posts); nothing a site engine reads as a page or as settings (Markdown,
#: HTML, YAML). SVG stays: the image ``smm init`` writes is one, and every handbook made with it
#: names it. It is published as it is, like any image and its metadata (see the README).
MEDIA_SUFFIXES = IMAGE_SUFFIXES | VIDEO_SUFFIXES | frozenset({".pdf"})
#: Files only a built site holds (MkDocs, ``smm render``, an encrypted build): a folder with one
#: is a site, which may hold what another audience must not see, never a source of media.
SITE_MARKERS = (
    "sitemap.xml",
    "sitemap.xml.gz",
    "404.html",
    "search/search_index.json",
    ".smm-render",
    "smm-share-sw.js",
)
_WHERE_MEDIA_GO = "put the post's media in media/ beside mkdocs.yml"


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


@dataclass(frozen=True)
class MediaFolder:
    """Where posts' media files may come from: the folder of ``mkdocs.yml`` (``root``), except
    the folders whose files are never published as they are (``refused``: the plan folder,
    ``site_dir``), hidden folders and files, and any built site. ``docs_dir`` is allowed (§7: a
    file relative to the folder of mkdocs.yml): MkDocs publishes its images in both audiences
    anyway, and a Markdown page there is refused by its type like any other. A media file is
    an image, a video or a PDF; a symbolic link is followed and its target judged by the same
    rules (a link must not lead out of ``root`` either)."""

    root: Path
    refused: tuple[tuple[str, Path], ...] = ()

    @classmethod
    def of(cls, root: Path, *, plan_dir: Path, site_dir: Path) -> MediaFolder:
        folders = (("the plan folder", plan_dir), ("site_dir", site_dir))
        return cls(root.resolve(), tuple((name, path.resolve()) for name, path in folders))

    @classmethod
    def beside(cls, plan_dir: Path) -> MediaFolder:
        """The folder as ``smm check`` sees it: the plan folder's parent, where ``mkdocs.yml``
        sits in every project ``smm init`` creates, with the folders that ``mkdocs.yml`` sets."""
        from .mkdocs_yaml import folders_beside

        _, site_dir = folders_beside(plan_dir)
        return cls.of(plan_dir.resolve().parent, plan_dir=plan_dir, site_dir=site_dir)

    def file(self, file: str) -> Path | None:
        """The media file on disk, when :meth:`problem` finds nothing wrong with it."""
        if self.problem(file) is not None:
            return None
        path = media_path(file)
        assert path is not None
        return (self.root / path).resolve()

    def problem(self, file: str) -> str | None:
        """Why ``file`` cannot be a post's media file (the message after ``items.N.media.M.file:``),
        or None."""
        path = media_path(file)
        if path is None:
            return _not_relative(file)
        try:
            return self._on_disk(file, path)
        except RuntimeError:  # Python before 3.13: a loop of symbolic links
            return f"'{file}' cannot be read: a loop of symbolic links"
        except OSError as exc:  # a folder that may not be read, a loop of symbolic links
            return f"'{file}' cannot be read: {exc.strerror or exc}"

    def _on_disk(self, file: str, path: PurePosixPath) -> str | None:
        wrong = self._wrong(path)
        if wrong is not None:
            return f"'{file}' {wrong}"
        target = (self.root / path).resolve()
        if target != self.root / path:  # a symbolic link on the way: its target is what gets published
            if self.root not in target.parents:
                return f"'{file}' is a symbolic link that leads out of the folder of mkdocs.yml"
            wrong = self._wrong(PurePosixPath(target.relative_to(self.root).as_posix()))
            if wrong is not None:
                return f"'{file}' is a symbolic link to '{target.relative_to(self.root).as_posix()}', which {wrong}"
        if not target.is_file():
            return f"no such file '{file}' (paths are relative to the folder of mkdocs.yml)"
        return None

    def _wrong(self, path: PurePosixPath) -> str | None:
        """What is wrong with a clean path relative to ``root`` as a media file, or None."""
        if any(part.startswith(".") for part in path.parts):
            return f"is hidden (a name that starts with '.'): {_WHERE_MEDIA_GO}"
        full = self.root / path
        for name, folder in self.refused:
            if _within(full, folder):
                return (
                    f"is inside {name} ({_shown(folder, self.root)}), whose files are never published as a post's "
                    f"media: {_WHERE_MEDIA_GO}"
                )
        for depth in range(1, len(path.parts)):
            folder = self.root.joinpath(*path.parts[:depth])
            if any((folder / marker).exists() for marker in SITE_MARKERS):
                return (
                    f"is inside a built site ({_shown(folder, self.root)}), which may hold what this audience must "
                    f"not see: {_WHERE_MEDIA_GO}"
                )
        if path.suffix.lower() not in MEDIA_SUFFIXES:
            kinds = ", ".join(sorted(s.lstrip(".") for s in MEDIA_SUFFIXES))
            return f"is not an image, a video or a PDF a post carries ({kinds})"
        return None


def _within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it, in any case: on a file system that ignores
    case (macOS, Windows), ``PLAN/x.png`` is a file of ``plan/``."""
    inside, parts = [p.casefold() for p in path.parts], [p.casefold() for p in folder.parts]
    return inside[: len(parts)] == parts


def _not_relative(file: str) -> str:
    return f"'{file}' must be a path relative to the folder of mkdocs.yml, inside it (no '..', not absolute)"


def _shown(folder: Path, root: Path) -> str:
    return folder.relative_to(root).as_posix() + "/" if root in folder.parents else str(folder)


def post_problems(calendar: CalendarFile, media: MediaFolder | None) -> Iterator[Problem]:
    """Errors and warnings of one calendar file's posts that their types alone do not catch
    (``media`` None: media paths are checked for their form, not looked for)."""
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
        yield from _media_problems(calendar, index, item, media)


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
    calendar: CalendarFile, index: int, item: CalendarItem, media: MediaFolder | None
) -> Iterator[Problem]:
    for number, entry in enumerate(item.media):
        line = calendar.line_of("items", index, "media", number, "file")
        label = f"items.{index}.media.{number}.file"
        if media is not None:
            problem = media.problem(entry.file)
        else:  # the path's form only
            problem = _not_relative(entry.file) if media_path(entry.file) is None else None
        if problem is not None:
            yield Problem(calendar.source, line, "error", f"{label}: {problem}")


def media_problems(plan: Plan, media: MediaFolder) -> list[Problem]:
    """A build's check of posts' media files against the real folders of its ``mkdocs.yml``
    (loading checked them as ``smm check`` does, against the ``mkdocs.yml`` beside the plan
    folder; a build may have another one, or another ``site_dir``). The same messages."""
    found: list[Problem] = []
    for calendar in plan.all("calendar"):
        assert isinstance(calendar, CalendarFile)
        for index, item in enumerate(calendar.items):
            found.extend(_media_problems(calendar, index, item, media))
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
