"""What a stakeholder build may publish besides its pages (PLAN_FORMAT.md §5, §7): a post's
media file is an image, a video or a PDF from the folder of mkdocs.yml (docs_dir included, as
§7 writes it), never a file of the plan folder, a built site or a hidden folder, never one a
symbolic link brings in from there (the attacker's F1); a ``--dirty`` stakeholder build never
starts from a previous site (F3); ``smm render`` keeps no comment but Material's exact
directives (F7); ``smm check`` reads docs_dir from mkdocs.yml as the build does (F6). Real
builds, real renders; every secret carries ``CANARY`` and no byte of it may reach an output file
or a file name."""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from smm_docs_plugin.cli import main

from .conftest import MINIMAL_PLAN, build, make_project

HIDDEN = "---\ntitle: CANARY-hiddentitle\ninternal: true\n---\nCANARY-hiddenbody\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _leaks(files: dict[str, bytes], marker: str = "CANARY") -> list[str]:
    return sorted(rel for rel, data in files.items() if marker.encode() in data or marker.lower() in rel.lower())


def _posts(*files: str) -> str:
    """A calendar file with one post whose media are ``files``: media ``n`` is on line ``8 + n``."""
    media = "".join(f"      - {{file: '{file}', alt: Photo {n}}}\n" for n, file in enumerate(files))
    return (
        "---\ntitle: Photos\nchannel: instagram\nitems:\n  - date: 2027-03-12\n    title: Behind the scenes\n"
        f"    media:\n{media}---\n"
    )


def _check(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", str(root / "plan"), "--today", "2027-03-10"])
    return code, out.getvalue().splitlines()


def _render(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["render", "--audience", "stakeholders", str(out)])
    return code, err.getvalue()


# --- F1: what a post's media file may be ------------------------------------------------------

#: Each refused media path with the words its error names, in the order of ``_posts``.
REFUSED = [
    ("plan/team/canary-sam.md", "is inside the plan folder (plan/)"),
    ("plan/channels/canary-sheet.png", "is inside the plan folder (plan/)"),
    ("mkdocs.yml", "is not an image, a video or a PDF a post carries"),
    ("media/notes.txt", "is not an image, a video or a PDF a post carries"),
    ("public/strategy/media/team-only.png", "is inside site_dir (public/)"),
    ("site-team/strategy/media/team-only.png", "is inside a built site (site-team/)"),
    (".git/photo.png", "is hidden"),
    ("media/.draft.png", "is hidden"),
    ("media/brand-sheet.png", "is a symbolic link to 'plan/channels/canary-sheet.png', which is inside the plan"),
    ("media/sheet.pdf", "is a symbolic link to 'media/notes.txt', which is not an image"),
    ("media/escape.png", "is a symbolic link that leads out of the folder of mkdocs.yml"),
    ("linked/canary-sheet.png", "is a symbolic link to 'plan/channels/canary-sheet.png', which is inside the plan"),
    ("Plan/channels/canary-sheet.png", "is inside the plan folder (plan/)"),  # macOS and Windows ignore case
]


def _hostile_project(root: Path, audience: str) -> Path:
    """A project whose one visible post names every refused media file (and one good one)."""
    files = [file for file, _ in REFUSED] + ["media/ok.png", "media/alias.jpg", "media/logo.svg"]
    config = make_project(
        root,
        {"team/canary-sam.md": HIDDEN, "calendar/photos.md": _posts(*files)},
        copy_plan=MINIMAL_PLAN,
        options={"audience": audience},
        config={"site_dir": "public"},
    )
    (root / "plan" / "channels" / "canary-sheet.png").write_bytes(PNG + b"CANARY-sheet")
    for rel in ("public/strategy/media/team-only.png", "site-team/strategy/media/team-only.png"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(PNG + b"CANARY-" + rel.replace("/", "-").encode())
    (root / "site-team" / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "photo.png").write_bytes(PNG + b"CANARY-git")
    media = root / "media"
    media.mkdir()
    (media / "ok.png").write_bytes(PNG)
    (media / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (media / "notes.txt").write_text("CANARY-notes", encoding="utf-8")
    (media / ".draft.png").write_bytes(PNG + b"CANARY-draft")
    (media / "brand-sheet.png").symlink_to("../plan/channels/canary-sheet.png")
    (media / "sheet.pdf").symlink_to("notes.txt")
    (root.parent / "outside.png").write_bytes(PNG + b"CANARY-outside")
    (media / "escape.png").symlink_to(root.parent / "outside.png")
    (media / "alias.jpg").symlink_to("ok.png")  # a link inside the allowed folder is fine
    (root / "linked").symlink_to("plan/channels", target_is_directory=True)  # a folder that is a link
    return config


@pytest.mark.parametrize("audience", ["stakeholders", "team"])
def test_check_and_build_refuse_every_media_file_a_post_does_not_carry(tmp_path: Path, caplog, audience) -> None:
    root = tmp_path / "project"
    config = _hostile_project(root, audience)
    code, out = _check(root)
    assert code == 1, out
    errors = [line for line in out if "photos.md:" in line and ": error: " in line]
    assert len(errors) == len(REFUSED), "\n".join(out)
    for number, (file, words) in enumerate(REFUSED):
        start = f"/plan/calendar/photos.md:{8 + number}: error: items.0.media.{number}.file: '{file}' "
        assert any(start in e and words in e for e in errors), (start, words, errors)
    caplog.set_level(logging.ERROR)
    with pytest.raises((PluginError, Abort)):
        build(config)
    for error in errors:  # the build stops with the same messages, at the same lines
        assert error in caplog.text, error
    assert not (root / "site").exists()


def test_a_media_file_with_a_good_name_from_a_good_folder_is_copied_and_is_no_page(tmp_path: Path) -> None:
    root = tmp_path / "project"
    config = make_project(
        root,
        {
            "team/canary-sam.md": HIDDEN,
            "calendar/photos.md": _posts(
                "media/ok.png", "media/Clip.MP4", "media/alias.jpg", "media/deck.pdf", "docs/images/board.png"
            ),
        },
        copy_plan=MINIMAL_PLAN,
        options={"audience": "stakeholders"},
    )
    # §7: a file relative to the folder of mkdocs.yml; a team that keeps its images in docs/.
    (root / "docs" / "images").mkdir(parents=True)
    (root / "docs" / "images" / "board.png").write_bytes(PNG + b"board.png")
    (root / "media").mkdir()
    for name in ("ok.png", "Clip.MP4", "deck.pdf"):
        (root / "media" / name).write_bytes(PNG + name.encode())
    (root / "media" / "alias.jpg").symlink_to("ok.png")
    assert _check(root)[0] == 0
    site = build(config)
    for name in ("ok.png", "Clip.MP4", "deck.pdf"):
        assert (site / "strategy" / "media" / "media" / name).read_bytes() == PNG + name.encode()
    assert (site / "strategy" / "media" / "media" / "alias.jpg").read_bytes() == PNG + b"ok.png"
    assert (site / "strategy" / "media" / "docs" / "images" / "board.png").read_bytes() == PNG + b"board.png"
    assert not (site / "strategy" / "media" / "media" / "alias.jpg").is_symlink()
    files = _files(site)
    assert b"strategy/media/" not in files["sitemap.xml"]
    assert b"strategy/media/" not in files["search/search_index.json"]
    assert _leaks(files) == []


def test_a_plan_file_named_as_media_becomes_no_page_in_render_either(tmp_path: Path, monkeypatch) -> None:
    """F1 (render path): a post's media file that is a plan file is copied raw, account included."""
    config = make_project(
        tmp_path / "p",
        {"team/canary-sam.md": HIDDEN, "calendar/photos.md": _posts("plan/team/canary-sam.md")},
        copy_plan=MINIMAL_PLAN,
    )
    code, err = _render(config.parent, tmp_path / "out", monkeypatch)
    assert code == 1
    assert (
        "plan/calendar/photos.md:8: error: items.0.media.0.file: 'plan/team/canary-sam.md' is inside the plan folder"
        in err
    )
    assert not (tmp_path / "out").exists()


def test_render_judges_media_by_the_folders_of_its_own_mkdocs_yml(tmp_path: Path, monkeypatch) -> None:
    """``smm render -f other.yml``: that file's site_dir is refused too, with the same message."""
    root = tmp_path / "p"
    config = make_project(root, {"calendar/photos.md": _posts("built/strategy/team.png")}, copy_plan=MINIMAL_PLAN)
    (root / "built" / "strategy").mkdir(parents=True)
    (root / "built" / "strategy" / "team.png").write_bytes(PNG + b"CANARY-built")
    assert _check(root)[0] == 0  # beside the plan, mkdocs.yml says nothing of built/
    other = yaml.safe_load(config.read_text(encoding="utf-8"))
    other["site_dir"] = "built"
    (root / "other.yml").write_text(yaml.safe_dump(other), encoding="utf-8")
    monkeypatch.chdir(root)
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["render", "-f", "other.yml", "--audience", "stakeholders", str(tmp_path / "out")])
    assert code == 1
    assert "photos.md:8: error: items.0.media.0.file: 'built/strategy/team.png' is inside site_dir (built/)" in (
        err.getvalue()
    )
    assert not (tmp_path / "out").exists()


# --- F3: --dirty ------------------------------------------------------------------------------


def test_dirty_stakeholder_build_after_a_team_build_keeps_no_team_file(tmp_path: Path, caplog) -> None:
    """`mkdocs build` (team), then `mkdocs build --dirty` for stakeholders into the same site."""
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    (tmp_path / "p" / "plan" / "team" / "canary-sam.md").write_text(HIDDEN, encoding="utf-8")
    site = build(config)  # team
    assert (site / "strategy" / "team" / "canary-sam" / "index.html").is_file()
    (site / "team-notes.txt").write_text("CANARY-left-by-hand", encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"][1]["smm"]["audience"] = "stakeholders"
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    caplog.set_level(logging.INFO)
    cfg = load_config(str(config), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(cfg, dirty=True)
    finally:
        cfg.plugins.on_shutdown()
    files = _files(site)
    assert "Stakeholder edition" in files["strategy/index.html"].decode()
    assert "strategy/accounts/index.html" not in files
    assert "strategy/team/index.html" in files  # built whole, not only what changed
    assert _leaks(files) == []
    assert caplog.text.count("--dirty is ignored for a stakeholder build") == 1


def test_dirty_team_build_still_starts_from_the_previous_site(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    site = build(config)
    (site / "kept.txt").write_text("from the previous build", encoding="utf-8")
    cfg = load_config(str(config), site_dir=str(site))
    cfg.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(cfg, dirty=True)
    finally:
        cfg.plugins.on_shutdown()
    assert (site / "kept.txt").read_text(encoding="utf-8") == "from the previous build"


# --- F7: comments in smm render's output --------------------------------------------------------


def test_render_for_stakeholders_keeps_no_directive_lookalike_comment(tmp_path: Path, monkeypatch) -> None:
    """`<!-- material/<word> text -->` is not a theme directive: dropped, text and all; Material's
    own directives stay, for the engine that reads them."""
    config = make_project(
        tmp_path / "p",
        {"personas/pat.md": "---\ntitle: Pat\n---\nPublic.\n\n<!-- material/notes CANARY-directive salary -->\n"},
        copy_plan=MINIMAL_PLAN,
        docs={
            "index.md": "# Home\n\n<!-- material/x CANARY-docsdirective -->\n",
            "tags.md": "# Tags\n\n<!-- material/tags -->\n\n<!-- material/tags { include: [Reels] } -->\n\n"
            "<!-- material/tags CANARY secret words -->\n\n<!-- more CANARY-more -->\n\n<!-- more -->\n",
        },
    )
    code, err = _render(config.parent, tmp_path / "out", monkeypatch)
    assert code == 0, err
    files = _files(tmp_path / "out")
    assert _leaks(files) == []
    tags = files["tags.md"].decode()
    assert "<!-- material/tags -->" in tags and "<!-- material/tags { include: [Reels] } -->" in tags
    assert "<!-- more -->" in tags


# --- F6: smm check reads docs_dir from mkdocs.yml ---------------------------------------------------


def test_check_reads_docs_dir_from_mkdocs_yml_as_the_build_does(tmp_path: Path, caplog) -> None:
    root = tmp_path / "p"
    config = make_project(root, copy_plan=MINIMAL_PLAN, config={"docs_dir": "content"})
    (root / "docs").rename(root / "content")
    (root / "content" / "how-we-work.md").write_text("# How\n\nAsk [[team/nobody]].\n", encoding="utf-8")
    code, out = _check(root)
    assert code == 1
    assert any(line.endswith("content/how-we-work.md:3: error: link [[team/nobody]]: no such entity") for line in out)
    with pytest.raises((PluginError, Abort)):
        build(config)
    assert "content/how-we-work.md:3: error: link [[team/nobody]]: no such entity" in caplog.text
