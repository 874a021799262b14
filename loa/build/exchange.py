"""Swapping two folders so that neither name is ever missing.

Owns the one system call that makes a build's swap atomic, and nothing more:

    exchange(a, b) -> bool   True: a and b traded places in one step
                             False: this system or filesystem cannot do that

Linux (3.15 and later, on ext4, xfs, btrfs, tmpfs and most others) has
renameat2(RENAME_EXCHANGE), macOS has renamex_np(RENAME_SWAP). Windows has
no atomic exchange of folders; the caller then falls back to two renames.
The C functions are reached through ctypes at call time, so importing this
module works everywhere.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 0x2  # macOS sys/stdio.h
# renameat2 by number, for a C library older than glibc 2.28 or musl 1.2.
_SYSCALL = {"x86_64": 316, "amd64": 316, "aarch64": 276, "arm64": 276, "riscv64": 276,
            "i386": 353, "i686": 353, "armv7l": 382, "armv6l": 382,
            "ppc64le": 357, "ppc64": 357, "s390x": 347}
# What the kernel answers when it or the filesystem lacks the exchange.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def exchange(a: Path, b: Path) -> bool:
    """Trade the names of two existing folders atomically, if possible.

    Raises OSError for a real failure (permission, a name missing); returns
    False, with nothing changed, when no atomic exchange is available."""
    if sys.platform.startswith("linux"):
        return _linux(os.fsencode(a), os.fsencode(b))
    if sys.platform == "darwin":
        return _macos(os.fsencode(a), os.fsencode(b))
    return False


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _linux(a: bytes, b: bytes) -> bool:
    libc = _libc()
    if libc is None:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        renameat2.restype = ctypes.c_int
        result = renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    else:
        number = _SYSCALL.get(platform.machine().lower())
        if number is None:
            return False
        libc.syscall.restype = ctypes.c_long
        result = libc.syscall(ctypes.c_long(number), ctypes.c_int(_AT_FDCWD), ctypes.c_char_p(a),
                              ctypes.c_int(_AT_FDCWD), ctypes.c_char_p(b), ctypes.c_uint(_RENAME_EXCHANGE))
    return _answer(result, a, b)


def _macos(a: bytes, b: bytes) -> bool:
    libc = _libc()
    renamex = getattr(libc, "renamex_np", None) if libc is not None else None
    if renamex is None:  # before macOS 10.12
        return False
    renamex.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
    renamex.restype = ctypes.c_int
    return _answer(renamex(a, b, _RENAME_SWAP), a, b)


def _answer(result: int, a: bytes, b: bytes) -> bool:
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(a), None, os.fsdecode(b))
