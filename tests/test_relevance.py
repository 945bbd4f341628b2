"""The relevance signal ``about_movement`` (fields/relevance.py): value, evidence and rule."""
from __future__ import annotations

import pytest

from extractor.api import extract
from extractor.fields.relevance import about_movement
from extractor.text.segment import ArticleText, Zone, ZoneKind

# (body text, value, rule, evidence texts)
CASES = [
    ("Huyện có 12 mô hình “Dân vận khéo” trên lĩnh vực kinh tế.", True, "relevance.movement", ["Dân vận khéo"]),
    ("PHONG TRÀO THI ĐUA DÂN VẬN KHÉO LAN TỎA", True, "relevance.movement", ["DÂN VẬN KHÉO"]),
    ("Phong trào “dân vận” “khéo” ở cơ sở", True, "relevance.movement", ["dân vận” “khéo"]),
    ("Ban Dân vận Huyện ủy phối hợp làm tốt công tác dân vận, nhân rộng 30 mô hình hay.", True,
     "relevance.mass_mobilisation", ["Ban Dân vận", "công tác dân vận"]),
    # one mention of mass-mobilisation work, or no model word: not enough
    ("Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết năm 2023.", False, "relevance.none", ["Ban Dân vận"]),
    ("Ban Dân vận và Tổ dân vận phường họp bàn việc giải phóng mặt bằng.", False, "relevance.none",
     ["Ban Dân vận", "Tổ dân vận"]),
    ("Giá xăng dầu hôm nay giảm nhẹ so với tuần trước.", False, "relevance.none", []),
]


@pytest.mark.parametrize(("text", "value", "rule", "evidence"), CASES)
def test_about_movement(text, value, rule, evidence):
    got = about_movement(ArticleText(text, [Zone(ZoneKind.body, 0, len(text))]))
    assert (got.value, got.rule) == (value, rule)
    assert [text[s:e] for s, e in got.evidence] == evidence


def test_chrome_is_not_evidence():
    # a related-news headline naming the movement does not make a page about it
    a = extract(text="Giá lúa tăng\nGiá lúa vụ này tăng mạnh so với năm trước.\nTin liên quan\n"
                     "Na Rì có 40 mô hình dân vận khéo\nNông dân phấn khởi vì giá lúa cao, thu nhập của nhiều "
                     "hộ tăng đáng kể trong vụ này.")
    assert a.about_movement is not None and a.about_movement.value is False


def test_every_record_has_the_signal_with_real_spans():
    a = extract(text="Tiêu đề\nĐến nay có 20 mô hình “Dân vận khéo”.")
    assert a.about_movement.value is True
    assert [a.text[s:e] for s, e in a.about_movement.evidence] == ["Dân vận khéo"]
