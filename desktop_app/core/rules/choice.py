"""Which profile an organisation follows, and installing a profile handed out by the upper level.

An installed profile is checked first, then copied into the data dir under its own id, so the
organisation keeps working when the USB stick it came on is gone.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.durable import write_atomically
from desktop_app.core.rules.profile import (ProfileError, RuleProfile, installed_dir,
                                            load_profile, parse_profile, shipped_ids)
from desktop_app.core.store import Store


def install_profile(source: str | Path) -> RuleProfile:
    """Validate a profile file and keep a copy; a shipped profile's id cannot be replaced."""
    source = Path(source)
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"无法读取规则档案 {source}：请确认文件存在且为 UTF-8 编码") from exc
    profile = parse_profile(text, source.name)
    if profile.id in shipped_ids():
        raise ProfileError(f"规则档案代码 {profile.id} 与内置档案相同，请上级改用新的代码后再下发")
    installed_dir().mkdir(parents=True, exist_ok=True)
    with write_atomically(installed_dir() / f"{profile.id}.toml") as temp:
        shutil.copyfile(source, temp)
    return profile


def choose_profile(store: Store, org_id: int, profile_id: str,
                   from_on: str | None = None) -> RuleProfile:
    """Set the organisation's profile from `from_on` (None: from the beginning; its 党支部 and
    党小组 inherit it) after loading it once."""
    profile = load_profile(profile_id)
    orgs.set_profile(store, org_id, profile.id, from_on)
    return profile
