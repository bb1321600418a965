"""The words for people an idea names: kin, trades and ranks, in English and Chinese.

One list for every check and fix that asks who somebody is: the idea's people
(:mod:`film.quality.coverage`), a name that is only a job, an old hand at a trade, kin
words said as a vocative. Split from :mod:`film.quality.coverage`, which reads it.
"""

from __future__ import annotations

#: Trades a person is known by, each with its words in both languages: the one list for
#: the idea's people (:data:`PEOPLE`), the noun a Chinese idea's lead ends on
#: (:mod:`film.quality.story.actions`), a name that carries a trade ("保安大爷", "Driver
#: (Grandfather)", :mod:`film.quality.people.names.naming`) and an old hand at one ("老木匠",
#: :mod:`film.quality.people.ages`).
TRADES: tuple[tuple[str, ...], ...] = (
    ("teacher", "老师"),
    ("doctor", "医生"),
    ("nurse", "护士"),
    ("driver", "司机"),
    ("chef", "厨师"),
    ("farmer", "农民"),
    ("soldier", "士兵"),
    ("courier", "快递员", "外卖员", "外卖小哥", "快递小哥", "外卖骑手", "骑手"),
    ("police", "officer", "警察"),
    ("guard", "保安"),
    ("clerk", "shop assistant", "cashier", "店员", "收银员"),
    # Trades an idea's lead is known by: "老木匠给孙女做了一个木盒子" was cast without the
    # carpenter, and the box was credited to a "父亲" (by hand, 2026-12-02).
    ("carpenter", "木匠"),
    ("tailor", "裁缝"),
    ("blacksmith", "铁匠"),
    ("stonemason", "石匠"),
    ("shoemaker", "cobbler", "鞋匠"),
    ("postman", "postwoman", "邮递员"),
    ("fisherman", "渔夫", "渔民"),
    ("ferryman", "boatman", "船夫", "摆渡人"),
    ("barber", "理发师"),
    ("baker", "面包师"),
    ("gardener", "园丁"),
    ("hunter", "猎人"),
    ("cleaner", "janitor", "清洁工", "环卫工"),
    ("keeper", "守塔人"),
    ("painter", "画师"),
    ("artist", "画家"),
    ("photographer", "摄影师"),
    ("drummer", "鼓手"),
    ("singer", "歌手"),
    ("dancer", "舞者"),
    ("actor", "actress", "演员"),
    ("writer", "作家"),
    ("programmer", "coder", "程序员"),
    # "A shy barista draws a small cat on the coffee cup of the regular…" was cast as
    # "Regular" and a "Guest" drawn as a cat; nobody made the coffee (CLI, 2026-12-05).
    ("barista", "咖啡师"),
    ("waiter", "waitress", "服务员"),
    ("bartender", "调酒师"),
    ("librarian", "图书管理员"),
    ("vendor", "摊主", "小贩"),
    # "…on the coffee cup of the regular who never looks up": he was never cast (12-05).
    ("regular",),
)

#: People an idea names, each with the words that count as the same person: kin first (the
#: first fourteen groups, :data:`FAMILY`), then trades and ranks (:data:`NOT_FAMILY`).
PEOPLE: tuple[tuple[str, ...], ...] = (
    ("father", "dad", "daddy", "papa", "父亲", "爸爸", "老爸", "爸", "爹"),
    ("mother", "mom", "mum", "mama", "mommy", "母亲", "妈妈", "老妈", "妈"),
    ("grandmother", "grandma", "granny", "nana", "奶奶", "外婆", "姥姥", "祖母"),
    ("grandfather", "grandpa", "granddad", "爷爷", "外公", "姥爷", "祖父"),
    ("son", "儿子"),
    ("daughter", "女儿"),
    ("grandson", "grandchild", "孙子", "外孙", "外孙子"),
    ("granddaughter", "grandchild", "孙女", "外孙女"),
    ("brother", "哥哥", "弟弟"),
    ("sister", "姐姐", "妹妹"),
    ("husband", "丈夫", "老公"),
    ("wife", "妻子", "老婆"),
    ("boyfriend", "男朋友", "男友"),
    ("girlfriend", "女朋友", "女友"),
    ("student", "pupil", "学生"),
    # "the boy next door" was never cast: the teacher gave her last lesson to nobody until
    # the scenes invented "Boy" and "The boy" (the piano teacher, 2026-12-03).
    ("boy", "男孩", "小男孩"),
    ("girl", "女孩", "小女孩"),
    # "独居老人" was cast as a cashier (收银员) named "独居老人家的老人" (the ginger soup,
    # 2026-12-04): the old man is somebody the idea names.
    ("old man", "elderly man", "老人", "老头", "老大爷"),
    *TRADES,
    ("emperor", "皇帝"),
    ("princess", "公主"),
    # "the general who exiled her father" went uncast and the swordswoman's letter reached
    # "General", a stand-in, or a snowman (craft bench, 2026-12-04); never "in general".
    ("general", "将军"),
    ("scholar", "书生"),
)

FAMILY, NOT_FAMILY = PEOPLE[:14], PEOPLE[14:]  # kin; trades, ranks, 老人 and girl
#: Every word of :data:`PEOPLE`: a name spelled so is a kin or trade word, not a given name.
PERSON_WORDS = frozenset(word for group in PEOPLE for word in group)
