"""Parsers are fuzzed: mutated bytes of small valid filings go through `read_filing`, and
nothing but a deliberate refusal may come out (a short, bounded run; bench/fuzz.py runs
minutes). A ReaderFault is an InputError too (the clerk still gets one line), but it is the
safety net wrapping a reader's own crash, so here it fails the test with the crash shown.

The mutations are shared with bench/fuzz.py: byte flips, truncation, splices and, for
DOCX/XLSX, edits inside one XML member of a re-zipped archive (flipping compressed bytes
alone only tests zlib's CRC check).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.extraction import InputError
from parsers.formats import ReaderFault, read_filing

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "fuzz"
SEED_NAMES = (
    "table-2pages.pdf",
    "table-small.docx",
    "table-small.xlsx",
    "seed-tabbed-excerpt.txt",
    "seed-bookmark-excerpt.txt",
)
# Tokens that steer a mutation into the parts a reader interprets.
TOKENS = (
    b"0",
    b"-1",
    b"99999999",
    b"1e308",
    b"NaN",
    b"obj",
    b"endobj",
    b"stream",
    b"/Count 2000000",
    b"/MediaBox [0 0 1e9 1e9]",
    b"re f",
    b"\x00",
    b"\xff\xfe",
    b"\t",
    b"\n",
    b'gridSpan w:val="60000"',
    b'vMerge w:val="restart"',
    b'ref="A1:XFD1048576"',
    b"<w:tc>",
    "合计".encode(),
    b"=SUM(A1:A9)",
    b"<!ENTITY a 'aaaa'>",
)


def mutate(data: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, value) edits; positions wrap around the current length."""
    buf = bytearray(data)
    for kind, pos, value in ops:
        if not buf:
            buf = bytearray(TOKENS[value % len(TOKENS)])
            continue
        at = pos % len(buf)
        match kind % 6:
            case 0:  # flip one bit
                buf[at] ^= 1 << (value % 8)
            case 1:  # overwrite a byte
                buf[at] = value % 256
            case 2:  # truncate
                del buf[at:]
            case 3:  # delete a run
                del buf[at : at + 1 + value % 64]
            case 4:  # insert a token
                buf[at:at] = TOKENS[value % len(TOKENS)]
            case 5:  # duplicate a chunk (repeated objects, rows, runs)
                buf[at:at] = buf[at : at + 1 + value % 512] * (1 + value % 4)
    return bytes(buf)


def mutate_zip_member(data: bytes, member_pick: int, ops: list[tuple[int, int, int]]) -> bytes:
    """Re-zip with one XML member mutated, so the reader sees valid zip, broken XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = [n for n in src.namelist() if n.endswith(".xml")]
        target = names[member_pick % len(names)]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                body = src.read(name)
                dst.writestr(name, mutate(body, ops) if name == target else body)
    return out.getvalue()


OPS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 2**31), st.integers(0, 2**16)),
    min_size=1,
    max_size=8,
)


def mutated(seed: bytes, name: str, pick: int, ops: list[tuple[int, int, int]]) -> bytes:
    if name.endswith((".docx", ".xlsx")) and pick % 3:
        return mutate_zip_member(seed, pick, ops)
    if name.endswith(".txt") and pick % 3:
        # Kept valid UTF-8, so the mutation reaches the text parser past its encoding check.
        return mutate(seed, ops).decode("utf-8", "ignore").encode("utf-8")
    return mutate(seed, ops)


def read_or_refuse(data: bytes, name: str) -> None:
    """The property: a filing comes back, or a deliberate InputError with one non-empty
    line; a reader's own exception (wrapped as ReaderFault) fails with its cause."""
    try:
        read_filing(data, name, ocr="never")
    except ReaderFault as err:
        cause = err.__cause__
        pytest.fail(f"reader crashed on a mutated {name}: {type(cause).__name__}: {cause!r}")
    except InputError as err:
        text = str(err)
        assert text and "\n" not in text, repr(text)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_files_read_or_are_refused_cleanly(name: str) -> None:
    read_or_refuse((SEEDS / name).read_bytes(), name)


@pytest.mark.parametrize("name", SEED_NAMES)
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pick=st.integers(0, 2**16), ops=OPS)
def test_mutated_files_raise_only_input_error(name: str, pick: int, ops) -> None:  # noqa: ANN001
    read_or_refuse(mutated((SEEDS / name).read_bytes(), name, pick, ops), name)


def test_safety_net_turns_a_reader_crash_into_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from parsers import formats

    def broken_reader(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyError("boom")

    monkeypatch.setattr(formats, "_read", broken_reader)
    with pytest.raises(InputError, match="内部错误：KeyError") as caught:
        read_filing(b"plain text\n", "x.txt")
    assert formats.is_reader_fault(caught.value)
    assert isinstance(caught.value.__cause__, KeyError)


def test_the_property_fails_when_a_reader_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzz property itself must be able to fail: a crash is not a refusal."""
    from parsers import formats

    def broken_reader(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyError("boom")

    monkeypatch.setattr(formats, "_read", broken_reader)
    with pytest.raises(pytest.fail.Exception, match="KeyError"):
        read_or_refuse(b"plain text\n", "x.txt")
