"""Calendar posts (PLAN_FORMAT.md §7): copy, media, link, hashtags, several channels,
approved_by and the six statuses, through real builds, ``smm check`` and ``smm diff``."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import icalendar
import pytest
from mkdocs.exceptions import Abort, PluginError

from smm_docs_plugin.cli import main
from smm_docs_plugin.features.events import make_uid

from .conftest import MINIMAL_PLAN, build, make_project

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f80f0000010100005a4d6ee70000000049454e44ae426082"
)

LINKEDIN = """\
---
title: LinkedIn
platform: linkedin
purpose: Office managers
owner: ben
---
"""
SECRET_CHANNEL = """\
---
title: Hush channel
platform: tiktok
purpose: Not yet announced
owner: ana
internal: true
---
"""
BEN = "---\ntitle: Ben\n---\n"
POSTS = """\
---
title: Spring posts
channel: instagram
items:
  - date: 2027-03-11
    time: "18:00"
    title: Commute reel
    channels: [instagram, linkedin, hush]
    status: approved
    approved_by: ben
    copy: |
      Rain, 11 km, **dry feet**.
      <!-- internal -->Budget note: boost with 50 EUR<!-- /internal -->
    media:
      - {file: media/reel.png, alt: A bike in the rain}
    link: https://example.com/commute
    hashtags: [commute, citybike]
  - date: 2027-03-12
    title: Single-channel story
    status: in-review
  - date: 2027-03-13
    title: Only on the hush channel
    channels: [hush]
    media:
      - {file: media/secret.png, alt: Not for stakeholders}
---
"""


def project(root: Path, posts: str = POSTS, audience: str = "team") -> Path:
    shutil.copytree(MINIMAL_PLAN, root / "plan", dirs_exist_ok=True)
    for rel, text in {
        "channels/linkedin.md": LINKEDIN,
        "channels/hush.md": SECRET_CHANNEL,
        "team/ben.md": BEN,
        "calendar/spring.md": posts,
    }.items():
        (root / "plan" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "plan" / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "media").mkdir(exist_ok=True)
    (root / "media" / "reel.png").write_bytes(PNG)
    (root / "media" / "secret.png").write_bytes(PNG)
    return make_project(root, options={"today": "2027-03-10", "audience": audience})


def uids(feed: Path, title: str) -> list[str]:
    cal = icalendar.Calendar.from_ical(feed.read_bytes())
    return sorted(str(e["UID"]) for e in cal.walk("VEVENT") if title in str(e["SUMMARY"]))


def test_a_post_on_several_channels_is_on_each_feed_with_stable_uids(tmp_path: Path) -> None:
    site = build(project(tmp_path / "a"), strict=True)
    feeds = site / "strategy" / "calendar"
    insta, linkedin, hush = (
        uids(feeds / "instagram.ics", "Commute reel"),
        uids(feeds / "linkedin.ics", "Commute reel"),
        uids(feeds / "hush.ics", "Commute reel"),
    )
    assert len(insta) == len(linkedin) == len(hush) == 1
    assert len({*insta, *linkedin, *hush}) == 3  # one event per (post, channel)
    assert len(uids(site / "strategy" / "calendar.ics", "Commute reel")) == 3
    # A post with a single `channel` (here the file's) keeps the UID items always had.
    assert uids(feeds / "instagram.ics", "Single-channel story") == [
        make_uid("item", "calendar", "spring", "single-channel-story")
    ]

    # The calendar page lists the post once per channel.
    page = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    for uid in (*insta, *linkedin):
        assert f'data-uid="{uid}"' in page

    # plan.json: resolved channels, the new fields, and where the media file is in the site.
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    post = data["calendar"]["spring"]["items"][0]
    assert post["channels"] == ["instagram", "linkedin", "hush"] and post["channel"] is None
    assert post["status"] == "approved" and post["approved_by"] == "ben"
    assert post["hashtags"] == ["commute", "citybike"] and post["link"] == "https://example.com/commute"
    assert post["media"] == [
        {"file": "media/reel.png", "alt": "A bike in the rain", "url": "strategy/media/media/reel.png"}
    ]
    assert (site / post["media"][0]["url"]).read_bytes() == PNG
    story = data["calendar"]["spring"]["items"][1]
    assert story["channel"] == "instagram" and story["channels"] == ["instagram"] and story["status"] == "in-review"

    # A rebuild gives the same UIDs.
    again = build(project(tmp_path / "b"), strict=True)
    assert uids(again / "strategy" / "calendar" / "linkedin.ics", "Commute reel") == linkedin


def test_stakeholders_keep_only_visible_channels_and_their_media(tmp_path: Path) -> None:
    team = build(project(tmp_path / "team"), strict=True)
    site = build(project(tmp_path / "stake", audience="stakeholders"), strict=True)
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    items = data["calendar"]["spring"]["items"]
    assert [i["title"] for i in items] == ["Commute reel", "Single-channel story"]
    assert items[0]["channels"] == ["instagram", "linkedin"]
    # Same UIDs as the team's build for the channels both see.
    for channel in ("instagram", "linkedin"):
        assert uids(site / "strategy" / "calendar" / f"{channel}.ics", "Commute reel") == uids(
            team / "strategy" / "calendar" / f"{channel}.ics", "Commute reel"
        )
    # The post only on the internal channel is gone, its media file with it.
    assert (site / "strategy" / "media" / "media" / "reel.png").is_file()
    assert not (site / "strategy" / "media" / "media" / "secret.png").exists()
    assert (team / "strategy" / "media" / "media" / "secret.png").is_file()
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".ics", ".csv", ".xml")
    )
    for secret in ("Hush channel", "Only on the hush channel", "Budget note", "Not for stakeholders"):
        assert secret not in everything, secret
    assert "dry feet" in json.dumps(items[0])


def check(tmp_path: Path, posts: str, capsys) -> tuple[int, str]:
    config = project(tmp_path, posts)
    code = main(["check", str(config.parent / "plan"), "--today", "2027-03-01"])
    return code, capsys.readouterr().out


def test_check_reports_channel_twice_hashtag_and_media_mistakes(tmp_path: Path, capsys) -> None:
    posts = """\
    ---
    title: Spring posts
    channel: instagram
    items:
      - date: 2027-03-11
        title: Both
        channel: instagram
        channels: [linkedin]
      - date: 2027-03-12
        title: Tagged
        hashtags: ["#commute", "two words"]
      - date: 2027-03-13
        title: Media
        media:
          - {file: media/missing.png, alt: Gone}
          - {file: ../outside.png, alt: Out}
    ---
    """
    broken = """\
    ---
    title: Broken
    channel: instagram
    items:
      - date: 2027-03-14
        title: Status
        status: waiting
        media:
          - {file: media/reel.png}
    ---
    """
    (tmp_path / "plan" / "calendar").mkdir(parents=True)
    (tmp_path / "plan" / "calendar" / "broken.md").write_text(textwrap.dedent(broken), encoding="utf-8")
    code, out = check(tmp_path, posts, capsys)
    assert code == 1
    lines = out.splitlines()

    def line_of(fragment: str) -> str:
        found = [line for line in lines if fragment in line]
        assert found, (fragment, out)
        return found[0]

    assert line_of("give either 'channel' or 'channels'").endswith(
        ": error: items.0: give either 'channel' or 'channels', not both"
    )
    assert ":8: error:" in line_of("items.0: give either")  # the line of `channels`
    assert ":11: warning:" in line_of("write 'commute' without '#'")
    assert ": error:" in line_of("'two words' is not one hashtag")
    assert ":15: error:" in line_of("no such file 'media/missing.png'")
    assert ":16: error:" in line_of("'../outside.png' must be a path relative to the folder of mkdocs.yml")
    assert "broken.md:9: error:" in line_of("alt")
    assert "broken.md:7: error:" in line_of("'in-review', 'approved'")


def test_build_stops_on_a_missing_media_file_and_keeps_the_old_site(tmp_path: Path, caplog) -> None:
    config = project(tmp_path)
    site = build(config)
    before = (site / "strategy" / "calendar" / "index.html").read_bytes()
    (tmp_path / "media" / "reel.png").unlink()
    with pytest.raises((PluginError, Abort)):
        build(config)
    assert "plan/calendar/spring.md:15: error: items.0.media.0.file: no such file 'media/reel.png'" in caplog.text
    assert (site / "strategy" / "calendar" / "index.html").read_bytes() == before


def test_diff_says_a_post_moved_to_approved(tmp_path: Path) -> None:
    import subprocess

    from smm_docs_plugin.diff import diff_revisions

    root = tmp_path / "repo"
    root.mkdir()
    project(root)

    def git(*args: str) -> None:
        subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "posts")
    spring = root / "plan" / "calendar" / "spring.md"
    spring.write_text(
        spring.read_text(encoding="utf-8").replace("status: in-review", "status: approved"), encoding="utf-8"
    )
    git("commit", "-q", "-am", "approve")
    report, code = diff_revisions("HEAD~1", "HEAD", Path("plan"), cwd=root, today=None)
    assert code == 0
    assert "Calendar file **Spring posts**: post “Single-channel story” moved to Approved (was In review)" in report


def test_preview_shows_each_post_per_platform_from_its_grid_card(tmp_path: Path) -> None:
    import html5lib

    site = build(project(tmp_path), strict=True)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    calendar = html5lib.parse((site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8"))
    cards = [
        a
        for a in calendar.iterfind(".//h:a[@class]", ns)
        if "smm-card" in a.get("class") and "Commute reel" in "".join(a.itertext())
    ]
    assert cards and {a.get("href") for a in cards} == {"spring/#post-commute-reel"}

    page = html5lib.parse((site / "strategy" / "calendar" / "spring" / "index.html").read_text(encoding="utf-8"))
    post = page.find(".//h:section[@id='post-commute-reel']", ns)
    assert post is not None
    previews = {a.get("data-channel"): a for a in post.iterfind(".//h:div[@role='group']", ns)}
    assert list(previews) == ["instagram", "linkedin", "hush"]
    insta, linkedin = previews["instagram"], previews["linkedin"]
    # Caption (Markdown rendered) with hashtags, first image as thumbnail, the link.
    caption = insta.find(".//h:div[@class='smm-post-caption']", ns)
    assert "".join(caption.find(".//h:strong", ns).itertext()) == "dry feet"
    assert "#commute #citybike" in "".join(insta.itertext())
    image = insta.find(".//h:img", ns)
    assert image.get("alt") == "A bike in the rain" and image.get("src") == "../../media/media/reel.png"
    assert (site / "strategy" / "calendar" / "spring" / image.get("src")).resolve() == (
        site / "strategy" / "media" / "media" / "reel.png"
    ).resolve()
    # The link is clickable on LinkedIn, not in an Instagram caption (which says so).
    assert linkedin.find(".//h:a[@href='https://example.com/commute']", ns) is not None
    assert insta.find(".//h:a[@href='https://example.com/commute']", ns) is None
    assert "not clickable" in "".join(insta.itertext())
    # Team builds keep the internal passage of the copy; its markers are gone.
    assert "Budget note" in "".join(insta.itertext())
    assert "internal --" not in "".join(insta.itertext())


def test_copy_is_text_not_html(tmp_path: Path) -> None:
    posts = POSTS.replace(
        "Rain, 11 km, **dry feet**.", "Rain <script>alert(1)</script> [x](javascript:alert(2)) [[team/ben]]"
    )
    site = build(project(tmp_path, posts), strict=True)
    html = (site / "strategy" / "calendar" / "spring" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert 'href="javascript:' not in html
    assert "Ben" in html


def test_check_warns_per_platform(tmp_path: Path, capsys) -> None:
    long_copy = "word " * 500  # 2,499 characters: over Instagram's 2,200, within LinkedIn's 3,000
    posts = f"""\
    ---
    title: Spring posts
    channel: instagram
    items:
      - date: 2027-03-20
        title: Long caption
        channels: [instagram, linkedin]
        status: approved
        copy: "{long_copy.strip()}"
        hashtags: [a, b, c, d, e, f]
        link: https://example.com/x
        media:
          - {{file: media/reel.png, alt: " "}}
      - date: 2027-03-02
        title: Due soon
        status: draft
      - date: 2027-03-25
        title: In review without media
        status: in-review
        copy: See https://example.com/y
    ---
    """
    code, out = check(tmp_path, posts, capsys)
    assert code == 0, out
    expected = [
        (
            ":9: warning: items.0.copy: Instagram: the caption is 2518 characters with its hashtags, over the limit of "
            "2200"
        ),
        ":10: warning: items.0.hashtags: Instagram: 6 hashtags, more than the 5 a post may carry",
        ":11: warning: items.0.link: Instagram: a link in the caption is not clickable",
        ":13: warning: items.0.media.0.alt: media without alt text",
        ":16: warning: items.1.status: due 2027-03-02, within 2 days, and not approved yet (status draft)",
        ":20: warning: items.2.copy: Instagram: the caption contains a link, which is not clickable",
        ":17: warning: items.2.media: Instagram: a post needs an image or a video",
    ]
    for fragment in expected:
        assert any(fragment in line for line in out.splitlines()), (fragment, out)
    assert "LinkedIn:" not in out  # 2,518 characters are within LinkedIn's 3,000; links work there
