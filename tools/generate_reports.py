#!/usr/bin/env python3
"""Generate synthetic annual reports (2021 unified format, Markdown) with consistent figures.

Same layout as examples/report-2023-gov2021.md: title, preface with the statistical period,
the six parts, the part 二 tables, the application table of part 三, the review/litigation
table of part 四, and prose whose figures agree with the tables. Every identity holds
(applicant totals, outcome totals, 一 + 二 = 三（七） + 四, review/litigation totals, text =
table), so a generated report is clean — unless `faults` asks for a known defect.

Figures are random but reproducible from `seed`. Reports of one agency for consecutive years
(`years_per_agency` > 1) chain: this year's 上年结转 is last year's 结转下年度继续办理, and
现行有效件数 follows last year's plus 制发 minus 废止.

    python tools/generate_reports.py OUT_DIR -n 500 --seed 7 [--years-per-agency 2] [--faults 0.1]
    python tools/generate_reports.py OUT_DIR -n 200 --variety --formats md,docx,html,pdf --long 0.2

`--variety` (the batch benchmark's corpus, bench/batch.py) mixes what an auditor's folder holds:
county governments, departments and townships (乡镇人民政府); reports for 2020 in the 2019 trial
format (its part 二 tables, （六）其他处理 as one row) beside 2021-format reports; and, with
`--faults`, several kinds of defect (an outcome cell off by one, a missing part 五, prose that
disagrees with the table, the superseded 2019 tables in a 2023 report). `--long` is the share of
reports whose prose is several times longer (a city's report). `--formats` writes each report in
several formats (.docx and .html through tools/make_fixtures.py, .pdf with reportlab: ruled
tables or, with `--pdf-tables borderless|mixed`, tables without ruling lines).

`generate()` returns one dict per report — path, agency, level, year, the table figures as
{table: {row: {column: value}}} and the rule ids a fault is expected to trigger — so tests
can compare what xxgk extracts with what was written.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

APPLICANTS = ["natural", "business", "research", "charity", "legal", "other"]
T3_LEAVES = [
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "1.属于国家秘密"),
    ("withheld.prohibited", "2.其他法律行政法规禁止公开"),
    ("withheld.security", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "4.保护第三方合法权益"),
    ("withheld.internal", "5.属于三类内部事务信息"),
    ("withheld.process", "6.属于四类过程性信息"),
    ("withheld.enforcement", "7.属于行政执法案卷"),
    ("withheld.inquiry", "8.属于行政查询事项"),
    ("unable.not_held", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "1.信访举报投诉类申请"),
    ("not_processed.repeated", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_handling.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_handling.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_handling.other", "3.其他"),
]
GROUP_LABELS = {"withheld": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
                "other_handling": "（六）其他处理"}
T4_GROUPS = ["review", "direct", "after_review"]
T4_RESULTS = ["upheld", "corrected", "other", "pending"]

CITIES = ["澜川市", "云岭市", "青崖市", "临溪市", "白鹭市", "松江口市", "望湖市", "石桥市"]
COUNTIES = ["青溪县", "东原县", "南屏县", "北山县", "西坪县", "安河县", "长宁县", "河口区", "新城区", "老街区",
            "桃源县", "梅岭县", "平川县", "金沙县", "玉泉区", "清水县"]
MORE_CITIES = ["凤栖市", "长汀口市", "雁门市", "碧江市", "黎川市", "东湖市", "南岭市", "西泠市", "北辰市", "千岛市",
               "玉龙市", "金城市"]
TOWNS = ["桃花镇", "石门镇", "清河乡", "白沙镇", "龙泉镇", "杨柳乡", "双溪镇", "高桥镇", "柏林乡", "马鞍镇"]
DEPARTMENTS = ["自然资源和规划局", "生态环境局", "交通运输局", "住房和城乡建设局", "教育局", "卫生健康委员会",
               "市场监督管理局", "人力资源和社会保障局", "农业农村局", "水利局", "文化和旅游局", "应急管理局",
               "民政局", "司法局", "财政局", "审计局", "统计局", "医疗保障局", "林业局", "退役军人事务局"]


def agencies(rng: random.Random, n: int, townships: bool = False) -> list[tuple[str, str]]:
    """n distinct (agency, level) pairs: about a quarter county governments, the rest departments;
    with `townships`, a fifth are township governments (level "township") instead of departments,
    and the cities of MORE_CITIES too (enough agencies for a national-size batch)."""
    cities = CITIES + MORE_CITIES if townships else CITIES
    pool = [(f"{c}{k}人民政府", "government") for c in cities for k in COUNTIES]
    pool += [(f"{c}{d}", "department") for c in cities for d in DEPARTMENTS]
    pool += [(f"{c}{k}{d}", "department") for c in cities for k in COUNTIES for d in DEPARTMENTS]
    towns = [(f"{c}{k}{t}人民政府", "township") for c in cities for k in COUNTIES for t in TOWNS] if townships else []
    if n > len(pool) + len(towns):
        raise ValueError(f"at most {len(pool) + len(towns)} distinct agencies")
    govs = [a for a in pool if a[1] == "government"]
    deps = [a for a in pool if a[1] == "department"]
    rng.shuffle(govs)
    rng.shuffle(deps)
    n_gov = min(len(govs), n // 4)
    if townships:
        rng.shuffle(towns)
        # a fifth townships, more where the departments run out (a national-size batch)
        n_town = min(len(towns), max(n // 5, n - n_gov - len(deps)))
        chosen = govs[:n_gov] + towns[:n_town] + deps[:n - n_gov - n_town]
    else:
        chosen = govs[:n_gov] + deps[:n - n_gov]
    rng.shuffle(chosen)
    return chosen


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _figures(rng: random.Random, carried_in: dict[str, int] | None, in_force_before: dict[str, int] | None) -> dict:
    scale = {"natural": 40, "business": 8, "research": 2, "charity": 2, "legal": 4, "other": 3}
    t3: dict[str, dict[str, int]] = {}
    for rid, _ in T3_LEAVES:
        weight = 4 if rid in ("granted", "unable.not_held") else (2 if rid in ("partial", "other_handling.no_correction") else 1)
        t3[rid] = {c: rng.randint(0, max(1, scale[c] * weight // 4)) for c in APPLICANTS}
    t3["total"] = {c: sum(t3[rid][c] for rid, _ in T3_LEAVES) for c in APPLICANTS}
    t3["carried_out"] = {c: rng.randint(0, max(1, scale[c] // 4)) for c in APPLICANTS}
    if carried_in is None:
        t3["carried_in"] = {c: rng.randint(0, min(t3["total"][c] + t3["carried_out"][c], max(1, scale[c] // 4)))
                            for c in APPLICANTS}
    else:
        t3["carried_in"] = dict(carried_in)
    for c in APPLICANTS:  # 一 + 二 = 三（七） + 四: new applications make up the rest
        need = t3["total"][c] + t3["carried_out"][c] - t3["carried_in"][c]
        if need < 0:  # more carried in than handled: handle it as granted
            t3["granted"][c] -= need
            t3["total"][c] -= need
            need = 0
    t3["new"] = {c: t3["total"][c] + t3["carried_out"][c] - t3["carried_in"][c] for c in APPLICANTS}
    for row in t3.values():
        row["total"] = sum(row[c] for c in APPLICANTS)
    t2 = {"t2_1": {}, "t2_5": {}, "t2_6": {}, "t2_8": {}}
    for rid in ("rules", "normative_docs"):
        made = rng.randint(0, 3) if rid == "rules" else rng.randint(0, 30)
        before = (in_force_before or {}).get(rid)
        if before is None:
            before = rng.randint(0, 10) if rid == "rules" else rng.randint(made, 150)
        repealed = rng.randint(0, min(before, 3 if rid == "rules" else 12))
        t2["t2_1"][rid] = {"made": made, "repealed": repealed, "in_force": before + made - repealed}
    t2["t2_5"]["licensing"] = {"decisions": rng.randint(0, 30000)}
    t2["t2_6"]["penalty"] = {"decisions": rng.randint(0, 5000)}
    t2["t2_6"]["coercion"] = {"decisions": rng.randint(0, 400)}
    t2["t2_8"]["fees"] = {"fee_amount": round(rng.randint(0, 500000) / 100, 2)}
    t4 = {}
    for g in T4_GROUPS:
        for r in T4_RESULTS:
            t4[f"{g}.{r}"] = rng.randint(0, 4 if g == "review" else 2)
        t4[f"{g}.total"] = sum(t4[f"{g}.{r}"] for r in T4_RESULTS)
    return {**t2, "t3": t3, "t4": {"cases": t4}}


def _md_table(rows: list[list[str]]) -> str:
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _num(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def render_markdown(agency: str, level: str, year: int, figs: dict, rng: random.Random, seq: int, *,
                    fmt: str = "gov2021", length: int = 1, defects: tuple[str, ...] = ()) -> str:
    """The report as Markdown. fmt: gov2021 | gov2019 (the trial format's part 二 tables and one
    （六）其他处理 row); length: how many times the narrative of part 一 is written (a long
    city report); defects: kinds from DEFECTS to put in (figures stay as given)."""
    t3, t4 = figs["t3"], figs["t4"]["cases"]
    t21 = figs["t2_1"]
    new, cin, total, cout = (t3[r]["total"] for r in ("new", "carried_in", "total", "carried_out"))
    online, post, desk = _split(rng, new, 3)
    grouped = {g: sum(t3[rid]["total"] for rid, _ in T3_LEAVES if rid.startswith(g + ".")) for g in GROUP_LABELS}
    review_total = t4["review.total"]
    suit_direct, suit_after = t4["direct.total"], t4["after_review.total"]
    no_fee = t3["other_handling.no_fee"]["total"]
    paid = rng.randint(0, 5)
    fee_yuan = paid * rng.choice([100, 200, 280])
    short = agency.replace("人民政府", "政府") if level in ("government", "township") else agency
    office = f"{agency[:-4]}人民政府办公室" if level in ("government", "township") else f"{agency}办公室"
    who = {"government": "全县", "township": "全镇"}.get(level, "本机关")
    notice = "国办公开办函〔2019〕60号" if fmt == "gov2019" else "国办公开办函〔2021〕30号"
    lic, pen, coe = figs["t2_5"]["licensing"]["decisions"], figs["t2_6"]["penalty"]["decisions"], figs["t2_6"]["coercion"]["decisions"]
    fee = figs["t2_8"]["fees"]["fee_amount"]
    mm, dd = 1, rng.randint(10, 28)
    parts = []
    parts.append(f"# {agency}{year}年政府信息公开工作年度报告\n")
    parts.append(
        f"本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{notice}）的要求，由{office}编制。"
        f"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。本报告电子版可在{short}门户网站“政府信息公开年报”栏目查阅或下载。（编号 {seq:05d}）\n")
    parts.append("## 一、总体情况\n")
    parts.append(f"{year}年，{agency}认真贯彻落实《条例》和上级政务公开工作部署，持续提升政务公开的质量和实效。\n")
    parts.append("### （一）主动公开\n")
    parts.append(f"{who}通过门户网站、政务新媒体和政务公开专区主动公开政府信息。制发行政规范性文件{t21['normative_docs']['made']}件，"
                 f"废止{t21['normative_docs']['repealed']}件，截至年底现行有效{t21['normative_docs']['in_force']}件，均在门户网站集中公开并标注效力状态。\n")
    parts.append(f"作出行政许可决定{lic}件、行政处罚决定{pen}件、行政强制决定{coe}件，收取行政事业性收费{_num(fee)}万元，相关信息均按规定公开。\n")
    parts.append("### （二）依申请公开\n")
    said_new = new + 1 if "prose_mismatch" in defects else new  # the prose disagrees with the table
    parts.append(f"共收到政府信息公开申请{said_new}件，其中通过网上申请平台提交{online + said_new - new}件、信函提交{post}件、当面提交{desk}件；上年结转{cin}件。"
                 f"本年度办结{total}件，其中予以公开{t3['granted']['total']}件、部分公开{t3['partial']['total']}件、不予公开{grouped['withheld']}件、"
                 f"无法提供{grouped['unable']}件、不予处理{grouped['not_processed']}件、其他处理{grouped['other_handling']}件；结转下年度继续办理{cout}件。\n")
    parts.append(f"因政府信息公开工作被申请行政复议{review_total}件，被提起行政诉讼{suit_direct + suit_after}件，"
                 f"其中未经复议直接起诉{suit_direct}件、复议后起诉{suit_after}件。\n")
    for k in range(1, length):  # a long report: more of the same kind of narrative
        parts.append(LONG_PARAGRAPHS[k % len(LONG_PARAGRAPHS)].format(year=year, agency=agency, k=k))
    parts.append("### （三）政府信息管理\n")
    parts.append("落实公开属性源头认定制度，严格执行“先审查、后公开”和保密审查制度，动态更新政府信息公开指南和政府信息公开目录。\n")
    parts.append("### （四）平台建设\n")
    parts.append("按照统一标准规范“政府信息公开”专栏的栏目设置，政务新媒体与门户网站信息同步发布。\n")
    parts.append("### （五）监督保障\n")
    parts.append("明确分管领导和专职工作人员，将政务公开工作纳入年度综合考核。\n")
    parts.append("工作考核、社会评议和责任追究结果情况：政务公开工作已纳入年度综合考核，考核结果已通报；委托第三方机构开展社会评议；"
                 "本年度未发生因政府信息公开工作违法违规需要追究责任的情况。\n")
    parts.append("## 二、主动公开政府信息情况\n")
    if fmt == "gov2019" or "old_template" in defects:
        parts.extend(_part2_2019(figs, rng))
    else:
        parts.extend(_part2_2021(figs, t21, lic, pen, coe, fee))
    parts.append("## 三、收到和处理政府信息公开申请情况\n")
    parts.append(_md_table(_part3_rows(t3, one_other_row=fmt == "gov2019")) + "\n")
    parts.append("## 四、政府信息公开行政复议、行政诉讼情况\n")
    order = [f"{g}.{r}" for g in T4_GROUPS for r in [*T4_RESULTS, "total"]]
    results_hdr = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    parts.append(_md_table([["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
                            ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
                            results_hdr * 3, [str(t4[k]) for k in order]]) + "\n")
    if "missing_part5" not in defects:
        parts.append("## 五、存在的主要问题及改进情况\n")
        parts.append("上年度问题整改情况：针对上年度报告中指出的专栏更新不及时等问题，建立专栏月度巡检制度，发现问题均已督促整改。\n")
        parts.append("存在的主要问题：一是政策解读的针对性和可读性仍有不足；二是依申请公开答复说理不够充分。\n")
        parts.append("改进措施：一是推行政策解读质量评查；二是开展依申请公开业务培训和案例评析。\n")
    parts.append("## 六、其他需要报告的事项\n")
    parts.append(f"信息处理费收取情况：本年度依据《政府信息公开信息处理费管理办法》共发出信息处理费收费通知{paid + no_fee}份，"
                 f"其中申请人按期缴纳{paid}份、逾期未缴纳{no_fee}份；实际收取信息处理费{fee_yuan}元，已全额缴入国库。\n")
    parts.append(f"{agency}\n")
    parts.append(f"{year + 1}年{mm}月{dd}日\n")
    return "\n".join(parts)


def _part2_2021(figs: dict, t21: dict, lic, pen, coe, fee) -> list[str]:
    return [_md_table([["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                       ["规章", *(str(t21["rules"][c]) for c in ("made", "repealed", "in_force"))],
                       ["行政规范性文件", *(str(t21["normative_docs"][c]) for c in ("made", "repealed", "in_force"))]]) + "\n",
            _md_table([["第二十条第（五）项", ""], ["信息内容", "本年处理决定数量"], ["行政许可", str(lic)]]) + "\n",
            _md_table([["第二十条第（六）项", ""], ["信息内容", "本年处理决定数量"], ["行政处罚", str(pen)],
                       ["行政强制", str(coe)]]) + "\n",
            _md_table([["第二十条第（八）项", ""], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", _num(fee)]]) + "\n"]


def _part2_2019(figs: dict, rng: random.Random) -> list[str]:
    """The 2019 trial format's part 二: 新制作/新公开/对外公开总数量, and for licences, penalties and
    fees 上一年项目数量 / 本年增/减 (signed) / 处理决定数量; 第（九）项 government procurement."""
    t21 = figs["t2_1"]
    lic, pen, coe = figs["t2_5"]["licensing"]["decisions"], figs["t2_6"]["penalty"]["decisions"], figs["t2_6"]["coercion"]["decisions"]

    def items() -> tuple[str, str]:
        return str(rng.randint(0, 60)), str(rng.randint(-8, 8))

    return [_md_table([["第二十条第（一）项", "", "", ""], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                       ["规章", *(str(t21["rules"][c]) for c in ("made", "made", "in_force"))],
                       ["规范性文件", *(str(t21["normative_docs"][c]) for c in ("made", "made", "in_force"))]]) + "\n",
            _md_table([["第二十条第（五）项", "", "", ""], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                       ["行政许可", *items(), str(lic)], ["其他对外管理服务事项", *items(), str(rng.randint(0, 900))]]) + "\n",
            _md_table([["第二十条第（六）项", "", "", ""], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                       ["行政处罚", *items(), str(pen)], ["行政强制", *items(), str(coe)]]) + "\n",
            _md_table([["第二十条第（八）项", "", ""], ["信息内容", "上一年项目数量", "本年增/减"],
                       ["行政事业性收费", *items()]]) + "\n",
            _md_table([["第二十条第（九）项", "", ""], ["信息内容", "采购项目数量", "采购总金额"],
                       ["政府集中采购", str(rng.randint(0, 40)), f"{rng.randint(0, 500000) / 100:.2f}"]]) + "\n"]


def _part3_rows(t3: dict, one_other_row: bool = False) -> list[list[str]]:
    cols = APPLICANTS + ["total"]
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
            ["一、本年新收政府信息公开申请数量", "", "", *(str(t3["new"][c]) for c in cols)],
            ["二、上年结转政府信息公开申请数量", "", "", *(str(t3["carried_in"][c]) for c in cols)]]
    seen_groups = set()
    for i, (rid, label) in enumerate(T3_LEAVES):
        group = rid.split(".")[0] if "." in rid else None
        first_col = "三、本年度办理结果" if i == 0 else ""
        if group == "other_handling" and one_other_row:  # 2019: （六）其他处理 is one row
            if group not in seen_groups:
                seen_groups.add(group)
                rows.append(["", GROUP_LABELS[group], "", *(str(sum(t3[r][c] for r, _ in T3_LEAVES
                                                                    if r.startswith(group + "."))) for c in cols)])
            continue
        if group:
            second = GROUP_LABELS[group] if group not in seen_groups else ""
            seen_groups.add(group)
            rows.append([first_col, second, label, *(str(t3[rid][c]) for c in cols)])
        else:
            rows.append([first_col, label, "", *(str(t3[rid][c]) for c in cols)])
    rows.append(["", "（七）总计", "", *(str(t3["total"][c]) for c in cols)])
    rows.append(["四、结转下年度继续办理", "", "", *(str(t3["carried_out"][c]) for c in cols)])
    return rows


LONG_PARAGRAPHS = [
    "{year}年，{agency}围绕重点领域信息公开持续发力（第{k}部分）：在财政预决算、重大建设项目、公共资源配置、社会公益事业建设等领域，"
    "逐项梳理公开事项清单，明确公开主体、公开内容、公开时限和公开方式，做到应公开尽公开；对涉及群众切身利益的政策文件，"
    "同步发布政策解读材料，采用图文、视频、问答等多种形式，提高政策的知晓度和可及性。全年组织开展政府开放日、政策吹风会等活动，"
    "邀请人大代表、政协委员和群众代表参与，听取意见建议并及时反馈采纳情况。\n",
    "加强政务公开标准化规范化建设（第{k}部分）：对照国务院部门制定的二十六个试点领域基层政务公开标准指引，动态调整完善政务公开事项标准目录，"
    "细化公开要素，统一公开格式；在政务服务中心设置政务公开专区，配备查阅终端和工作人员，提供政府信息查询、依申请公开受理、"
    "政策咨询等服务，推动政务公开与政务服务深度融合。\n",
]


def _break(figs: dict, rng: random.Random) -> list[str]:
    """A known defect: one outcome cell one too high, totals left alone."""
    rid = rng.choice(["granted", "unable.not_held", "not_processed.repeated"])
    col = rng.choice(APPLICANTS)
    figs["t3"][rid][col] += 1
    return ["SUM001", "SUM002"]


DEFECTS = ("arithmetic", "missing_part5", "prose_mismatch", "old_template")


def generate(out_dir: str | Path, n: int, seed: int = 0, years_per_agency: int = 1, start_year: int = 2023,
             faults: float = 0.0, *, variety: bool = False, long: float = 0.0, formats: tuple[str, ...] = ("md",),
             pdf_tables: str = "ruled") -> list[dict]:
    """Write n reports into out_dir; returns what was written (see the module docstring).

    Each entry: path (the first format's file), paths {format: file}, agency, level, year,
    format (gov2019 | gov2021), length, tables, faults (rule ids an arithmetic fault triggers)
    and defects (the kinds put in). Without `variety`, `long` and extra formats the reports are
    those of earlier versions, byte for byte."""
    rng = random.Random(seed)
    vrng = random.Random(seed * 7919 + 17)  # the variety's own draws: the default reports stay as they were
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n_agencies = -(-n // years_per_agency)
    written: list[dict] = []
    for a, (agency, level) in enumerate(agencies(rng, n_agencies, townships=variety)):
        carried, in_force = None, None
        last_year = start_year if not variety or vrng.random() < 0.75 else 2020
        for k in range(years_per_agency):
            if len(written) >= n:
                break
            year = last_year - (years_per_agency - 1) + k
            figs = _figures(rng, carried, in_force)
            carried = {c: figs["t3"]["carried_out"][c] for c in APPLICANTS}
            in_force = {rid: figs["t2_1"][rid]["in_force"] for rid in ("rules", "normative_docs")}
            defects: tuple[str, ...] = ()
            if variety:
                if faults and vrng.random() < faults:
                    defects = (vrng.choice(DEFECTS),)
                expect = _break(figs, rng) if "arithmetic" in defects else []
            else:
                expect = _break(figs, rng) if faults and rng.random() < faults else []
                defects = ("arithmetic",) if expect else ()
            if "old_template" in defects and year <= 2020:
                defects = ()  # the 2019 tables are right for a 2020 report
            fmt = "gov2019" if year <= 2020 else "gov2021"
            length = vrng.choice((4, 8)) if long and vrng.random() < long else 1
            seq = len(written) + 1
            text = render_markdown(agency, level, year, figs, rng, seq, fmt=fmt, length=length, defects=defects)
            paths = write_formats(text, out / f"{seq:04d}-{year}", formats, agency=agency, year=year,
                                  pdf_tables=pdf_tables if pdf_tables != "mixed" else vrng.choice(("ruled", "borderless")))
            tables = {tid: {rid: dict(cells) for rid, cells in rows.items()} for tid, rows in figs.items()}
            written.append({"path": paths[formats[0]], "paths": paths, "agency": agency, "level": level, "year": year,
                            "format": fmt, "length": length, "tables": tables, "faults": expect,
                            "defects": list(defects)})
    return written


def write_formats(text: str, stem: Path, formats: tuple[str, ...], *, agency: str, year: int,
                  pdf_tables: str = "ruled") -> dict[str, str]:
    """The Markdown report `text` written as STEM.md and/or .docx, .html, .pdf (the latter through
    tools/make_fixtures.py's writers: Word tables merged as the official template, a CMS page,
    a reportlab PDF). Returns {format: path}."""
    paths: dict[str, str] = {}
    items = None
    for fmt in formats:
        path = stem.with_suffix("." + fmt)
        if fmt == "md":
            path.write_text(text, encoding="utf-8")
        else:
            mf = _make_fixtures()
            if items is None:
                items = mf.example_items(mf.parse_markdown(text))
            if fmt == "docx":
                mf.write_docx(items, path)
            elif fmt == "html":
                place = agency[:2]
                site = dict(site=agency, place=place, site_owner=f"{agency}办公室", agency=agency,
                            published=f"{year + 1}-01-20", source=agency, prev1=str(year - 1), prev2=str(year - 2))
                mf.write_html(items, path, site=site, encoding="utf-8" if year % 2 else "gb18030",
                              headings="strong", cell_style="span")
            elif fmt == "pdf":
                mf.write_pdf(items, path, tables=pdf_tables)
            else:
                raise ValueError(f"unknown format {fmt!r} (md, docx, html, pdf)")
        paths[fmt] = str(path)
    return paths


def _make_fixtures():
    try:
        from tools import make_fixtures  # noqa: PLC0415
    except ImportError:  # run as a script: tools/ is not a package on sys.path
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tools import make_fixtures  # noqa: PLC0415
    return make_fixtures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("-n", type=int, default=100, help="number of reports")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--years-per-agency", type=int, default=1)
    ap.add_argument("--start-year", type=int, default=2023, help="the latest year generated")
    ap.add_argument("--faults", type=float, default=0.0, help="share of reports given a known arithmetic defect")
    ap.add_argument("--figures", help="also write the figures as JSON to this file")
    ap.add_argument("--variety", action="store_true",
                    help="governments, departments and townships; 2019- and 2021-format reports; several defect kinds")
    ap.add_argument("--long", type=float, default=0.0, help="share of reports with several times the prose")
    ap.add_argument("--formats", default="md", help="comma-separated: md, docx, html, pdf (default: md)")
    ap.add_argument("--pdf-tables", default="ruled", choices=("ruled", "borderless", "mixed"))
    args = ap.parse_args(argv)
    written = generate(args.out_dir, args.n, args.seed, args.years_per_agency, args.start_year, args.faults,
                       variety=args.variety, long=args.long, formats=tuple(args.formats.split(",")),
                       pdf_tables=args.pdf_tables)
    if args.figures:
        Path(args.figures).write_text(json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(written)} report(s) written to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
