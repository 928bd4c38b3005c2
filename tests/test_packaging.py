"""What a new user relies on: the README's two commands, conda and pip agreeing, CI."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml  # comes with jupyter_server (jupyter_events)

from wijkanalyse.core import config

ROOT = config.REPO_DIR


def _naam(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_packages_as_pyproject() -> None:
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_deps = {_naam(d) for d in py["dependencies"] + py["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_deps = {_naam(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    uit_pip = [d for x in env["dependencies"] if isinstance(x, dict) for d in x.get("pip", [])]
    conda_deps |= {_naam(d) for d in uit_pip if not d.startswith("-")}
    assert conda_deps == pip_deps


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snel = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    blok = re.search(r"```bash\n(.*?)```", snel, re.S).group(1)
    commando = [regel.split("#")[0].strip() for regel in blok.splitlines() if regel.strip()]
    assert commando == ["make demo", "make test"]


def test_readme_names_every_dependency() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").lower()
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dep in py["dependencies"] + py["optional-dependencies"]["test"]:
        assert _naam(dep) in readme, dep


def test_ci_runs_make_test() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in make
    # make test lints first: ruff check and ruff format --check
    assert re.search(r"^test:.*\blint\b", make, re.M)
    lint = make.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "ruff check ." in lint and "ruff format --check ." in lint
    assert "mypy" in lint  # the package is type-checked in make test


def test_every_subpackage_is_in_the_wheel() -> None:
    """A package folder missing from the explicit list works in the editable install and
    breaks a plain `pip install .` (the slow install test finds that too, later)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    gelist = set(pyproject["tool"]["setuptools"]["packages"])
    mappen = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "wijkanalyse").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert mappen - gelist == set()


def test_pre_commit_runs_ruff_and_refuses_a_notebook_with_outputs(tmp_path: Path) -> None:
    import subprocess
    import sys

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for r in config["repos"] for h in r["hooks"]}
    assert {"ruff-check", "ruff-format", "notebook-zonder-uitvoer"} <= set(hooks)
    script = ROOT / hooks["notebook-zonder-uitvoer"]["entry"].split()[-1]
    nb = {
        "cells": [
            {"cell_type": "code", "source": "1", "metadata": {}, "outputs": [],
             "execution_count": None},
            {"cell_type": "code", "source": "2", "metadata": {}, "execution_count": 3,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "2"}]},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    vies = tmp_path / "vies.ipynb"
    vies.write_text(json.dumps(nb), encoding="utf-8")
    r = subprocess.run([sys.executable, script, vies], capture_output=True, text=True)
    assert r.returncode == 1 and "vies.ipynb: uitvoer in cel 2" in r.stdout
    schoon = sorted(str(p) for p in (ROOT / "notebooks").rglob("*.ipynb"))
    r = subprocess.run([sys.executable, script, *schoon], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


def test_the_version_is_written_in_one_place() -> None:
    """pyproject.toml reads the version from the package, so the two cannot differ."""
    import ast

    import wijkanalyse

    projekt = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in projekt["project"] and "version" in projekt["project"]["dynamic"]
    bron = projekt["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert bron == "wijkanalyse.__version__"
    # setuptools reads it from the source as a literal, without importing the package
    boom = ast.parse((ROOT / "wijkanalyse" / "__init__.py").read_text(encoding="utf-8"))
    waarden = [
        ast.literal_eval(n.value)
        for n in boom.body
        if isinstance(n, ast.Assign)
        and any(getattr(d, "id", "") == "__version__" for d in n.targets)
    ]
    assert waarden == [wijkanalyse.__version__]
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
