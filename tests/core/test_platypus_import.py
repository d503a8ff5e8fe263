"""platypus imported with its unused patterns deferred: they still work, the same, when used."""
import json
import subprocess
import sys

PROBE = """
import json, re, sys
if sys.argv[1] == "deferred":
    import desktop_app.core.exports.platypus_import
from reportlab.platypus import paragraph
from reportlab.lib import textsplit
print(json.dumps({
    "kinds": [type(paragraph.uri_pat).__name__, type(textsplit.rx).__name__],
    "compile": re.compile.__module__,
    "links": paragraph._uri_split_pairs("https://example.org/党务/公开/2025.html"),
    "marks": textsplit.rx.sub(r"\\1|", "公开栏A4"),
    "no_link": paragraph._uri_split_pairs("公开栏"),
}, ensure_ascii=False))
"""


def _probe(mode: str) -> dict:
    return json.loads(subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True,
                                     text=True, check=True).stdout)


def test_deferred_patterns_are_built_on_first_use_and_match_as_reportlab_builds_them():
    deferred, eager = _probe("deferred"), _probe("eager")
    assert deferred.pop("kinds") == ["_Deferred", "_Deferred"]
    assert eager.pop("kinds") == ["Pattern", "Pattern"]
    assert deferred["compile"] == "re"                 # re.compile is given back after the import
    assert deferred["links"][-1] == ["https://", "example.org/党务/公开/2025.html"]
    assert deferred["marks"] == "公|开|栏|A4" and deferred["no_link"] is None
    assert deferred == eager
