"""Files a report run writes, each written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# The process's umask, read once (os.umask can only be read by setting it).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def schrijf_atomair(pad: Path, inhoud: str | bytes) -> None:
    """Write to a temp file next to ``pad`` and rename: never a half-written file."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{pad.name}.", suffix=".tmp", dir=pad.parent)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; reports are meant to be shared
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud)
        os.replace(tmp, pad)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
