"""One invented report, rendered in the shapes real published reports take.

The shapes were studied on real pages (government CMS pages as crawlers and search engines keep
them, Word pastes, Word files, PDFs saved from Word); the text and figures here are invented.
Every rendering carries the same figures (TRUTH), so each must read to the same facts:

* ``bar_lines``        a page flattened to one table row per line, cells closed by " |", no
                       leading bar; captions "第二十条第(一)项 |"; half-width brackets and colons;
                       spaced header words ("商业 企业"); a spanning group cell only on the
                       group's first row;
* ``bar_lines_split``  the same where the page kept the empty cells of a row span as a leading
                       "| " and wrapped header labels over two lines ("商业 | 科研 |" / "企业 | 机构 |");
* ``plain_cells``      one cell per line, no marks, blank lines between cells, wrapped headers
                       ("本年制发" / "件数", "商业" / "企业"), a spanning cell written once;
* ``word_tabs``        a Word table pasted as text: tab-separated fields, empty leading fields
                       where a merged cell was, a header spread over three padded rows;
* ``gbk_html``         the page as published by a CMS: GBK bytes declared gb2312, a Word-exported
                       table (class MsoNormalTable, <p class=MsoNormal><span>, &nbsp;, rowspan
                       and colspan), page chrome around the article;
* ``merged_docx``      a .docx whose tables merge cells as the official template does
                       (w:gridSpan, w:vMerge);
* ``ruled_pdf`` / ``borderless_pdf``  the report saved as PDF with ruled tables, and with
                       tables whose ruling lines were removed.
"""
from __future__ import annotations

import io

AGENCY = "澄溪市自然资源和规划局"
YEAR = 2024
TITLE = f"{AGENCY}{YEAR}年政府信息公开工作年度报告"

T2 = [  # caption, corner, column labels, rows (label, figures)
    ("第二十条第（一）项", "信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["0", "0", "0"]), ("行政规范性文件", ["4", "1", "23"])]),
    ("第二十条第（五）项", "信息内容", ["本年处理决定数量"], [("行政许可", ["128"])]),
    ("第二十条第（六）项", "信息内容", ["本年处理决定数量"], [("行政处罚", ["17"]), ("行政强制", ["2"])]),
    ("第二十条第（八）项", "信息内容", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["36.5"])]),
]
T2_IDS = {"第二十条第（一）项": ("t2_1", ["rules", "normative_docs"]),
          "第二十条第（五）项": ("t2_5", ["licensing"]),
          "第二十条第（六）项": ("t2_6", ["penalty", "coercion"]),
          "第二十条第（八）项": ("t2_8", ["fees"])}

RESULTS = "三、本年度办理结果"
T3 = [  # (group, sub-group, label, figures: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计)
    ("", "", "一、本年新收政府信息公开申请数量", "41 6 0 1 2 0 50"),
    ("", "", "二、上年结转政府信息公开申请数量", "3 1 0 0 0 0 4"),
    (RESULTS, "", "（一）予以公开", "12 2 0 0 1 0 15"),
    (RESULTS, "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "5 1 0 0 0 0 6"),
    (RESULTS, "（三）不予公开", "1.属于国家秘密", "0 0 0 0 0 0 0"),
    (RESULTS, "（三）不予公开", "2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    (RESULTS, "（三）不予公开", "3.危及“三安全一稳定”", "1 0 0 0 0 0 1"),
    (RESULTS, "（三）不予公开", "4.保护第三方合法权益", "2 0 0 0 0 0 2"),
    (RESULTS, "（三）不予公开", "5.属于三类内部事务信息", "0 0 0 0 0 0 0"),
    (RESULTS, "（三）不予公开", "6.属于四类过程性信息", "1 0 0 0 0 0 1"),
    (RESULTS, "（三）不予公开", "7.属于行政执法案卷", "0 0 0 0 0 0 0"),
    (RESULTS, "（三）不予公开", "8.属于行政查询事项", "0 0 0 0 0 0 0"),
    (RESULTS, "（四）无法提供", "1.本机关不掌握相关政府信息", "10 2 0 0 1 0 13"),
    (RESULTS, "（四）无法提供", "2.没有现成信息需要另行制作", "3 0 0 0 0 0 3"),
    (RESULTS, "（四）无法提供", "3.补正后申请内容仍不明确", "1 0 0 0 0 0 1"),
    (RESULTS, "（五）不予处理", "1.信访举报投诉类申请", "2 0 0 0 0 0 2"),
    (RESULTS, "（五）不予处理", "2.重复申请", "1 0 0 0 0 0 1"),
    (RESULTS, "（五）不予处理", "3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    (RESULTS, "（五）不予处理", "4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    (RESULTS, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "1 0 0 0 0 0 1"),
    (RESULTS, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2 0 0 1 0 0 3"),
    (RESULTS, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "0 0 0 0 0 0 0"),
    (RESULTS, "（六）其他处理", "3.其他", "1 1 0 0 0 0 2"),
    (RESULTS, "", "（七）总计", "42 6 0 1 2 0 51"),
    ("", "", "四、结转下年度继续办理", "2 1 0 0 0 0 3"),
]
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_FIGURES = "2 1 0 1 4 1 0 0 1 2 0 0 1 0 1".split()
T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

PROSE = {
    1: ["2024年，本局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。主动公开方面，"
        "围绕国土空间规划、用地审批和不动产登记及时发布信息；依申请公开方面，规范受理、办理、答复各环节，"
        "按期答复率保持百分之百；政府信息管理方面，严格落实公开属性源头认定和发布前保密审查；平台建设方面，"
        "优化门户网站政府信息公开专栏；监督保障方面，将政务公开纳入年度工作考核并组织业务培训。",
        "本报告所列数据的统计期限为2024年1月1日至12月31日。"],
    2: ["本年度本局通过门户网站、政务新媒体等渠道主动公开政府信息，规章和行政规范性文件的制发、废止及现行有效"
        "情况，以及行政许可、行政处罚、行政强制和行政事业性收费情况见下表。"],
    3: ["本年度收到和处理政府信息公开申请的情况见下表，申请内容主要涉及征收补偿、规划许可和不动产登记等方面，"
        "所有申请均在法定期限内答复。"],
    4: ["本年度因政府信息公开工作被申请行政复议和提起行政诉讼的情况见下表，未发生被纠错的情况。"],
    5: ["存在的主要问题是政策解读形式较为单一，部分答复文书说理不够充分。下一步，本局将丰富图解、视频等解读形式，"
        "加强答复文书审核，进一步提高依申请公开办理质量。"],
    6: ["本年度未收取信息处理费。本局无其他需要报告的事项。"],
}
HEADINGS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
            4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况",
            6: "六、其他需要报告的事项"}


def truth() -> dict[str, dict[str, list]]:
    """table id -> row id -> the figures as numbers, for comparing with extracted facts."""
    from validator.recognize.formats import load_formats

    fmt = load_formats()["gov2021"]

    def num(s):
        return float(s) if "." in s else int(s)

    out: dict[str, dict[str, list]] = {}
    for caption, _, _, rows in T2:
        tid, ids = T2_IDS[caption]
        out[tid] = {rid: [num(x) for x in figures] for rid, (_, figures) in zip(ids, rows)}
    numeric = [r.id for r in fmt.table("t3").rows if r.numeric]
    out["t3"] = {rid: [num(x) for x in row[3].split()] for rid, row in zip(numeric, T3)}
    out["t4"] = {"cases": [int(x) for x in T4_FIGURES]}
    return out


def _half(text: str) -> str:
    return text.translate(str.maketrans("（）：，", "():,"))


def _page(parts: dict[int, list[str]]) -> str:
    lines = [TITLE, ""]
    for n in range(1, 7):
        lines += [HEADINGS[n], *PROSE[n], *parts.get(n, []), ""]
    lines += [AGENCY, "2025年1月20日"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- text shapes
def _blank_zeros(figures: list[str]) -> list[str]:
    """The 法人或其他组织 cells left blank where nothing happened, as many published tables do."""
    return [("" if 1 <= i <= 5 and f == "0" else f) for i, f in enumerate(figures)]


def bar_lines(split_header: bool = False, blank_zeros: bool = False) -> str:
    """One row per line, cells closed by ' |' (no leading bar), as crawlers keep CMS tables;
    `blank_zeros`: the 法人或其他组织 zeros left blank ("| 0 | | | | | | 0 |")."""
    p2 = []
    for caption, corner, cols, rows in T2:
        p2 += [f"{_half(caption)} |", " | ".join([corner, *map(_half, cols)]) + " |"]
        p2 += [" | ".join([label, *figures]) + " |" for label, figures in rows]
    p3 = [f"{_half(T3_CORNER)} | 申请人情况 |", "自然人 | 法人或其他组织 | 总计 |"]
    p3 += (["商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |", "企业 | 机构 |"] if split_header
           else ["商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |"])
    seen: set[str] = set()
    for group, sub, label, figures in T3:
        cells, empty = [], 0
        for g in (group, sub):
            if g and g not in seen:
                cells.append(_half(g))
                seen.add(g)
            elif g and split_header:
                empty += 1  # the page kept the row span's empty cell: "| | 2.其他法律…"
        figs = _blank_zeros(figures.split()) if blank_zeros else figures.split()
        p3.append("| " * empty + " | ".join([*cells, _half(label), *figs]) + " |")
    p4 = ["行政复议 | 行政诉讼 |", " | ".join(T4_RESULTS + ["未经复议直接起诉", "复议后起诉"]) + " |",
          " | ".join(T4_RESULTS * 2) + " |", " | ".join(T4_FIGURES) + " |"]
    return _page({2: p2, 3: p3, 4: p4})


def plain_cells() -> str:
    """One cell per line without marks, a blank line between cells, headers wrapped."""
    wrap = {"本年制发件数": ["本年制发", "件数"], "本年废止件数": ["本年废止", "件数"],
            "现行有效件数": ["现行有效", "件数"], "商业企业": ["商业", "企业"], "科研机构": ["科研", "机构"]}

    def cells(items):
        out = []
        for it in items:
            out += wrap.get(it, [it])
        return out

    p2 = []
    for caption, corner, cols, rows in T2:
        p2 += cells([caption, corner, *cols])
        for label, figures in rows:
            p2 += [label, *figures]
    p3 = cells([T3_CORNER, "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
                "法律服务机构", "其他"])
    seen: set[str] = set()
    for group, sub, label, figures in T3:
        for g in (group, sub):
            if g and g not in seen:
                p3.append(g)
                seen.add(g)
        p3 += [label, *figures.split()]
    p4 = ["行政复议", "行政诉讼", *T4_RESULTS, "未经复议直接起诉", "复议后起诉", *T4_RESULTS, *T4_RESULTS, *T4_FIGURES]
    return _page({n: ["\n\n".join(items)] for n, items in ((2, p2), (3, p3), (4, p4))})


def word_tabs() -> str:
    """A Word table pasted as text: tabs between fields, empty fields where merged cells were."""
    p2 = []
    for caption, corner, cols, rows in T2:
        p2 += [caption + "\t" * len(cols), "\t".join([corner, *cols])]
        p2 += ["\t".join([label, *figures]) for label, figures in rows]
    p3 = [T3_CORNER + "\t\t\t申请人情况",
          "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
          "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
    seen: set[str] = set()
    for group, sub, label, figures in T3:
        lead = [g if g and g not in seen else "" for g in (group, sub)]
        seen.update(g for g in (group, sub) if g)
        if not group:
            fields = [label, "", ""]
        elif not sub:
            fields = [lead[0], label, ""]
        else:
            fields = [lead[0], lead[1], label]
        p3.append("\t".join([*fields, *figures.split()]))
    p4 = ["行政复议\t\t\t\t\t行政诉讼",
          "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
          "\t".join(T4_RESULTS * 3),
          "\t".join(T4_FIGURES)]
    return _page({2: p2, 3: p3, 4: p4})


# --------------------------------------------------------------------------- a CMS page in GBK
def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    body = text if text else "&nbsp;"
    return (f'<td width="64" valign="center"{span} style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">'
            f'<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:10.5pt;'
            f'font-family:仿宋_GB2312">{body}</span><span lang="EN-US"><o:p></o:p></span></p></td>')


def _table(rows: list[str]) -> str:
    return ('<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
            'style="border-collapse:collapse">' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")


def gbk_html() -> bytes:
    """The report as a government CMS publishes it: gb2312 declared, GBK bytes, page chrome."""
    def para(text):
        return f'<p class="MsoNormal" style="text-indent:32pt"><span style="font-family:仿宋_GB2312">{text}</span></p>'

    tables2 = []
    for caption, corner, cols, rows in T2:
        trs = [_td(caption, colspan=len(cols) + 1), "".join(_td(x) for x in [corner, *cols])]
        trs += ["".join(_td(x) for x in [label, *figures]) for label, figures in rows]
        tables2.append(_table(trs))
    n_results = sum(1 for g, _, _, _ in T3 if g)
    trs = [_td(T3_CORNER, rowspan=3, colspan=3) + _td("申请人情况", colspan=7),
           _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
           "".join(_td(x) for x in ["商业<br/>企业", "科研<br/>机构", "社会公益<br/>组织", "法律服务<br/>机构", "其他"])]
    seen: set[str] = set()
    for group, sub, label, figures in T3:
        cells = ""
        if not group:
            cells += _td(label, colspan=3)
        else:
            if group not in seen:
                cells += _td(group, rowspan=n_results)
                seen.add(group)
            if not sub:
                cells += _td(label, colspan=2)
            else:
                if sub not in seen:
                    cells += _td(sub, rowspan=sum(1 for _, s, _, _ in T3 if s == sub))
                    seen.add(sub)
                cells += _td(label)
        trs.append(cells + "".join(_td(f"&nbsp;{x}&nbsp;" if x == "0" else x) for x in figures.split()))
    table3 = _table(trs)
    table4 = _table([_td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
                     "".join(_td(x, rowspan=2) for x in T4_RESULTS) + _td("未经复议直接起诉", colspan=5)
                     + _td("复议后起诉", colspan=5),
                     "".join(_td(x) for x in T4_RESULTS * 2),
                     "".join(_td(x) for x in T4_FIGURES)])
    body = [f'<div class="title"><h1>{TITLE}</h1></div>',
            '<div class="info">发布日期：2025-01-20　来源：' + AGENCY + '　浏览次数：<span id="hits">126</span></div>',
            '<div class="TRS_Editor">']
    for n in range(1, 7):
        body.append(para(f"<b>{HEADINGS[n]}</b>"))
        body += [para(t) for t in PROSE[n]]
        if n == 2:
            body += tables2
        elif n == 3:
            body.append(table3)
        elif n == 4:
            body.append(table4)
    # 堃 is in GBK but not in GB2312: pages declare gb2312 and are encoded in GBK
    body += [para(AGENCY), para("2025年1月20日"), "</div>", '<div class="editor">（责任编辑：李堃）</div>']
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
            f'<title>{TITLE}_政府信息公开年报_澄溪市人民政府</title>\n'
            '<script type="text/javascript">var _hmt = _hmt || [];</script></head>\n<body>\n'
            '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
            '<li><a href="/hdjl/">互动交流</a></li></ul></div>\n'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>\n'
            '<div class="article">\n' + "\n".join(body) + '\n</div>\n'
            '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>\n'
            '<div class="footer">主办单位：澄溪市人民政府办公室　网站标识码：3600000000　<a href="#">网站地图</a></div>\n'
            '</body></html>\n')
    return page.encode("gbk")


# --------------------------------------------------------------------------- a Word file with merged cells
def merged_docx() -> bytes:
    """The report as a .docx, tables merged like the official template (python-docx builds it)."""
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE, style="Title")

    def fill(table, r, c, text):
        # Word splits a cell's text into several runs (editing sessions, spell-check marks)
        para = table.cell(r, c).paragraphs[0]
        cut = len(text) // 2 if len(text) > 1 else len(text)
        for piece in (text[:cut], text[cut:]):
            if piece:
                para.add_run(piece)

    for n in range(1, 7):
        d.add_paragraph(HEADINGS[n], style="Heading 1")
        for t in PROSE[n]:
            d.add_paragraph(t)
        if n == 2:
            for caption, corner, cols, rows in T2:
                t = d.add_table(rows=2 + len(rows), cols=len(cols) + 1)
                t.style = "Table Grid"
                t.cell(0, 0).merge(t.cell(0, len(cols)))
                fill(t, 0, 0, caption)
                for c, text in enumerate([corner, *cols]):
                    fill(t, 1, c, text)
                for r, (label, figures) in enumerate(rows, start=2):
                    for c, text in enumerate([label, *figures]):
                        fill(t, r, c, text)
        elif n == 3:
            t = d.add_table(rows=3 + len(T3), cols=10)
            t.style = "Table Grid"
            t.cell(0, 0).merge(t.cell(2, 2))
            fill(t, 0, 0, T3_CORNER)
            t.cell(0, 3).merge(t.cell(0, 9))
            fill(t, 0, 3, "申请人情况")
            t.cell(1, 3).merge(t.cell(2, 3))
            fill(t, 1, 3, "自然人")
            t.cell(1, 4).merge(t.cell(1, 8))
            fill(t, 1, 4, "法人或其他组织")
            t.cell(1, 9).merge(t.cell(2, 9))
            fill(t, 1, 9, "总计")
            for c, text in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], start=4):
                fill(t, 2, c, text)
            spans: dict[str, list[int]] = {}
            for r, (group, sub, label, figures) in enumerate(T3, start=3):
                if not group:
                    t.cell(r, 0).merge(t.cell(r, 2))
                    fill(t, r, 0, label)
                elif not sub:
                    t.cell(r, 1).merge(t.cell(r, 2))
                    fill(t, r, 1, label)
                else:
                    fill(t, r, 2, label)
                    spans.setdefault(sub, []).append(r)
                if group:
                    spans.setdefault(group, []).append(r)
                for c, text in enumerate(figures.split(), start=3):
                    fill(t, r, c, text)
            for name, rows_ in spans.items():
                col = 0 if name == RESULTS else 1
                t.cell(rows_[0], col).merge(t.cell(rows_[-1], col))
                fill(t, rows_[0], col, name)
        elif n == 4:
            t = d.add_table(rows=4, cols=15)
            t.style = "Table Grid"
            t.cell(0, 0).merge(t.cell(0, 4))
            fill(t, 0, 0, "行政复议")
            t.cell(0, 5).merge(t.cell(0, 14))
            fill(t, 0, 5, "行政诉讼")
            for c, text in enumerate(T4_RESULTS):
                t.cell(1, c).merge(t.cell(2, c))
                fill(t, 1, c, text)
            t.cell(1, 5).merge(t.cell(1, 9))
            fill(t, 1, 5, "未经复议直接起诉")
            t.cell(1, 10).merge(t.cell(1, 14))
            fill(t, 1, 10, "复议后起诉")
            for c, text in enumerate(T4_RESULTS * 2, start=5):
                fill(t, 2, c, text)
            for c, text in enumerate(T4_FIGURES):
                fill(t, 3, c, text)
    d.add_paragraph(AGENCY)
    d.add_paragraph("2025年1月20日")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- PDFs
def _pdf_tables() -> list:
    """(caption or None, header rows, rows) for the PDF makers: header rows as (text, first
    column, last column) spans, rows as (label, [figures])."""
    out: list = []
    for caption, corner, cols, rows in T2:
        out.append((caption, [[(corner, -1, -1), *((c, i, i) for i, c in enumerate(cols))]],
                    [(label, figures) for label, figures in rows]))
    out.append((None, [[(T3_CORNER[:12], -1, -1), ("申请人情况", 0, 6)],
                       [("自然人", 0, 0), ("法人或其他组织", 1, 5), ("总计", 6, 6)],
                       [("商业企业", 1, 1), ("科研机构", 2, 2), ("社会公益组织", 3, 3), ("法律服务机构", 4, 4),
                        ("其他", 5, 5)]],
                [(label, figures.split()) for _, _, label, figures in T3]))
    return out


def borderless_pdf() -> bytes:
    """Saved from Word with tables that have no ruling lines (tests/borderless_pdf.py)."""
    from tests.borderless_pdf import borderless_pdf as make

    blocks: list = [("text", TITLE)]
    tables = _pdf_tables()
    for n in range(1, 7):
        blocks.append(("text", HEADINGS[n]))
        blocks += [("text", t) for t in PROSE[n]]
        if n == 2:
            for caption, header, rows in tables[:4]:
                blocks += [("text", caption), ("table", header, rows, {"label_width": 120, "col_width": 110})]
        elif n == 3:
            _, header, rows = tables[4]
            blocks.append(("table", header, rows, {"label_width": 190, "col_width": 40}))
        elif n == 4:
            blocks.append(("table", [[("行政复议", 0, 4), ("行政诉讼", 5, 14)],
                                     [("未经复议直接起诉", 5, 9), ("复议后起诉", 10, 14)],
                                     [*((x, i, i) for i, x in enumerate(T4_RESULTS * 3))]],
                           [("", T4_FIGURES)], {"label_width": 0, "col_width": 31}))
    blocks += [("text", AGENCY), ("text", "2025年1月20日")]
    return make(blocks, size=6.5)


def ruled_pdf() -> bytes:
    """Saved from Word with ruled tables: every cell boxed, merged cells drawn as one box
    (reportlab's platypus Table with GRID and SPAN, CID font STSong-Light)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=6.5, leading=8)

    def P(text):
        return Paragraph(text, cell)

    def grid(data, spans, widths):
        t = Table([[P(x) if x else "" for x in row] for row in data], colWidths=widths)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                               ("FONTSIZE", (0, 0), (-1, -1), 6.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               *(("SPAN", a, b) for a, b in spans)]))
        return t

    story = [Paragraph(TITLE, ParagraphStyle("title", fontName="STSong-Light", fontSize=15, leading=22))]
    for n in range(1, 7):
        story += [Paragraph(HEADINGS[n], body), *(Paragraph(t, body) for t in PROSE[n])]
        if n == 2:
            for caption, corner, cols, rows in T2:
                ncol = len(cols) + 1
                data = [[caption] + [""] * (ncol - 1), [corner, *cols], *([label, *figures] for label, figures in rows)]
                story += [grid(data, [((0, 0), (ncol - 1, 0))], [120] + [90] * (ncol - 1)), Spacer(1, 6)]
        elif n == 3:
            data = [[T3_CORNER, "", "", "申请人情况", "", "", "", "", "", ""],
                    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
            spans = [((0, 0), (2, 2)), ((3, 0), (9, 0)), ((3, 1), (3, 2)), ((4, 1), (8, 1)), ((9, 1), (9, 2))]
            where: dict[str, list[int]] = {}
            for r, (group, sub, label, figures) in enumerate(T3, start=3):
                if not group:
                    data.append([label, "", "", *figures.split()])
                    spans.append(((0, r), (2, r)))
                elif not sub:
                    data.append(["", label, "", *figures.split()])
                    spans.append(((1, r), (2, r)))
                else:
                    data.append(["", "", label, *figures.split()])
                    where.setdefault(sub, []).append(r)
                if group:
                    where.setdefault(group, []).append(r)
            for name, rows_ in where.items():
                col = 0 if name == RESULTS else 1
                data[rows_[0]][col] = name
                spans.append(((col, rows_[0]), (col, rows_[-1])))
            story.append(grid(data, spans, [40, 40, 120] + [38] * 7))
        elif n == 4:
            data = [["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
                    [*T4_RESULTS, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
                    ["", "", "", "", "", *T4_RESULTS, *T4_RESULTS],
                    T4_FIGURES]
            spans = [((0, 0), (4, 0)), ((5, 0), (14, 0)), ((5, 1), (9, 1)), ((10, 1), (14, 1)),
                     *(((c, 1), (c, 2)) for c in range(5))]
            story.append(grid(data, spans, [31] * 15))
    story += [Paragraph(AGENCY, body), Paragraph("2025年1月20日", body)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=40, rightMargin=40, invariant=1).build(story)
    return buf.getvalue()
