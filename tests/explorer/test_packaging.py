"""The wheel a user installs: every package, the program's data as `explorer.resources` (never a
top-level `resources` package of site-packages), the license, the metadata and both entry
points; and an installed, non-editable copy finds its examples, translations, icons and styles.

The wheel is built the way pip builds any project: in an isolated environment with the
setuptools pyproject.toml asks for (a fresh venv's bundled setuptools is too old)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEEDED = {"examples": "*.json", "translations": "*.qm", "icons": "*.svg", "styles": "*.qss"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "tests", "__pycache__", "*.egg-info", "build", "dist", ".*_cache",
        ".hypothesis"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                            "-q", "-w", str(tmp_path / "dist")],
                           check=False, timeout=600, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    [path] = (tmp_path / "dist").glob("*.whl")
    return path


def test_the_wheel_holds_the_resources_as_data_of_the_explorer_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not any(name.startswith("resources/") for name in names)
    for folder, pattern in NEEDED.items():
        files = sorted((ROOT / "resources" / folder).glob(pattern))
        assert files, folder
        for path in files:
            assert f"explorer/resources/{folder}/{path.name}" in names, path
    assert "explorer/resources/autograd-explorer.desktop" in names
    assert not any(name.endswith(".png") for name in names)   # README screenshots stay out
    assert not any("monkey" in name for name in names)   # a test tool, kept in tests/
    assert not any(name.endswith(".ts") for name in names)    # the .qm is what the app reads


def test_the_wheel_holds_every_module_of_the_repository(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ("engine", "explorer"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "__pycache__" not in path.parts:
                assert path.relative_to(ROOT).as_posix() in names, (
                    f"{path.relative_to(ROOT)} is not installed: list its package in "
                    "pyproject.toml's [tool.setuptools] packages")


def test_the_wheel_has_the_license_metadata_and_both_entry_points(wheel):
    archive = zipfile.ZipFile(wheel)
    [dist_info] = {name.split("/")[0] for name in archive.namelist()
                   if name.split("/")[0].endswith(".dist-info")}
    metadata = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
    assert metadata["License-Expression"] == "MIT"
    assert "resources/LICENSE" in metadata.get_all("License-File")
    assert "MIT License" in archive.read(f"{dist_info}/licenses/resources/LICENSE").decode()
    classifiers = metadata.get_all("Classifier")
    assert "Programming Language :: Python :: 3.13" in classifiers
    assert "Intended Audience :: Education" in classifiers
    assert any(url.startswith("Source, https://") for url in metadata.get_all("Project-URL"))
    entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    assert "[console_scripts]\nautograd-explorer = explorer.cli:main" in entry_points
    assert "[gui_scripts]\nautograd-explorer-gui = explorer.cli:main" in entry_points


INSTALLED_CHECK = """
import json, explorer
from explorer.app import APP_ICON, STYLE_SHEET, style_sheet
from explorer.core.document.examples import list_examples, load_example
from explorer.language import translation_file
from explorer.main_window import ICONS_DIR
print(json.dumps({
    "explorer": explorer.__file__,
    "version": explorer.__version__,
    "examples": [key for key, _ in list_examples()],
    "diamond_nodes": len(list(load_example("diamond").nodes())),
    "translation": translation_file("zh_CN").is_file(),
    "icons": sorted(p.name for p in ICONS_DIR.glob("*.svg")),
    "app_icon": APP_ICON.is_file(),
    "style": STYLE_SHEET.is_file() and "ICONS/" not in style_sheet(),
}))
"""


def test_an_installed_copy_finds_its_examples_translations_icons_and_styles(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, timeout=300, capture_output=True)
    assert not (target / "resources").exists()
    env = {"PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    shown = subprocess.run([sys.executable, "-c", INSTALLED_CHECK], cwd=tmp_path, env=env,
                           check=False, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout.splitlines()[-1])
    assert Path(found["explorer"]).is_relative_to(target)   # the copy, not this checkout
    assert found["version"] == "0.1.0"
    assert {"diamond", "x_squared", "mean_of_square"} <= set(found["examples"])
    assert found["diamond_nodes"] > 0 and found["translation"] and found["app_icon"]
    assert "undo.svg" in found["icons"] and found["style"]
