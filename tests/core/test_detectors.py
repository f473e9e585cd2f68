"""Each detector on small pages written for the purpose."""
from proofdesk.analysis import analyze, clean_text
from proofdesk.findings import FindingKind

P1 = "市里今年新建了三座公园，绿地面积比去年增加了一成。园林部门表示，新公园都配有健身步道和儿童游乐区，方便周边居民就近休闲。"
P2 = "据了解，明年还将继续推进口袋公园建设，让市民出门五百米就能见到绿色。"
HEAD = "城市绿地面积持续增加"


def lines(text):
    return [ln for ln in text.splitlines() if ln.strip()]


def test_clean_page_is_left_alone():
    raw = f"{HEAD}\n\n{P1}\n\n{P2}\n"
    a = analyze(raw)
    assert not [f for f in a.findings if f.has_fix and f.kind is not FindingKind.LAYOUT]
    assert lines(clean_text(raw)) == [HEAD, P1, P2]


def test_cut_mid_word_is_joined():
    cut = P1.index("健身") + 1  # 健|身
    raw = f"{HEAD}\n\n{P1[:cut]}\n\n{P1[cut:]}\n\n{P2}"
    assert lines(clean_text(raw)) == [HEAD, P1, P2]


def test_caption_and_credit_inside_a_sentence_move_after_the_paragraph():
    cut = P1.index("方便") + 2
    cap, credit = "3月2日，市民在新建的公园里散步。", "本报记者 王小明 摄"
    raw = f"{P1[:cut]}\n\n{cap}\n\n{credit}\n\n{P1[cut:]}\n\n{P2}"
    out = lines(clean_text(raw))
    assert out == [P1, cap, credit, P2]
    cont = analyze(raw).of_kind(FindingKind.CONTINUATION)
    assert len(cont) == 1 and cont[0].detail("moved") == "2"


def test_tail_repeat_is_removed_once():
    tail = P1[P1.index("园林部门"):]
    raw = f"{P1}\n\n{tail}\n\n{P2}"
    out = clean_text(raw)
    assert out.count("园林部门表示") == 1 and lines(out) == [P1, P2]


def test_tail_repeat_between_the_halves_of_a_cut_sentence():
    cut = P1.index("儿童") + 1
    first = P1[:cut]
    raw = f"{first}\n\n{first[-30:]}\n\n{P1[cut:]}\n\n{P2}"
    assert lines(clean_text(raw)) == [P1, P2]


def test_orphaned_copy_goes_and_the_continuing_copy_stays():
    other = "另一则消息：本市图书馆延长开放时间，周末开放到晚上九点，方便读者借阅。"
    cut = P1.index("新公园") + 1
    second = P1[cut:]
    raw = f"{other}\n\n{second}\n\n{HEAD}\n\n{P1[:cut]}\n\n{second}\n\n{P2}"
    out = lines(clean_text(raw))
    assert out == [other, HEAD, P1, P2]


def test_near_duplicate_with_ocr_differences_is_found():
    copy = P2.replace("推进", "推迸").replace("绿色", "緑色")
    raw = f"{P1}\n\n{P2}\n\n{copy}"
    dups = analyze(raw).of_kind(FindingKind.DUPLICATE)
    assert len(dups) == 1
    assert lines(clean_text(raw)) == [P1, P2]


def test_repeated_short_headline_is_not_a_duplicate():
    raw = f"{HEAD}\n\n{P1}\n\n{HEAD}\n\n{P2}"
    assert not analyze(raw).of_kind(FindingKind.DUPLICATE)


def test_jump_marker_is_recorded_and_never_joined():
    raw = f"{P1[:-1]}，\n\n（下转第二版）\n\n{HEAD}\n\n本报讯（记者李明）{P2}"
    a = analyze(raw)
    jumps = a.of_kind(FindingKind.JUMP)
    assert [(j.detail("direction"), j.detail("page")) for j in jumps] == [("to", "二")]
    out = lines(a.cleaned().text)
    assert "（下转第二版）" in out


def test_headline_and_glued_subhead_are_not_joined():
    glued = P1 + "绿色发展成效明显"
    raw = f"{HEAD}\n\n{glued}\n\n近年来，本市持续推进生态建设，城市环境明显改善。"
    assert lines(clean_text(raw)) == lines(raw)


def test_paragraph_ending_with_colon_is_not_joined():
    raw = f"{P1[:-1]}，主要措施如下：\n\n“一是扩大绿地，二是建设步道。”"
    assert lines(clean_text(raw)) == lines(raw)


def test_look_alike_characters_are_corrected_only_where_a_word_says_so():
    raw = "他己经来到这里，未来几年将进人新的阶段，エ作任务很重。人民群众的收入稳步增长，2O24年效果明显。"
    out = clean_text(raw).strip()
    assert out == "他已经来到这里，未来几年将进入新的阶段，工作任务很重。人民群众的收入稳步增长，2024年效果明显。"


def test_shapes_tesseract_misreads_on_our_pages_are_corrected_where_a_word_says_so():
    # Read from our typeset pages (written -> gold); the other way, and where
    # the written reading is a word, nothing changes.
    raw = ("拓展新兴市场后，泰铁、印尼盾等小币种结算增多，雨带履盖多个县区。平台措建高效渠道，"
           "短时闻内完成转换，游客可以品党美食。")
    assert clean_text(raw).strip() == ("拓展新兴市场后，泰铢、印尼盾等小币种结算增多，雨带覆盖多个县区。"
                                       "平台搭建高效渠道，短时间内完成转换，游客可以品尝美食。")
    kept = "高温高湿的天气里，党员干部搭建帐篷，时间紧、任务重，覆盖全县。"
    assert clean_text(kept).strip() == kept


def test_findings_carry_both_languages_and_confidence():
    cut = P1.index("健身") + 1
    raw = f"{P1[:cut]}\n\n{P1[cut:]}"
    for f in analyze(raw).findings:
        assert f.message_zh and f.message_en and 0 < f.confidence <= 1
        assert all(0 <= s.start <= s.end <= len(raw) for s in f.spans)


def test_a_function_word_read_twice_is_reduced_but_doubled_words_stay():
    raw = "我们的的目标是常常去看看，实实在在地工作，关注标的的特定性。"
    assert clean_text(raw).strip() == "我们的目标是常常去看看，实实在在地工作，关注标的的特定性。"


def test_undecodable_characters_are_flagged_not_guessed():
    raw = "黄鸣飞表示\ufffd今年的工作很重要。"
    flags = [f for f in analyze(raw).of_kind(FindingKind.CHAR) if f.detail("problem") == "garbled"]
    assert len(flags) == 1 and not flags[0].has_fix
    assert "\ufffd" in clean_text(raw)


def test_articles_of_laid_out_and_of_raw_spaced_text_agree():
    from proofdesk.page.articles import parse_articles

    raw = (f"{HEAD}\n\n本报讯（记者李明）{P1}\n\n{P2}\n\n3月2日，市民在公园里散步。\n\n本报记者 王小明 摄\n\n"
           "另一则新闻的标题\n\n本报讯（记者张红）图书馆延长开放时间，周末开放到晚上九点。")
    laid_out = clean_text(raw)
    for text in (raw, laid_out):
        arts = parse_articles(text)
        assert [a.headline for a in arts] == [HEAD, "", "另一则新闻的标题"], text
        assert arts[0].byline == "本报讯（记者李明）" and len(arts[0].paragraphs) == 2
        assert arts[1].captions == [{"text": "3月2日，市民在公园里散步。", "credit": "本报记者 王小明 摄"}]


def test_a_look_alike_right_at_a_cut_is_seen_across_the_join():
    raw = "可以试着把担心的事写在纸上，然后对自\n\n已说：“这些事明天再处理”，起到暗示的作用。"
    assert clean_text(raw).strip() == "可以试着把担心的事写在纸上，然后对自己说：“这些事明天再处理”，起到暗示的作用。"


def test_print_look_alikes_are_corrected_and_common_words_left_alone():
    raw = "记者自前从有关部门获悉，表现干分优秀，令年以来进展顺利。十分重要，自己的目标，干部队伍，于是今天。"
    assert clean_text(raw).strip() == ("记者目前从有关部门获悉，表现十分优秀，今年以来进展顺利。"
                                       "十分重要，自己的目标，干部队伍，于是今天。")


def test_a_title_dropped_into_a_cut_sentence_moves_after_the_joined_paragraph():
    first = "要坚守安全环保底线，严格落实安全生产责任。要深化企地共建共享，支持企业"
    rest = "参与乡村振兴、民生改善等事业，推动企业发展成果更多惠及地方百姓。"
    banner = "走在前 勇争先 大抓招商引资"
    raw = f"{first}\n\n{banner}\n\n{rest}\n\n本报讯（记者牛惠）2月5日，我市举行会商座谈。"
    assert lines(clean_text(raw))[:2] == [first + rest, banner]


def test_a_paragraph_after_a_title_that_opens_like_a_paragraph_is_not_joined():
    raw = (f"{P1[:-1]}，\n\n城市绿地面积持续增加\n\n近年来，本市持续推进生态建设，城市环境明显改善。")
    assert lines(clean_text(raw)) == lines(raw)


def test_subhead_quoting_the_article_is_kept(shared):
    """People's Daily sets quotations from the article as subheads
    ("“学好中文，我们的未来不是梦”" over a paragraph that ends "学好中文，我们的未来不是梦！”"):
    the words stand twice on purpose, and neither copy may go."""
    silver = (shared / "corpus" / "raw" / "news-0001.silver.txt").read_text("utf-8")
    a = analyze(silver)
    assert not a.of_kind(FindingKind.DUPLICATE)
    subheads = [b for b in a.blocks if b.text in ("“学好中文，我们的未来不是梦”", "“在中国学习的经历让我看到更广阔的世界”")]
    assert len(subheads) == 2 and all(b.kind.is_heading for b in subheads)
    # A quotation that closes its sentence is speech, not a subhead.
    quote = "“我们一定要到中国去。”"
    assert analyze(f"{HEAD}\n\n{P1}\n\n{quote}\n\n{P2}").blocks[2].kind.is_body


def test_a_headline_that_restates_the_lead_is_kept():
    """A tesseract page: the headline restates the lead, whose paragraph the
    column cuts. The title is no orphaned copy of the lead."""
    title = "九仙山气象站站长陈为德获评全国优秀共产党员"
    page = [title, "", "本报讯 记者 阎辰宇 报道7月1日，", "庆祝中国共产党成立105周年大会在",
            "北京人民大会堂隆重举行。大会对1", "49名全国优秀共产党员、150名全国",
            "优秀党务工作者、399个全国先进基", "层党组织进行表彰。福建省德化县九",
            "仙山气象站党支部书记、站长陈为德", "获评全国优秀共产党员，并作为全国", "",
            "“两优一先”代表上台领奖。"]
    a = analyze("\n".join(page) + "\n")
    assert not a.of_kind(FindingKind.DUPLICATE)
    assert lines(a.cleaned().text)[0] == title


def test_an_ordinal_cut_from_its_number_is_joined():
    first = "该片采用油画逐帧动画技术，直观感受火星荒原环境，体验人类探索精神。该片获得第"
    rest = "18届中美电影节“金天使奖”最佳微电影一等奖。"
    cap = "5月12日，技术人员在实验室调试仪器。"
    assert lines(clean_text(f"{HEAD}\n\n{first}\n\n{cap}\n\n{rest}\n\n{P2}\n")) == [HEAD, first + rest, cap, P2]
    # Without a photo between them: a paragraph may open with a number, but not after 第.
    assert lines(clean_text(f"{HEAD}\n\n{first}\n\n{rest}\n\n{P2}\n")) == [HEAD, first + rest, P2]


def test_a_lone_subhead_or_a_caption_inside_an_article_opens_no_new_one():
    from proofdesk.page.articles import parse_articles

    # One article (a tesseract page's): its section titles stand alone between paragraphs.
    raw = ("省部共建结硕果之江气象启新篇\n\n本报记者 简菊芳\n\n" f"{P1}\n\n"
           "高位推动气象工作深度融入治理大局\n\n" f"{P2}\n\n" "图为当地群众在新建成的广场上休闲健身。\n\n"
           "科技创新驱动业务能力整体跃升\n\n"
           "气象部门新建了十二部雷达，预报准确率比五年前提高了三个百分点。\n")
    cleaned = clean_text(raw)
    assert "\n\n" not in cleaned.strip()
    arts = parse_articles(cleaned)
    assert len(arts) == 1
    assert arts[0].subheads == ["高位推动气象工作深度融入治理大局", "科技创新驱动业务能力整体跃升"]
    # A photo's caption in it is the article's too.
    assert [c["text"] for c in arts[0].captions] == ["图为当地群众在新建成的广场上休闲健身。"]
    assert len(arts[0].paragraphs) == 3


def test_ai_read_with_a_small_l_is_corrected_and_latin_words_stay():
    # Lines of the tesseract pages: OCR reads the capital I of AI as a small l.
    raw = "如今Al算力持续增长，利用Al生成的内容增多，人工智能（Al）技术。其Alpha模型也已发布。"
    assert clean_text(raw).strip() == "如今AI算力持续增长，利用AI生成的内容增多，人工智能（AI）技术。其Alpha模型也已发布。"


def test_a_paragraph_that_words_a_sentence_its_own_way_is_no_copy():
    # A generated page (seed 3555): two articles on one story. The shorter
    # paragraph shares most of its characters with a sentence of the other,
    # but says 梳理发现 where the other says 据上市公司公告不完全统计.
    other = ("《证券日报》记者据上市公司公告不完全统计，截至6月11日记者发稿，6月份以来累计已有21家上市公司调整了定增方案，"
             "将锁价定增改为竞价定增；5月份以来，A股新增的定增预案均采用竞价发行，无锁价发行方案。")
    own = "《证券日报》记者梳理发现，截至6月11日，已经有21家上市公司调整了锁价定增"  # cut at a column end
    raw = (f"定增方案密集调整\n\n{other}\n\n市场人士表示，竞价发行更有利于保护中小投资者的利益。\n\n{own}\n\n"
           "方案。从定增进展来看，5家提交注册，2家通过交易所审核。\n")
    out = clean_text(raw)
    assert own + "方案。" in out and other in out


def test_a_paragraph_copied_before_its_article_and_parted_by_a_photo_keeps_its_end():
    # The copy before the article is the orphan; the article's paragraph is
    # cut by a photo. The short second half is a copy of the orphan's end too,
    # but once the orphan goes it is the only one left.
    para = ("清代《帝京岁时纪胜》中记载了谚语“骑秋一场雨，遍地出黄金”，立秋前后的降雨对秋粮生长十分有利。"
            "此时玉米正处在灌浆的关键时期，大豆也进入鼓粒阶段，土壤墒情直接决定着籽粒是否饱满，"
            "一场及时的透雨往往能让亩产提高一成以上。农技人员介绍，今年入夏以来全县降水偏少四成，"
            "部分坡地已经出现旱象，这次降雨来得正是时候。不过专家提醒，若出现极端强降雨，反而可能造成渍涝害，损伤作物。")
    cut = para.index("能造成渍涝害")
    raw = "\n\n".join([para, "透雨润秋田", "本报讯（记者周明）近日，我县多个乡镇迎来降雨，旱情得到缓解。",
                       para[:cut], "8月2日，农户在田间查看玉米长势。", para[cut:],
                       "县农业部门提醒，雨后要及时排查田间积水，做好病虫害防治。"]) + "\n"
    out = clean_text(raw)
    assert out.count("能造成渍涝害，损伤作物。") == 1
    assert out.count("骑秋一场雨") == 1
