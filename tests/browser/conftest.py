import os
import shutil

import pytest


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's path; locally the test skips, saying why, when it is not installed; under CI it
    must run (``.ci/run`` installs Debian's ``chromium``)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "no chromium on PATH (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: the browser test must run under CI", pytrace=False)
        pytest.skip(reason)
    return found
