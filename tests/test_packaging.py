"""A wheel carries everything the commands read at run time: lexicons, templates, and the
ontology, shapes, JSON-LD context and named queries of ontology/ (as kg/ontology)."""
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_finds_ontology_and_queries(tmp_path):
    # Built from a copy: setuptools leaves build/ and *.egg-info in the source tree.
    src = tmp_path / "src"
    src.mkdir()
    for part in ("pyproject.toml", "README.md", "kg", "ontology"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, src / part, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                         if (ROOT / part).is_dir() else {}))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(src)],
                   check=True, cwd=tmp_path, capture_output=True)
    wheel = next(wheels.glob("parkkg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kg/ontology/parkkg.ttl", "kg/ontology/shapes.ttl", "kg/ontology/context.jsonld",
                   "kg/ontology/queries/companies-of-park.rq", "kg/templates/graph.html",
                   "kg/lexicon/park_suffixes.txt"):
        assert needed in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    # Run from the installed copy only (not the checkout): the checkout is not on the path.
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    code = ("import kg, kg.paths, kg.validate, kg.query; "
            "print(kg.__file__); print(kg.paths.ontology_dir()); print(kg.validate.DEFAULT_SHAPES.is_file()); "
            "print(sorted(p.stem for p in kg.query.LIBRARY_DIR.glob('*.rq'))[:2])")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(site))
    assert out[1] == str(site / "kg" / "ontology")
    assert out[2] == "True"
    assert out[3] == "['co-mentioned', 'companies-of-park']"
    # and the command line works from the wheel: build the seeds, validate against its shapes
    res = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"),
                          "--no-view", "--no-store", "--validate", "-q"],
                         env=env, cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    res = subprocess.run([sys.executable, "-m", "kg", "query", "--list"], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert res.returncode == 0 and "companies-of-park" in res.stdout, res.stderr


SETUPTOOLS_NOISE = re.compile(r"BuildBackendWarning|SetuptoolsDeprecationWarning|"
                              r"would be ignored|is deprecated|Editable installation")


def _copy_source(dest: Path) -> Path:
    dest.mkdir()
    for part in ("pyproject.toml", "README.md", "kg", "ontology"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, dest / part, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                          if (ROOT / part).is_dir() else {}))
    return dest


@pytest.mark.slow
def test_install_prints_no_setuptools_warnings(tmp_path):
    """`make build` once showed ~150 lines of setuptools warnings (license table, data folders
    "would be ignored"): a wheel build and the Makefile's editable install print none."""
    src = _copy_source(tmp_path / "src")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp_path / "wheels"), str(src)], cwd=tmp_path, capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stderr
    assert not SETUPTOOLS_NOISE.search(res.stdout + res.stderr), res.stderr
    # editable, as the Makefile installs, into a venv of its own (never into the running one)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore:Editable installation"}  # as the Makefile
    res = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                          "install", "--no-deps", "-q", "-e", str(src)], cwd=tmp_path,
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert not SETUPTOOLS_NOISE.search(res.stdout + res.stderr), res.stderr
