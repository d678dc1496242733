"""The README's usage examples are the real output of the commands they show (only the
timings differ from run to run): scripts/readme-examples.sh reruns them."""
import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def console_blocks(text: str) -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", text, re.DOTALL)
    # timings vary; every other character is compared
    return [re.sub(r"(?m)^(time {7}).*$", r"\1…", b) for b in blocks]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_readme_examples_match_their_output():
    res = subprocess.run(["bash", str(ROOT / "scripts" / "readme-examples.sh")],
                         env={"KG": f"{sys.executable} -m kg", "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("### Build"):readme.index("### Explore the network view")]
    # the prose and every example as the script prints them, timings aside
    want = "\n".join(console_blocks(usage)) + re.sub(r"```console\n.*?```", "", usage,
                                                      flags=re.DOTALL)
    got = "\n".join(console_blocks(res.stdout)) + re.sub(r"```console\n.*?```", "",
                                                         res.stdout, flags=re.DOTALL)
    diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "README.md",
                                          "readme-examples.sh", lineterm=""))
    assert want.strip() == got.strip(), diff
