"""Title, agency, level, report year, statistical period and publication date.

The report year is read, in this order of trust (issue 10), from:

1. the title, in any of its real forms: "…2023年政府信息公开工作年度报告", "…关于2022年度政府信息
   公开情况的报告", "…政府信息公开工作2022年度报告", the agency on one line and "2021年信息公开工作
   年度报告" on the next, "…工作报告";
2. the statistical period, in any wording: "统计期限为2020年1月1日至12月31日", "自…起至…止",
   "2020年1月1日至12月31日期间", "截至2023年12月31日";
3. the preface sentence: "现将…2023年度…报告如下", "现公布…", "特编制…", "对2023年度…工作进行了总结";
4. the opening of part 一: "2021年，我局…", or a part-一 heading "一、2023年政务公开总体情况";
5. failing all of them, a year that dominates the prose of parts 一–四, then the file name.

Never from a publication date: "2023年1月18日", "发布时间：2023-01-18" are dates, not the year
reported on. Years inside 《…》 (the titles of notices: "《关于做好2022年政府信息公开工作年度报告
编制发布工作的通知》") are never read. `year_evidence` quotes the words the year came from.

Everything here reads the document's reading form (`recognize/reading.py`: simplified script,
pinyin glosses removed) and quotes and locates the original.
"""
from __future__ import annotations

import os
import re

from validator.document import Heading, Paragraph, SourceSpan, Table
from validator.lazyre import lazy
from validator.normalize import compact, is_ideograph, strip_glosses
from validator.recognize.reading import Reading

TYPE_CHECKING = False  # typing costs ~5 ms of start-up and annotations here are strings
if TYPE_CHECKING:
    from validator.document import Document

# What a title says it is: the annual report on (government) information disclosure.
# (the words between never cross a breadcrumb's separator: "…信息公开 > 对坊乡 > 年度报告" names no report)
_REPORT_WORDS = re.compile(
    r"信息公开[^>＞»›|/\n]{0,10}?(?:年度?报告|年报|工作报告|情况的?报告)"
    r"|政务公开[^>＞»›|/\n]{0,10}?(?:年度?报告|工作报告)")
# Lines that name the report but are not its title: notices about drafting it, interpretations,
# navigation ("首页 > 政务公开 > …").
# (plain word lists, not regexes: a pattern of Chinese characters costs ~0.5 ms to compile at every start)
# what a page about the report (not the report) says before or in naming it: "文字解读：…年度报告",
# "关于做好…年度报告编制发布工作的通知"
_ABOUT_THE_REPORT = ("解读", "关于做好", "关于印发", "关于开展", "关于报送")
# lines that name the report but are not its title: those, drafting notices, navigation
_NOT_TITLE = _ABOUT_THE_REPORT + ("编制发布", "编制和发布", "编制与发布", "编制及发布", "编制报送", "编制和报送",
                                  "工作要点", "当前位置", "首页", "上一篇", "下一篇", "目录", "指南")
# a sentence that names the report: "现将2020年度政府信息公开工作报告公布如下"
_SENTENCE_START = ("现将", "现公布", "现予", "现就", "根据", "按照", "依据", "依照", "结合")
# one character that starts a sentence ("对2023年度…", "特编制…") but also many a place's name
# ("对坊乡", "本溪市", "经开区"): a sentence only where no agency's name follows
_SENTENCE_START_CHAR = ("特", "对", "为", "经", "本", "我")
_SENTENCE_MARKS = frozenset("，,；;。！？《》")
_LIST_MARKS = frozenset("、，,；;")
_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                   "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# A year, not a date: "2023年" but not "2023年1月18日"; "二〇二二年" (rare) by a second pattern.
_YEAR = re.compile(r"(?<!\d)(?<!〔)(?<!\[)(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_CN_YEAR = lazy(r"(二[〇○零Ｏ][一二三四五六七八九〇○零Ｏ]{2})\s*年")
_CN_ZEROS = frozenset("〇○零Ｏ")
_BARE_YEAR = lazy(r"(?<![\d〔\[])(20\d{2})(?=\s*(?:政府|信息公开|政务公开))")
_TRAILING_YEAR = lazy(r"\s*20\d{2}\s*(?:年度?)?$")
_LEADING_YEAR = lazy(r"^20\d{2}\s*年度?\s*")
_DATE = r"(?P<{p}y>20\d{{2}})\s*年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*日"
_RANGE_SEP = r"\s*(?:起)?\s*(?:，|,)?\s*(?:至|到|截止到?|截至|—|－|-|~|～)\s*"
# The statistical period stated as such ("统计期限为…至…", "数据统计时限自…起至…止").
_PERIOD = re.compile(
    r"(?:统计(?:期限|时限|区间|期间|时间|口径|周期|范围|期)?|数据.{0,6}?(?:期限|时限|时间|区间)|时间范围)[^。\n]{0,30}?"
    + _DATE.format(p="s") + _RANGE_SEP
    + r"(?:(?P<ey>20\d{2})\s*年\s*)?(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日"
)
# A whole calendar year written as a range without the word 统计: "2020年1月1日至12月31日期间".
_YEAR_RANGE = lazy(
    r"(?P<sy>20\d{2})\s*年\s*0?1\s*月\s*0?1\s*日" + _RANGE_SEP + r"(?:(?P<ey>20\d{2})\s*年\s*)?12\s*月\s*31\s*日")
# "截至2023年12月31日": the figures are as of the year's last day.
_AS_OF = lazy(r"截(?:至|止)(?:到)?\s*(?P<y>20\d{2})\s*年\s*12\s*月\s*31\s*日")
_PUBLISHED_LINE = re.compile(r"^[（(]?\s*" + _DATE.format(p="") + r"\s*[）)]?$")
_PUBLISHED_FIELD = lazy(r"(?:发布时间|发布日期|公开日期|成文日期|印发日期)\s*[:：|]?\s*\|?\s*(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")

# The preface's own sentence about this report ("现将我局2022年度政府信息公开工作情况报告如下"):
# a year followed, within the sentence, by what the report is about.
_PREFACE_YEAR = lazy(
    r"(20\d{2}|二[〇○零Ｏ][一二三四五六七八九〇○零Ｏ]{2})\s*年\s*度?(?!\s*\d{1,2}\s*月)"
    r"(?=[^。；;\n]{0,30}?(?:信息公开|政务公开|年度报告|年报|工作报告|工作情况|工作进行))")
_REPORT_VERBS = lazy(r"现将|现公布|现予公布|向社会公布|特编制|编制|形成|撰写|编写|总结|报告如下|公布如下|发布")
_NOT_THIS_REPORT = lazy(r"(?:关于做好|关于印发|做好|印发)\s*$")
# The opening of part 一: "2021年，…", "2021年度，本镇…", "2021年以来，…".
_OPENING_YEAR = lazy(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)][^。\n]{0,24}?[。：:\n]?\s*)?"
                     r"(20\d{2})\s*年\s*(?:度|以来|全年|上半年)?\s*[，,、:：]?(?!\s*\d{1,2}\s*月)")
# The first part heading: "一、总体情况", "一、2023年政务公开总体情况", "一、概述".
_PART_ONE = lazy(r"(?:^|\n|[。\s])\s*(?:第)?一\s*[、.．，,]\s*")
_PART_TWO = lazy(r"(?:^|\n|[。\s])\s*(?:第)?二\s*[、.．，,]\s*")
_BRACKETED = lazy(r"《[^》\n]{0,80}》|〈[^〉\n]{0,80}〉")

_TOWNSHIP = ("乡", "镇", "街道", "街道办事处", "街道办", "苏木", "街")
_GOVERNMENT = ("人民政府", "政府")
_DIVISION = ("省", "市", "区", "县", "旗", "盟", "州")
# zones run by a 管委会 (开发区, 高新区, 园区, 综合实验区 …): the 管委会 is a 派出机构, neither a people's
# government nor a department of one, whatever powers it exercises; which level's duties its report owes
# cannot be read from its name.
_ZONE = ("开发区", "园区", "高新区", "示范区", "试验区", "实验区", "合作区", "管理区", "景区", "保税区", "经济区", "新城",
         "片区")
# the body that runs a zone: "…开发区管委会", "平潭综合实验区管理委员会" (but 城市管理委员会, 国有资产监督管理委员会
# are departments: the word before names no zone)
_ZONE_BODY = ("管委会", "管理委员会", "党工委")
_ZONE_END = ("区", "园", "新城", "港", "岛", "基地")
_DEPARTMENT_SUFFIX = ("局", "委员会", "委", "办公室", "办公厅", "办", "室", "中心", "厅", "院", "所", "站", "队", "部", "署",
                      "会", "处", "馆", "团", "社", "司", "公司")
# a body named by its organs rather than its rank ("青溪县人民政府机关": the government and its office
# reporting together): a name, so a title line, but no level is read from it
_OTHER_BODY = ("机关",)
# the office that serves a government ("（市人民政府办公厅）" after "…市人民政府")
_GOVERNMENT_OFFICE = ("办公室", "办公厅")
# what no agency's name contains: Latin letters, digits, the marks of site names
_FOREIGN_TO_NAMES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_·•@")
_SHORT_NAME = lazy(r"[（(](?:以下|下文)?简称[^（）()]*[）)]")
_TRAILING_BRACKETS = lazy(r"(?P<outer>.+?)[（(](?P<inner>[^（）()]+)[）)]")
# Where the agency's name ends in a title: the report words, or 关于 before them.
_AGENCY_END = ("关于", "政府信息公开", "政务公开", "信息公开")


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


def year_value(text: str) -> int:
    """'2023' -> 2023, '二〇二三' -> 2023."""
    return int("".join(_CN_YEAR_DIGITS.get(ch, ch) for ch in text))


def year_in_title(title: str) -> re.Match | None:
    """The report year written in a title ("2023年", "二〇二三年", a bare "2022" before the report
    words: "…办公厅2022政府信息公开工作年度报告"), or None."""
    m = _YEAR.search(title)
    if m is None and not _CN_ZEROS.isdisjoint(title):
        m = _CN_YEAR.search(title)
    if m is None and "20" in title:
        m = _BARE_YEAR.search(title)
    return m


def _about_the_report(text: str) -> bool:
    return any(w in text for w in _ABOUT_THE_REPORT) or "通知" in text.replace("通知公告", "")


def _not_a_title(text: str) -> bool:
    return any(w in text for w in _NOT_TITLE) or "通知" in text.replace("通知公告", "")


# ----------------------------------------------------------------------------- title
def _title_of_line(text: str) -> tuple[int, int] | None:
    """(start, end) of the report title inside one line of text, or None.

    The line may be a title alone, a CMS field ("标题：…"), or a flattened page that starts with
    the title ("丰河区交通运输局2022年政府信息公开工作年度报告 发布时间：…"); a sentence that merely
    names the report ("现公布《…年度报告》。") is not a title.
    """
    m = _REPORT_WORDS.search(text)
    if not m or m.start() > 80:
        return None
    end = m.end()
    # (">" is a breadcrumb's separator, unless the line holds markup: "<b>…</b>")
    seps = ("＞", "|", "】", "。", "\t", "  ", "：", ":") + (() if "<" in text else (">",))
    cut = max(text.rfind(sep, 0, m.start()) for sep in seps)
    start = cut + 1
    title = text[start:end]
    if not _SENTENCE_MARKS.isdisjoint(title) or len(compact(title)) > 70:
        return None
    if _about_the_report(text[:start]):
        return None
    opening = title.strip(" 　*#|")
    if opening.startswith(_SENTENCE_START) or any(v in opening for v in _PUBLISHING_VERBS) or (
            opening.startswith(_SENTENCE_START_CHAR) and not _a_name(agency_from_title(opening))):
        return None
    # a title ends the line or is followed by a separator; words running on make it a sentence, and
    # a list running on makes it an item ("…公开机构设置、专项资金、信息公开年报、工作动态等信息")
    if end < len(text) and (is_ideograph(text[end]) or text[end] in _LIST_MARKS):
        return None
    # page chrome before the title, separated by a space ("年报 丰河区交通运输局2022年…"): the
    # shortest tail that still names the agency (and the year, if the line has one)
    pieces = [mm.start() for mm in re.finditer(r"(?<=\s)\S", title)]
    if pieces:
        # (a tail may name the agency where the whole, chrome included, names none: "Page 4 - X局2023年…")
        whole = (agency_from_title(title) is not None or any(agency_from_title(title[p:]) for p in pieces),
                 year_in_title(title) is not None)
        for piece in reversed(pieces):
            tail = title[piece:]
            if (agency_from_title(tail) is not None, year_in_title(tail) is not None) == whole:
                start += piece
                break
    while start < end and text[start] in " 　*#|":
        start += 1
    return start, end


def find_title(doc: Document) -> dict | None:
    """The report's title: an early heading or short line naming the report, a CMS "标题" field,
    or the HTML <title>. Returns {"text", "block", "start", "end", "blocks"} (reading form)."""
    early = [(i, b) for i, b in enumerate(doc.blocks[:60]) if isinstance(b, (Heading, Paragraph, Table))][:40]
    candidates = []
    for n, (idx, block) in enumerate(early):
        if isinstance(block, Table):
            # a CMS metadata table ("标 题 | 宿城街道办事处2021年…年度报告"), or a title set in a
            # table row of its own ("南京市玄武区司法局2023年…年度报告 | | |")
            for row in block.rows[:8]:
                texts = [c.text.strip() for c in row]
                values = [texts[k + 1] for k, t in enumerate(texts[:-1]) if compact(t) in ("标题", "名称", "文件名称")]
                filled = [t for t in texts if t]
                if len(filled) == 1:
                    values.append(filled[0])
                for value in values:
                    where = _title_of_line(value)
                    if where and not _not_a_title(value[where[0]:where[1]]):
                        candidates.append({"text": value[where[0]:where[1]].strip(), "block": idx, "start": None,
                                           "end": None, "blocks": [idx], "table": True})
            continue
        text = block.text
        where = _title_of_line(text)
        if where is None:
            # a title wrapped over two lines: "2025 年上海市人民政府办公厅政府信息公开" + "工作年度报告"
            stripped = text.strip()
            if n + 1 < len(early) and "信息公开" in stripped and len(stripped) <= 60 and "。" not in stripped \
                    and not isinstance(early[n + 1][1], Table):
                nxt = early[n + 1][1].text.strip()
                if len(nxt) <= 20 and "报告" in nxt and _REPORT_WORDS.search(stripped + nxt) \
                        and not _not_a_title(stripped + nxt):
                    candidates.append({"text": stripped + nxt, "block": idx, "start": None, "end": None,
                                       "blocks": [idx, early[n + 1][0]]})
            continue
        start, end = where
        title = text[start:end]
        if _not_a_title(title) or "根据" in title[:6]:
            continue
        # the agency on the line above: "洪泽区人民政府" / "2023 年政府信息公开工作年度报告",
        # "故城县教育局" / "2021年信息公开工作年度报告", "…外事办公室" / "政府信息公开工作2022年度报告"
        # or on the line below: "2020年政府信息公开工作年度报告" / "武昌经开区(滨江)管委会"
        if start == 0 and agency_from_title(title) is None:
            joined = False
            for k, order in ((n - 1, "above"), (n + 1, "below")):
                if not 0 <= k < len(early) or isinstance(early[k][1], Table):
                    continue
                other_idx, other = early[k]
                other_text = other.text.strip().lstrip("#").strip()
                name = other_text
                if order == "above" and year_in_title(title) is None:
                    # the title wrapped after its year ("自治区人民政府办公厅2022" / "政府信息公开工作年度报告"),
                    # or the year before the agency ("2024年南关区永吉街道办事处" / "政府信息公开工作年度报告")
                    name = _LEADING_YEAR.sub("", _TRAILING_YEAR.sub("", other_text))
                if _looks_like_agency(name):
                    pair = [other_idx, idx] if order == "above" else [idx, other_idx]
                    candidates.append({"text": other_text + title.strip(), "block": other_idx, "start": None,
                                       "end": None, "blocks": pair, "agency_first": True})
                    joined = True
                    break
            if joined:
                continue
        candidates.append({"text": title.strip(), "block": idx, "start": start, "end": end, "blocks": [idx]})
    if candidates:
        # prefer one that carries the year, then one that names the agency ("2022年政府信息公开
        # 工作年度报告" as a page heading above "桃江县松木塘镇人民政府" / "2022年…年度报告")
        return max(candidates, key=lambda c: (year_in_title(c["text"]) is not None,
                                               agency_from_title(c["text"]) is not None))
    title = doc.meta.get("title")  # the HTML <title>, often with the site's name after it
    where = _title_of_line(title) if title else None
    if where and not _not_a_title(title[where[0]:where[1]]):
        return {"text": title[where[0]:where[1]].strip(), "block": None, "start": None, "end": None, "blocks": []}
    return None


def _looks_like_agency(text: str) -> bool:
    """A short line that is a name: no digits, no sentence punctuation, an agency's ending."""
    if not 2 <= len(text) <= 30 or re.search(r"[\d。，,；;：:！!？?]", text):
        return False
    name = compact(text)
    return name.endswith(_TOWNSHIP + _GOVERNMENT + _DIVISION + _DEPARTMENT_SUFFIX + _OTHER_BODY)


def agency_from_title(title: str) -> str | None:
    """The agency named in a title: the words before the report words, without the year.

    "柳川区市场监督管理局关于2022年度政府信息公开情况的报告" -> 柳川区市场监督管理局;
    "2019年县教育局政府信息公开工作年度报告" -> 县教育局; "上海市政府信息公开工作年度报告" -> 上海市.
    """
    t = compact(title).strip("《》〈〉\"“”")
    ends = [i for i in (t.find(w) for w in _AGENCY_END) if i >= 0]
    before = t[: min(ends)] if ends else ""
    before = _YEAR.sub("", before)
    if before[-4:].isdigit() and before[-4:-2] == "20":  # a bare year: "…办公厅2022" + "政府信息公开…"
        before = before[:-4]
    if "简称" in before:  # "X人民政府办公室（以下简称区政府办公室）": the short name is no part of the name
        before = _SHORT_NAME.sub("", before)
    if not _CN_ZEROS.isdisjoint(before):
        before = _CN_YEAR.sub("", before)
    before = before.strip("度的:：、,，")
    if before.endswith("人民"):  # "…县人民政府信息公开…": 政府 belongs to the agency
        before += "政府"
    if len(before) < 2 or re.fullmatch(r"[\d年度]+", before):
        return None
    if not _FOREIGN_TO_NAMES.isdisjoint(before):
        return None  # words a mirror site put in the name's place ("某某官网入口·(中国)官方网站教育局"): doubtful
    return before


def level_of(agency: str | None) -> str:
    """government (人民政府, a city or county) | township (乡、镇、街道) | department | unknown.

    Governments and townships are both 各级人民政府: their reports add the results of 考核、评议、
    追究 (条例第五十条第四项). A report named after a region ("上海市", "青溪县") is that region's
    government's. A zone run by a 管委会 ("澜川经济技术开发区", "平潭综合实验区", "…开发区管理委员会")
    stays unknown (see `zone_body`): no rule that depends on the level is applied to it on a guess.
    """
    if not agency:
        return "unknown"
    bracketed = _TRAILING_BRACKETS.fullmatch(agency)
    if bracketed:
        return _bracketed_level(bracketed.group("outer"), bracketed.group("inner"))
    if zone_body(agency):
        return "unknown"
    name = agency.removesuffix("人民政府").removesuffix("政府") if agency.endswith(_GOVERNMENT) else agency
    if name.endswith(_TOWNSHIP):
        return "township"
    if agency.endswith(_GOVERNMENT):
        return "government"
    if agency.endswith(_DEPARTMENT_SUFFIX):
        return "department"
    if agency.endswith(_DIVISION):
        return "government"
    return "unknown"


def _bracketed_level(outer: str, inner: str) -> str:
    """The level of a name with a bracketed second name after it: "绥阳县人民政府（县人民政府办公室）"
    (a government reporting with its office) is a government; "青龙镇政府（机关）" is the township; two
    names of one department ("…发展和改革委员会（市粮食和物资储备局）") are a department; names of
    different levels otherwise stay unknown."""
    level = level_of(outer)
    if level == "unknown":
        return level
    if not inner.endswith(_TOWNSHIP + _GOVERNMENT + _DIVISION + _DEPARTMENT_SUFFIX):
        return level  # a qualifier, not a second name ("（机关）")
    if level in ("government", "township") and inner.endswith(_GOVERNMENT_OFFICE) and "政府" in inner:
        return level
    return level if level_of(inner) == level else "unknown"


def zone_body(agency: str | None) -> bool:
    """True when `agency` is a zone or the 管委会 that runs it: the zone's own name ("青溪高新区",
    "平潭综合实验区") or its 管委会 ("永川高新技术产业开发区管理委员会"), not a department inside it
    ("平潭综合实验区财政金融局", "…开发区管委会办公室")."""
    if not agency:
        return False
    for body in _ZONE_BODY:
        if agency.endswith(body):
            before = agency[: -len(body)]
            return before.endswith(_ZONE_END) or any(z in before for z in _ZONE)
    # a district named 新城区 (西安市新城区) has a people's government of its own
    return agency.endswith(_DIVISION) and not agency.endswith("新城区") and any(z in agency for z in _ZONE)


# ----------------------------------------------------------------------------- the agency in the preface
# The preface's sentence that publishes the report names it: "现公布长安区青石街道2022年政府信息公开
# 工作年度报告", "现向社会公布2021年石家庄市教育局政府信息…", "现将…局2024年…年度报告如下"; or the
# report's name is quoted: "编制并向社会公布《榆溪镇2021年政府信息公开工作年度报告》".
_PUBLISHING_VERBS = ("现公布", "现公开", "现发布", "现予公布", "现予以公布", "现将", "向社会公布", "向社会公开")
# "本报告由高楼乡人民政府按照…编制", "由乐清市教育局编制而成", or the clause's subject:
# "…要求，上饶市人民政府根据全市2022年度…情况，编制本报告"
_COMPILED_BY = lazy(r"由([^，,；;。！？《》“”\s\d]{2,30}?)(?:编制|编写|按照|根据|依据|结合)"
                    r"|(?:^|[，,；;。\n])([^，,；;。！？《》“”\s\d]{2,30}?)(?:根据|按照|依据|结合)[^。；;\n]{0,80}?"
                    r"编(?:制|写)(?:了)?(?:本|此)(?:年度)?报告")
# words that stand for the reporting body without naming it ("我局", "本机关", "本级政府（机关）",
# "全县"), where a name may start with the same character ("本溪市", "全椒县")
_NOT_A_NAME = ("我", "该", "各", "此", "年度")
_NOT_A_NAME_AFTER = {"本": "局委办级机单部镇乡街中院馆室所站队厅区县市", "全": "省市县区镇乡"}


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence (or line) holding text[pos] starts."""
    return max(text.rfind(ch, 0, pos) for ch in "。；;\n") + 1


def _a_name(agency: str | None) -> bool:
    """A body's own name: not a pronoun, and ending as agencies' names end (before a bracketed
    second name)."""
    if not agency or agency.startswith(_NOT_A_NAME) or agency[1:2] in _NOT_A_NAME_AFTER.get(agency[0], ""):
        return False
    bracketed = _TRAILING_BRACKETS.fullmatch(agency)
    name = bracketed.group("outer") if bracketed else agency
    return _looks_like_agency(name)


def find_preface_agency(reading: Reading, region_end: int) -> dict | None:
    """The agency named in the preface's sentence about this report, where the report has no
    title to name it: {"agency" (reading form), "start", "end"} (stream offsets of the name)."""
    text = reading.stream.text[:region_end]
    for quoted in _BRACKETED.finditer(text):
        if _own_report_name(text, quoted):
            found = _located_agency(text, quoted.start() + 1, quoted.end() - 1)
            if found:
                return found
    for m in _REPORT_WORDS.finditer(text):
        sentence_start = _sentence_start(text, m.start())
        before = text[sentence_start:m.start()]
        verb_at = max((before.rfind(v) + len(v) for v in _PUBLISHING_VERBS if v in before), default=-1)
        if verb_at < 0:
            continue
        start = sentence_start + verb_at
        if not _SENTENCE_MARKS.isdisjoint(text[start:m.end()]):
            continue  # the report words belong to another clause
        found = _located_agency(text, start, m.end())
        if found:
            return found
    for m in _COMPILED_BY.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        # an office compiles another's report ("由青溪县人民政府办公室编制" the county's, "由教育局办公室
        # 编制完成" the bureau's): the compiler, doubtful as the reporting body
        if name.endswith(_GOVERNMENT_OFFICE):
            continue
        if _a_name(name) and level_of(name) != "unknown":
            return {"agency": name, "start": m.start(group), "end": m.end(group)}
    return None


def _located_agency(text: str, start: int, end: int) -> dict | None:
    """The agency of the report name text[start:end], with its offsets in the stream."""
    agency = agency_from_title(text[start:end])
    if not _a_name(agency):
        return None
    at = text.find(agency, start, end)
    return {"agency": agency, "start": at if at >= 0 else None, "end": at + len(agency) if at >= 0 else None}


# ----------------------------------------------------------------------------- period and year
def _located(reading: Reading, start: int, end: int) -> dict:
    """Quote and location, in the original, of reading-stream range [start, end)."""
    o = reading.to_original(start)
    return {"text": reading.original_slice(start, end), "location": reading.original_stream.span_at(o).to_dict(),
            "_offset": o}


def find_period(reading: Reading) -> dict | None:
    """The statistical period as stated ({start, end, text, location}), or None."""
    text = reading.stream.text
    m = _PERIOD.search(text)
    if m:
        sy, sm, sd = int(m.group("sy")), int(m.group("sm")), int(m.group("sd"))
        ey = int(m.group("ey")) if m.group("ey") else sy
        em, ed = int(m.group("em")), int(m.group("ed"))
    else:
        m = _YEAR_RANGE.search(text)
        if not m:
            return None
        sy, sm, sd = int(m.group("sy")), 1, 1
        ey, em, ed = (int(m.group("ey")) if m.group("ey") else sy), 12, 31
    return {"start": iso_date(sy, sm, sd), "end": iso_date(ey, em, ed), **_located(reading, m.start(), m.end())}


def _outside_brackets(text: str, spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(a <= pos < b for a, b in spans)


def _regions(text: str) -> tuple[int, int, int]:
    """(preface end, part-一 body start, part-一 opening end) offsets in the stream text."""
    m = _PART_ONE.search(text)
    if not m:
        end = min(len(text), 600)
        return end, end, end
    heading_end = text.find("\n", m.end())
    heading_end = len(text) if heading_end < 0 else heading_end
    # a flattened page: the heading runs into the text ("一、总体情况 2022年，本局…")
    if heading_end - m.end() > 40:
        heading_end = m.end()
    two = _PART_TWO.search(text, heading_end)
    limit = min(two.start() if two else len(text), heading_end + 400)
    return m.start(), m.end(), limit


def find_preface_year(reading: Reading, preface_end: int, region_end: int) -> dict | None:
    """The year in the preface's sentence about this report ("现将…2023年度…报告如下").

    Before part 一 any sentence about the year's disclosure work counts; inside part 一's
    opening (where some reports put the preface) only one that says it reports ("现公布…")."""
    text = reading.stream.text[:region_end]
    brackets = [(b.start(), b.end()) for b in _BRACKETED.finditer(text) if not _own_report_name(text, b)]
    found = []
    for m in _PREFACE_YEAR.finditer(text):
        if not _outside_brackets(text, brackets, m.start()):
            continue
        if _NOT_THIS_REPORT.search(text[max(0, m.start() - 6): m.start()]):
            continue
        tail = text[m.end(): m.end() + 12]
        if "要点" in tail or "通知" in tail:
            continue
        sentence_start = _sentence_start(text, m.start())
        sentence_end = min((i for i in (text.find(ch, m.end()) for ch in "。；;\n") if i >= 0), default=len(text))
        sentence = text[sentence_start:sentence_end]
        verb = bool(_REPORT_VERBS.search(sentence))
        if m.start() >= preface_end and not verb:
            continue
        found.append((year_value(m.group(1)), verb, m, sentence_start, sentence_end))
    if not found:
        return None
    years = {f[0] for f in found}
    if len(years) > 1:
        years = {f[0] for f in found if f[1]}
        if len(years) != 1:
            return None  # the preface names several years: do not guess
    year = years.pop()
    _, _, m, start, end = next(f for f in found if f[0] == year)
    # quoted: the sentence (at most 60 characters around the year), so a reviewer sees the words
    start, end = max(start, m.start() - 30), min(end, m.end() + 30)
    return {"year": year, **_located(reading, start, end)}


def _own_report_name(text: str, quoted: re.Match) -> bool:
    """《…》 that quotes this report's own name, published or compiled in the sentence
    ("现发布《丰川区2021年政府信息公开工作年度报告》"), not a notice or last year's report."""
    inner = quoted.group(0)[1:-1]
    if not _REPORT_WORDS.search(inner) or _not_a_title(inner):
        return False
    sentence_start = _sentence_start(text, quoted.start())
    return bool(_REPORT_VERBS.search(text[sentence_start:quoted.start()]))


def find_opening_year(reading: Reading, body_start: int, opening_end: int) -> dict | None:
    """The year where part 一 opens: its heading ("一、2023年政务公开总体情况") or first words."""
    text = reading.stream.text
    heading = re.split(r"[\n。]", text[body_start: body_start + 30], maxsplit=1)[0]
    m = _YEAR.match(heading)
    if m and "情况" in heading[m.end(): m.end() + 20]:
        s = body_start + m.start()
        return {"year": year_value(m.group(1)), **_located(reading, s, s + len(m.group(0)))}
    region = text[body_start:opening_end]
    # the part's first lines: "2021年，石梁镇…", "（一）主动公开情况" / "2023年，我委…"; on a
    # flattened page the heading runs into the text ("总体情况 2022年，本局…")
    lines = region.split("\n")
    if lines and len(lines[0]) > 40:
        lines[0] = re.sub(r"^[^\s。，,]{0,16}\s+", lambda mm: " " * len(mm.group(0)), lines[0])
    # the first lines that open with a year; past the first four (sub-headings and lists before
    # the first sentence about the year: "（二）依申请公开情况" / "2020年度我街办未接到申请。") only
    # when every such line names the same year
    pos = 0
    later: list[tuple[int, int, int]] = []  # (year, start, end) in the stream
    for n, line in enumerate(lines):
        m = _OPENING_YEAR.match(line)
        if m and not line[m.end(): m.end() + 1].isdigit():
            s = body_start + pos + m.start(1)
            clause = re.split(r"[，,。；;\n]", line[m.start(1):], maxsplit=1)[0][:40]
            if n < 4:
                return {"year": int(m.group(1)), **_located(reading, s, s + len(clause))}
            later.append((int(m.group(1)), s, s + len(clause)))
        pos += len(line) + 1
    if later and len({y for y, _, _ in later}) == 1:
        year, s, e = later[0]
        return {"year": year, **_located(reading, s, e)}
    return None


def find_dominant_year(reading: Reading, region_end: int) -> dict | None:
    """A year that the prose names again and again and no other year rivals (the last resort
    before the file name): at least 3 mentions, at least three times any other year's."""
    text = reading.stream.text[:region_end]
    brackets = [(b.start(), b.end()) for b in _BRACKETED.finditer(text)]
    counts: dict[int, list[re.Match]] = {}
    for m in _YEAR.finditer(text):
        if _outside_brackets(text, brackets, m.start()):
            counts.setdefault(year_value(m.group(1)), []).append(m)
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    year, hits = ranked[0]
    rival = len(ranked[1][1]) if len(ranked) > 1 else 0
    if len(hits) < 3 or len(hits) < 3 * rival:
        return None
    m = hits[0]
    return {"year": year, **_located(reading, m.start(), m.end())}


# a year in the file name, but not a date ("2023-01-19.html", "t20230119_123.shtml")
_FILE_YEAR = lazy(r"(?<!\d)(20\d{2})(?!\d)(?!\s*[-_./年]\s*\d{1,2}\s*[-_./月]\s*\d{1,2})")


def find_publication_date(doc: Document, stream) -> dict | None:
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


def _original_title(reading: Reading, hit: dict) -> str:
    """The title as written (the reading form is simplified and unglossed)."""
    if not reading.converted or hit["block"] is None:
        return hit["text"]
    if hit.get("table") or hit["start"] is None:
        texts = []
        for idx in sorted(hit["blocks"], key=lambda i: i != hit["block"]):  # the agency's line first
            block = reading.original.blocks[idx]
            if isinstance(block, Table):
                return hit["text"]
            texts.append(block.text.strip().lstrip("#").strip())
        return "".join(texts)
    origin = reading.origins.get(hit["block"])
    if origin is None:
        return hit["text"]
    original = reading.original_text(hit["block"])
    return original[origin[hit["start"]]: origin[hit["end"]]].strip()


def _as_written(agency: str, title: str, written_title: str) -> str:
    """The agency's name as the (traditional-script) title writes it: the reading form keeps the
    number of characters once pinyin glosses are removed, so the same span is cut from there."""
    reading_title = compact(title)
    written = compact(strip_glosses(written_title))
    start = reading_title.find(agency)
    if start < 0 or len(written) != len(reading_title):
        return agency
    return written[start:start + len(agency)]


def recognise_meta(reading: Reading) -> dict:
    doc = reading.doc
    hit = find_title(doc)
    title = hit["text"] if hit else None
    title_span = None
    if hit and hit["block"] is not None:
        title_span = doc.blocks[hit["block"]].span
        if hit["start"] and title_span.col is not None and title_span.line is not None:
            origin = reading.origins.get(hit["block"])
            col = origin[hit["start"]] if origin else hit["start"]
            title_span = SourceSpan(line=title_span.line, col=title_span.col + col, page=title_span.page)
    period = find_period(reading)

    year = None
    source = None
    evidence: dict | None = None
    if title:
        m = year_in_title(title)
        if m:
            year, source = year_value(m.group(1)), "title"
            evidence = {"text": _original_title(reading, hit), "location": title_span.to_dict() if title_span else None}
    if year is None and period and period.get("start"):
        year, source = int(period["start"][:4]), "period"
        evidence = {"text": period["text"], "location": period["location"]}
    if year is None:
        m = _AS_OF.search(reading.stream.text)
        if m:
            year, source = int(m.group("y")), "period"
            evidence = _located(reading, m.start(), m.end())
    regions: list[int] = []  # (preface end, part-一 body start, its opening's end), when needed
    for finder, name in ((lambda: find_preface_year(reading, regions[0], regions[2]), "preface"),  # noqa: B023 - called in the loop, after `regions` is set
                         (lambda: find_opening_year(reading, regions[1], regions[2]), "overview"),  # noqa: B023
                         (lambda: find_dominant_year(reading, _before_part_five(reading.stream.text)), "text")):
        if year is not None:
            break
        regions = regions or list(_regions(reading.stream.text))
        found = finder()
        if found:
            year, source = found["year"], name
            evidence = {"text": found["text"], "location": found["location"]}
    if year is None:
        m = _FILE_YEAR.search(os.path.basename(doc.path))
        if m:
            year, source = int(m.group(1)), "file name"
            evidence = {"text": os.path.basename(doc.path), "location": None}
    if evidence is not None:
        evidence = {k: v for k, v in evidence.items() if v is not None and not k.startswith("_")}
    agency = agency_from_title(title) if title else None
    written_title = _original_title(reading, hit) if hit else None
    written_agency = _as_written(agency, title, written_title) if agency and reading.converted else agency
    agency_source = "title" if agency else None
    if agency is None:
        regions = regions or list(_regions(reading.stream.text))
        named = find_preface_agency(reading, regions[2])
        if named:
            agency, agency_source = named["agency"], "preface"
            written_agency = agency
            if reading.converted and named["start"] is not None:
                written_agency = compact(strip_glosses(reading.original_slice(named["start"], named["end"])))
    return {
        "title": written_title,
        "title_location": title_span.to_dict() if title_span else None,
        "agency": written_agency,
        "agency_source": agency_source,
        "level": level_of(agency),
        "year": year,
        "year_source": source,
        "year_evidence": evidence,
        "period": period,
        "publication": find_publication_date(reading.original, reading.original_stream),
    }


_PART_FIVE = lazy(r"(?:^|\n|[。\s])\s*五\s*[、.．，,]")


def _before_part_five(text: str) -> int:
    m = _PART_FIVE.search(text)
    return m.start() if m else len(text)
