"""The report year, title, agency and level as a reader finds them (issue 10, item 4).

Every sentence here is invented, in the shapes seen in published reports across provinces: the
title in its real forms, the statistical period in any wording, the preface's sentence about the
report, the opening of part 一. A publication date is never the report year.
"""
import pytest

from tests.conftest import parse_md
from validator.facts import build_facts
from validator.recognize import recognise
from validator.recognize.meta import agency_from_title, level_of, year_in_title

TABLE_2019 = ("\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n"
              "| 规章 | 0 | 0 | 0 |\n")


def meta_of(text: str, name: str = "r.md") -> dict:
    return build_facts(recognise(parse_md(text, name)))["meta"]


# ----------------------------------------------------------------------------- title
@pytest.mark.parametrize("text, year, agency", [
    ("# 青溪县财政局2023年政府信息公开工作年度报告\n", 2023, "青溪县财政局"),
    ("# 青溪县财政局2023年度政府信息公开工作年度报告\n", 2023, "青溪县财政局"),
    ("柳川区市场监督管理局关于2022年度政府信息公开情况的报告\n\n一、总体情况\n", 2022, "柳川区市场监督管理局"),
    ("# 澜川市外事办公室政府信息公开工作2022年度报告\n", 2022, "澜川市外事办公室"),
    ("# 2019年县教育和体育局政府信息公开工作年度报告\n", 2019, "县教育和体育局"),
    ("# 2024年澜川市政府信息公开工作年度报告\n", 2024, "澜川市"),
    ("# 青溪县卫生健康委员会2021年度政府信息公开工作报告\n", 2021, "青溪县卫生健康委员会"),
    ("# 螺溪街道2021年度信息公开年度报告\n", 2021, "螺溪街道"),
    ("# 青溪县民政局2020年政务公开工作年度报告\n", 2020, "青溪县民政局"),
    ("# 青溪县人民政府 2025 年 政府信息公开工作年度报告\n", 2025, "青溪县人民政府"),
    ("# 二〇二二年度青溪县审计局政府信息公开工作年度报告\n", 2022, "青溪县审计局"),
])
def test_title_forms(text, year, agency):
    m = meta_of(text)
    assert (m["year"], m["year_source"], m["agency"]) == (year, "title", agency)


@pytest.mark.parametrize("text, year, agency, title", [
    # the agency on the line above: "青石镇人民政府" / "2021年信息公开工作年度报告"
    ("青石镇人民政府\n\n2021年信息公开工作年度报告\n\n一、总体情况\n", 2021, "青石镇人民政府",
     "青石镇人民政府2021年信息公开工作年度报告"),
    ("澜川市外事办公室\n\n政府信息公开工作2022年度报告\n\n一、总体情况\n", 2022, "澜川市外事办公室",
     "澜川市外事办公室政府信息公开工作2022年度报告"),
    # or below it
    ("2020年政府信息公开工作年度报告\n\n澜川经开区管委会\n\n一、总体情况\n", 2020, "澜川经开区管委会",
     "澜川经开区管委会2020年政府信息公开工作年度报告"),
    # a page heading without the agency, then the agency and the title again
    ("2022年政府信息公开工作年度报告\n\n青溪县松石镇人民政府\n\n2022年政府信息公开工作年度报告\n\n一、总体情况\n",
     2022, "青溪县松石镇人民政府", "青溪县松石镇人民政府2022年政府信息公开工作年度报告"),
])
def test_title_with_the_agency_on_its_own_line(text, year, agency, title):
    m = meta_of(text)
    assert (m["year"], m["agency"], m["title"]) == (year, agency, title)


def test_title_in_a_cms_field_and_after_page_chrome():
    m = meta_of("索引号 | 0001/2022-001 | 发布机构 | 青溪县水利局 |\n|---|---|---|---|\n"
                "| 标 题 | 青溪县水利局2021年政府信息公开工作年度报告 | 文号 | 无 |\n\n一、总体情况\n")
    assert (m["year"], m["agency"]) == (2021, "青溪县水利局")
    m = meta_of("当前位置：首页 > 政务公开 > 年报 > 青溪县水利局2021年政府信息公开工作年度报告\n\n一、总体情况\n")
    assert (m["title"], m["year"]) == ("青溪县水利局2021年政府信息公开工作年度报告", 2021)


def test_page_chrome_with_digits_before_the_title():
    m = meta_of("Page 4 - 丰溪市生态环境局2023年政府信息公开工作年度报告\n\nP. 4\n\n办理信息公开行政复议 0 件。\n")
    assert (m["title"], m["agency"], m["year"]) == ("丰溪市生态环境局2023年政府信息公开工作年度报告", "丰溪市生态环境局", 2023)


def test_a_flattened_page_starts_with_its_title():
    m = meta_of("丰溪区交通运输局2022年政府信息公开工作年度报告 发布时间：2023-01-18 " + "正文。" * 120 + "\n")
    assert (m["title"], m["year"], m["agency"]) == ("丰溪区交通运输局2022年政府信息公开工作年度报告", 2022,
                                                   "丰溪区交通运输局")


@pytest.mark.parametrize("line", [
    "关于做好2022年政府信息公开工作年度报告编制发布工作的通知",
    "文字解读：青溪县水利局2022年政府信息公开工作年度报告",
    "根据条例规定，现公布《青溪县水利局2022年政府信息公开工作年度报告》。",
])
def test_lines_that_name_the_report_are_not_its_title(line):
    m = meta_of(line + "\n\n一、总体情况\n\n本局全年公开信息。\n")
    assert m["title"] is None


# ----------------------------------------------------------------------------- period
@pytest.mark.parametrize("sentence, start, end", [
    ("本报告所列数据的统计期限为2020年1月1日至2020年12月31日。", "2020-01-01", "2020-12-31"),
    ("本年度报告中所列数据统计期限为2022年1月1日至12月31日。", "2022-01-01", "2022-12-31"),
    ("所列数据的统计时限自2023年1月1日起至2023年12月31日止。", "2023-01-01", "2023-12-31"),
    ("本报告统计数据从2024年1月1日到12月31日止。", "2024-01-01", "2024-12-31"),
    ("报告中所列数据的统计时限自2023年1月1日起，截止2023年12月31日。", "2023-01-01", "2023-12-31"),
    ("本报告的统计数据时间自2020年1月1日起至2020年12月31日。", "2020-01-01", "2020-12-31"),
    ("2021年1月1日至12月31日期间，本局共收到申请3件。", "2021-01-01", "2021-12-31"),
])
def test_period_wordings(sentence, start, end):
    m = meta_of("# 某局政府信息公开工作年度报告\n\n" + sentence + "\n")
    assert (m["year"], m["year_source"]) == (int(start[:4]), "period")
    assert (m["period"]["start"], m["period"]["end"]) == (start, end)


def test_as_of_the_years_last_day():
    m = meta_of("一、总体情况\n\n截至2023年12月31日，本局累计主动公开政府信息350条。\n")
    assert (m["year"], m["year_source"], m["period"]) == (2023, "period", None)


# ----------------------------------------------------------------------------- preface and part 一
@pytest.mark.parametrize("preface, year", [
    ("按照县政务公开办的统一部署，白石县林业服务中心对2023年度政府信息公开工作进行了总结，现报告如下。", 2023),
    ("根据《中华人民共和国政府信息公开条例》，现将我办2022年度政府信息公开情况报告如下：", 2022),
    ("根据条例规定，现公布我局2022年政府信息公开工作年度报告。", 2022),
    ("根据条例要求，特编制青溪县档案馆2023年政府信息公开工作年度报告。", 2023),
    ("现将2020年度政府信息公开工作报告公布如下：", 2020),
    ("我办结合2022年度政府信息公开工作实际，编制本报告。", 2022),
    ("结合园区实际，特编制了2024年政府信息公开工作年度报告。", 2024),
    ("根据条例，形成2020年度马溪镇政府信息公开年度报告。", 2020),
    # a notice's title in 《》 names another year: only the report's own sentence counts
    ("根据《2023年政务公开工作要点》要求，现将我局2022年度政府信息公开工作情况报告如下。", 2022),
    ("根据《关于做好2021年度政府信息公开工作年度报告编制发布工作的通知》，现将本局2021年度工作报告如下。", 2021),
])
def test_year_in_the_preface_sentence(preface, year):
    m = meta_of(preface + "\n\n一、总体情况\n\n本局全年主动公开信息。\n")
    assert (m["year"], m["year_source"]) == (year, "preface")
    assert str(year) in m["year_evidence"]["text"]


def test_preface_inside_part_one():
    m = meta_of("一、总体情况\n\n根据条例规定，现公布我局2022年政府信息公开工作年度报告。\n\n（一）主动公开\n")
    assert (m["year"], m["year_source"]) == (2022, "preface")


def test_a_notice_alone_does_not_give_the_year():
    m = meta_of("按照《关于做好2023年政府信息公开工作年度报告编制发布工作的通知》要求，编制本报告。\n\n"
                "一、总体情况\n\n本局全年主动公开信息。\n")
    assert m["year"] is None


@pytest.mark.parametrize("opening, year", [
    ("2021年，石梁镇按照区政务公开工作要点，调整政务公开领导小组。", 2021),
    ("2021年度，本镇通过区政府网站乡镇专栏发布动态信息64条。", 2021),
    ("2022年以来，丰溪乡在县委县政府的领导下推进政务公开。", 2022),
    ("（一）主动公开情况\n\n2023年，我委在门户网站公开政策文件12件。", 2023),
])
def test_year_where_part_one_opens(opening, year):
    m = meta_of("一、总体情况\n\n" + opening + "\n\n二、主动公开政府信息情况\n")
    assert (m["year"], m["year_source"]) == (year, "overview")


def test_year_in_part_one_heading():
    m = meta_of("一、2023年政务公开总体情况\n\n我乡高度重视信息公开工作。\n")
    assert (m["year"], m["year_source"]) == (2023, "overview")


def test_the_opening_date_is_not_a_year():
    m = meta_of("一、总体情况\n\n2021年12月，本局调整了领导小组。\n")
    assert m["year"] is None


# ----------------------------------------------------------------------------- order of trust, dates
def test_the_title_outranks_the_period_and_the_preface():
    m = meta_of("# 某局2023年政府信息公开工作年度报告\n\n现将我局2022年度工作报告如下。"
                "本报告统计期限为2022年1月1日至2022年12月31日。\n")
    assert (m["year"], m["year_source"]) == (2023, "title")


@pytest.mark.parametrize("text", [
    "# 某局政府信息公开工作年度报告\n\n发布时间：2024-01-15\n\n一、总体情况\n\n本局全年主动公开信息12条。\n\n（2024年1月15日）\n",
    "# 某局政府信息公开工作年度报告\n\n2024年01月18日来源：本局\n\n一、总体情况\n\n本局全年主动公开信息。\n",
])
def test_a_publication_date_is_never_the_year(text):
    assert meta_of(text)["year"] is None


def test_file_name_year_but_not_a_date_in_it():
    assert meta_of("正文。\n", "青溪县水利局2023年报.md")["year_source"] == "file name"
    assert meta_of("正文。\n", "report-2023-gov2021.md")["year"] == 2023
    assert meta_of("正文。\n", "2024-01-15.md")["year"] is None
    assert meta_of("正文。\n", "t20240115_2136694.md")["year"] is None


def test_a_dominant_year_in_the_prose_is_the_last_resort():
    body = "一、总体情况\n\n（一）主动公开\n\n本局全年主动公开信息。2022年公开文件3件，2022年公开解读2篇，" \
           "2022年办理申请1件。\n\n（二）依申请公开\n\n本局按期答复。\n"
    m = meta_of(body)
    assert (m["year"], m["year_source"]) == (2022, "text")
    rival = body.replace("2022年办理", "2021年办理")
    assert meta_of(rival)["year"] is None  # 2 against 1: not dominant enough to trust


def test_year_evidence_quotes_and_locates():
    m = meta_of("说明。\n\n按照部署，本中心对2023年度政府信息公开工作进行了总结，现报告如下。\n\n一、总体情况\n")
    # the sentence around the year is quoted, so a reviewer sees the words that gave it
    assert "对2023年度政府信息公开工作" in m["year_evidence"]["text"]
    assert m["year_evidence"]["location"]["line"] == 3


def test_2019_tables_in_a_report_whose_year_is_only_in_the_preface():
    f = build_facts(recognise(parse_md("现将我局2023年度政府信息公开工作情况报告如下。\n\n一、总体情况\n" + TABLE_2019,
                                       "r.md")))
    assert f["meta"]["year"] == 2023
    assert f["template"]["detected"] == "gov2019" and f["template"]["expected_for_year"] == "gov2021"


# ----------------------------------------------------------------------------- agency and level
@pytest.mark.parametrize("title, agency", [
    ("柳川区市场监督管理局关于2022年度政府信息公开情况的报告", "柳川区市场监督管理局"),
    ("2019年县教育局政府信息公开工作年度报告", "县教育局"),
    ("上海市政府信息公开工作年度报告", "上海市"),
    ("青溪县人民政府信息公开工作年度报告", "青溪县人民政府"),
    ("2023年高新区(新市区)司法局政府信息公开工作年度报告", "高新区(新市区)司法局"),
    ("2023年政府信息公开工作年度报告", None),
    # a mirror site's words in the name's place: no agency rather than a wrong one
    ("某某game官方入口·(香港)网站教育局2021年政府信息公开工作年度报告", None),
    ("888游戏网址人民政府外事办公室2022年政府信息公开工作年度报告", None),
])
def test_agency_from_title(title, agency):
    assert agency_from_title(title) == agency


@pytest.mark.parametrize("agency, level", [
    ("青溪县人民政府", "government"),
    ("澜川市", "government"),
    ("青溪县", "government"),
    ("青石镇人民政府", "township"),
    ("杨林乡人民政府", "township"),
    ("唐村镇政府", "township"),
    ("河包镇", "township"),
    ("迎宾路街道", "township"),
    ("东城街道办事处", "township"),
    ("济南市历下区人民政府大明湖街道办事处", "township"),
    ("佳荣里街", "township"),
    ("青溪县财政局", "department"),
    ("上海市人民政府办公厅", "department"),
    ("青溪县人民政府办公室", "department"),
    # zones run by a 管委会 (a 派出机构: neither a government nor a department): unknown, never guessed
    ("永川高新技术产业开发区管理委员会", "unknown"),
    ("澜川经济技术开发区管委会", "unknown"),
    ("平潭综合实验区管委会", "unknown"),
    ("平潭综合实验区", "unknown"),
    ("澜川经济技术开发区", "unknown"),
    ("青溪高新区", "unknown"),
    ("青溪工业园管理委员会", "unknown"),
    # a department inside a zone, and departments named …管理委员会, are departments
    ("平潭综合实验区财政金融局", "department"),
    ("澜川经济技术开发区管委会办公室", "department"),
    ("澜川市城市管理委员会", "department"),
    ("青溪县国有资产监督管理委员会", "department"),
    ("西安市新城区", "government"),  # a district named 新城区 has a people's government
    (None, "unknown"),
])
def test_level_from_the_agency_name(agency, level):
    assert level_of(agency) == level


def test_traditional_title_is_quoted_as_written_and_read_simplified():
    m = meta_of("雲溪縣文化和旅遊局2021年政府信息公開工作年度報(bào)告\n\n一、總體情況\n\n正文。\n")
    assert m["title"] == "雲溪縣文化和旅遊局2021年政府信息公開工作年度報(bào)告"
    assert (m["year"], m["agency"], m["level"]) == (2021, "雲溪縣文化和旅遊局", "department")


def test_traditional_period_is_quoted_and_located_in_the_original():
    line = "本報(bào)告所列數據的統計期限為2021年1月1日至2021年12月31日。"
    m = meta_of("# 某局政府信息公開工作年度報告\n\n" + line + "\n")
    assert (m["year"], m["year_source"]) == (2021, "period")
    quote = m["period"]["text"]
    assert quote.startswith("數據") and quote.endswith("12月31日") and quote in line
    assert m["period"]["location"] == {"line": 3, "col": line.index(quote) + 1}


# ----------------------------------------------------------------------------- shapes of published pages
# (measured on published report pages from 27 provinces; every name below is invented)
def test_a_breadcrumb_is_not_a_title_even_where_its_items_end_in_report_words():
    m = meta_of("您的位置：主页 > 乡镇信息公开 > 青沙乡 > 年度报告 > 信息公开年度报告\n\n"
                "青沙乡2023年政府信息公开工作年度报告\n\n一、总体情况\n")
    assert (m["title"], m["agency"], m["level"]) == ("青沙乡2023年政府信息公开工作年度报告", "青沙乡", "township")


@pytest.mark.parametrize("title, agency", [
    # a place's name may start with a character that also starts sentences (对, 本, 经, 特, 为)
    ("对岭乡2023年政府信息公开工作年度报告", "对岭乡"),
    ("本川县财政局2022年政府信息公开工作年度报告", "本川县财政局"),
    ("经川镇人民政府2021年政府信息公开工作年度报告", "经川镇人民政府"),
])
def test_a_name_that_starts_like_a_sentence_is_a_title(title, agency):
    m = meta_of(title + "\n\n一、总体情况\n")
    assert (m["title"], m["agency"]) == (title, agency)


@pytest.mark.parametrize("line", [
    "特编制2023年政府信息公开工作年度报告",
    "本局2022年政府信息公开工作年度报告如下",
    "对2023年度政府信息公开工作年度报告",
])
def test_a_sentence_that_names_the_report_is_still_no_title(line):
    assert meta_of(line + "\n\n一、总体情况\n")["title"] is None


def test_an_item_in_a_list_of_what_was_published_is_not_a_title():
    m = meta_of("一、总体情况\n\n（一）主动公开。2022年青沙街道在门户网站发布领导分工、信息公开年报、"
                "工作动态等信息58条。\n")
    assert (m["title"], m["agency"], m["year"]) == (None, None, 2022)


@pytest.mark.parametrize("text, agency, level", [
    ("根据条例规定，现公布青溪区松岭街道2022年政府信息公开工作年度报告，本年度报告中所列数据的统计期限自2022年"
     "1月1日起至12月31日止。", "青溪区松岭街道", "township"),
    ("根据条例的有关规定，现向社会公布2021年澜川市教育局政府信息公开工作年度报告。", "澜川市教育局", "department"),
    ("结合我镇工作实际，编制并向社会公布《榆溪镇2021年政府信息公开工作年度报告》。", "榆溪镇", "township"),
    ("现发布《丰川区2024年政府信息公开工作年度报告》。", "丰川区", "government"),
    ("现公布《澜川市人民政府（市人民政府办公厅）2021年政府信息公开工作年度报告》。",
     "澜川市人民政府（市人民政府办公厅）", "government"),
    ("本报告由高岭乡人民政府按照条例和年度报告格式要求编制。", "高岭乡人民政府", "township"),
    ("按照条例要求，澜川市人民政府根据本年度各区县和部门的公开情况，编制本报告。", "澜川市人民政府",
     "government"),
    ("特向社会公布2019年度青石镇政府（机关）信息公开年度报告。", "青石镇政府（机关）", "township"),
    # the short name the text will use is no part of the name
    ("现公布澜川市青溪区人民政府办公室（以下简称区政府办公室）2022年政府信息公开工作年度报告。",
     "澜川市青溪区人民政府办公室", "department"),
])
def test_agency_named_in_the_preface_of_a_report_without_a_title(text, agency, level):
    m = meta_of(text + "\n\n一、总体情况\n\n本单位全年主动公开信息。\n")
    assert (m["title"], m["agency"], m["agency_source"], m["level"]) == (None, agency, "preface", level)


def test_agency_named_where_part_one_opens():
    m = meta_of("一、总体情况\n\n本年度报告根据条例编制。现将青溪县文化广播电视和旅游局2024年政府信息公开工作年度报告如下：\n\n"
                "（一）主动公开\n")
    assert (m["agency"], m["level"]) == ("青溪县文化广播电视和旅游局", "department")


@pytest.mark.parametrize("text", [
    "根据条例，现公布我局2023年度政府信息公开工作年度报告。",
    "根据条例，特向社会公布2022年度本级政府（机关）信息公开工作年度报告。",
    "根据条例，现向社会公布本机关2020年度政府信息公开工作年度报告。",
    "根据《澜川市人民政府办公室关于做好2023年政府信息公开工作年度报告编制发布工作的通知》要求，编制本报告。",
    "全市各地各部门根据条例要求编制本报告。",
    "现将2020年度政府信息公开工作报告公布如下：",
    # an office compiles the report of the body it serves: the compiler is not the reporting body
    "本报告根据条例要求，由青溪县人民政府办公室编制。",
    "根据条例规定，由卫生健康局办公室编制本报告。",
])
def test_a_preface_that_names_no_agency_gives_none(text):
    m = meta_of(text + "\n\n一、总体情况\n\n本单位全年主动公开信息。\n")
    assert (m["agency"], m["agency_source"], m["level"]) == (None, None, "unknown")


def test_the_title_outranks_the_preface_for_the_agency():
    m = meta_of("青溪县水利局2022年政府信息公开工作年度报告\n\n现公布澜川市水利局2022年政府信息公开工作年度报告。\n")
    assert (m["agency"], m["agency_source"]) == ("青溪县水利局", "title")


def test_traditional_preface_agency_is_quoted_as_written():
    m = meta_of("根據條例,現公布雲溪市生態(tài)環境局2023年政府信息公開工作年度報告。\n\n一、總體情況\n")
    assert (m["agency"], m["agency_source"], m["level"]) == ("雲溪市生態環境局", "preface", "department")


def test_a_body_named_by_its_organs_gives_a_title_but_no_level():
    m = meta_of("青溪县人民政府机关\n\n2020年政府信息公开工作年度报告\n\n一、总体情况\n")
    assert (m["title"], m["agency"], m["level"]) == ("青溪县人民政府机关2020年政府信息公开工作年度报告",
                                                   "青溪县人民政府机关", "unknown")


@pytest.mark.parametrize("agency, level", [
    # a government reporting with its office, a qualifier, two names of one department
    ("青溪县人民政府（县人民政府办公室）", "government"),
    ("青溪县人民政府(县人民政府办公室)", "government"),
    ("青石镇政府（机关）", "township"),
    ("澜川市发展和改革委员会（市粮食和物资储备局）", "department"),
    # names of different levels: doubtful, so unknown
    ("青溪县人民政府（县财政局）", "unknown"),
    ("澜川市人民政府研究室", "department"),
    ("澜川市人民政府参事室", "department"),
])
def test_level_of_bracketed_and_other_names(agency, level):
    assert level_of(agency) == level


def test_year_where_part_one_opens_after_sub_headings_and_a_list():
    body = ("一、总体情况\n\n（一）主动公开政府信息情况\n\n1、公示领导分工和办事流程。\n\n"
            "2、在村务公开栏公示救助名单。\n\n（二）政府信息依申请公开情况\n\n"
            "{a}年度我街办未接到政府信息公开申请。\n\n（三）行政复议、行政诉讼情况\n\n{b}年本街道未发生行政复议。\n")
    m = meta_of(body.format(a=2020, b=2020))
    assert (m["year"], m["year_source"]) == (2020, "overview")
    assert meta_of(body.format(a=2020, b=2019))["year"] is None  # the lines disagree: no guess


def test_the_year_in_the_quoted_name_of_the_report_being_published():
    m = meta_of("根据条例，现发布《丰川区2021年政府信息公开工作年度报告》。\n\n一、总体情况\n\n（一）强化引领\n\n"
                "一是积极弘扬主旋律。\n")
    assert (m["year"], m["year_source"], m["agency"]) == (2021, "preface", "丰川区")
    # another report quoted without publishing it does not give the year
    m = meta_of("对照《丰川区2021年政府信息公开工作年度报告》提出的问题逐项整改。\n\n一、总体情况\n\n本局公开信息。\n")
    assert (m["year"], m["agency"]) == (None, None)


def test_a_title_wrapped_after_its_year():
    m = meta_of("发布时间:2023-02-03\n\n澜川自治区人民政府办公厅2022\n\n政府信息公开工作年度报告\n\n一、总体情况\n")
    assert (m["title"], m["agency"], m["level"], m["year"], m["year_source"]) == (
        "澜川自治区人民政府办公厅2022政府信息公开工作年度报告", "澜川自治区人民政府办公厅", "department", 2022, "title")


@pytest.mark.parametrize("title, year", [
    ("澜川市财政局2022政府信息公开工作年度报告", 2022),
    ("澜川市财政局政府信息公开工作年度报告（〔2022〕3号）", None),
])
def test_a_bare_year_before_the_report_words(title, year):
    m = year_in_title(title)
    assert (int(m.group(1)) if m else None) == year


def test_a_title_over_two_lines_with_the_year_before_the_agency():
    m = meta_of("2024年青沙区永和街道办事处\n\n政府信息公开工作年度报告\n\n一、总体情况\n")
    assert (m["title"], m["agency"], m["level"], m["year"], m["year_source"]) == (
        "2024年青沙区永和街道办事处政府信息公开工作年度报告", "青沙区永和街道办事处", "township", 2024, "title")
