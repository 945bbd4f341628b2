#!/usr/bin/env python3
"""Build ``extractor/data/gazetteer.json``: Vietnam's administrative units of two eras.

Sources (named in the output's ``meta`` too):

- **pre2025** — PyPI ``vietnam-provinces`` 0.6.0 (``data/nested-divisions.json``), the
  statistics office (GSO) list of 63 provinces, 696 districts and 10,051 communes in force
  before the 1 July 2025 reorganisation, with codes and parent codes. Its
  ``division_type`` is collapsed (every phường is "xã"), so the kind (Thành phố, Thị xã,
  Quận, Huyện, Phường, Thị trấn, Xã) is read from the name prefix (DEPENDENCIES.md).
- **2025** — PyPI ``vietnam-provinces`` 2025.10.1 (same file name), the 34 provinces and
  3,321 communes in force since 1 July 2025 (no district level). Codes of the two eras are
  reused with different meanings, so every code is stored with its era.
- **merger** — the old-province → new-province mapping of Nghị quyết 202/2025/QH15 of the
  National Assembly (12 June 2025) on the arrangement of provincial units, written below as
  data (:data:`MERGER_2025`) and cross-checked against the 2025 province list.

Both releases share one import name, so the 2025 file is read from a path
(``--new-divisions``; by default the script runs ``pip download vietnam-provinces==2025.10.1``
into a temporary folder). ``--check`` rebuilds and compares with the committed file.

Names get the standard (traditional) tone placement used by the press and the gold
annotations: ``Hoà`` → ``Hòa``, ``Thuỷ`` → ``Thủy`` (tone on the first vowel of an open
``oa``/``oe``/``uy``; ``qu`` + ``y`` is left alone).

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--new-divisions PATH] [--check]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extractor" / "data" / "gazetteer.json"
PRE2025_PACKAGE = "vietnam-provinces==0.6.0"
NEW_PACKAGE = "vietnam-provinces==2025.10.1"

#: Nghị quyết 202/2025/QH15 (12/6/2025), Điều 1: each province since 1 July 2025 and the
#: provinces before it that it is made of (names as in vietnam-provinces 0.6.0, without
#: "Tỉnh"/"Thành phố"). Eleven provinces were left unchanged.
MERGER_2025: dict[str, list[str]] = {
    "Hà Nội": ["Hà Nội"],
    "Huế": ["Huế"],
    "Lai Châu": ["Lai Châu"],
    "Điện Biên": ["Điện Biên"],
    "Sơn La": ["Sơn La"],
    "Lạng Sơn": ["Lạng Sơn"],
    "Quảng Ninh": ["Quảng Ninh"],
    "Thanh Hóa": ["Thanh Hóa"],
    "Nghệ An": ["Nghệ An"],
    "Hà Tĩnh": ["Hà Tĩnh"],
    "Cao Bằng": ["Cao Bằng"],
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
}

#: Name prefixes that give a unit's kind (longest first; 0.6.0 writes "Thành Phố" twice).
KINDS = ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh", "Quận", "Huyện", "Xã", "Phường")
_KIND_RE = re.compile(r"^(?P<kind>" + "|".join(KINDS) + r")\s+(?P<name>.+)$", re.IGNORECASE)

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def standard_tones(name: str) -> str:
    """Put the tone of an open ``oa``/``oe``/``uy`` syllable on its first vowel.

    >>> standard_tones("Hoà Bình"), standard_tones("Giao Thuỷ"), standard_tones("Quý Lộc")
    ('Hòa Bình', 'Giao Thủy', 'Quý Lộc')
    """
    out = []
    for syl in name.split(" "):
        nfd = unicodedata.normalize("NFD", syl)
        tones = [c for c in nfd if c in _TONES]
        base = "".join(c for c in nfd if c not in _TONES)
        m = re.search(r"(oa|oe|uy)$", unicodedata.normalize("NFC", base).lower())
        if len(tones) == 1 and m and not unicodedata.normalize("NFC", base).lower().startswith("qu"):
            b = unicodedata.normalize("NFC", base)
            i = m.start()
            syl = unicodedata.normalize("NFC", b[:i] + unicodedata.normalize("NFD", b[i]) + tones[0] + b[i + 1:])
        out.append(unicodedata.normalize("NFC", syl))
    return " ".join(out)


def split_kind(full: str) -> tuple[str, str]:
    """``"Thành Phố Bắc Kạn"`` → ``("Thành phố", "Bắc Kạn")``; names are tone-standardised."""
    m = _KIND_RE.match(full.strip())
    if not m:
        raise ValueError(f"unit name without a kind prefix: {full!r}")
    kind = m.group("kind")
    kind = next(k for k in KINDS if k.lower() == kind.lower())
    return kind, standard_tones(m.group("name").strip())


def pre2025_source() -> tuple[Path, str]:
    """The 0.6.0 nested-divisions file of the installed package and its version."""
    from importlib.metadata import version

    import vietnam_provinces

    ver = version("vietnam-provinces")
    if not ver.startswith("0.6"):
        raise SystemExit(f"E-GAZ001 need {PRE2025_PACKAGE} installed (found {ver})")
    return Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH), ver


def new_source(path: Path | None) -> Path:
    """The 2025 nested-divisions file: the given path, or downloaded with pip into a temp dir."""
    if path:
        return path
    tmp = Path(tempfile.mkdtemp(prefix="vp2025-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), NEW_PACKAGE],
                   check=True)
    wheel = next(tmp.glob("vietnam_provinces-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extract("vietnam_provinces/data/nested-divisions.json", tmp)
    return tmp / "vietnam_provinces" / "data" / "nested-divisions.json"


def build_pre2025(path: Path) -> dict:
    """Provinces, districts and communes before 2025 as compact rows."""
    nested = json.loads(path.read_text(encoding="utf-8"))
    provinces, districts, communes = [], [], []
    for p in nested:
        kind, name = split_kind(p["name"])
        provinces.append([p["code"], name, kind])
        for d in p["districts"]:
            dkind, dname = split_kind(d["name"])
            districts.append([d["code"], dname, dkind, p["code"]])
            for w in d["wards"]:
                wkind, wname = split_kind(w["name"])
                communes.append([w["code"], wname, wkind, d["code"]])
    return {"provinces": provinces, "districts": districts, "communes": communes}


def build_2025(path: Path) -> dict:
    """Provinces and communes since 1 July 2025 as compact rows."""
    nested = json.loads(path.read_text(encoding="utf-8"))
    provinces, communes = [], []
    for p in nested:
        raw = p["name"]
        kind, name = split_kind(raw) if _KIND_RE.match(raw) else ("Tỉnh", standard_tones(raw))
        provinces.append([p["code"], name, kind])
        for w in p["wards"]:
            wkind, wname = split_kind(w["name"])
            communes.append([w["code"], wname, wkind, p["code"]])
    return {"provinces": provinces, "communes": communes}


def build_merger(pre: dict, new: dict) -> dict[str, int]:
    """Old province code → new province code, checked to cover all 63 and hit all 34."""
    old_by_name = {name: code for code, name, _ in pre["provinces"]}
    new_by_name = {name: code for code, name, _ in new["provinces"]}
    out: dict[str, int] = {}
    for new_name, olds in MERGER_2025.items():
        if new_name not in new_by_name:
            raise SystemExit(f"E-GAZ002 new province {new_name!r} not in the 2025 list")
        for old in olds:
            if old not in old_by_name:
                raise SystemExit(f"E-GAZ003 old province {old!r} not in the pre-2025 list")
            out[str(old_by_name[old])] = new_by_name[new_name]
    if len(out) != len(pre["provinces"]) or len(set(out.values())) != len(new["provinces"]):
        raise SystemExit("E-GAZ004 the merger table does not cover every province of both eras")
    return out


def build(new_path: Path | None) -> dict:
    """The whole gazetteer document."""
    pre_path, pre_ver = pre2025_source()
    pre = build_pre2025(pre_path)
    new = build_2025(new_source(new_path))
    return {
        "meta": {
            "generated": "generated by scripts/build_gazetteer.py — do not edit by hand",
            "sources": {
                "pre2025": f"PyPI vietnam-provinces {pre_ver} data/nested-divisions.json (GSO codes)",
                "2025": f"PyPI {NEW_PACKAGE.replace('==', ' ')} data/nested-divisions.json (GSO codes since 1 July 2025)",
                "merger_2025": "Nghị quyết 202/2025/QH15 (12/6/2025) về sắp xếp đơn vị hành chính cấp tỉnh",
            },
            "rows": {
                "pre2025.provinces": "[code, name, kind]",
                "pre2025.districts": "[code, name, kind, province_code]",
                "pre2025.communes": "[code, name, kind, district_code]",
                "2025.provinces": "[code, name, kind]",
                "2025.communes": "[code, name, kind, province_code]",
                "merger_2025": "{pre2025 province code: 2025 province code}",
            },
            "counts": {
                "pre2025": {k: len(v) for k, v in pre.items()},
                "2025": {k: len(v) for k, v in new.items()},
            },
        },
        "pre2025": pre,
        "2025": new,
        "merger_2025": build_merger(pre, new),
    }


def dump(doc: dict) -> str:
    """Compact, stable JSON: one unit per line so that diffs stay readable."""
    lines = ["{", f' "meta": {json.dumps(doc["meta"], ensure_ascii=False)},']
    for era in ("pre2025", "2025"):
        lines.append(f' "{era}": {{')
        sections = list(doc[era].items())
        for si, (name, rows) in enumerate(sections):
            lines.append(f'  "{name}": [')
            lines.extend(f"   {json.dumps(r, ensure_ascii=False)}{',' if i < len(rows) - 1 else ''}"
                         for i, r in enumerate(rows))
            lines.append("  ]" + ("," if si < len(sections) - 1 else ""))
        lines.append(" },")
    lines.append(f' "merger_2025": {json.dumps(doc["merger_2025"], ensure_ascii=False)}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build (or with ``--check`` compare) the committed gazetteer."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--new-divisions", type=Path, help="nested-divisions.json of vietnam-provinces 2025.10.1")
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    text = dump(build(a.new_divisions))
    if a.check:
        same = a.out.read_text(encoding="utf-8") == text
        print("gazetteer up to date" if same else "gazetteer differs from a rebuild")
        return 0 if same else 1
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out} ({len(text):,} chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
