from PIL import Image

from desktop_app.core.meetings import attachments, records
from desktop_app.core.store import audit
from tests.core.meetings_helpers import build_branch


def test_same_file_is_stored_once_and_thumbnailed(store, tmp_path):
    br = build_branch(store)
    first = records.save(store, records.new(store, br.branch, "支委会", "2025-03-04"))
    second = records.save(store, records.new(store, br.branch, "支委会", "2025-04-04"))
    photo = tmp_path / "现场照片.JPG"
    Image.new("RGB", (1200, 800), (200, 30, 30)).save(photo, "JPEG")
    copy = tmp_path / "同一张照片.jpg"
    copy.write_bytes(photo.read_bytes())
    root = tmp_path / "attachments"

    a = attachments.add(store, first, photo, root)
    assert attachments.add(store, first, copy, root) == a           # same content, same record
    b = attachments.add(store, second, copy, root)
    assert b != a
    blobs = [p for p in root.rglob("*") if p.is_file()]
    assert len(blobs) == 1                                             # stored once
    found = attachments.of_meeting(store, first)[0]
    assert found.sha256 == attachments.sha256_of(photo) and found.mime == "image/jpeg"
    assert attachments.file_of(found, root) == blobs[0]
    assert blobs[0].name == found.sha256 + ".jpg"

    thumb = attachments.thumbnail(found, root)
    with Image.open(thumb) as image:
        assert max(image.size) == attachments.THUMBNAIL_SIZE
    assert attachments.thumbnail(found, root) == thumb                 # made once

    attachments.remove(store, a, reason="传错照片")
    assert attachments.of_meeting(store, first) == []
    assert blobs[0].exists()                                           # the second record uses it
    assert audit.verify(store.conn).ok


def test_a_scanned_pdf_has_no_thumbnail(store, tmp_path):
    br = build_branch(store)
    meeting_id = records.save(store, records.new(store, br.branch, "支委会", "2025-03-04"))
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 not really an image")
    attachment_id = attachments.add(store, meeting_id, scan, tmp_path / "a")
    attachment = attachments.of_meeting(store, meeting_id)[0]
    assert attachment.id == attachment_id and attachment.mime == "application/pdf"
    assert attachments.thumbnail(attachment, tmp_path / "a") is None
