#!/usr/bin/python3
"""Lets TorchSharp's libLibTorchSharp.so load against an older libstdc++ (Debian 12 ships GCC 12's, up to GLIBCXX_3.4.30).

TorchSharp 0.107's native library is built with GCC 13, whose <iostream> plants one reference to
std::ios_base_library_init() (versioned GLIBCXX_3.4.32) in every object that includes it. The reference has no
relocation: nothing ever calls it; it only exists to pull libstdc++'s stream initialisation into the link. The
dynamic loader nevertheless refuses the library because the version is missing. This script:
  1. marks that symbol unversioned (.gnu.version entry 1, "global") and weak, so an absent definition is fine;
  2. renames the now unused GLIBCXX_3.4.32 requirement in .gnu.version_r to GLIBCXX_3.4.30 (name and ELF hash),
     which every GCC 12+ libstdc++ provides.
Nothing else changes: sizes and offsets stay, so the edit is a handful of bytes in place.

Usage: patch-libtorchsharp-glibcxx.py LIBRARY [--check]
  --check   exit 0 if LIBRARY needs the patch, 1 if it does not (already patched, or no such reference).
Applied to a library that is already patched, it does nothing (idempotent). The file is rewritten through a
temporary sibling and renamed, so a reader never sees half a library.
"""
import os
import struct
import sys
import tempfile

SYMBOL = b"_ZSt21ios_base_library_initv"
WANTED = b"GLIBCXX_3.4.32"
REPLACEMENT = b"GLIBCXX_3.4.30"

SHT_DYNSYM = 11
SHT_GNU_VERSYM = 0x6FFFFFFF
SHT_GNU_VERNEED = 0x6FFFFFFE
STB_WEAK = 2
VER_NDX_GLOBAL = 1


def elf_hash(name: bytes) -> int:
    """The System V ABI's ELF hash, which .gnu.version_r stores beside each version name."""
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


def cstring(data: bytes, offset: int) -> bytes:
    return data[offset:data.index(b"\0", offset)]


class Elf:
    def __init__(self, data: bytearray):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not a little-endian 64-bit ELF file")
        self.data = data
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        self.sections = []
        for i in range(shnum):
            name, type_, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
                "<IIQQQQIIQQ", data, shoff + i * shentsize)
            self.sections.append(dict(type=type_, offset=offset, size=size, link=link, entsize=entsize))

    def section(self, type_):
        found = [s for s in self.sections if s["type"] == type_]
        if len(found) != 1:
            raise ValueError(f"expected one section of type {type_:#x}, found {len(found)}")
        return found[0]


def plan(data: bytearray):
    """Returns the in-place edits (offset, bytes) that the patch needs, or [] when none are needed."""
    elf = Elf(data)
    dynsym = elf.section(SHT_DYNSYM)
    dynstr = elf.sections[dynsym["link"]]
    versym = elf.section(SHT_GNU_VERSYM)
    verneed = elf.section(SHT_GNU_VERNEED)
    strings = data[dynstr["offset"]:dynstr["offset"] + dynstr["size"]]

    # The version requirements: find the entry for WANTED (its index) and the string offset of REPLACEMENT.
    wanted_aux = None
    replacement_name = None
    offset = verneed["offset"]
    while True:
        _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, offset)
        aux = offset + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
            name = cstring(strings, vna_name)
            if name == WANTED:
                wanted_aux = (aux, vna_other)
            if name == REPLACEMENT:
                replacement_name = vna_name
            aux += vna_next
            if vna_next == 0:
                break
        if vn_next == 0:
            break
        offset += vn_next

    edits = []
    symbols = dynsym["size"] // dynsym["entsize"]
    for i in range(symbols):
        at = dynsym["offset"] + i * dynsym["entsize"]
        st_name, st_info = struct.unpack_from("<IB", data, at)
        if cstring(strings, st_name) != SYMBOL:
            continue
        version_at = versym["offset"] + 2 * i
        version, = struct.unpack_from("<H", data, version_at)
        if version & 0x7FFF != VER_NDX_GLOBAL:
            edits.append((version_at, struct.pack("<H", VER_NDX_GLOBAL)))
        if st_info >> 4 != STB_WEAK:
            edits.append((at + 4, bytes([(STB_WEAK << 4) | (st_info & 0xF)])))
    if wanted_aux is not None:
        if replacement_name is None:
            raise ValueError(f"the library needs {WANTED.decode()} but does not already name {REPLACEMENT.decode()}; "
                             "this patch does not apply to it")
        aux, _ = wanted_aux
        edits.append((aux, struct.pack("<I", elf_hash(REPLACEMENT))))
        edits.append((aux + 8, struct.pack("<I", replacement_name)))
    return edits


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    path = argv[1]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    try:
        edits = plan(data)
    except ValueError as e:
        print(f"patch-libtorchsharp-glibcxx: {path}: {e}", file=sys.stderr)
        return 2
    if "--check" in argv[2:]:
        return 0 if edits else 1
    if not edits:
        return 0
    for at, value in edits:
        data[at:at + len(value)] = value
    mode = os.stat(path).st_mode & 0o7777
    fd, temporary = tempfile.mkstemp(prefix=".patch-", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    print(f"patch-libtorchsharp-glibcxx: {path}: {SYMBOL.decode()} is now weak and unversioned; "
          f"{WANTED.decode()} requirement renamed to {REPLACEMENT.decode()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
