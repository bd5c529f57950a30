"""Install from where the tool really lives: version, licence, metadata, and an sdist whose own
tests pass on their own."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import tomllib

from smm_docs_plugin import __version__, install_spec
from smm_docs_plugin.cli import main

from .conftest import REPO


def test_smm_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exit:
        assert exit.code == 0
    assert capsys.readouterr().out.strip() == f"smm {__version__}"


def test_metadata_licence_and_the_pinned_install():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "Framework :: MkDocs" in project["classifiers"]
    assert "Programming Language :: Python :: 3.10" in project["classifiers"]
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert {"Homepage", "Source", "Issues"} <= set(project["urls"])
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    spec = install_spec()
    assert spec.endswith(f"@v{__version__}") and spec.startswith("smm-handbook[material] @ git+https://")
    # README and the workflow `smm init` writes install exactly this release.
    assert f'pip install "{spec}"' in (REPO / "README.md").read_text(encoding="utf-8")
    workflow = REPO / "smm_docs_plugin" / "scaffold" / "github" / "workflows" / "handbook.yml"
    assert f'SMM_HANDBOOK: "{spec}"' in workflow.read_text(encoding="utf-8")
    release = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    uses = [line.split("uses:", 1)[1].split("#")[0].strip() for line in release.splitlines() if "uses:" in line]
    assert uses and all(len(ref.rsplit("@", 1)[1]) == 40 for ref in uses)  # pinned to full SHAs
    assert "id-token: write" in release and "twine check" in release


def test_the_sdist_tests_pass_on_their_own(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (sdist,) = (tmp_path / "dist").glob("smm_handbook-*.tar.gz")
    assert sdist.name == f"smm_handbook-{__version__}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path / "src", filter="data")
    root = tmp_path / "src" / sdist.name.removesuffix(".tar.gz")
    assert any(n.endswith("/LICENSE") for n in names)
    assert any(n.endswith("vendor/decap-cms/decap-cms.js") for n in names)
    assert not any("node_modules" in n for n in names)
    # The unpacked tree imports its own package (its folder comes first on sys.path).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(root))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_schema.py",
            "tests/test_errors.py",
            "tests/test_cms.py::test_team_build_serves_decap_self_hosted_with_its_configuration",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    check = subprocess.run(
        [sys.executable, "-c", "import smm_docs_plugin, sys; print(smm_docs_plugin.__file__)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip().startswith(str(root))
