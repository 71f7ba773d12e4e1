"""Reader registry: suffix + content sniffing -> a reader module with `read(path, data) -> Document`.

Readers are imported lazily so that checking a Markdown file never imports docx, lxml or
pdfplumber. Every failure to read becomes an InputError (an INP finding), never a traceback.
"""
from __future__ import annotations

import importlib
import os
import stat

from validator.document import Document, InputError
from validator.limits import MAX_FILE_BYTES as MAX_BYTES  # a report is a few MB at most; refuse absurd inputs
from validator.limits import MB

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
SUFFIX_READERS = {
    **{s: "text" for s in TEXT_SUFFIXES},
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".pdf": "pdf",
}
# Suffixes a folder walk picks up: what we read, plus document formats we cannot read but
# should name (a .doc among the reports gets an INP001 with how to convert it, not silence).
CHECKABLE_SUFFIXES = set(SUFFIX_READERS) | {".doc", ".wps", ".rtf", ".odt", ".ofd"}

# Formats we recognise but cannot read: say what it is and how to convert it.
UNSUPPORTED = {
    ".doc": ("Word 97-2003 (.doc)", "另存为 .docx，或运行 `libreoffice --headless --convert-to docx FILE`"),
    ".wps": ("WPS 文字 (.wps)", "在 WPS 中另存为 .docx"),
    ".xls": ("Excel 97-2003 (.xls)", "年度报告应为文档；请提交 .docx、.html、.pdf 或 .md"),
    ".xlsx": ("Excel (.xlsx)", "年度报告应为文档；请提交 .docx、.html、.pdf 或 .md"),
    ".et": ("WPS 表格 (.et)", "年度报告应为文档；请提交 .docx、.html、.pdf 或 .md"),
    ".rtf": ("RTF", "另存为 .docx"),
    ".odt": ("OpenDocument (.odt)", "另存为 .docx"),
    ".ofd": ("OFD 版式文件", "导出为 PDF 或 .docx"),
    ".png": ("图片 (PNG)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".jpg": ("图片 (JPEG)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".jpeg": ("图片 (JPEG)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".gif": ("图片 (GIF)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".bmp": ("图片 (BMP)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".tif": ("图片 (TIFF)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
    ".tiff": ("图片 (TIFF)", "图片没有文本层；请提供原始文档或可复制文字的 PDF"),
}


def missing_library(exc: ImportError, kind: str) -> InputError:
    """The INP001 error for a reader whose library is not installed (`kind`: "PDF", "Word (.docx)").

    The message itself names the command to run, so that every output format carries it (a plain
    pre-commit line shows the message, not the hint). The requirement comes from xxgk's installed
    metadata, so that pyproject.toml stays the one place the library is chosen."""
    module = getattr(exc, "name", None) or str(exc)
    requirement = declared_requirement(module) or module
    command = f'pip install "{requirement}"'
    return InputError(
        f"读取 {kind} 需要的 Python 包 {module} 没有安装：运行 {command}，或重新安装 xxgk",
        en=f"reading {kind} needs the Python package {module}, which is not installed: run {command}, "
           "or reinstall xxgk",
        hint=f"{command}（它是 xxgk 默认安装的一部分，安装可能不完整）",
        hint_en=f"{command} (it is part of xxgk's default install, which may be incomplete)",
        detail=f"ImportError: {exc}")


def declared_requirement(module: str) -> str | None:
    """xxgk's requirement that provides `module` ("pdfplumber" -> "pdfplumber>=0.11"), or None."""
    import re  # noqa: PLC0415 - error path only
    from importlib import metadata  # noqa: PLC0415

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    try:
        requirements = metadata.requires("xxgk") or []
    except metadata.PackageNotFoundError:
        return None
    wanted = norm(module.split(".")[0])
    for req in requirements:
        spec = req.split(";")[0].strip()
        if ";" in req and "extra" in req.split(";", 1)[1]:
            continue  # test/tool extras
        name = re.match(r"[A-Za-z0-9._-]+", spec)
        if name and (norm(name.group(0)) == wanted or norm(name.group(0)).startswith(wanted + "-")):
            return spec.replace(" ", "")
    return None


def is_lock_file(path: str) -> bool:
    """Word's owner file "~$报告.docx": a few bytes naming who has the document open, never a report."""
    return os.path.basename(path).startswith("~$")


def sniff(data: bytes) -> str | None:
    """Reader name from the first bytes, whatever the suffix says."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # .doc/.xls/.wps, or an encrypted .docx
    lowered = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered[:512]:
        return "html"
    return None


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def ole_kind(data: bytes) -> str:
    """What an OLE compound file holds, from its directory's stream names (UTF-16LE):
    encrypted (a password-protected .docx/.xlsx: EncryptionInfo + EncryptedPackage),
    word (Word 97-2003 / WPS: WordDocument), excel (Workbook/Book), or unknown."""
    if _utf16("EncryptedPackage") in data:
        return "encrypted"
    if _utf16("WordDocument") in data:
        return "word"
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return "excel"
    return "unknown"


def reader_for(path: str, data: bytes) -> str:
    suffix = os.path.splitext(path)[1].lower()
    sniffed = sniff(data)
    if sniffed == "ole":
        kind = ole_kind(data)
        if kind == "encrypted" or (kind == "unknown" and suffix == ".docx"):
            raise InputError(
                "文件是加密（受密码保护）的 Word 文档，无法读取",
                hint="在 Word 中取消密码保护（文件 → 信息 → 保护文档）后另存为 .docx",
                detail="encrypted OOXML in an OLE container",
            )
        if kind == "word" and suffix not in (".doc", ".wps"):
            name, how = UNSUPPORTED[".doc"]
            raise InputError(f"不支持的文件格式：{name}（文件扩展名为 {suffix or '空'}，但内容是旧版 Word 二进制文档）",
                             hint=how, detail="OLE compound file with a WordDocument stream")
        if kind == "excel" and suffix not in (".xls", ".et"):
            name, how = UNSUPPORTED[".xls"]
            raise InputError(f"不支持的文件格式：{name}", hint=how, detail="OLE compound file with a Workbook stream")
        name, how = UNSUPPORTED.get(suffix, ("Office 97-2003 二进制格式", "另存为 .docx"))
        raise InputError(f"不支持的文件格式：{name}", hint=how, detail="OLE compound file")
    if suffix in UNSUPPORTED:
        name, how = UNSUPPORTED[suffix]
        raise InputError(f"不支持的文件格式：{name}", hint=how)
    if suffix in SUFFIX_READERS:
        expected = SUFFIX_READERS[suffix]
        if sniffed and sniffed != expected and not (expected == "text" and sniffed == "html"):
            # trust the content: a .docx that is really a PDF is read as a PDF
            return sniffed
        if expected in ("docx", "pdf") and sniffed is None:
            kind = "Word (.docx)" if expected == "docx" else "PDF"
            raise InputError(
                f"文件扩展名为 {suffix}，但内容不是有效的 {kind} 文件（可能已损坏或被截断）",
                hint="重新导出或重新下载该文件",
            )
        return expected
    if sniffed in ("pdf", "docx", "html"):
        return sniffed
    return "text"


def _too_large(size: int) -> InputError:
    return InputError(f"文件过大（{size / MB:.0f} MB），超过 {MAX_BYTES // MB} MB 上限，未读取",
                      hint="年度报告通常只有几 MB；请确认文件是否正确", detail=f"{size} bytes > {MAX_BYTES}",
                      en=f"the file is too large ({size / MB:.0f} MB, the limit is {MAX_BYTES // MB} MB); not read",
                      hint_en="an annual report is a few MB; check that this is the right file")


def read_bytes(path: str, data: bytes) -> Document:
    """Read `data` (the content of the file `path`, as str) into a Document, or raise InputError."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    name = reader_for(path, data)
    module = importlib.import_module(f"validator.readers.{name}_reader")
    return module.read(path, data)


_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
          (stat.S_ISSOCK, "套接字"))


def read_file_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them: the size is checked before reading
    and the read stops at the limit (a file growing meanwhile, or one whose size lies). A FIFO
    or device is refused without being opened for a blocking read (O_NONBLOCK), so /dev/zero
    cannot exhaust memory and a FIFO cannot stall the run."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("文件不存在", hint="检查路径是否正确") from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是文件") from None
    except PermissionError:
        raise InputError("没有读取该文件的权限", hint="检查文件权限") from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("这是一个目录，不是文件")
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "特殊文件")
            raise InputError(f"这不是普通文件，而是{kind}，未读取", hint="只检查普通文件",
                             detail="not a regular file", en="not a regular file (a FIFO, device or socket); not read",
                             hint_en="only regular files are checked")
        if st.st_size > limit:
            raise _too_large(st.st_size)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_large(size)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_path(path: str) -> Document:
    """Read a file into a Document, or raise InputError."""
    p = os.fspath(path)
    return read_bytes(p, read_file_bytes(p))
