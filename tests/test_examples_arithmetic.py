"""Independent check of the two example reports in examples/.

This file deliberately does NOT import the xxgk package: it has its own tiny GFM pipe-table
parser, so the figures in the examples are verified independently of the code they are meant
to exercise. It asserts the structure the recogniser expects (format-spec §2-§3), every
arithmetic identity of format-spec §4.1-§4.4, and that the figures quoted in the prose match
the tables (rule-catalogue TXT001/TXT002, DAT001/DAT003, SEC004/SEC005, TXT005/TXT006, FMT001).
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

REPORTS = {
    "gov2019": {
        "file": "report-2020-gov2019.md",
        "year": 2020,
        "government": False,
        "basis": "国办公开办函〔2019〕60号",
    },
    "gov2021": {
        "file": "report-2023-gov2021.md",
        "year": 2023,
        "government": True,
        "basis": "国办公开办函〔2021〕30号",
    },
}

PART_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
OVERVIEW_SUBHEADINGS = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"]

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# Part 三 numeric rows as (level-2 label, level-3 label) paths; level 1 is carried forward.
T3_HEAD = [
    ("一、本年新收政府信息公开申请数量", ""),
    ("二、上年结转政府信息公开申请数量", ""),
    ("（一）予以公开", ""),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("（三）不予公开", "1.属于国家秘密"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("（三）不予公开", "3.危及“三安全一稳定”"),
    ("（三）不予公开", "4.保护第三方合法权益"),
    ("（三）不予公开", "5.属于三类内部事务信息"),
    ("（三）不予公开", "6.属于四类过程性信息"),
    ("（三）不予公开", "7.属于行政执法案卷"),
    ("（三）不予公开", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("（四）无法提供", "2.没有现成信息需要另行制作"),
    ("（四）无法提供", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("（五）不予处理", "2.重复申请"),
    ("（五）不予处理", "3.要求提供公开出版物"),
    ("（五）不予处理", "4.无正当理由大量反复申请"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
]
T3_OTHER = {
    "gov2019": [("（六）其他处理", "")],
    "gov2021": [
        ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("（六）其他处理", "3.其他"),
    ],
}
T3_TAIL = [("（七）总计", ""), ("四、结转下年度继续办理", "")]
NEW, CARRIED_IN = T3_HEAD[0], T3_HEAD[1]
TOTAL, CARRIED_OUT = T3_TAIL

T2_BLOCKS = {
    "gov2019": {
        "第二十条第（一）项": (["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"]),
        "第二十条第（五）项": (["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"]),
        "第二十条第（六）项": (["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"]),
        "第二十条第（八）项": (["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
        "第二十条第（九）项": (["采购项目数量", "采购总金额"], ["政府集中采购"]),
    },
    "gov2021": {
        "第二十条第（一）项": (["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        "第二十条第（五）项": (["本年处理决定数量"], ["行政许可"]),
        "第二十条第（六）项": (["本年处理决定数量"], ["行政处罚", "行政强制"]),
        "第二十条第（八）项": (["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    },
}

T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

INT_RE = re.compile(r"^-?\d+$")
DEC_RE = re.compile(r"^\d+(\.\d+)?$")


# --------------------------------------------------------------------------- parsing helpers
def read(key: str) -> str:
    return (EXAMPLES / REPORTS[key]["file"]).read_text(encoding="utf-8")


def split_row(line: str) -> list[str]:
    line = line.strip()
    assert line.startswith("|") and line.endswith("|"), line
    return [c.strip() for c in line[1:-1].split("|")]


def is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", c) for c in cells)


def tables(text: str) -> list[list[list[str]]]:
    """Every pipe table as a list of rows (separator row dropped). Blocks are runs of lines
    starting with '|'."""
    out, cur = [], []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    result = []
    for block in out:
        rows = [split_row(l) for l in block]
        assert len(rows) >= 2 and is_separator(rows[1]), f"table without a GFM separator row: {block[0]}"
        width = len(rows[0])
        assert all(len(r) == width for r in rows), f"ragged table: {block[0]}"
        result.append([rows[0]] + rows[2:])
    return result


def sections(text: str) -> dict[str, str]:
    """Level-2 sections by heading text."""
    out: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines():
        if line.startswith("## "):
            cur = line[3:].strip()
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def as_int(cell: str) -> int:
    assert INT_RE.fullmatch(cell), f"not an integer cell: {cell!r}"
    return int(cell)


def part2_blocks(key: str) -> dict[str, dict]:
    sec = sections(read(key))[PART_TITLES[1]]
    blocks = {}
    for t in tables(sec):
        caption = t[0][0]
        assert all(c == "" for c in t[0][1:]), f"caption row must hold only the caption: {t[0]}"
        assert t[1][0] == "信息内容", t[1]
        blocks[caption] = {"columns": t[1][1:], "rows": {r[0]: r[1:] for r in t[2:]},
                           "row_order": [r[0] for r in t[2:]]}
    return blocks


def part3(key: str) -> dict[tuple[str, str], list[int]]:
    sec = sections(read(key))[PART_TITLES[2]]
    ts = tables(sec)
    assert len(ts) == 1, "part 三 must be one table"
    t = ts[0]
    assert len(t[0]) == 10
    assert t[0][0] == CORNER
    assert t[0][1:] == ["", "", "申请人情况"] + [""] * 6
    assert t[1] == ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert t[2] == ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    rows: dict[tuple[str, str], list[int]] = {}
    order = []
    l1 = l2 = ""
    for r in t[3:]:
        a, b, c = r[0], r[1], r[2]
        if a:
            l1, l2 = a, ""
        if b:
            l2 = b
        if a and not b:  # top-level numeric row (一、二、四)
            path = (a, "")
        else:
            path = (l2, c)
        assert l1 in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                      "三、本年度办理结果", "四、结转下年度继续办理"), r
        assert path not in rows, f"duplicate row {path}"
        rows[path] = [as_int(v) for v in r[3:]]
        order.append(path)
    rows["__order__"] = order  # type: ignore[index]
    return rows


def part4(key: str) -> dict[str, dict[str, int]]:
    sec = sections(read(key))[PART_TITLES[3]]
    ts = tables(sec)
    assert len(ts) == 1, "part 四 must be one table"
    t = ts[0]
    assert len(t[0]) == 15
    assert t[0] == ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
    assert t[1] == [""] * 5 + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
    assert t[2] == T4_LEAVES * 3
    assert len(t) == 4, "part 四 has exactly one data row"
    vals = [as_int(v) for v in t[3]]
    return {g: dict(zip(T4_LEAVES, vals[i * 5:(i + 1) * 5])) for i, g in enumerate(T4_GROUPS)}


def expected_t3_rows(key: str) -> list[tuple[str, str]]:
    return T3_HEAD + T3_OTHER[key] + T3_TAIL


def outcome_rows(key: str) -> list[tuple[str, str]]:
    return T3_HEAD[2:] + T3_OTHER[key]


def first_int(pattern: str, text: str) -> int:
    m = re.search(pattern, text)
    assert m, f"pattern not found in prose: {pattern}"
    return int(m.group(1))


def prose(text: str) -> str:
    return "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("|"))


params = pytest.mark.parametrize("key", list(REPORTS))


# --------------------------------------------------------------------------- structure
@params
def test_title_preface_and_parts(key):
    cfg = REPORTS[key]
    text = read(key)
    lines = text.splitlines()
    y = cfg["year"]
    assert re.fullmatch(rf"# \S+{y}年政府信息公开工作年度报告", lines[0]), lines[0]
    agency = lines[0][2:].split(f"{y}年")[0]
    assert ("人民政府" in agency) == cfg["government"]

    h2 = [l[3:].strip() for l in lines if l.startswith("## ")]
    assert h2 == PART_TITLES
    assert [l for l in lines if l.startswith("# ")] == [lines[0]]

    preface = text.split("\n## ")[0]
    assert "《中华人民共和国政府信息公开条例》" in preface
    assert cfg["basis"] in preface
    assert f"本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日" in preface
    m = re.search(r"全文包括(.+?)六个部分", preface)
    assert m, "preface must list the parts and say 六个部分"
    listed = m.group(1)
    for short in ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "行政复议", "行政诉讼", "存在的主要问题及改进情况", "其他需要报告的事项"]:
        assert short in listed, short
    # six items when split on 、 (the 行政复议/行政诉讼 part is written with 和 to keep it one item)
    assert len(listed.split("、")) == 6

    sec1 = sections(text)[PART_TITLES[0]]
    h3 = [l[4:].strip() for l in sec1.splitlines() if l.startswith("### ")]
    assert h3 == OVERVIEW_SUBHEADINGS
    # every part-一 subsection has 1-3 paragraphs of prose
    chunks = re.split(r"^### .*$", sec1, flags=re.M)[1:]
    for name, chunk in zip(OVERVIEW_SUBHEADINGS, chunks):
        paras = [p for p in chunk.split("\n\n") if p.strip()]
        assert 1 <= len(paras) <= 3, (name, len(paras))

    for title in PART_TITLES:
        assert sections(text)[title].strip(), f"empty part {title}"


@params
def test_typography_placeholders_years_and_dates(key):
    cfg = REPORTS[key]
    text = read(key)
    y = cfg["year"]
    assert "(" not in text and ")" not in text, "half-width brackets"
    assert not re.search(r"[一二三四五六七八九十][,.]", text), "half-width outline numbering"
    for bad in ("XX", "xx", "××", "某某", "【", "】", "此处填写", "X件", "x件"):
        assert bad not in text, bad
    years = {int(v) for v in re.findall(r"(\d{4})年", text)}
    assert years <= {y, y + 1}, years
    # any other 19xx/20xx number outside the 〔year〕 of a document number
    bare = re.findall(r"(?<![\d.〔])((?:19|20)\d\d)(?![\d.〕])", text)
    assert {int(v) for v in bare} <= {y, y + 1}, bare
    lines = [l for l in text.rstrip().splitlines() if l.strip()]
    agency = lines[0][2:].split(f"{y}年")[0]
    assert lines[-2] == agency
    m = re.fullmatch(rf"({y + 1})年(\d+)月(\d+)日", lines[-1])
    assert m, lines[-1]
    month, day = int(m.group(2)), int(m.group(3))
    if cfg["government"]:
        assert (month, day) <= (3, 31)
    else:
        assert month == 1 and day <= 31


def test_government_accountability_and_fee():
    text = read("gov2021")
    sec1 = sections(text)[PART_TITLES[0]]
    supervision = sec1.split("### （五）监督保障")[1]
    assert "工作考核、社会评议和责任追究结果情况" in supervision
    sec5 = sections(text)[PART_TITLES[4]]
    assert "上年度" in sec5 and "整改" in sec5
    sec6 = sections(text)[PART_TITLES[5]]
    assert "信息处理费" in sec6
    t3 = part3("gov2021")
    no_fee = t3[T3_OTHER["gov2021"][1]][6]
    assert no_fee > 0
    assert "收费通知" in sec6
    assert first_int(r"逾期未缴纳(\d+)份", sec6) == no_fee


def test_department_part6_not_empty():
    text = read("gov2019")
    sec6 = sections(text)[PART_TITLES[5]].strip()
    assert sec6 and sec6 != "无"


# --------------------------------------------------------------------------- part 二
@params
def test_part2_blocks_shape(key):
    blocks = part2_blocks(key)
    spec = T2_BLOCKS[key]
    assert list(blocks) == list(spec)
    for caption, (cols, rows) in spec.items():
        b = blocks[caption]
        assert b["columns"] == cols, caption
        assert b["row_order"] == rows, caption
        for label, vals in b["rows"].items():
            assert len(vals) == len(cols)
            for col, v in zip(cols, vals):
                if col in ("采购总金额", "本年收费金额（单位：万元）"):
                    assert DEC_RE.fullmatch(v), (caption, label, v)
                elif col == "本年增/减":
                    as_int(v)
                else:
                    assert as_int(v) >= 0, (caption, label, v)


def test_part2_2019_identities():
    b = part2_blocks("gov2019")
    for label in ("规章", "规范性文件"):
        made, published, total = (as_int(v) for v in b["第二十条第（一）项"]["rows"][label])
        assert published <= total, label
    for cap in ("第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        for label, vals in b[cap]["rows"].items():
            prev, change = as_int(vals[0]), as_int(vals[1])
            assert prev + change >= 0, (cap, label)
    assert any(as_int(v[1]) < 0 for cap in ("第二十条第（五）项", "第二十条第（六）项")
               for v in b[cap]["rows"].values()), "show a negative 本年增/减 somewhere"
    count, amount = b["第二十条第（九）项"]["rows"]["政府集中采购"]
    assert (as_int(count) == 0) == (Decimal(amount) == 0)


def test_part2_2021_identities():
    b = part2_blocks("gov2021")
    for label, vals in b["第二十条第（一）项"]["rows"].items():
        made, repealed, in_force = (as_int(v) for v in vals)
        assert made <= in_force + repealed, label
    fee = b["第二十条第（八）项"]["rows"]["行政事业性收费"][0]
    assert "." in fee and Decimal(fee) < 100000


# --------------------------------------------------------------------------- part 三
@params
def test_part3_rows_and_identities(key):
    t3 = part3(key)
    assert t3["__order__"] == expected_t3_rows(key)  # type: ignore[index]
    for path in expected_t3_rows(key):
        row = t3[path]
        assert len(row) == 7
        assert all(v >= 0 for v in row), path
        # T3-I1 / SUM001
        assert row[6] == sum(row[:6]), f"{path}: 总计 {row[6]} != {sum(row[:6])}"
    for c, col in enumerate(T3_COLUMNS):
        # T3-I2a/b / SUM002
        s = sum(t3[p][c] for p in outcome_rows(key))
        assert t3[TOTAL][c] == s, f"（七）总计 {col}: {t3[TOTAL][c]} != {s}"
        # T3-E1 / SUM003
        assert t3[NEW][c] + t3[CARRIED_IN][c] == t3[TOTAL][c] + t3[CARRIED_OUT][c], col


@params
def test_part3_realistic_nonzero(key):
    t3 = part3(key)
    assert sum(1 for v in t3[NEW][:6] if v > 0) >= 5
    nonzero_outcomes = [p for p in outcome_rows(key) if t3[p][6] > 0]
    assert len(nonzero_outcomes) >= 10
    for p in (NEW, CARRIED_IN, TOTAL, CARRIED_OUT):
        assert t3[p][6] > 0, p


# --------------------------------------------------------------------------- part 四
@params
def test_part4_identities(key):
    t4 = part4(key)
    for g in T4_GROUPS:
        v = t4[g]
        assert v["总计"] == v["结果维持"] + v["结果纠正"] + v["其他结果"] + v["尚未审结"], g
        assert v["总计"] > 0, f"{g}: show cases in every group"


# --------------------------------------------------------------------------- prose vs tables
@params
def test_prose_matches_tables(key):
    text = prose(read(key))
    t3, t4, b = part3(key), part4(key), part2_blocks(key)
    assert first_int(r"共收到政府信息公开申请(\d+)件", text) == t3[NEW][6]
    assert first_int(r"上年结转(\d+)件", text) == t3[CARRIED_IN][6]
    assert first_int(r"办结(\d+)件", text) == t3[TOTAL][6]
    assert first_int(r"结转下年度继续办理(\d+)件", text) == t3[CARRIED_OUT][6]
    assert first_int(r"行政复议(\d+)件", text) == t4["行政复议"]["总计"]
    assert first_int(r"行政诉讼(\d+)件", text) == t4["未经复议直接起诉"]["总计"] + t4["复议后起诉"]["总计"]
    assert first_int(r"未经复议直接起诉(\d+)件", text) == t4["未经复议直接起诉"]["总计"]
    assert first_int(r"复议后起诉(\d+)件", text) == t4["复议后起诉"]["总计"]
    for leaf in ("结果维持", "结果纠正", "其他结果", "尚未审结"):
        assert first_int(leaf + r"(\d+)件", text) == t4["行政复议"][leaf]

    # outcome groups quoted in the 办结 sentence
    groups = {
        "予以公开": [T3_HEAD[2]], "部分公开": [T3_HEAD[3]], "不予公开": T3_HEAD[4:12],
        "无法提供": T3_HEAD[12:15], "不予处理": T3_HEAD[15:20], "其他处理": T3_OTHER[key],
    }
    done = re.search(r"办结\d+件，其中([^；。]+)", text).group(1)
    for name, paths in groups.items():
        assert first_int(name + r"(\d+)件", done) == sum(t3[p][6] for p in paths), name

    col1 = b["第二十条第（一）项"]
    if key == "gov2019":
        made = as_int(col1["rows"]["规范性文件"][0])
        assert first_int(r"制发规范性文件(\d+)件", text) == made
        assert first_int(r"规章(\d+)件", text) == as_int(col1["rows"]["规章"][0])
        assert first_int(r"行政许可决定(\d+)件", text) == as_int(b["第二十条第（五）项"]["rows"]["行政许可"][2])
        assert first_int(r"行政处罚决定(\d+)件", text) == as_int(b["第二十条第（六）项"]["rows"]["行政处罚"][2])
        count, amount = b["第二十条第（九）项"]["rows"]["政府集中采购"]
        assert first_int(r"政府集中采购项目(\d+)个", text) == as_int(count)
        assert re.search(r"采购总金额([\d.]+)万元", text).group(1) == amount
    else:
        made, repealed, in_force = (as_int(v) for v in col1["rows"]["行政规范性文件"])
        assert first_int(r"行政规范性文件(\d+)件", text) == made
        assert first_int(r"废止(\d+)件", text) == repealed
        assert first_int(r"现行有效(\d+)件", text) == in_force
        assert first_int(r"行政许可决定(\d+)件", text) == as_int(b["第二十条第（五）项"]["rows"]["行政许可"][0])
        assert first_int(r"行政处罚决定(\d+)件", text) == as_int(b["第二十条第（六）项"]["rows"]["行政处罚"][0])
        assert first_int(r"行政强制决定(\d+)件", text) == as_int(b["第二十条第（六）项"]["rows"]["行政强制"][0])
        fee = b["第二十条第（八）项"]["rows"]["行政事业性收费"][0]
        assert re.search(r"行政事业性收费([\d.]+)万元", text).group(1) == fee

    # each figure keyword occurs with one value only (no second, conflicting mention)
    for kw in ("共收到政府信息公开申请", "上年结转", "办结", "结转下年度继续办理", "行政复议", "行政诉讼",
               "规范性文件"):
        vals = set(re.findall(kw + r"(\d+)件", text))
        assert len(vals) <= 1, (kw, vals)


@params
def test_itemized_lists_add_up(key):
    """TXT002: every 'N<unit>，其中A<unit>、B<unit>…' list adds up to N exactly."""
    text = prose(read(key))
    found = 0
    for m in re.finditer(r"(\d+)(件|条|篇|份|人次|个)，其中([^。；]+)", text):
        total, unit, tail = int(m.group(1)), m.group(2), m.group(3)
        parts = [int(v) for v in re.findall(r"(\d+)" + unit, tail)]
        assert len(parts) >= 2, m.group(0)
        assert sum(parts) == total, f"{m.group(0)}: {sum(parts)} != {total}"
        found += 1
    assert found >= 4
