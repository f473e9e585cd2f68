"""Block roles from shape and neighbours."""
import pytest

from proofdesk.page.blocks import BlockKind, split_blocks
from proofdesk.page.classify import CREDIT_RE, classify, heading_like, inline_credit


@pytest.mark.parametrize("credit", [
    "山西日报记者 史晓波 摄", "本报记者 李阳鸿 摄", "新华社发", "新华社记者 李贺 摄", "（新华社发）",
    "资料图片", "视觉中国供图", "受访者供图", "图/张三", "张三/摄", "摄影：张三", "特约摄影 林芳丽 摄",
    "本报记者 李阳鸿 通讯员 张三 摄", "新华社发（王鹏 摄）", "图片由当地政府提供",
])
def test_photo_credits_are_recognised(credit):
    assert CREDIT_RE.match(credit)


@pytest.mark.parametrize("text", ["记者从市公安局获悉", "本报记者近日走访发现", "这是一个很长的句子" * 4])
def test_prose_is_not_a_credit(text):
    assert not CREDIT_RE.match(text)


def test_credit_at_the_end_of_a_caption():
    cap = "2月4日，工人们加紧生产，全力保障春节市场供应。本报记者 李阳鸿 摄"
    start, credit = inline_credit(cap)
    assert credit == "本报记者 李阳鸿 摄" and cap[start:].strip() == credit


@pytest.mark.parametrize("title", [
    "省十四届人大五次会议胜利闭幕", "通过政府工作报告、“十五五”规划纲要等决议", "多维并进，畅通节气文化传播渠道",
    "台风如何“搓”出龙卷？", "给黑土地做体检，施肥更精细（经济聚焦·农田里的新鲜事）",
])
def test_titles_look_like_titles(title):
    assert heading_like(title)


@pytest.mark.parametrize("text", [
    "据了解，兴福村镇", "以往写材料，常常陷入套用框架、堆砌辞藻的", "“春雨惊春清谷天”，当童声诵读",
    "5月28日，辽宁金融", "这是一句完整的话。", "译：何静怡张丽亚）",
])
def test_fragments_of_sentences_do_not(text):
    assert not heading_like(text)


def test_roles_on_a_small_page():
    raw = ("走在前 勇争先 建设“两区两城两高地”\n\n招强引优 积聚发展动能\n\n——潞州区全力抓招商上项目\n\n"
           "本报讯（记者刘晓晓）立春时节，项目建设现场机械轰鸣，工人们紧张作业。\n\n"
           "2月6日，会议在太原胜利闭幕。\n\n山西日报记者 史晓波 摄\n\n（下转第二版）")
    blocks = split_blocks(raw)
    classify(blocks)
    assert [b.kind for b in blocks] == [
        BlockKind.BANNER, BlockKind.HEADLINE, BlockKind.SUBHEAD, BlockKind.BYLINE_BODY,
        BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.JUMP]
