"""The words of the fake model's film (see :mod:`fake_film`), English and Chinese.

Every scene has its own "thing" and takes its own window of these sentences, so no line,
beat or scene repeats another; each dialogue line is 7-9 English words or 12-16 Chinese
characters, about the 3.6 s a scene prompt's dialogue line is budgeted.
"""

from __future__ import annotations


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines()]


PLACES = {
    "en": _lines(
        """
        Kitchen
        Market
        Courtyard
        Station
        Rooftop
        Bus stop
        Bakery
        Park
        Train platform
        Living room
        Riverside
        Airport
        """
    ),
    "zh": _lines(
        """
        厨房
        菜市场
        院子
        火车站
        天台
        公交站
        面包店
        公园
        站台
        客厅
        河边
        机场
        """
    ),
}
THINGS = {
    "en": _lines(
        """
        dough
        filling bowl
        rolling pin
        first wrapper
        pleated edge
        steaming pot
        recipe card
        spare dumplings
        suitcase
        frozen bag
        train ticket
        last dumpling
        """
    ),
    "zh": _lines(
        """
        面团
        馅料盆
        擀面杖
        第一张饺子皮
        饺子褶
        蒸锅
        家传菜谱
        多包的饺子
        行李箱
        冻饺子袋
        车票
        最后一个饺子
        """
    ),
}
SUMMARIES = {
    "en": _lines(
        """
        Grandma sets out the dough and calls Ming to the table.
        At the market they argue over pork or cabbage filling.
        Ming fights the rolling pin and loses, laughing.
        Ming's first wrapper tears, so Grandma shows him again.
        Grandma teaches the pleated edge, her fingers quick and sure.
        The steaming pot fogs the window as the first batch cooks.
        Grandma writes her recipe card for Ming to take along.
        They carry spare dumplings to the neighbours downstairs.
        Ming makes room in his suitcase for a bag of dumplings.
        Grandma freezes a bag of dumplings for his first week away.
        At the station Ming checks his train ticket twice.
        Far from home, Ming cooks the last dumpling and calls Grandma.
        """
    ),
    "zh": _lines(
        """
        外婆摆好面团，喊小明过来学包饺子。
        两人在菜市场为猪肉白菜馅争个不停。
        小明和擀面杖较劲，输得哈哈大笑。
        小明擀的第一张皮破了，外婆再教一遍。
        外婆教他捏褶子，手指又快又稳。
        第一锅饺子下锅，蒸汽糊满了窗户。
        外婆把家传菜谱写在卡片上让他带走。
        祖孙俩把多包的饺子送给楼下邻居。
        小明在行李箱里腾出地方装饺子。
        外婆冻好一袋饺子，让他出国第一周吃。
        在火车站，小明把车票看了两遍。
        远在国外，小明煮好最后一个饺子，给外婆打电话。
        """
    ),
}
ACTIONS = {
    "en": _lines(
        """
        Ming reaches for the {thing} with floury hands.
        Grandma nudges the {thing} closer and smiles.
        Steam curls around the {thing} on the table.
        Ming glances at the clock, then at the {thing}.
        A radio hums softly while the {thing} waits.
        Grandma taps the {thing} twice for luck.
        Ming photographs the {thing} with his phone.
        Light from the window falls across the {thing}.
        The cat sniffs at the {thing} and wanders off.
        Grandma hums an old tune over the {thing}.
        Ming laughs when the {thing} slips from his fingers.
        Neighbours peer in, curious about the {thing}.
        """
    ),
    "zh": _lines(
        """
        小明伸出沾满面粉的手去拿{thing}。
        外婆把{thing}往他面前推了推，笑了。
        热气绕着桌上的{thing}慢慢升起。
        小明看了看钟，又看了看{thing}。
        收音机轻轻响着，{thing}还在等着。
        外婆在{thing}上轻轻敲了两下。
        小明用手机拍下了{thing}。
        窗外的光落在{thing}上。
        花猫闻了闻{thing}，又走开了。
        外婆对着{thing}哼起一首老歌。
        {thing}从小明指间滑落，他哈哈大笑。
        邻居探头进来，好奇地打量{thing}。
        """
    ),
}
LINES = {
    "en": _lines(
        """
        Show me the {thing} once more.
        Slowly, the {thing} likes patience.
        Will I remember the {thing}?
        Every {thing} carries a little home.
        I wish I could pack the {thing}.
        Grandpa never managed the {thing}.
        I will miss this {thing}.
        Then come back to the {thing}.
        Mum says you hid the {thing}.
        She kept stealing the {thing}, dear.
        Do they sell a {thing} there?
        Write to me about the {thing}.
        My hands fumble the {thing}, Grandma.
        Fumbling hands learn the {thing} fastest.
        Call me before the {thing} cools.
        I promise, I will call.
        """
    ),
    "zh": _lines(
        """
        再教我一次，{thing}怎么弄？
        慢慢来，{thing}要有耐心。
        到了外地，我还记得{thing}吗？
        每个{thing}里都有家的味道。
        真想把{thing}装进箱子里。
        你外公也弄不好{thing}。
        我会特别想念这个{thing}。
        那就早点回来吃{thing}。
        妈妈说你把{thing}藏起来了。
        谁让她老偷吃我的{thing}。
        那边能买到{thing}吗？
        看到{thing}就写信告诉外婆。
        外婆，我的手太笨了。
        笨手学{thing}学得最快。
        想起{thing}就打电话。
        我答应你，每天都打。
        """
    ),
}

#: One pitch per genre, written for any everyday idea (the fake does not read the idea).
PITCHES = {
    "en": {
        "grassroots-spoof": "Play the {about} for laughs: every try goes wrong in a bigger way.",
        "youth-romance": "Two young people, the {about}, and a feeling neither says.",
        "inspirational-struggle": "One person against the odds over the {about}, one small win.",
        "ancient-style": "The {about}, moved into a painted past of robes and lanterns.",
        "touching-family": "A family moment around the {about} that says what words cannot.",
        "aesthetic-scenery": "The {about}, told in light and landscape, with almost no words.",
    },
    "zh": {
        "grassroots-spoof": "往搞笑里拍{about}：每一次尝试都错得更离谱。",
        "youth-romance": "两个年轻人，{about}，一句谁都没说出口的话。",
        "inspirational-struggle": "一个人为了{about}和困难较劲，最后赢下一小步。",
        "ancient-style": "把{about}搬进古装的世界：长衫、灯笼和承诺。",
        "touching-family": "围绕{about}的一个家里的瞬间，说出说不出的感情。",
        "aesthetic-scenery": "用光影和风景来讲{about}，几乎不用台词。",
    },
}
