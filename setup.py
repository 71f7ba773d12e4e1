"""Ship the top-level rules/, schemas/ and examples/ folders inside the wheel as validator/_data/.

examples/ is there because rules' test cases are built on the example reports and
`xxgk explain` runs them.

The design card keeps rules/ and schemas/ at the repository root; a plain `pip install .`
must still work from any directory, so the build copies them into the package.
In a source checkout validator.resources reads them from the root directly.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "validator" / "_data"
        for name in ("rules", "schemas", "examples"):
            if name == "examples" and not (ROOT / name).is_dir():
                continue  # optional: only `xxgk explain` needs it (it says so when it is absent)
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(ROOT / name, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
