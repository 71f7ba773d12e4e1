"""Rewriting a user's file safely: the one writer every `--fix` goes through (text files in
validator/fix.py, .docx in its own module).

    data = read_for_update(path)                 # refuses what must never be rewritten
    new = …                                      # build the new bytes from `data`
    warnings = replace_file(path, new, expected=data, backup=True)

What it guarantees, and why:

- **No symlink is followed**, neither the file nor its `NAME.bak`: a repository may ship
  `report.md.bak -> ~/.bashrc`, and writing "through" it would overwrite a file the user
  never named. A symlinked report is refused (fix the real file); so is a `.bak` that is a
  symlink or not a regular file.
- **Only regular files**: a FIFO, device or folder is refused before anything is read.
- **Read-only files stay untouched**: no owner-write bit (checked on the mode, so it holds
  for root too) or no write access is a refusal, not a silent rename over the file.
- **Nothing the user saved meanwhile is lost**: just before the replace the file is read
  again and must still hold exactly the bytes the new content was built from; otherwise the
  write is refused and the temporary file removed (an editor's save wins).
- **Atomic**: the new bytes go to a temporary file in the same folder, fsync'd, then
  `os.replace` over the original and the folder is fsync'd; the process can be killed at any
  moment and the file is the old or the new bytes, never a mix. The backup is written the
  same way, from the bytes that were read (not re-copied from disk).
- **Permissions kept** (mode, and owner/group where the process may set them).
- **Hard links are named**: a replace gives the path a new inode, so the file's other names
  keep the old text; the caller gets that as a warning.

Failures raise `WriteRefused` with a sentence for the user in each language (i18n keys
`write.*`, like every other message: `exc.text(lang)`); the caller turns it into a finding and
carries on with its other files. Warnings (a hard link) come back the same way, as {"zh", "en"}.
"""
from __future__ import annotations

import os
import stat
import time

from validator.i18n import LocalizedError, both, both_each

SLOW_WRITE_ENV = "XXGK_TEST_SLOW_WRITE"  # tests only: pause (seconds) half-way through writing the temp file
TEMP_SUFFIX = ".xxgk-tmp"
MAX_FIX_BYTES = 50 * 1024 * 1024  # the readers' input limit: a fix never reads more than a check would


class WriteRefused(LocalizedError):
    """The file was left alone; `exc.text(lang)` says why, for the user (str(): the English)."""


def _refused(key: str, **values) -> WriteRefused:
    """WriteRefused with message write.KEY (a {"zh", "en"} value, `_kind`, in each language)."""
    return WriteRefused(both_each("write." + key, **values))


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _kind(mode: int) -> dict[str, str]:
    """What a file that is not a regular file is, in each language."""
    if stat.S_ISLNK(mode):
        key = "link"
    elif stat.S_ISDIR(mode):
        key = "folder"
    elif stat.S_ISFIFO(mode):
        key = "fifo"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        key = "device"
    elif stat.S_ISSOCK(mode):
        key = "socket"
    else:
        key = "other"
    return both("write.kind." + key)


def _lstat(path: str) -> os.stat_result:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        raise _refused("gone") from None
    except OSError as exc:
        raise _refused("stat", why=_why(exc)) from None


def _check_target(path: str) -> os.stat_result:
    st = _lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise _refused("symlink", target=os.readlink(path))
    if not stat.S_ISREG(st.st_mode):
        raise _refused("not-regular", kind=_kind(st.st_mode))
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise _refused("read-only")
    return st


def _read_nofollow(path: str, limit: int, *, exact: bool = False) -> bytes | None:
    """The file's bytes, read without following a link at `path`. More than `limit` bytes is a
    refusal, or with `exact` None (the caller only wants to know whether it holds `limit` bytes)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refused("read", why=_why(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refused("not-regular", kind=_kind(st.st_mode))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                if exact:
                    return None
                raise _refused("too-large", mb=limit // (1024 * 1024))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _refused("read", why=_why(exc)) from None
    finally:
        os.close(fd)


def read_for_update(path: str, limit: int = MAX_FIX_BYTES) -> bytes:
    """The bytes of `path`, for building its fixed content; WriteRefused when the file must not
    be rewritten (symlink, not a regular file, read-only, unreadable, too large)."""
    _check_target(os.fspath(path))
    data = _read_nofollow(os.fspath(path), limit)
    assert data is not None
    return data


def _fsync_dir(directory: str) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(directory: str, name: str, data: bytes, st: os.stat_result | None, slow: bool = False) -> str:
    """A fully written, fsync'd temporary file in `directory` with the mode (and, where allowed,
    the owner) of `st`, or of a new file when None. Its name starts with a dot and ends with
    TEMP_SUFFIX."""
    import tempfile  # noqa: PLC0415 - only when a fix is written

    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            pause = float(os.environ.get(SLOW_WRITE_ENV) or 0) if slow else 0
            if pause:  # tests kill the process or edit the file here
                half = len(data) // 2
                fh.write(data[:half])
                fh.flush()
                os.fsync(fh.fileno())
                time.sleep(pause)
                fh.write(data[half:])
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is None:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            return tmp
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:  # not allowed to give it away: the file becomes ours, as any editor's save would
                pass
        return tmp
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def replace_file(path: str, data: bytes, *, expected: bytes, backup: bool = False) -> list[dict[str, str]]:
    """Replace the regular file `path` by `data`, if it still holds `expected` (the bytes `data`
    was built from, as returned by read_for_update). Returns warnings for the user, {"zh", "en"}
    each (a hard link that keeps the old text); raises WriteRefused when nothing was written.

    With `backup`, `expected` is first written to `path + ".bak"` (replacing an earlier backup,
    never following a link there)."""
    path = os.fspath(path)
    st = _check_target(path)
    directory = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    warnings = []
    if st.st_nlink > 1:
        warnings.append(both("write.hard-links", links=st.st_nlink))
    bak = path + ".bak"
    if backup:
        try:
            bst = os.lstat(bak)
        except FileNotFoundError:
            bst = None
        except OSError as exc:
            raise _refused("backup-stat", backup=bak, why=_why(exc)) from None
        if bst is not None and not stat.S_ISREG(bst.st_mode):
            raise _refused("backup-not-regular", backup=bak, kind=_kind(bst.st_mode))
    tmp = bak_tmp = None
    try:
        try:
            tmp = _write_temp(directory, name, data, st, slow=True)
            if backup:
                bak_tmp = _write_temp(directory, name + ".bak", expected, st)
        except OSError as exc:
            raise _refused("write", folder=directory, why=_why(exc)) from None
        # the last moment before the replace: the file must still be what the fix was built from
        if _read_nofollow(path, len(expected), exact=True) != expected:
            raise _refused("changed")
        _check_target(path)
        try:
            if bak_tmp is not None:
                os.replace(bak_tmp, bak)
                bak_tmp = None
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            raise _refused("replace", why=_why(exc)) from None
    finally:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                _unlink(leftover)
    _fsync_dir(directory)
    return warnings


def write_output(path: str, data: bytes) -> None:
    """Create or atomically replace a file xxgk writes on request (a baseline, `xxgk new`): never through a
    symbolic link or over something that is not a regular file; permissions of a file being
    replaced are kept. OSError or WriteRefused when it cannot."""
    path = os.fspath(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise _refused("output-not-regular", path=path, kind=_kind(st.st_mode))
    directory = os.path.dirname(os.path.abspath(path))
    tmp = _write_temp(directory, os.path.basename(path), data, st)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    _fsync_dir(directory)
