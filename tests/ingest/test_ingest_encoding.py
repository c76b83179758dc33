"""Encoding detection on files where statistical detectors hesitate."""

from __future__ import annotations

from pathlib import Path

from seimon.ingest.encoding import detect_encoding


def test_gbk_report_file_mostly_digits_is_detected(tmp_path: Path) -> None:
    # A reports file over one 1 MB scan block: a Chinese header, then lines of digits and one repeated word pair.
    lines = ["统一社会信用代码,时期,营业收入,工业增加值"]
    lines += [f"91131124BJH8XKX{i % 1000:03d},2015年1-{2 + i % 11}月,{1000 + i}.5,{200 + i}.1" for i in range(60000)]
    path = tmp_path / "reports_gbk.csv"
    path.write_bytes("\n".join(lines).encode("gbk"))
    assert detect_encoding(path) == "gb18030"
    text = path.read_bytes().decode(detect_encoding(path))
    assert text.splitlines()[2].endswith("2015年1-3月,1001.5,201.1")


def test_utf8_with_the_same_content_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "reports_utf8.csv"
    path.write_text("代码,时期\n" + "\n".join(f"{i},2015年1-2月" for i in range(5000)), encoding="utf-8")
    assert detect_encoding(path) == "utf-8"


def test_sample_never_ends_inside_a_line(tmp_path: Path) -> None:
    from seimon.ingest.encoding import sample_non_ascii

    # Every line holds Chinese text, and the file spans two scan blocks: the sample must end on a line end.
    path = tmp_path / "big_gbk.csv"
    path.write_bytes("".join(f"{i:07d},石家庄市新华区,{i * 3.5:.1f}\n" for i in range(60000)).encode("gbk"))
    _head, sample = sample_non_ascii(path)
    assert sample.endswith(b"\n")
    assert sample.decode("gb18030").count("石家庄市新华区") == sample.count(b"\n")
