"""The QR codes of a cold build are drawn and error-corrected with whole-row and whole-block
operations (issue 17: at ~165 codes a topic they were over half of the rendering), and the
files stay byte for byte what they were: the old drawing and segno's own steps are the reference."""

from __future__ import annotations

import random
import re
from itertools import chain, zip_longest

import segno
from segno import consts, encoder

from generator.pages import qr, qr_matrix
from support import calls_during

SITE_URL = "http://127.0.0.1:8123/"
# Byte, alphanumeric and numeric mode, text outside ASCII, and lengths from one character to
# version 40 (the longest: 177 modules a row, 81 error blocks).
TEXTS = [SITE_URL + "t/" + "a-b" * n + "/#x" for n in range(0, 300, 11)]
TEXTS += ["HTTP://EXAMPLE.ORG/" + "A" * 60, "1234567890" * 8, "https://example.org/é/漢字/", "x",
          "https://example.org/" + "z" * 2300, "9" * 5000]


def reference_svg_path(matrix: tuple[bytes, ...]) -> str:
    """The drawing as it was before issue 17's rewrite: a call per run of dark modules."""
    parts = []
    for y, row in enumerate(matrix, start=qr.BORDER):
        end = None
        for run in re.finditer(rb"\x01+", row):
            move = f"M{run.start() + qr.BORDER} {y}.5" if end is None else f"m{run.start() - end} 0"
            parts.append(f"{move}h{run.end() - run.start()}")
            end = run.end()
    return "".join(parts)


def reference_message(text: str) -> list[int]:
    """segno's codewords, block by block with its make_blocks, interleaved."""
    segments = encoder.prepare_data(text, None, None)
    version = encoder.find_version(segments, qr_matrix.ERROR, eci=False, micro=False)
    buffer = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buffer, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][qr_matrix.ERROR]
    encoder.write_terminator(buffer, capacity, None, len(buffer))
    encoder.write_padding_bits(buffer, version, len(buffer))
    encoder.write_pad_codewords(buffer, version, capacity, len(buffer))
    data_blocks, error_blocks = encoder.make_blocks(consts.ECC[version][qr_matrix.ERROR], buffer)
    return [word for blocks in (data_blocks, error_blocks) for word in chain.from_iterable(zip_longest(*blocks)) if word is not None]


def message(text: str) -> list[int]:
    segments = encoder.prepare_data(text, None, None)
    return qr_matrix._message(segments, encoder.find_version(segments, qr_matrix.ERROR, eci=False, micro=False))


def test_the_codewords_are_segno_s_at_every_length_up_to_version_40():
    versions = set()
    for text in TEXTS:
        assert message(text) == reference_message(text), text
        versions.add(len(qr_matrix.qr_matrix(text)))
    assert {21, 177} <= versions  # versions 1 and 40


def test_the_largest_codes_are_still_segno_s_module_for_module():
    for text in TEXTS[-2:]:
        assert qr_matrix.qr_matrix(text) == tuple(bytes(row) for row in segno.make(text, error="m", micro=False, mask=2, boost_error=False).matrix)


def total_calls(function, *args) -> int:
    return sum(calls_during(function, *args)[1].values())


def test_the_drawing_is_the_old_one_byte_for_byte():
    for text in TEXTS:
        matrix = qr_matrix.qr_matrix(text)
        assert qr.svg_path(matrix) == reference_svg_path(matrix), text
    # Rows no code has but a drawing must survive: all light, all dark, dark at either edge.
    rows = random.Random(17)
    for width in (1, 2, 3, 21, 177):
        matrix = (bytes(width), b"\x01" * width) + tuple(bytes(rows.choice((0, 0, 1)) for _ in range(width)) for _ in range(40))
        assert qr.svg_path(matrix) == reference_svg_path(matrix), width


def test_a_drawing_costs_a_few_calls_a_row_not_a_call_per_run():
    matrix = qr_matrix.qr_matrix(SITE_URL + "t/" + "a-b" * 30)
    runs = sum(len(re.findall(rb"\x01+", row)) for row in matrix)
    assert runs > 8 * len(matrix)  # ~10 runs a row: a call per run would show
    assert total_calls(qr.svg_path, matrix) <= 8 * len(matrix)


def test_error_correction_costs_a_few_calls_a_block_not_a_call_per_codeword():
    text = SITE_URL + "t/" + "a-b" * 30
    segments = encoder.prepare_data(text, None, None)
    version = encoder.find_version(segments, qr_matrix.ERROR, eci=False, micro=False)
    blocks = sum(block.num_blocks for block in consts.ECC[version][qr_matrix.ERROR])
    codewords = consts.SYMBOL_CAPACITY[version][qr_matrix.ERROR] // 8
    assert codewords > 10 * blocks
    qr_matrix._message(segments, version)  # the generator polynomial's products, made once per block size
    # Writing the segments (segno's, unchanged) is the floor; the rest, conversion to codewords
    # and error correction, was several calls a codeword in segno's Buffer.toints and make_blocks.
    floor = total_calls(lambda: [encoder.write_segment(encoder.Buffer(), segment, None, encoder.version_range(version), False) for segment in segments])
    assert total_calls(qr_matrix._message, segments, version) - floor <= 40 + 10 * blocks


def test_the_segment_is_segno_s_in_every_mode_and_encoding():
    texts = TEXTS + ["https://example.org/café", "https://example.org/ü/€", "ABC-123 $%*+./:", "0", "a"]
    modes = set()
    for text in texts:
        ours, segno_s = qr_matrix._segments(text), encoder.prepare_data(text, None, None)
        assert (list(ours), ours.bit_length, ours.modes) == (list(segno_s), segno_s.bit_length, segno_s.modes), text
        modes.update(ours.modes)
    assert {consts.MODE_BYTE, consts.MODE_ALPHANUMERIC, consts.MODE_NUMERIC} <= modes


def test_an_address_s_segment_costs_a_few_calls_not_calls_per_byte():
    url = SITE_URL + "t/" + "a-b" * 30
    assert total_calls(qr_matrix._segments, url) <= 30 < len(url)
