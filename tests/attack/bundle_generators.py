"""Generators of hostile bundles: a valid bundle taken apart into its files, changed, and put
back together — either as it is (tampering: the signature no longer holds) or re-signed with the
branch's trusted key (a trusted branch, or its stolen key, sending crafted content)."""
from __future__ import annotations

import io
import json
import zipfile

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle import bag, signature
from desktop_app.core.bundle.layout import EXTRACT, PUBLIC_KEY, SIGNATURE, SIGNED_FILE

EXTRACT_PATH = f"data/{EXTRACT}"


def take_apart(path) -> tuple[str, dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        top = names[0].split("/")[0]
        return top, {n.split("/", 1)[1]: archive.read(n) for n in names}


def pack(top: str, files: dict[str, bytes], order: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order or sorted(files):
            archive.writestr(f"{top}/{name}" if top else name, files[name])
    return buffer.getvalue()


def resign(files: dict[str, bytes], key: Ed25519PrivateKey) -> dict[str, bytes]:
    """Recompute every checksum and the signature over whatever the files now say (tag files
    taken as given: a crafted bagit.txt or bag-info.txt stays crafted, only re-hashed)."""
    files = dict(files)
    payload = {p: d for p, d in files.items() if p.startswith("data/")}
    files["manifest-sha256.txt"] = "".join(f"{bag.sha256(d)}  {p}\n"
                                           for p, d in sorted(payload.items())).encode()
    info = files["bag-info.txt"].decode("utf-8", "replace").splitlines()
    oxum = f"{sum(len(d) for d in payload.values())}.{len(payload)}"
    files["bag-info.txt"] = "".join(
        (f"Payload-Oxum: {oxum}" if line.startswith("Payload-Oxum:") else line) + "\n"
        for line in info).encode()
    files[SIGNED_FILE] = "".join(f"{bag.sha256(files[n])}  {n}\n"
                                 for n in ("bag-info.txt", "bagit.txt", "manifest-sha256.txt")).encode()
    for name in (PUBLIC_KEY, SIGNATURE):
        files.pop(name, None)
    signature.sign(files, key)
    return files


NEST = "__nested__"


def with_extract(files: dict[str, bytes], extract, depth: int = 0) -> dict[str, bytes]:
    """The extract written back; a value NEST becomes `depth` nested lists (written as text:
    json itself cannot write what it would refuse to read)."""
    text = json.dumps(extract, ensure_ascii=False)
    if depth:
        text = text.replace(json.dumps(NEST), "[" * depth + "]" * depth)
    return {**files, EXTRACT_PATH: text.encode("utf-8")}


def extract_of(files: dict[str, bytes]) -> dict:
    return json.loads(files[EXTRACT_PATH])


def paths_in(value, prefix=()) -> list[tuple]:
    """Every path to a value inside a JSON document: ("meetings", 3, "held_on")."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_in(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_in(child, prefix + (index,))
    return found


def get(value, path):
    for step in path:
        value = value[step]
    return value


def put(value, path, new):
    get(value, path[:-1])[path[-1]] = new


def wrong_kind(old, choice: int, text: str):
    """A value of a JSON kind the schema never allows where `old` stands."""
    if isinstance(old, bool):
        options = [text, [old], {"x": old}, 1]
    elif isinstance(old, int):
        options = [text or "0", [old], {"n": old}, True]
    elif isinstance(old, float):
        options = [text or "0", [old], True]
    elif isinstance(old, str):
        options = [7, [old], {"s": old}, False]
    elif isinstance(old, list):
        options = [{"items": old}, text or "x", 3]
    elif isinstance(old, dict):
        options = [[old], text or "x", 4]
    else:
        return None
    return options[choice % len(options)]


