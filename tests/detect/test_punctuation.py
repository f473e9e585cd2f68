"""OCR punctuation and spacing inside Chinese text; credits and banners keep their spaces."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.analysis import analyze
from proofdesk.detect.punctuation import nested_quote_fixes, punctuation_fixes, quote_fixes, space_fixes
from proofdesk.findings import FindingKind


def _fix(text: str) -> str:
    a = analyze(text)
    kinds = (FindingKind.PUNCT, FindingKind.SPACE)
    return a.cleaned([f.id for f in a.findings if f.kind in kinds]).text


def test_half_width_marks_in_chinese_text_become_full_width():
    raw = "西南地区的旧石器越来越多,长江流 域日益支撑起史前考古的新天地……祝贺!”2024 年度全国十大考古新发现公布后, 一位考古人发出感叹｡皮洛､濛溪河等遗址还有大量工作要做｡\n"
    out = _fix(raw)
    assert "越来越多，长江流域日益" in out
    assert "祝贺！”2024年度" in out
    assert "公布后，一位" in out
    assert "感叹。皮洛、濛溪河" in out
    assert "," not in out and "｡" not in out


def test_latin_and_numbers_stay():
    raw = "增长3.9%，APP用户达1,000万。X波段雷达功率400MW/800MW，产量4.5万吨，会议10:30开始。\n"
    assert _fix(raw) == raw


def test_dashes_and_ranges():
    text = "评估方案（2021一2025年）提出"
    assert punctuation_fixes(text) == {text.index("一"): (1, "—")}
    text = "从“单点缓堵”迈向“路网增效”--"
    assert punctuation_fixes(text)[len(text) - 2] == (2, "——")
    # 一一 as the word "one by one" stays.
    assert punctuation_fixes("他一一回答了记者的问题") == {}


def test_a_dash_read_as_a_hyphen_and_the_character_yi():
    # How tesseract reads —— on our pages (the gold has —— in each).
    for text, dash in (("凝结为一句话-一真正的自由", "-一"), ("湿状态-一直烟如", "-一"), ("续深耕一-上海气象", "一-"),
                       ("全国统一-一上海率先", "-一")):  # 统一 is a word: its 一 stays
        assert punctuation_fixes(text) == {text.index(dash): (2, "——")}, text
    # A hyphen between Latin or digits is no dash; nor is one after a word ending in 一.
    for text in ("型号为T-1的设备", "实现全国统一-标准化管理"):
        assert punctuation_fixes(text) == {}, text


def test_ascii_quotes_pair_with_curly_ones():
    text = '院(以下简称“厄特孔院")举办"喜迎新年"中国歌舞比赛'
    q = quote_fixes(text)
    assert [text[i] for i in q] == ['"', '"', '"']
    assert list(q.values()) == ["”", "“", "”"]


def test_credit_and_banner_keep_their_spaces():
    raw = ("走在前 勇争先 建设“两区两城两高地” 大抓招商引资\n"
           "2月6日，山西省第十四届人民代表大会第五次会议在太原胜利闭幕。\n"
           "山西日报记者 史晓波 摄\n")
    a = analyze(raw)
    assert not [f for f in a.findings if f.kind is FindingKind.SPACE]
    assert space_fixes("山西日报记者 史晓波 摄", keep=(0, 12)) == []


def test_lost_opening_quote_is_proposed_at_sentence_start(shared):
    raw = (shared / "samples" / "seed-page.raw.txt").read_text("utf-8")
    a = analyze(raw)
    props = [f for f in a.of_kind(FindingKind.PUNCT) if f.detail("problem") == "unbalanced-quote" and f.has_fix]
    assert props
    cleaned = a.cleaned([f.id for f in props]).text
    assert "精细化。“我们对原有绿波路段" in cleaned


def test_a_question_mark_read_as_a_closing_quote_becomes_one():
    # Tesseract pages of our own: the ？ of a question read as ”, a new sentence right after it.
    page = ("起草文稿，先问自己：这份文稿要解决什么问题？听者真正需要的是什么”这些追问让我在工作中获得了清醒。\n"
            "为何在长江三峡开辟水运新通道”长江是全球内河运输最繁忙的河流。\n")
    a = analyze(page)
    fixes = [f for f in a.of_kind(FindingKind.PUNCT) if f.detail("problem") == "question-mark"]
    assert len(fixes) == 2
    cleaned = a.cleaned().text
    assert "需要的是什么？这些追问" in cleaned and "新通道？长江是" in cleaned and "“" not in cleaned


def test_a_lost_opening_quote_is_no_question_mark():
    # No question in the clause, or a mark after the ”: the quotation's opening mark was lost.
    for page in ("他说，这就是我们的黄金水道”的由来。\n", "大家都问为什么是黄金水道”，答案很简单。\n"):
        a = analyze(page)
        assert not [f for f in a.of_kind(FindingKind.PUNCT) if f.detail("problem") == "question-mark"]
        assert "”" in a.cleaned().text


def test_news_0003_gets_its_punctuation(shared):
    raw = (shared / "corpus" / "raw" / "news-0003.txt").read_text("utf-8")
    out = _fix(raw)
    assert "｡" not in out and "､" not in out
    assert "2024 年" not in out and "长江流 域" not in out
    assert "本报记者 周飞亚" in out  # a byline line of its own keeps its space


# 一 (U+4E00) is left out: at a block edge 一一 is read as a dash on purpose.
CJK = st.characters(min_codepoint=0x4E01, max_codepoint=0x4FFF)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(CJK, min_size=2, max_size=12), min_size=2, max_size=6))
def test_fixes_only_touch_punctuation_and_spaces(parts):
    raw = " ".join(parts) + "," + "｡\n"
    out = _fix(raw)
    squash = lambda s: "".join(c for c in s if "\u4e00" <= c <= "\u9fff")  # noqa: E731
    assert squash(out) == squash(raw)


def test_unbalanced_half_width_bracket_is_flagged_where_it_stands():
    raw = "会议通过了方案(草案，并决定下月实施。\n"
    a = analyze(raw)
    flags = [f for f in a.of_kind(FindingKind.PUNCT) if f.detail("problem") == "unbalanced-bracket"]
    assert len(flags) == 1 and raw[flags[0].start] == "("


def test_brackets_around_latin_follow_the_page():
    # Where the other marks came through half-width, the brackets did too.
    ocr = "当地时间6月2日,世界气象组织(WMO)在瑞士日内瓦发布通报,晶丰明源(688368.SH)同日公告。\n"
    assert _fix(ocr) == "当地时间6月2日，世界气象组织（WMO）在瑞士日内瓦发布通报，晶丰明源(688368.SH)同日公告。\n"
    # A page set with full-width marks keeps the half-width brackets it chose.
    clean = "风暴相对螺旋度(SRH)是预报龙卷的重要指标，政府间气候变化专门委员会(IPCC)也有论述。\n"
    assert _fix(clean) == clean
    # Chinese inside half-width brackets is always damage.
    assert _fix("全国31个省(自治区、直辖市)设有考点。\n") == "全国31个省（自治区、直辖市）设有考点。\n"


def test_a_mark_ending_a_printed_line_is_fixed_with_the_reflow():
    """tesseract writes one printed line per line: the fix of a half-width
    mark at a line end must not reach over the line break the reflow removes."""
    lines = ["6月11日，中证指数正式发布中证智", "选港股通红利低波动策略指数;", "国证指数发布公告称，为反映港股", "通范围内顺周期核心领域的表现。"]
    raw = "\n".join(lines * 3) + "\n"
    out = analyze(raw).cleaned().text
    assert "指数;" not in out and "策略指数；国证指数" in out


def test_a_quotation_inside_a_quotation_takes_single_marks(shared):
    raw = "古特雷斯在视频中表示：“厄尔尼诺条件将为全球变暖“火上浇油”。其影响将更为广泛。”\n"
    assert _fix(raw) == "古特雷斯在视频中表示：“厄尔尼诺条件将为全球变暖‘火上浇油’。其影响将更为广泛。”\n"
    # Marks that do not close in order say nothing about nesting.
    assert _fix("他说：“我们“一定要去。\n") == "他说：“我们“一定要去。\n"
    # No paragraph of the corpus articles nests double marks.
    for path in (shared / "corpus" / "articles").glob("*.txt"):
        for line in path.read_text("utf-8").splitlines():
            assert nested_quote_fixes(line) == {}, line


def test_an_opener_closed_by_a_round_bracket_is_a_round_one(shared):
    assert _fix("台风“白海豚”近中心最大风力13级〈40米/秒），中心附近风力较大。\n") == \
        "台风“白海豚”近中心最大风力13级（40米/秒），中心附近风力较大。\n"
    assert _fix("《上接第一版)业务人员根据预报结果调整探空气球的施放时间。\n") == \
        "（上接第一版）业务人员根据预报结果调整探空气球的施放时间。\n"
    # Titles keep their marks: 《人民日报》.
    assert _fix("据《人民日报》报道，该条例已施行。\n") == "据《人民日报》报道，该条例已施行。\n"
    for path in (shared / "corpus" / "articles").glob("*.txt"):
        for line in path.read_text("utf-8").splitlines():
            assert not [i for i in punctuation_fixes(line) if line[i] in "〈《"], line


def test_titles_take_full_width_marks_and_keep_their_spaces():
    # Titles of tesseract pages; a banner's space is the typesetter's.
    raw = ("走在前 勇争先\n台风如何“搓”出龙卷?\n金刚石散热:“概念炒作”还是“量产前夜”\n"
           "本报讯 台风登陆时，除了带来狂风暴雨，其外围螺旋雨带中还可能生成龙卷。\n")
    out = _fix(raw)
    assert "台风如何“搓”出龙卷？\n" in out
    assert "金刚石散热：“概念炒作”还是“量产前夜”\n" in out
    assert out.startswith("走在前 勇争先\n")


def test_the_dot_of_a_foreign_name_read_as_an_apostrophe():
    text = "副主席帕蒂' 柯林斯说，秘书长安东尼奥'古特雷斯表示"
    assert punctuation_fixes(text) == {text.index("'"): (2, "·"), text.rindex("'"): (1, "·")}
    assert punctuation_fixes("It's a test, 中文") == {}


def test_a_quotation_inside_a_quotation_nests_across_a_column_cut():
    # The paragraph is cut by a photo's caption; the outer quotation opens in
    # the first half and closes in the second, the inner one lies in between.
    raw = ("他在声明中表示：“厄尔尼诺条件将为全球变暖“火上浇油”，其影响将持续到明年，各国\n\n"
           "图为当地群众在新建成的广场上休闲健身。\n\n"
           "应当提前做好准备。”他同时呼吁加强预警。\n")
    out = _fix(raw)
    assert "全球变暖‘火上浇油’，其影响将持续到明年，各国" in out
    assert "做好准备。”他同时" in out


def test_no_space_beside_a_full_width_mark():
    raw = "减持1,434,321股 〈占总股本比例1%) ，投资合伙企业 （有限合伙）表示： “概念炒作”还是 FIFA （国际足联）。\n"
    out = _fix(raw)
    assert "股（占总股本比例1%），投资合伙企业（有限合伙）表示：“概念炒作”还是 FIFA（国际足联）。" in out


def test_a_titles_space_beside_a_mark_goes_and_its_other_spaces_stay():
    out = _fix("走在前 勇争先\n松风煮暑： 皖南大暑里的农事与诗心\n金刚石散热: 概念炒作\n"
               "本报讯 台风登陆时，除了带来狂风暴雨，还可能生成龙卷。\n")
    assert out.startswith("走在前 勇争先\n松风煮暑：皖南大暑里的农事与诗心\n金刚石散热：概念炒作\n")
