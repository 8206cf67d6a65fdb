"""The judge of a page's text layer (parsers/text_layer.py): Chinese and ASCII are
trusted, mojibake of fonts without ToUnicode is not, and a nearly empty page says nothing."""

from __future__ import annotations

import pytest

from parsers.tables.settings import TEXT_LAYER
from parsers.text_layer import judge_text_layer, plausible

PLAIN = (
    "部门预算收支总表 323 昌黎县人力资源和社会保障局 预算年度：2023 单位：万元 "
    "一、一般公共预算拨款收入 29,295.60（含上年结转）①≥95% “三公”经费—— 2024年"
)


def test_plain_chinese_and_ascii_is_trusted() -> None:
    v = judge_text_layer(PLAIN, TEXT_LAYER)
    assert v.share == 1.0
    assert not v.garbled


def test_a_rare_character_in_a_name_does_not_make_a_page_garbled() -> None:
    v = judge_text_layer(PLAIN + "堃", TEXT_LAYER)  # outside GB2312, seen in names
    assert v.share < 1.0
    assert not v.garbled


@pytest.mark.parametrize(
    "mojibake",
    [
        # glyph numbers read as characters (get_text() of a stripped CID font)
        "\x01\x02\x03\x04\x05\x06\x07\x08\n\x01\x02\x01 \x03\x04\x05\x06\x07\x08\t\n"
        "\x0b\x0c\r\x0e\x0f\n\x10\x11\x12\x13\x14\x02\x15\x02\x01\n\x16\x17\x14\x18\x19",
        # the same as Latin-1 soup with some ASCII
        '²t³´R"\n«¬\n9@\x1e\x1f\n "\x1e\x1fAB\x1e\x1fXÙXY!!!!!\x1eÆfg\x16\x17Z[\x1e\x1fR"µ¶·¸',
        # glyph numbers landing on rare and extension-A ideographs
        "䥦书儂㐕ᶴৣᢹ䃦㉏⽬㞔み㉏⽬ಋ㉮ಆ䐟\x13\x11\x16ᷗ㤰ᶭ\u0a78\x1a\x17\x16\x0f\x14\x12",
        # what MuPDF gives for characters it cannot map
        "\ufffd" * 40 + "205 965.31",
        # private use and CJK compatibility ideographs
        "\ue001\ue002\ue003\ue004\uf900\uf901\uf902\uf903\ue010\ue011\ue012\ue013" * 2 + "预算数",
    ],
)
def test_mojibake_is_garbled(mojibake: str) -> None:
    assert judge_text_layer(mojibake, TEXT_LAYER).garbled


def test_too_little_text_says_nothing() -> None:
    v = judge_text_layer("\ufffd\ufffd\ufffd - 8 -", TEXT_LAYER)
    assert v.chars < TEXT_LAYER.min_judged_chars
    assert not v.garbled
    assert not judge_text_layer("", TEXT_LAYER).garbled


def test_plausible_characters() -> None:
    assert all(plausible(c) for c in "预算A9.,%（）：；、。“”—①Ⅱ≥")
    assert not any(plausible(c) for c in "\x01\x1f\ue000\uf900\ufffd²Æ䥦")
