"""Title, agency, report year, level, statistical period and publication date."""
from __future__ import annotations

import os
import re

from validator.document import Document, Heading, Paragraph
from validator.lazyre import lazy
from validator.recognize.textstream import TextStream

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from typing import Any

_TITLE_WORDS = re.compile(r"政府信息公开.{0,6}年度?报告|政务公开.{0,4}年度报告|信息公开年报")
_YEAR_IN_TITLE = re.compile(r"(?<!\d)(20\d{2})\s*年\s*度?")
_DATE = r"(?P<{p}y>20\d{{2}})\s*年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*日"
_PERIOD = re.compile(
    r"(?:统计(?:期限|时限|区间|期间|时间|口径)?|数据.{0,6}期限|时间范围)[^。\n]{0,30}?"
    + _DATE.format(p="s")
    + r"\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*"
    + r"(?:(?P<ey>20\d{2})\s*年\s*)?(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日"
)
_PUBLISHED_LINE = re.compile(r"^[（(]?\s*" + _DATE.format(p="") + r"\s*[）)]?$")
_PUBLISHED_FIELD = lazy(r"(?:发布时间|发布日期|公开日期|成文日期|印发日期)\s*[:：|]?\s*\|?\s*(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DEPARTMENT_SUFFIX = lazy(r"(局|委员会|委|办公室|办公厅|办|中心|厅|院|所|站|队|部|署|会|处|馆|团|社|司|公司)$")
_GOVERNMENT = re.compile(r"人民政府$|街道办事处$")


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def iso_date(y: int, m: int, d: int) -> str | None:
    """'YYYY-MM-DD' when y-m-d is a real calendar date, else None. Plain arithmetic: importing
    datetime would cost ~1 ms of every start-up."""
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not 1 <= d <= _DAYS_IN_MONTH[m - 1] + (m == 2 and leap):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_title(doc: Document) -> tuple[str | None, Any]:
    """The report's title: an early heading or short line naming the report; else the HTML title."""
    candidates = []
    early = [b for b in doc.blocks[:40] if isinstance(b, (Heading, Paragraph))]
    for i, block in enumerate(early):
        text = block.text.strip().lstrip("#").strip()
        text = re.sub(r"^(标题|名称)\s*[:：|]\s*", "", text)
        if not _TITLE_WORDS.search(text) or len(text) > 80:
            # a title wrapped over two lines: "2025 年上海市人民政府办公厅政府信息公开" + "工作年度报告"
            if i + 1 < len(early) and "政府信息公开" in text and len(text) <= 60:
                nxt = early[i + 1].text.strip()
                if len(nxt) <= 20 and "报告" in nxt and _TITLE_WORDS.search(text + nxt):
                    candidates.append((text + nxt, block.span))
            continue
        if "根据" in text[:6] or "。" in text:
            continue
        if re.match(r"^\s*20\d{2}\s*年", text) and i > 0:
            # "洪泽区人民政府" on the line above "2023 年政府信息公开工作年度报告"
            above = early[i - 1].text.strip().lstrip("#").strip()
            if 2 <= len(above) <= 24 and not re.search(r"\d", above) and "。" not in above:
                candidates.append((above + text, early[i - 1].span))
                continue
        candidates.append((text, block.span))
    if candidates:
        # prefer one that carries a year
        with_year = [c for c in candidates if _YEAR_IN_TITLE.search(c[0])]
        text, span = (with_year or candidates)[0]
        text = re.sub(r"[-—_]\s*[^-—_]{2,20}$", "", text) if "-" in text[-12:] else text
        return text.strip(), span
    title = doc.meta.get("title")
    if title and _TITLE_WORDS.search(title):
        return title, None
    return None, None


def agency_from_title(title: str) -> str | None:
    m = _YEAR_IN_TITLE.search(title)
    if m:
        before = title[: m.start()].strip(" ：:")
        if len(before) >= 2 and not re.fullmatch(r"[\d\s年度]+", before):
            return re.sub(r"\s+", "", before)
        after = title[m.end():]
        cut = re.search(r"政府信息公开|政务公开|信息公开", after)
        if cut and cut.start() >= 2:
            return re.sub(r"\s+", "", after[: cut.start()])
    cut = re.search(r"政府信息公开|政务公开|信息公开", title)
    if cut and cut.start() >= 2:
        return re.sub(r"\s+", "", title[: cut.start()])
    return None


def level_of(agency: str | None) -> str:
    """government (人民政府, whose report adds 考核/评议/追究 results) | department | unknown."""
    if not agency:
        return "unknown"
    if _GOVERNMENT.search(agency):
        return "government"
    if _DEPARTMENT_SUFFIX.search(agency):
        return "department"
    return "unknown"


def find_period(stream: TextStream) -> dict | None:
    m = _PERIOD.search(stream.text)
    if not m:
        return None
    sy, sm, sd = int(m.group("sy")), int(m.group("sm")), int(m.group("sd"))
    ey = int(m.group("ey")) if m.group("ey") else sy
    em, ed = int(m.group("em")), int(m.group("ed"))
    return {
        "start": iso_date(sy, sm, sd),
        "end": iso_date(ey, em, ed),
        "text": m.group(0),
        "location": stream.span_at(m.start()).to_dict(),
        "_offset": m.start(),
    }


def find_publication_date(doc: Document, stream: TextStream) -> dict | None:
    """A date line near the end (signature block) or a CMS field 发布时间/公开日期."""
    blocks = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
    for block in reversed(blocks[-6:]):
        m = _PUBLISHED_LINE.match(block.text.strip())
        if m:
            d = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                return {"date": d, "source": "signature", "location": block.span.to_dict()}
    for block in doc.blocks[:12]:
        texts = [block.text] if isinstance(block, (Paragraph, Heading)) else [" | ".join(r) for r in block.texts()]
        for text in texts:
            m = _PUBLISHED_FIELD.search(text)
            if m:
                d = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                if d:
                    return {"date": d, "source": "page", "location": block.span.to_dict()}
    # the date under the title: "(2026年1月23日)"
    for block in blocks[:6]:
        m = _PUBLISHED_LINE.match(block.text.strip())
        if m:
            d = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                return {"date": d, "source": "header", "location": block.span.to_dict()}
    return None


def recognise_meta(doc: Document, stream: TextStream) -> dict:
    title, title_span = find_title(doc)
    year = None
    year_source = None
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            year, year_source = int(m.group(1)), "title"
    period = find_period(stream)
    if year is None and period and period.get("start"):
        year, year_source = int(period["start"][:4]), "period"
    if year is None:
        m = re.search(r"(?<!\d)(20\d{2})(?!\d)", os.path.basename(doc.path))
        if m:
            year, year_source = int(m.group(1)), "file name"
    agency = agency_from_title(title) if title else None
    return {
        "title": title,
        "title_location": title_span.to_dict() if title_span else None,
        "agency": agency,
        "level": level_of(agency),
        "year": year,
        "year_source": year_source,
        "period": period,
        "publication": find_publication_date(doc, stream),
    }
