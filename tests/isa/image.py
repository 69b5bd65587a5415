#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Write the 1.44 MB floppy image tests/isa/floppy.c reads: byte i of the
# sector at LBA n is floppy_byte(n, i) there.
#
# Usage: image.py FILE
import sys

SECTOR = 512
SECTORS = 2880


def byte(lba, i):
    return (lba * 13 + i * 7 + (i >> 8) * 3 + 0x5A) & 0xFF


with open(sys.argv[1], "wb") as f:
    for lba in range(SECTORS):
        f.write(bytes(byte(lba, i) for i in range(SECTOR)))
