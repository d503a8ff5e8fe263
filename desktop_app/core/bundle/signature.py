"""The bundle's signature: the raw 64-byte Ed25519 signature of tagmanifest-sha256.txt and the
signer's public key as PEM, two files at the bag root that `openssl pkeyutl -verify -pubin
-inkey signing-key.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig`
reads as they are.

Nothing else is in these files, so nothing in them can be changed without the check failing: the
key file must be exactly the PEM this module writes (a flipped bit in its header or base64, or
anything added, is refused), and the signature exactly 64 bytes.
"""
from __future__ import annotations

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.core.bundle import keys
from desktop_app.core.bundle.layout import PUBLIC_KEY, SIGNATURE, SIGNED_FILE

MAX_PEM_BYTES = 200     # an Ed25519 SubjectPublicKeyInfo PEM is 113 bytes


class SignatureRefused(Exception):
    """The signature does not hold; the message (Chinese) says which file."""


def sign(files: dict[str, bytes], private_key: Ed25519PrivateKey) -> None:
    """Add the key and signature files to a bag made by `bag.make`."""
    files[PUBLIC_KEY] = keys.public_pem(private_key.public_key())
    files[SIGNATURE] = private_key.sign(files[SIGNED_FILE])


def check(files: dict[str, bytes]) -> Ed25519PublicKey:
    """The signer's key, once the signature over the tag manifest holds."""
    for name in (SIGNED_FILE, PUBLIC_KEY, SIGNATURE):
        if name not in files:
            raise SignatureRefused(f"缺少签名文件 {name}：此包未签名或签名被删除。")
    pem = files[PUBLIC_KEY]
    try:
        if len(pem) > MAX_PEM_BYTES:
            raise ValueError("too long")
        public = serialization.load_pem_public_key(pem)
        if not isinstance(public, Ed25519PublicKey) or keys.public_pem(public) != pem:
            raise ValueError("not the PEM we write")
    except (ValueError, TypeError, UnicodeError, UnsupportedAlgorithm):
        raise SignatureRefused(f"签名公钥文件 {PUBLIC_KEY} 损坏或被改动过。") from None
    signature = files[SIGNATURE]
    if len(signature) != 64:
        raise SignatureRefused(f"签名文件 {SIGNATURE} 损坏或被改动过（应为 64 字节）。")
    try:
        public.verify(signature, files[SIGNED_FILE])
    except InvalidSignature:
        raise SignatureRefused(f"签名无效：{SIGNED_FILE}、{SIGNATURE} 或 {PUBLIC_KEY} "
                               "在签名后被改动过。") from None
    return public
