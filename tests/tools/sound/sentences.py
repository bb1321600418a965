"""Sentences the voice checks speak: everyday film lines and less predictable ones.

Whisper's language model guesses an everyday line from a few clear words, so a poor voice can
still score well on :data:`DIALOGUE`; :data:`HARD` (the IEEE "Harvard" sentences in English,
unusual but plain sentences in Chinese) separates a good voice from a poor one. Kept free of
digits and abbreviations, whose spoken form a recogniser may write either way.
"""

from __future__ import annotations

DIALOGUE: dict[str, tuple[str, ...]] = {
    "en": (
        "I told you we should have left before the storm.",
        "Where did you put the keys to the old lighthouse?",
        "Nobody in this town remembers what happened that night.",
        "Please sit down, the doctor will see you in a minute.",
        "We can still make it if we run to the station now.",
        "My grandmother planted these trees when she was a girl.",
        "Turn off the lights and listen to the sea.",
        "Thank you for waiting, I know it has been a long day.",
    ),
    "zh": (
        "我明天早上去火车站接你。",
        "你把灯塔的钥匙放在哪里了？",
        "这个小镇上没有人记得那天晚上发生的事。",
        "请坐，医生马上就来看你。",
        "如果我们现在跑过去，还能赶上最后一班车。",
        "外婆年轻的时候在这里种了很多树。",
        "把灯关掉，听听海浪的声音。",
        "谢谢你等我，我知道今天很累。",
    ),
}

HARD: dict[str, tuple[str, ...]] = {
    "en": (  # IEEE "Harvard" sentences, list 1 (1969, public domain)
        "The birch canoe slid on the smooth planks.",
        "Glue the sheet to the dark blue background.",
        "It's easy to tell the depth of a well.",
        "These days a chicken leg is a rare dish.",
        "Rice is often served in round bowls.",
        "The juice of lemons makes fine punch.",
        "The box was thrown beside the parked truck.",
        "The hogs were fed chopped corn and garbage.",
        "Four hours of steady work faced us.",
        "A large size in stockings is hard to sell.",
    ),
    "zh": (
        "老周把三斤青椒放进竹篮里。",
        "灯塔在浓雾里闪了七下。",
        "穿灰色毛衣的邮差敲了两次门。",
        "她把旧钢琴卖给了隔壁的裁缝。",
        "湖面结冰以后，牧民赶着羊群回家。",
        "这封信在抽屉里躺了整整十年。",
        "山脚下的小卖部只卖汽水和火柴。",
        "舅舅用毛笔在红纸上写了一个福字。",
    ),
}
