"""A small tesseract-shaped page, written for this test: wrapped lines with the
indents lost, a byline cut between its names, a blank line inside a sentence,
a photo read as symbols, and a caption that interrupts a paragraph."""
from __future__ import annotations

from proofdesk.analysis import analyze, clean_text
from proofdesk.findings import FindingKind
from proofdesk.page.reading import input_shape
from proofdesk.page.reflow import Shape

P1 = "清晨七点，老街尽头的书店已经亮起了灯。店主把新到的图书一本本摆上书架，又给门口的绿萝浇了水，再把昨天读者留下的便条收进抽屉。"
P2 = "这家书店开了二十多年，去年一度面临关门。街坊们自发组织读书会，每周六下午在店里聚会，书店的客人渐渐多了起来，连隔壁小学的孩子也常来借书。"
P3 = "店主说，书店能留下来，靠的是大家的喜欢。她准备在二楼开一间自习室，让附近的学生放学后有个安静的地方写作业，也欢迎老人来看报纸。"
CAPTION = "图为读者在书店里挑选图书。"


def wrap(text: str, width: int = 14) -> list[str]:
    """Lines of a justified column; the first line is two characters narrower (the
    indent, which the OCR lost)."""
    out, rest = [text[: width - 2]], text[width - 2:]
    while rest:
        out.append(rest[:width])
        rest = rest[width:]
    return out


def page() -> str:
    p2 = wrap(P2)
    p1 = wrap(P1)
    # Tesseract split P1 into two text blocks in mid-sentence, and the column
    # ends inside P2, under which stands the photo and its caption.
    lines = (["小城书店的新生活", "", "本报记者 王", "明", ""] + p1[:3] + [""] + p1[3:] + [""]
             + p2[:4] + ["", "@ 口  ee", "", CAPTION, ""] + p2[4:] + [""] + wrap(P3))
    return "\n".join(lines) + "\n"


def test_the_page_is_read_as_hard_wrapped():
    assert input_shape(page()) is Shape.HARD_WRAPPED


def test_paragraphs_come_back_whole_and_the_noise_goes():
    raw = page()
    a = analyze(raw)
    cleaned = [ln for ln in a.cleaned().text.splitlines() if ln.strip()]
    assert P1 in cleaned  # joined over the blank line inside its sentence
    assert P3 in cleaned
    assert CAPTION in cleaned  # a block of its own
    assert any("".join(ln.split()) == "本报记者王明" for ln in cleaned)
    assert not any("@" in ln or "ee" in ln for ln in cleaned)
    # Each half of the interrupted paragraph is one line at least; joined, when
    # the broken-continuation fix applies.
    half1, half2 = "".join(wrap(P2)[:4]), "".join(wrap(P2)[4:])
    assert any(half1 in ln for ln in cleaned) and any(half2 in ln for ln in cleaned)
    noise = [f for f in a.of_kind(FindingKind.REFLOW) if f.detail("noise")]
    assert len(noise) == 1 and not noise[0].has_fix
    assert raw[noise[0].start:noise[0].end] == "@ 口  ee"


def test_rejecting_everything_gives_the_raw_page():
    raw = page()
    assert analyze(raw).cleaned([]).text == raw


def test_a_line_with_an_acronym_is_text_not_noise():
    from proofdesk.page.reflow import is_noise

    # Lines of the tesseract pages: Latin-heavy, and text all the same.
    for line in ("制LIBS(TSMM-LIBS)”技术方案，实", "AIFS-DOP不以ERA5等再分析资料作为训练目标",
                 "00、中证500、中证1000、中证A50",  # codes: Latin beside digits
                 # a paragraph's or clause's last printed line, however short
                 "种。”", "题。", "系”。", "系，”", "2年。", "A股。", "5G。", "说：“", "促——", "。”", "（完）"):
        assert not is_noise(line), line
    # A photo's speckle stays noise: stray letters and symbols around a character.
    for line in ("@ ES @ 全  生生", "时 eedeo", "2 oo。 2。 人", "@@eee", "2oo。2。人", "。", "”ee@了@e”",
                 "四  大     全  ”", "ee人。", "eeee站ee。", "9。。", "2。",
                 "。 。。。 。", "】 。 ，。"):  # marks spread out with nothing they mark (seed 703)
        assert is_noise(line), line


def test_a_sentence_end_set_below_a_caption_joins_its_paragraph():
    # A tesseract page (seed 705): the photo's caption came out between the
    # column's last line and the end of its sentence, 种。”, which used to go
    # as noise, joining the paragraph to the next one.
    raw = ("值得注意的是，部分企业还面临小币种结\n算问题。外汇专家指出，“这些币种汇率\n"
           "波动剧烈，汇兑损失风险显著高于主流币\n\n图为当地群众在新建成的广场上休闲健身。\n种。”\n\n"
           "瞄准中小微企业痛点，多家银行建立起专\n项服务机制。小币种避险产品创新，成为\n今年银行的发力焦点。\n")
    out = clean_text(raw)
    assert "显著高于主流币种。”\n" in out
    assert "\n瞄准中小微企业痛点，多家银行" in out
    assert "图为当地群众在新建成的广场上休闲健身。" in out


def test_a_short_page_of_printed_lines_is_hard_wrapped_however_many_lines_are_short():
    from proofdesk.page.reflow import PageStats, is_hard_wrapped

    # A four-column article of 19 lines read by PaddleOCR's models: a third of the
    # lines are full, most stop mid-sentence (the title, the byline and the
    # paragraphs' last lines are the short ones).
    assert is_hard_wrapped(PageStats(width=14.0, share_full=0.33, share_open=0.72), 19)
    # Short lines that mostly end their sentences, or lines as long as paragraphs, are not printed lines.
    assert not is_hard_wrapped(PageStats(width=14.0, share_full=0.33, share_open=0.45), 19)
    assert not is_hard_wrapped(PageStats(width=191.0, share_full=0.06, share_open=0.9), 60)


def _cut_page(rest: str) -> str:
    # Tesseract's whole-page layout cuts the columns into blocks and
    # interleaves them: a paragraph stops mid-word (综合运用兼), and next comes
    # a printed line of another column (read as a heading: no punctuation),
    # then a block that may or may not go on with the sentence.
    lines = ["业内人士认为，减量只是表象，真正", "的核心是提质。今年以来，各地有序推进",
             "地方中小金融机构改革化险工作，按照市", "场化、法治化原则，综合运用兼", "",
             "质量发展纳入全省经济社会发展", "",
             rest, "多种方式稳妥处置中小银行风险。", "",
             "此前，云南金融监管局发布了曲靖沾益兴", "福村镇银行吸收合并上述3家村镇银行的", "批复。"]
    return "\n".join(lines) + "\n"


def test_printed_lines_are_not_joined_over_a_heading_without_a_word_across_the_break():
    # Before, this was joined (confidence 0.7) and the other column's line moved away.
    raw = _cut_page("为当地群众提供了更加便捷高效的服务，")
    a = analyze(raw)
    assert not a.of_kind(FindingKind.CONTINUATION)
    lines = a.cleaned().text.splitlines()
    assert lines[0].endswith("综合运用兼") and lines[1] == "质量发展纳入全省经济社会发展"
    assert lines[2].startswith("为当地群众")


def test_printed_lines_are_joined_over_a_heading_when_a_word_spans_the_break():
    raw = _cut_page("并重组、市场退出等多种方式稳妥处置，")
    joins = analyze(raw).of_kind(FindingKind.CONTINUATION)
    assert len(joins) == 1 and joins[0].detail("word") == "兼并"
    out = clean_text(raw).splitlines()
    assert "综合运用兼并重组、市场退出" in out[0]
    assert out[1] == "质量发展纳入全省经济社会发展"  # moved after the paragraph it interrupted


def test_a_photos_specks_beside_a_line_go_and_its_sentence_runs_on():
    # tesseract's page layout (a held-out page of ours): the photo beside the
    # column was read onto the line past a wide gap, and its 。 ended the
    # sentence there, so the paragraph broke mid-word (隧 | 道) and the specks stayed.
    raw = ("江苏探索科技成果高效转化应用新途径\n\n"
           "在没有定位信号的受限环境中，无人机\n如何智能辨识方向、自主避障？近日，\n"
           "6月11日，在江苏宜兴的一处隧     se ee。\n道内，一架搭载检测探头的无人机，伸\n"
           "出专用空鼓锤连续敲击壁面，数据传给     WMO\n隧道衬砌空鼓病害检测系统。\n")
    a = analyze(raw)
    noise = [f for f in a.of_kind(FindingKind.REFLOW) if f.detail("noise")]
    assert len(noise) == 1 and [raw[s.start:s.end] for s in noise[0].spans] == ["se ee。"]
    out = a.cleaned().text
    assert "在江苏宜兴的一处隧道内，一架搭载检测探头的无人机" in out
    assert "se ee" not in out
    assert "WMO" in out  # an acronym past a gap is text, however alone it stands
    assert a.cleaned([]).text == raw


def test_a_wide_gap_is_one_after_text_not_an_indent():
    from proofdesk.page.reading import _has_wide_gap

    assert not _has_wide_gap("\u3000\u3000清晨七点，老街\n尽头的书店\n\u3000\u3000店主说")  # indents only
    assert not _has_wide_gap("2024 年 6 月\n")  # single spaces
    for text in ("一处隧     se ee。\n", "\u3000\u3000清晨\n一处隧\u3000\u3000\u3000\u3000有\n", "甲  \u3000 乙", "@    无人机"):
        assert _has_wide_gap(text), text


def test_the_rest_of_a_cut_sentence_that_looks_like_a_title_joins_over_a_caption():
    # A tesseract page (seed 606): a column block ends mid-sentence, its rest is
    # one line without a mark (a title by its looks), and a photo's caption
    # stands between that line and the sentence's end. As the rest of a cut
    # sentence the line is body text, and it joins over the caption.
    raw = ("零差错，带领团队攻坚克难，为高山\n气象业务提质增效、防灾减灾做出突\n"
           "出贡献。针对设备覆冰、断水、雷击\n等制约高山气象观测质量的“老大难”\n"
           "问题，他牵头研发风向风速传感器保\n温防冻结装置，推进防雷改造，破解\n"
           "高海拔台站关键设备稳定运行的技术\n瓶颈。为满足公众气象服务需求，他\n"
           "在全省率先推出雨雾凇、云海等高山\n景观气象预报服务，带领团队研发全\n"
           "国首个气象景观自动追踪识别系统。\n\n他还推动建成九仙山气象站文化馆，\n\n"
           "该馆被列为中共泉州市委党校和德化\n\n5月12日，技术人员在实验室调试仪器。\n\n"
           "县委党校现场教学点，成为锤炼党性、\n传承优良作风的重要平台。此前，他\n"
           "曾获评全国气象部门优秀共产党员、\n福建省职工职业道德建设先进个人。\n")
    out = clean_text(raw).splitlines()
    assert "他还推动建成九仙山气象站文化馆，该馆被列为中共泉州市委党校和德化县委党校现场教学点，" in out[1]
    assert out[2] == "5月12日，技术人员在实验室调试仪器。"


def test_a_line_that_fills_the_column_alone_between_blank_lines_is_cut_body_text():
    # Seed 324: tesseract put a blank line inside a sentence, right after a
    # line that fills the column (老人赵 | 中莲, a name). A line standing
    # alone reads as a heading, and headings join only over a word across
    # the break; but a paragraph's first line, a subhead's too, is its indent
    # short: one that fills the column is the middle of a paragraph.
    # A subhead two ems short stays apart (seed 1008).
    raw = ("“老人家，雨还要下大，我们现在\n就转移。”\n\n社区干部和志愿者们敲开73岁老人赵\n\n"
           "中莲的家门。老人腿脚不便，望着窗外\n的雨有些犹豫：“我走不了，怎么出去\n"
           "？”社区干部一边安抚，一边把老人背\n下了楼，送上了转移的车辆，又折返回\n"
           "去帮他关好门窗，检查了阀门。\n\n智能走出了一条人类没想到的新路\n\n"
           "此次参与研究的“平面单位距离问\n题”，是组合几何中的经典难题，数学\n"
           "家们为此努力了几十年，进展一直缓慢\n。\n")
    out = clean_text(raw).splitlines()
    assert "社区干部和志愿者们敲开73岁老人赵中莲的家门。" in out[1]
    assert "智能走出了一条人类没想到的新路" in out
