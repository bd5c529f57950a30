"""Issue 15: an encrypted build that only the holders of one link can read (``share_key``).

Real ``mkdocs build`` runs (Material) of the example (stakeholders, key from ``SMM_SHARE_KEY``
as in CI) and of ``tests/fixtures/secrets_plan`` (team audience, key from the ``share_key``
option): no plan text in any byte of any file or file name, decoded or not; every file of the
plain build is in the encrypted one and opens with the link's key only; rotation; fail closed.
The browser side (opening the link, navigation, search, calendar filter) is in
``tests/browser/test_share.py``.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, MINIMAL_PLAN, REPO, make_project
from .share_helpers import Reader, leaks, plan_text

SOURCE_DATE_EPOCH = "1791806400"  # 2026-10-12, inside the example's horizon
KEY = "correct horse battery staple 2026"
ROTATED = "a new key after the agency left"
SITE_URL = "https://example.github.io/handbook/"
OPENING_FILES = {".nojekyll", "404.html", "index.html", "robots.txt", "smm-share-sw.js"}


def run(args: list[str], *, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SMM_")}
    environment.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, **env)
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def build_example(site: Path, audience: str = "stakeholders", **env: str) -> subprocess.CompletedProcess[str]:
    return run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], SMM_AUDIENCE=audience, **env
    )


def link(key: str, site_url: str = SITE_URL) -> str:
    result = run([sys.executable, "-m", "smm_docs_plugin.cli", "share", site_url], SMM_SHARE_KEY=key)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def site_files(clear: Path) -> list[str]:
    """The files of a clear stakeholder build an encrypted one holds: all but its robots.txt
    (the encrypted site has its own, in clear)."""
    return [name for name in files(clear) if name != "robots.txt"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's stakeholder build in clear, encrypted twice with one key, and with another."""
    base = tmp_path_factory.mktemp("share-example")
    sites = {
        "clear": base / "clear",
        "encrypted": base / "encrypted",
        "again": base / "again",
        "rotated": base / "rotated",
    }
    for name, site in sites.items():
        key = {"clear": None, "rotated": ROTATED}.get(name, KEY)
        result = build_example(site, **({"SMM_SHARE_KEY": key} if key else {}))
        assert result.returncode == 0, result.stderr
    return sites


@pytest.fixture(scope="module")
def secrets_team(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Another plan, the team audience (private fields and all), key from the option."""
    base = tmp_path_factory.mktemp("share-secrets")
    project = base / "project"
    import shutil

    shutil.copytree(FIXTURES / "secrets_plan", project)
    # The reviewed German of the opening page, as a team's catalogue (locales_dir) until the
    # package ships German.
    shutil.copytree(FIXTURES / "share_locales", project / "locales")
    config = project / "mkdocs.yml"
    config.write_text(
        "site_name: Zq7k Secret Roasters handbook\n"
        f"site_url: {SITE_URL}\n"
        "theme:\n  name: material\n  language: de\n  features: [navigation.instant]\n"
        "plugins:\n  - search\n  - smm:\n      today: 2027-03-10\n      locales_dir: locales\n"
        "      share_key: !ENV [TEST_SHARE_KEY]\n",
        encoding="utf-8",
    )
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(base / "encrypted")], cwd=project, TEST_SHARE_KEY=KEY
    )
    assert result.returncode == 0, result.stderr
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(base / "clear")], cwd=project, TEST_SHARE_KEY=""
    )
    assert result.returncode == 0, result.stderr
    return {"project": project, "encrypted": base / "encrypted", "clear": base / "clear"}


# -- nothing of the plan in any byte ------------------------------------------------------------


def test_encrypted_example_holds_no_plan_text_in_any_byte_or_name(example: dict[str, Path]) -> None:
    needles = plan_text(REPO / "plan")
    assert len(needles) > 200
    # The scan finds plan text where it is: most of it is in the clear build.
    in_clear = {line.split(": ", 1)[1] for line in leaks(example["clear"], needles)}
    assert len(in_clear) > len(needles) // 2
    assert "kaffeeklatsch roasters" in in_clear and "christmas-gift-campaign" in in_clear
    assert leaks(example["encrypted"], needles) == []


def test_encrypted_team_build_of_another_plan_holds_no_plan_text(secrets_team: dict[str, Path]) -> None:
    needles = plan_text(secrets_team["project"] / "plan") | {"zq7k"}
    assert "zq7k" in {line.split(": ", 1)[1] for line in leaks(secrets_team["clear"], needles)}
    assert leaks(secrets_team["encrypted"], needles) == []


def test_only_the_opening_files_and_encrypted_blobs_are_published(example: dict[str, Path]) -> None:
    published = files(example["encrypted"])
    blobs = [p for p in published if p.startswith("smm-share/")]
    assert set(published) - set(blobs) == OPENING_FILES
    assert all(re.fullmatch(r"smm-share/[0-9a-f]{32}", p) for p in blobs)
    # One blob per file of the site, plus the one a link's key is checked against.
    assert len(blobs) == len(site_files(example["clear"])) + 1
    site = example["encrypted"]
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (site / "sitemap.xml").exists() and not (site / "search").exists()
    for name in ("index.html", "404.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in page
        assert "<title>Shared handbook</title>" in page and 'lang="en"' in page
        assert "Open it with the complete link you were sent" in page


# -- the link opens everything, and only the link --------------------------------------------------


def test_every_file_of_the_site_opens_with_the_link_and_is_the_built_file(example: dict[str, Path]) -> None:
    reader = Reader(example["encrypted"], link(KEY))
    clear = example["clear"]
    for path in site_files(clear):
        data = reader.read(path)
        original = (clear / path).read_bytes()
        if path.endswith(".html"):
            text = data.decode("utf-8")
            assert text.count('<meta name="robots" content="noindex, nofollow">') == 1, path
            assert re.search(r"<title>(.*?)</title>", text).group(1) == re.search(
                r"<title>(.*?)</title>", original.decode()
            ).group(1)
        elif path == "search/search_index.json":  # the calendar and budget pages say more (below)
            assert [d["location"] for d in json.loads(data)["docs"]] == [
                d["location"] for d in json.loads(original)["docs"]
            ]
        else:  # sitemap, .ics, budget.csv, plan.json, assets: as built
            assert data == original, path
    # The encrypted build says what stakeholders get from the files a browser must decrypt.
    calendar = reader.read("strategy/calendar/index.html").decode()
    assert "a calendar app cannot subscribe to these feeds" in calendar
    assert "Subscribe from web" not in calendar
    assert "decrypted in this browser" in reader.read("strategy/budget/index.html").decode()
    assert reader.read("strategy/budget.csv").startswith(b"line,title,category,channel,initiative,month,")


def test_a_wrong_or_rotated_key_opens_nothing(example: dict[str, Path]) -> None:
    for site in (example["encrypted"], example["rotated"]):
        wrong = Reader(site, link("not the key"))
        assert not wrong.opens(".smm-share") and not wrong.opens("index.html")
    # After rotation the earlier link opens nothing of the new publication, the new link all.
    earlier, current = Reader(example["rotated"], link(KEY)), Reader(example["rotated"], link(ROTATED))
    for path in site_files(example["clear"]):
        assert not earlier.opens(path)
        assert current.opens(path)
    assert not set(files(example["encrypted"])) - OPENING_FILES & set(files(example["rotated"]))


def test_the_same_plan_today_and_key_give_byte_identical_sites(example: dict[str, Path]) -> None:
    comparison = filecmp.dircmp(example["encrypted"], example["again"])
    assert files(example["encrypted"]) == files(example["again"])
    _, mismatch, errors = filecmp.cmpfiles(
        example["encrypted"], example["again"], files(example["encrypted"]), shallow=False
    )
    assert mismatch == [] and errors == [] and comparison.left_only == []


def test_opening_page_speaks_the_sites_language(secrets_team: dict[str, Path]) -> None:
    page = (secrets_team["encrypted"] / "index.html").read_text(encoding="utf-8")
    assert 'lang="de"' in page and "<title>Geteiltes Handbuch</title>" in page
    assert "Dieses Handbuch ist privat geteilt" in page
    # A deep link on GitHub Pages gets 404.html: it knows the site's folder from site_url.
    assert '"base": "/handbook/"' in (secrets_team["encrypted"] / "404.html").read_text(encoding="utf-8")
    # The site's name is plan text (the company); the opening page does not show it.
    assert "zq7k" not in page.lower() and "roasters" not in page.lower()


# -- fail closed ---------------------------------------------------------------------------------


def test_a_build_that_must_be_encrypted_but_has_no_key_fails_and_keeps_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published before", encoding="utf-8")
    for key in (None, ""):  # a missing repository secret reaches the build as an empty string
        env = {"SMM_SHARE_REQUIRED": "true", **({"SMM_SHARE_KEY": key} if key is not None else {})}
        result = build_example(site, **env)
        assert result.returncode == 1
        assert "this build must be encrypted" in result.stderr and "SMM_SHARE_KEY" in result.stderr
        assert "Traceback" not in result.stderr
        assert files(site) == ["index.html"]
        assert (site / "index.html").read_text(encoding="utf-8") == "the site published before"
    checked = run([sys.executable, "-m", "smm_docs_plugin.cli", "check", "plan"], SMM_SHARE_REQUIRED="1")
    assert checked.returncode == 1 and "SMM_SHARE_REQUIRED is set but SMM_SHARE_KEY is empty" in checked.stdout


def test_a_site_that_cannot_be_encrypted_is_emptied_not_left_in_clear(tmp_path: Path) -> None:
    docs = {"index.md": "# Home\n", "smm-share/x.md": "# In the way\n"}
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN, docs=docs, options={"share_key": KEY})
    result = run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=config.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "the site could not be encrypted, nothing was published in clear: the site already has a 'smm-share/' folder"
        in result.stderr
    )
    assert files(config.parent / "site") == []


# -- team builds without a key, stakeholder builds in clear ----------------------------------------


def test_an_empty_key_is_no_key_and_a_team_build_without_one_gains_nothing(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    without = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "without")], cwd=config.parent)
    empty = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "empty")],
        cwd=config.parent,
        SMM_SHARE_KEY="  ",
    )
    assert without.returncode == 0 and empty.returncode == 0, without.stderr + empty.stderr
    names = files(tmp_path / "without")
    assert names == files(tmp_path / "empty")
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "without", tmp_path / "empty", names, shallow=False)
    assert mismatch == [] and errors == []
    assert "robots.txt" not in names and not any(n.startswith("smm-share") for n in names)
    assert "noindex" not in (tmp_path / "without" / "index.html").read_text(encoding="utf-8")


def test_a_stakeholder_build_in_clear_is_not_indexed(example: dict[str, Path]) -> None:
    site = example["clear"]
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    pages = [p for p in site.rglob("*.html")]
    assert len(pages) > 30
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert head.count('<meta name="robots" content="noindex, nofollow">') == 1, page


# -- smm share -----------------------------------------------------------------------------------


def test_smm_share_prints_the_link_with_the_key_in_its_fragment() -> None:
    first = link(KEY)
    assert re.fullmatch(re.escape(SITE_URL) + r"#key=[A-Za-z0-9_-]{43}", first)
    assert KEY.split()[0] not in first  # the link carries a derived token, not the secret itself
    assert link(KEY, "https://example.github.io/handbook") == first  # the folder, with or without "/"
    assert link(KEY) == first and link(ROTATED) != first


def test_smm_share_without_a_key_or_with_a_bad_address_fails_clean() -> None:
    cli = [sys.executable, "-m", "smm_docs_plugin.cli", "share"]
    for args, env, message in (
        ([SITE_URL], {}, "SMM_SHARE_KEY is not set"),
        ([SITE_URL], {"SMM_SHARE_KEY": ""}, "SMM_SHARE_KEY is not set"),
        (["example.github.io/handbook"], {"SMM_SHARE_KEY": KEY}, "SITE_URL must be the site's http(s) address"),
        ([SITE_URL + "#top"], {"SMM_SHARE_KEY": KEY}, "must not carry a query or fragment"),
        ([], {"SMM_SHARE_KEY": KEY}, "SITE_URL is required"),
    ):
        result = run(cli + args, **env)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stdout == "" and message in result.stderr and "Traceback" not in result.stderr


def test_smm_share_new_key_makes_a_strong_random_key() -> None:
    keys = {run([sys.executable, "-m", "smm_docs_plugin.cli", "share", "--new-key"]).stdout.strip() for _ in range(2)}
    assert len(keys) == 2 and all(re.fullmatch(r"[A-Za-z0-9_-]{43}", key) for key in keys)
