"""QR code matrices, the same module for module as segno's, several times faster.

A cold build encodes ~165 codes a topic, and segno places, masks and lays out each one bit by
bit in Python. For one version, error level and mask, every code shares everything but its
data modules: the finder, timing and alignment patterns, the format and version information,
and the order in which the data bits are placed. So that layout is taken from segno once per
version (its own functions, run on an all-zero message), and each code is segno's own data
codewords and error correction, spread over the layout in one step.
tests/unit/test_qr_files.py compares the result with segno.make for many addresses.
"""

from __future__ import annotations

import functools
from itertools import chain, zip_longest
from operator import itemgetter

from segno import consts, encoder

ERROR = consts.ERROR_LEVEL_M
MASK = 2  # a fixed mask: any mask scans, and choosing the "best" one was most of segno's time
# Remainder bits after the last codeword, per version (ISO/IEC 18004:2015, 7.6; segno's table).
_REMAINDER = {**dict.fromkeys((2, 3, 4, 5, 6), 7), **dict.fromkeys((14, 15, 16, 17, 18, 19, 20, 28, 29, 30, 31, 32, 33, 34), 3),
              **dict.fromkeys((21, 22, 23, 24, 25, 26, 27), 4)}
_BITS = [bytes((byte >> shift) & 1 for shift in range(7, -1, -1)) for byte in range(256)]


def qr_matrix(text: str) -> tuple[bytes, ...]:
    """The code's modules, one bytes row per line (1 = dark), as
    `segno.make(text, error="m", micro=False, mask=2, boost_error=False).matrix`."""
    segments = _segments(text)
    version = encoder.find_version(segments, ERROR, eci=False, micro=False)
    layout = _layout(version)
    bits = b"".join(_BITS[codeword] for codeword in _message(segments, version)) + b"\0" * _REMAINDER.get(version, 0)
    # Each cell is the layout's (the mask's bit, on data cells) XOR its data bit; `spread` puts
    # bit k of the message on its cell and a 0 (the extra last byte) everywhere else.
    data = bytes(layout.spread(bits + b"\0"))
    cells = (int.from_bytes(layout.cells, "big") ^ int.from_bytes(data, "big")).to_bytes(len(data), "big")
    width = layout.width
    return tuple(cells[row : row + width] for row in range(0, len(cells), width))


def _segments(text: str) -> encoder.Segments:
    """`encoder.prepare_data(text, None, None)`: one segment, in the mode and encoding segno
    chooses. Byte mode (every address with lowercase letters) is written here a byte at a time
    (segno appends each byte's bits in a generator, ~35% of a code's time); others by segno.
    _Segment is segno's own (private; segno is pinned, and test_qr_drawing compares the two)."""
    data, length, encoding = encoder.data_to_bytes(text, None)
    if encoder.find_mode(data) != consts.MODE_BYTE:
        return encoder.prepare_data(text, None, None)
    segments = encoder.Segments()
    segments.add_segment(encoder._Segment(bytearray(b"".join(map(_BITS.__getitem__, data))), length, consts.MODE_BYTE, encoding))
    return segments


def _message(segments, version: int) -> list[int]:
    """The data codewords and error correction words, interleaved (segno's own steps, but its
    bit-per-item codeword conversion and error correction, ~55% of a code's time, done bytewise)."""
    buffer = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buffer, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][ERROR]
    encoder.write_terminator(buffer, capacity, None, len(buffer))
    encoder.write_padding_bits(buffer, version, len(buffer))
    encoder.write_pad_codewords(buffer, version, capacity, len(buffer))
    bits = buffer.getbits()
    # segno's Buffer.toints: the bits, 8 to a codeword, the last one filled up with 0s.
    codewords = int(bits.translate(_BIT_DIGITS) + b"0" * (-len(bits) % 8), 2).to_bytes((len(bits) + 7) // 8, "big")
    data_blocks, error_blocks = [], []
    start = 0
    for block in consts.ECC[version][ERROR]:
        for _ in range(block.num_blocks):
            data = codewords[start : start + block.num_data]
            start += block.num_data
            data_blocks.append(data)
            error_blocks.append(_error_words(data, block.num_total - block.num_data))
    return [word for blocks in (data_blocks, error_blocks) for word in chain.from_iterable(zip_longest(*blocks)) if word is not None]


_BIT_DIGITS = bytes.maketrans(b"\0\1", b"01")


def _error_words(data: bytes, count: int) -> bytes:
    """Reed-Solomon error correction words of `data`, as segno.encoder.make_blocks: the same
    polynomial division, the remainder held in one int so each data byte is one shift and XOR."""
    products = _generator_products(count)
    top, keep = 8 * (count - 1), (1 << 8 * count) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & keep) ^ products[byte ^ (remainder >> top)]
    return remainder.to_bytes(count, "big")


@functools.cache
def _generator_products(count: int) -> tuple[int, ...]:
    """The generator polynomial of `count` error words (without its leading 1) times each
    coefficient 0..255 in GF(256), as big-endian ints (segno's tables)."""
    log, exp, generator = consts.GALIOS_LOG, consts.GALIOS_EXP, consts.GEN_POLY[count]
    return (0, *(int.from_bytes(bytes(exp[log[coef] + power] for power in generator), "big") for coef in range(1, 256)))


class _Layout:
    def __init__(self, width: int, cells: bytes, order: list[int]):
        self.width, self.cells = width, cells
        # For each cell, the index of its bit in the message, or one past the end (a 0).
        at = dict(zip(order, range(len(order)), strict=True))
        self.spread = itemgetter(*(at.get(cell, len(order)) for cell in range(len(cells))))


@functools.cache
def _layout(version: int) -> _Layout:
    """Version `version`'s fixed cells (an all-zero message, masked) and data cells in placement order."""
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    free = [i * width + j for i in range(width) for j in range(width) if matrix[i][j] == 0x2]
    # segno's placement, run twice with each position's low and high byte as its "bit".
    count = len(free)
    order_of = dict.fromkeys(free, 0)
    for shift in (0, 8):
        probe = tuple(bytearray(row) for row in matrix)
        encoder.add_codewords(probe, bytes((k >> shift) & 0xFF for k in range(count)), version)
        for cell in free:
            order_of[cell] |= probe[cell // width][cell % width] << shift
    zero = tuple(bytearray(row) for row in matrix)
    encoder.add_codewords(zero, bytes(count), version)
    mask_function = encoder.get_data_mask_functions(False)[MASK]
    encoder.apply_mask(zero, mask_function, width, width, lambda i, j: (i * width + j) in order_of)
    encoder.add_format_info(zero, version, ERROR, MASK)
    encoder.add_version_info(zero, version)
    return _Layout(width, b"".join(bytes(row) for row in zero), sorted(free, key=order_of.__getitem__))
