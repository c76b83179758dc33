"""The result cache drops what an older data version computed, so memory does not grow with every approval."""

from __future__ import annotations

from seimon.web.cache import DataVersion, ResultCache


def test_a_new_data_version_drops_the_older_results() -> None:
    cache = ResultCache(DataVersion(lambda: "probe"), size=512)
    for i in range(50):
        cache.get(("warnings", i), lambda i=i: [i] * 1000)
    assert len(cache) == 50
    cache.version.bump()  # an approval landed
    assert cache.get(("warnings", 1), lambda: "new") == "new"
    assert len(cache) == 1
    assert cache.get(("warnings", 1), lambda: "again") == "new", "the new version's results are kept"
