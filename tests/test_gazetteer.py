"""The committed gazetteer: counts, parents, the 2025 merger, lookups, and a rebuild check."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractor import gazetteer as gz
from extractor.text.norm import tone_key

BUILD = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.get()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(gz.DATA.read_text(encoding="utf-8"))


COUNTS = [
    ("pre2025", "province", 63),
    ("pre2025", "district", 696),
    ("pre2025", "commune", 10051),
    ("2025", "province", 34),
    ("2025", "commune", 3321),
]


@pytest.mark.parametrize(("era", "level", "n"), COUNTS, ids=[f"{e}-{lv}" for e, lv, _ in COUNTS])
def test_counts(g, era, level, n):
    assert g.count(era, level) == n


def test_marked_generated_with_sources(raw):
    meta = raw["meta"]
    assert "generated" in meta["generated"]
    assert "vietnam-provinces 0.6.0" in meta["sources"]["pre2025"]
    assert "2025.10.1" in meta["sources"]["2025"]
    assert "202/2025/QH15" in meta["sources"]["merger_2025"]


def test_every_parent_resolves(g):
    for u in g.units:
        if u.level != "province":
            assert g.province_of(u) is not None, u
        if u.level == "commune" and u.era == gz.PRE2025:
            d = g.district_of(u)
            assert d is not None and d.province_code == u.province_code, u


def test_merger_covers_both_eras(g, raw):
    assert len(raw["merger_2025"]) == 63
    assert len(set(raw["merger_2025"].values())) == 34
    new_names = {u.name for u in g.units if u.era == gz.ERA_2025 and u.level == "province"}
    assert all(u.current_province in new_names for u in g.units)


def test_rebuild_pre2025_matches_committed(raw):
    """The pre-2025 part rebuilds from the pinned vietnam-provinces 0.6.0 (offline)."""
    pytest.importorskip("vietnam_provinces")
    mod = _build_module()
    path, ver = mod.pre2025_source()
    assert ver == "0.6.0"
    assert mod.build_pre2025(path) == raw["pre2025"]
    assert mod.build_merger(raw["pre2025"], raw["2025"]) == raw["merger_2025"]


TONES = [("Hoà Bình", "Hòa Bình"), ("Giao Thuỷ", "Giao Thủy"), ("Quý Lộc", "Quý Lộc"), ("Khánh Hoà", "Khánh Hòa")]


@pytest.mark.parametrize(("written", "standard"), TONES, ids=[t[0] for t in TONES])
def test_standard_tones(written, standard):
    assert _build_module().standard_tones(written) == standard


LOOKUPS = [
    # (name as written, level, era, expected codes)
    ("Thanh Hoá", "province", "pre2025", ["38"]),
    ("Thanh Hóa", "province", "pre2025", ["38"]),
    ("Lào Cai", "province", "pre2025", ["10"]),
    ("Lào Cai", "province", "2025", ["15"]),  # codes are reused with other meanings
    ("TP HCM", "province", "pre2025", ["79"]),
    ("Thừa Thiên Huế", "province", "pre2025", ["46"]),
    ("Dak Lak", "province", "pre2025", ["66"]),
    ("Bà Rịa-Vũng Tàu", "province", "pre2025", ["77"]),
    ("Na Rì", "district", "pre2025", ["066"]),
    ("Lạng Sơn", "district", "pre2025", ["178"]),
    ("Tam Quang", "commune", "pre2025", None),  # several communes: only checked non-empty
]


@pytest.mark.parametrize(("name", "level", "era", "codes"), LOOKUPS, ids=[f"{x[0]}-{x[2]}" for x in LOOKUPS])
def test_lookup(g, name, level, era, codes):
    found = g.lookup(name, level, era=era)
    if codes is None:
        assert len(found) > 1
    else:
        assert [u.code for u in found] == codes
        assert all(u.era == era for u in found)


def test_kinds_from_prefix(g):
    (city,) = g.lookup("Lạng Sơn", "district")
    assert city.kind == "Thành phố" and city.province == "Lạng Sơn" and city.current_province == "Lạng Sơn"
    (bk,) = g.lookup("Bắc Kạn", "province", era="pre2025")
    assert bk.current_province == "Thái Nguyên"
    assert {u.kind for u in g.units if u.level == "commune" and u.era == "pre2025"} == {"Xã", "Phường", "Thị trấn"}


def test_names_keyed_by_tone_key(g):
    for u in g.units[:2000]:
        assert u in g.lookup(u.name, u.level), u
    assert tone_key("Na Rì") != tone_key("Na Ri")



def test_cached_gazetteer_is_the_built_one(tmp_path, monkeypatch):
    """The start-up cache (issue 24): a second build reads the cached file and gives the same
    units and look-ups; a truncated cache file is rebuilt, never served."""
    from extractor.rules import default_rules

    monkeypatch.setenv("EXTRACTOR_CACHE", str(tmp_path))
    rules = default_rules()
    built = gz.compile_gazetteer(rules)
    path = gz.cache_path(rules.file("places").path)
    assert path.parent == tmp_path and path.exists()
    cached = gz.compile_gazetteer(rules)
    assert cached is not built and cached.units == built.units
    assert [u.code for u in cached.lookup("Bắc Cạn", "province", era="pre2025")] == ["06"]
    path.write_bytes(path.read_bytes()[:100])
    rebuilt = gz.compile_gazetteer(rules)
    assert rebuilt.units == built.units and len(path.read_bytes()) > 100


def test_cache_key_follows_the_places_file(tmp_path):
    """Another places file (other aliases or spellings) is another cache entry."""
    from extractor import patterns

    other = tmp_path / "places.yaml"
    other.write_text(patterns.load("places").path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert gz.cache_path(other) != gz.cache_path(patterns.load("places").path)


def test_no_cache_directory_still_builds(monkeypatch):
    """Without a home to cache in (``Path.home()`` raises), the gazetteer is built in memory."""
    from extractor.rules import Rules

    def no_home(_places):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(gz, "cache_path", no_home)
    g = Rules().compiled(gz.compile_gazetteer)
    assert (g.count("pre2025", "province"), g.count("2025", "province")) == (63, 34)
