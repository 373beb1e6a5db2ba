"""The Chinese words of deadlines, folded to simplified characters, and a cursor over the text."""

from __future__ import annotations

from ledger.deadlines.numbers import ZH_NUMERALS

_TRADITIONAL = dict(
    zip(
        "後個內來兩幾週號數將遲盡時間開從這當於禮貳參陸萬會無終預計約為裡裏財節還馬隨暫確劃頭應該爭",
        "后个内来两几周号数将迟尽时间开从这当于礼贰叁陆万会无终预计约为里里财节还马随暂确划头应该争",
        strict=True,
    )
)
_FOLD = str.maketrans(_TRADITIONAL)


def simplified(text: str) -> str:
    """The text with the traditional characters deadlines use folded to simplified, spaces gone."""
    return "".join(text.translate(_FOLD).split())


VAGUE = frozenset(
    {
        "很快",
        "不久",
        "不久后",
        "即将",
        "近期",
        "近日",
        "尽快",
        "未来",
        "将来",
        "以后",
        "日后",
        "今后",
        "迟早",
        "早晚",
        "有朝一日",
        "总有一天",
        "某个时候",
        "某天",
        "改天",
        "待定",
        "未定",
        "暂无",
        "马上",
        "立刻",
        "随时",
        "最终",
        "终将",
        "不久的将来",
        "未来某个时候",
        "未来某天",
        "无",
    }
)
VAGUE_FILLERS = ("在", "于", "将", "会", "很", "非常", "可能")

# Leading words and the bound they set; checked longest first.
LEADS = {
    "最快在": "from",
    "最快于": "from",
    "最早在": "from",
    "最早于": "from",
    "最快": "from",
    "最早": "from",
    "不早于": "from",
    "最迟在": "by",
    "最晚在": "by",
    "最迟于": "by",
    "最迟": "by",
    "最晚": "by",
    "不晚于": "by",
    "不迟于": "by",
    "至迟": "by",
    "截至": "by",
    "截止到": "by",
    "截止": "by",
    "到": "by",
    "从": "from",
    "自": "from",
}
FILLERS = (
    "预计在",
    "预计于",
    "预计",
    "大约在",
    "大约",
    "大概在",
    "大概",
    "约",
    "将于",
    "将在",
    "在",
    "于",
)
TAILS = {
    "之前": "by",
    "以前": "by",
    "为止": "by",
    "前": "by",
    "之内": "in",
    "以内": "in",
    "内": "in",
    "里": "in",
    "期间": "in",
    "之后": "after",
    "以后": "after",
    "后": "after",
    "起": "from",
    "开始": "from",
}
APPROXIMATE = ("左右", "前后", "上下")

DAY_WORDS = {"今天": 0, "今日": 0, "今晚": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
YEAR_WORDS = {
    "今年度": 0,
    "今年": 0,
    "本年度": 0,
    "本年": 0,
    "明年": 1,
    "来年": 1,
    "次年": 1,
    "大后年": 3,
    "后年": 2,
    "去年": -1,
    "前年": -2,
}
FISCAL_WORDS = {
    "本财年": 0,
    "这个财年": 0,
    "下个财年": 1,
    "下一财年": 1,
    "下财年": 1,
    "上个财年": -1,
}
FISCAL_SUFFIXES = ("财年", "财政年度", "会计年度")
MONTH_WORDS = {
    "下一个月": 1,
    "下个月": 1,
    "下月": 1,
    "本月": 0,
    "这个月": 0,
    "这月": 0,
    "当月": 0,
    "上个月": -1,
    "上月": -1,
}
QUARTER_WORDS = {
    "下一个季度": 1,
    "下一季度": 1,
    "下个季度": 1,
    "下季度": 1,
    "本季度": 0,
    "这个季度": 0,
    "这季度": 0,
    "本季": 0,
    "上个季度": -1,
    "上季度": -1,
}
WEEK_WORDS = {
    "下个星期": 1,
    "下星期": 1,
    "下个礼拜": 1,
    "下礼拜": 1,
    "下一周": 1,
    "下周": 1,
    "这个星期": 0,
    "这星期": 0,
    "这个礼拜": 0,
    "这礼拜": 0,
    "这周": 0,
    "本周": 0,
    "本星期": 0,
    "上个星期": -1,
    "上星期": -1,
    "上周": -1,
}
WEEKDAY_WORDS = ("周", "星期", "礼拜")
WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKEND_WORDS = {"下周末": 1, "下个周末": 1, "这个周末": 0, "这周末": 0, "本周末": 0, "周末": 0}
BARE_UNITS = {"年": "year", "月": "month", "周": "week", "季度": "quarter"}

# Parts of a year, a month and a quarter.
YEAR_PARTS = {
    "年底": "end",
    "年末": "end",
    "年初": "start",
    "年中": "mid",
    "底": "end",
    "末": "end",
    "初": "start",
}
MONTH_PARTS = {
    "上旬": "early",
    "中旬": "mid",
    "下旬": "late",
    "底": "end",
    "末": "end",
    "初": "start",
    "中": "mid",
}
QUARTER_PARTS = {"末": "end", "底": "end", "初": "start"}
HALVES = {"上半年": 1, "下半年": 2, "上半": 1, "下半": 2}
SEASONS = {
    "春天": "spring",
    "春季": "spring",
    "夏天": "summer",
    "夏季": "summer",
    "秋天": "autumn",
    "秋季": "autumn",
    "冬天": "winter",
    "冬季": "winter",
}

# Spans: lead words, rough counts and units.
SPAN_LEADS = ("未来的", "未来", "接下来的", "接下来", "今后的", "今后", "往后")
ROUGH_PAIRS = {
    "一两": (1, 2),
    "一二": (1, 2),
    "两三": (2, 3),
    "二三": (2, 3),
    "三四": (3, 4),
    "三五": (3, 5),
    "四五": (4, 5),
    "五六": (5, 6),
    "六七": (6, 7),
    "七八": (7, 8),
    "八九": (8, 9),
}
SPAN_UNITS = {
    "个小时": "hour",
    "小时": "hour",
    "个星期": "week",
    "个礼拜": "week",
    "星期": "week",
    "礼拜": "week",
    "周": "week",
    "个季度": "quarter",
    "个月": "month",
    "天": "day",
    "日": "day",
    "年": "year",
}
RANGE_MARKS = ("到", "至", "~", "-")

DATE_CHARACTERS = (
    frozenset("年月日号周季天旬底初末期星礼财代") | ZH_NUMERALS | frozenset("0123456789")
)


class Text:
    """A position in folded Chinese text that grammar rules advance and rewind."""

    __slots__ = ("far", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.far = 0

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def move(self, pos: int) -> None:
        self.pos = pos
        self.far = max(self.far, pos)

    def take(self, *options: str) -> str | None:
        """Consume the first of `options` that comes next (list longer ones first)."""
        for option in options:
            if self.text.startswith(option, self.pos):
                self.move(self.pos + len(option))
                return option
        return None

    def rest(self) -> str:
        return self.text[self.pos :]
