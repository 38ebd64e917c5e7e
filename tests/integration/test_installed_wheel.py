"""The wheel, installed as `uv tool install .` or `pip install .` would: playbooks inside,
`crisis --help` working, and the lab's switch simulator refusing clearly without the
development libraries it needs (issue 18, point 5).

The wheel is built with `uv build` (offline). Its dependencies cannot all come from uv's
cache on this machine (no network), so the wheel is installed with `--no-deps` into a fresh
venv, and the product's runtime dependencies (`uv export --no-dev`, the lock's versions) are
made visible from the development venv through a `.pth` file pointing at a folder of links
to them alone: the development dependencies (fake-switches, Twisted, pytest...) and the
repository's own sources stay out of reach.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _uv() -> str:
    found = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    if not Path(found).exists():
        pytest.skip("uv is not installed (python3 dev.py installs it into .tools/)")
    return found


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _runtime_names(uv: str) -> set[str]:
    """The distributions the product needs at run time, from the lock (no dev group)."""
    out = subprocess.run(
        [uv, "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-project", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {_name(line.split("==")[0]) for line in out.splitlines() if "==" in line}


def _runtime_site(view: Path, wanted: set[str]) -> Path:
    """A folder of links to the development venv's installed runtime dependencies only."""
    site = Path(sysconfig.get_paths()["purelib"])
    view.mkdir()
    for dist in site.glob("*.dist-info"):
        meta = (dist / "METADATA").read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^Name: (.+)$", meta, re.MULTILINE)
        if found is None or _name(found.group(1)) not in wanted:
            continue
        for line in (dist / "RECORD").read_text(encoding="utf-8").splitlines():
            top = line.split(",")[0].split("/")[0]
            if top and not top.startswith("..") and top != "__pycache__":
                link = view / top
                if not link.exists() and (site / top).exists():
                    link.symlink_to(site / top)
    return view


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the built wheel, the python of a venv where only it is installed)."""
    uv = _uv()
    tmp = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    build = [uv, "build", "--offline", "--wheel", "--out-dir", str(tmp / "dist"), "-q"]
    subprocess.run(build, cwd=ROOT, env=env, check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("crisis_kit-*.whl")
    venv = tmp / "venv"
    subprocess.run(
        [uv, "venv", "--offline", "-q", "--python", sys.executable, str(venv)],
        env=env,
        check=True,
        capture_output=True,
    )
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "--offline", "--no-deps", "-q", "--python", str(python)]
    subprocess.run([*install, str(wheel)], env=env, check=True, capture_output=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    view = _runtime_site(tmp / "runtime-site", _runtime_names(uv))
    (Path(purelib) / "crisis_runtime_dependencies.pth").write_text(f"{view}\n")
    return wheel, python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CRISIS_LANG")}
    env["CRISIS_DATA_DIR"] = str(cwd / "data")
    return subprocess.run(
        [str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_the_wheel_holds_every_playbook_and_the_catalogues(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "playbooks"
    shipped = [p.relative_to(source) for p in source.rglob("*") if p.is_file()]
    playbooks = {f"crisis/_playbooks/{p.as_posix()}" for p in shipped}
    assert playbooks, "no playbook in the repository?"
    assert playbooks <= names, sorted(playbooks - names)
    catalogues = {f"crisis/locale/{lang}/LC_MESSAGES/crisis.mo" for lang in ("fr", "en")}
    assert catalogues <= names
    assert "tui/app.tcss" in names


def test_crisis_help_works_from_the_installed_wheel(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, python = installed
    script = python.parent / "crisis"
    r = subprocess.run(
        [str(script), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert r.returncode == 0, r.stderr
    assert "Usage: crisis" in r.stdout
    assert "assets" in r.stdout
    assert "hold" in r.stdout
    where = _run(
        python,
        "-c",
        "import crisis\n"
        "from crisis.adapters.ansible_run import playbooks_dir\n"
        "print(crisis.__file__); print(playbooks_dir())",
        cwd=tmp_path,
    )
    assert where.returncode == 0, where.stderr
    module, playbooks = where.stdout.split()
    assert Path(module).is_relative_to(python.parents[1]), "crisis came from the sources"
    assert Path(playbooks).name == "_playbooks"
    assert any(Path(playbooks).glob("*.yml"))


def test_the_lab_simulator_refuses_clearly_without_its_development_libraries(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, python = installed
    assert _run(python, "-c", "import fake_switches", cwd=tmp_path).returncode != 0
    r = _run(python, "-m", "crisis.lab.switch_sim", "--host-key", "none", cwd=tmp_path)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "python3 dev.py lab" in r.stderr
    assert "fake_switches" in r.stderr
    r = _run(
        python,
        "-c",
        "from crisis.errors import describe\n"
        "from crisis.lab.switch import running_switch\n"
        "try:\n    running_switch().__enter__()\n"
        "except Exception as e:\n    print(describe(e, 'en'))",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "development libraries missing here (fake_switches, twisted" in r.stdout
    # The rest of the lab (what `crisis demo --lab` reads) still imports.
    assert _run(python, "-c", "import crisis.lab.session", cwd=tmp_path).returncode == 0
