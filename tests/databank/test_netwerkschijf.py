"""A SQLite workspace on a network drive or in a synced folder gets a Dutch warning that
points to the team workspace; a local one (or a PostgreSQL URL) does not."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from wijkanalyse import databank, store

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//fileserver/team /mnt/team cifs rw,relatime,vers=3.1.1 0 0
nas:/export/gemeente /mnt/nas nfs4 rw,relatime 0 0
rclone: /home/anna/Cloud\\040Drive fuse.rclone rw,nosuid,nodev 0 0
lxcfs /var/lib/lxcfs fuse.lxcfs rw 0 0
/dev/sdb1 /mnt/team/lokaal ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("pad", "fs"),
    [
        ("/mnt/team/wijken.sqlite", "cifs"),
        ("/mnt/nas/sub/map/w.sqlite", "nfs4"),
        ("/home/anna/Cloud Drive/w.sqlite", "fuse.rclone"),
    ],
)
def test_network_filesystems_are_warned_about(pad: str, fs: str) -> None:
    tekst = databank.netwerkschijf_waarschuwing(pad, MOUNTS)
    assert tekst is not None and fs in tekst and pad in tekst
    assert "postgresql://" in tekst and "Teamwerkruimte" in tekst and "Let op" in tekst


@pytest.mark.parametrize(
    "pad",
    [
        "/home/anna/w.sqlite",
        "/tmp/w.sqlite",
        "/mnt/team/lokaal/w.sqlite",  # a local disk mounted inside the share's folder
        "/mnt/teamwerk/w.sqlite",  # a name that only starts like the share
        "/var/lib/lxcfs/w.sqlite",
    ],
)
def test_local_paths_are_not_warned_about(pad: str) -> None:
    assert databank.netwerkschijf_waarschuwing(pad, MOUNTS) is None


def test_synced_folders_and_unc_paths_and_urls() -> None:
    assert "OneDrive - Gemeente" in databank.netwerkschijf_waarschuwing(
        "/home/anna/OneDrive - Gemeente/w.sqlite", MOUNTS
    )
    assert databank.netwerkschijf_waarschuwing("\\\\server\\team\\w.sqlite", "") is not None
    assert databank.netwerkschijf_waarschuwing("postgresql://a@b/c", MOUNTS) is None


def test_opening_a_workspace_on_a_share_warns_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//server/team {tmp_path} cifs rw 0 0\n")
    monkeypatch.setattr(databank, "MOUNTS", str(mounts))
    p = tmp_path / "w.sqlite"
    with pytest.warns(databank.NetwerkschijfWaarschuwing, match="cifs"):
        store.maak_werkruimte(p)
    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always")
        store.maak_werkruimte(p)
    assert not [w for w in gezien if issubclass(w.category, databank.NetwerkschijfWaarschuwing)]


def test_the_command_line_shows_it_as_one_plain_line(capsys: pytest.CaptureFixture) -> None:
    from wijkanalyse import cli

    tekst = databank.netwerkschijf_waarschuwing("/mnt/team/w.sqlite", MOUNTS)
    cli._toon_waarschuwing(
        databank.NetwerkschijfWaarschuwing(tekst), databank.NetwerkschijfWaarschuwing, "x.py", 1
    )
    assert capsys.readouterr().err == tekst + "\n"
