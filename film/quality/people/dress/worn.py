"""What a person wears: the wardrobe line is clothes, not their look, hair or things.

The wardrobe becomes the costume prompt and the drawn clothes, and a reader reads it on
the character sheet. The 1.5B model filled it with the look again, with hair, with "no
special costume", and with things the person owns: "A red second-hand scooter with a
sleek design" and "A karaoke machine, a record player, and a microphone" were the
wardrobes of the scooter spoof (craft bench, 2026-12-02).
"""

from __future__ import annotations

import re

from film.language import CJK_RUN, has_cjk
from film.quality.people.dress.children import JOINS
from film.screenplay import Scene

#: Where a look names the clothes: "wearing jeans and a hoodie", "穿着蓝色围裙".
_WEARING = re.compile(
    r"\b(?:wearing|wears|dressed in|in a|in an)\s+([^.;]+)|穿着?([^，。；,;]+)", re.IGNORECASE
)
#: A wardrobe answer that is about props, or says there is nothing: it cost the craft bench a
#: whole bible answer each time the gate sent "props: 书包、笔、橡皮擦" back as a label, and
#: the night-market film's bible showed "Wardrobe: 无特殊服装" twice.
_NOT_WORN = re.compile(
    r"^(?:props?|道具)\s*[:：]|^(?:no|none|n/a)\b.*\bprops?\b|^(?:无|没有|暂无)(?:道具)?[。.]?$"
    r"|^(?:无|没有|暂无)(?:特殊|特别|特定)?的?(?:服装|服饰|衣着|着装|装扮)[。.]?$"
    r"|^(?:no|none|nothing)\s+(?:special|particular|specific)?\s*"
    r"(?:costume|clothes|clothing|wardrobe|outfit)s?\.?$"
    # An answer about the task, not clothes: "没有明显的问题" (the dumplings' grandson,
    # 2026-12-02).
    r"|^(?:没有|无)(?:明显的?|什么)?问题[。.]?$|^no (?:obvious )?(?:problems?|issues?)\.?$",
    re.IGNORECASE,
)


def wardrobe_of(look: str, wardrobe: str) -> str:
    """``wardrobe``, or the clothes ``look`` names when the wardrobe only repeats the look.

    The real model answered Jack's wardrobe with his whole look ("Tall, dark-haired student
    with glasses… He's wearing jeans, a blue hoodie, and sneakers."), which puts a face in
    a wardrobe line and hair in every costume prompt.
    """
    if _NOT_WORN.match(wardrobe.strip()):
        return ""  # "props: 书包、笔", "No props needed.": not clothes (props are their own field)
    match = _WEARING.search(look)
    named = (match.group(1) or match.group(2) or "").strip(" ,.") if match else ""
    if " ".join(wardrobe.split()).lower() != " ".join(look.split()).lower():
        worn = _without_hair(wardrobe)
        # Things only ("A karaoke machine, a record player, and a microphone"): the
        # clothes the look names, if it names any.
        return worn or (named if wardrobe.strip() else "")
    return named or wardrobe


#: A list item of a wardrobe that is hair, not clothes ("White shirt, brown hair", "黑色短发").
_HAIR_ITEM = re.compile(
    r"^[\w\s-]*\bhair(?:cut|style)?$|^[^,，、]*(?:头发|发型|短发|长发|马尾|辫子)(?:披肩)?$", re.I
)
#: A list item of a wardrobe that is a thing carried or ridden, not worn: "A red
#: second-hand scooter" was the delivery rider's wardrobe (craft bench, 2026-12-01).
_OBJECT_ITEM = re.compile(
    r"\b(?:scooters?|bikes?|bicycles?|motorbikes?|motorcycles?|cars?|bus|phones?|smartphones?|"
    r"cameras?|laptops?|books?|notebooks?|drums?|drumsticks?|guitars?|umbrellas?|letters?|"
    r"boxe?s?|cups?|trays?|pens?|brush(?:es)?|keys?|machines?|players?|microphones?|tires?|"
    r"tyres?|paint|handlebars?|pedals?|speakers?|radios?|tools?|bread|loaf|cakes?|"
    r"flashlights?|torch(?:es)?|lanterns?|swords?|blades?|shields?|spears?|daggers?|maps?)\b"
    r"|电动车|自行车|摩托车|单车|汽车|手机|相机|电脑|笔记本|书本?|鼓槌?|吉他|雨伞|信|盒子|杯子|画笔|毛笔"
    # The notes the two desk-mates pass were a wardrobe item (校服、笔袋、小纸条, 12-04).
    r"|纸条|便条|信封|笔袋|文具|课本|作业本|本子|\bnotes?\b|\bpencil cases?\b"
    r"|钥匙|机器|音响|话筒|麦克风|轮胎",
    re.I,
)
#: Words that name what is worn, or how: a wardrobe item with none of them is a thing.
_CLOTHES = re.compile(
    r"\b(?:t-?shirts?|tees?|shirts?|blouses?|jackets?|(?:over|rain|lab )?coats?|suits?|ties?|"
    r"dress(?:es)?|skirts?|jeans|trousers|pants|shorts|slacks|sweaters?|jumpers?|hoodies?|"
    r"cardigans?|vests?|waistcoats?|uniforms?|robes?|gowns?|hanfu|qipao|cheongsam|kimonos?|"
    r"tunics?|aprons?|scarf|scarves|shawls?|cloaks?|capes?|hats?|caps?|helmets?|beanies?|"
    r"hoods?|headbands?|headscarf|turbans?|veils?|shoes?|sneakers?|trainers|boots?|sandals?|"
    r"slippers?|heels|loafers|socks?|stockings|tights|leggings|gloves?|mittens?|glasses|"
    r"sunglasses|spectacles|goggles|belts?|sash(?:es)?|armou?r|overalls|jumpsuits?|blazers?|"
    r"windbreakers?|parkas?|anoraks?|pyjamas|pajamas|nightgowns?|sleeves?|collars?|"
    r"earrings?|necklaces?|bracelets?|bangles?|(?:wrist)?watch|rings?|pendants?|brooch(?:es)?|"
    r"hairpins?|ribbons?|masks?|outfits?|clothes|clothing|attire|costumes?|garb|\w*wear|"
    r"tops?|polo|tracksuits?|tuxedos?|sweatshirts?|jerseys?|kilts?|saris?|ponchos?|bandanas?|scrubs|backpacks?|satchels?|bags?|purses?|handbags?|badges?|"
    r"lanyards?|wigs?|crowns?|tiaras?|leather|denim|linen|silk|cotton|wool(?:len)?|knit|"
    r"fleece|embroidered|plaid|striped|floral|style|casual|formal|traditional)\b"
    r"|[衣裤裙鞋靴帽袍衫褂袄服巾袜甲装冠簪钗坠镯领扣布绸缎纱绣]|眼镜|墨镜|项链|戒指|耳环"
    r"|手表|手套|外套|披风|披肩|斗篷|背包|书包|发带|发饰|头饰|丝带|面纱|口罩|面具|T恤|牛仔|斗笠"
    r"|休闲|正式|简约|朴素|风格|色系",
    re.I,
)


def _is_thing(item: str, any_clothes: bool) -> bool:
    """Whether a wardrobe ``item`` is a thing, not clothes.

    It names nothing worn, and either names a thing or sits in a wardrobe that names
    nothing worn at all ("a broken handlebar" beside the scooter).
    """
    if _CLOTHES.search(item):
        return False
    return bool(_OBJECT_ITEM.search(item)) or not any_clothes


def _without_hair(wardrobe: str) -> str:
    """``wardrobe`` without the list items that are hair or things, not clothes.

    The wardrobe becomes the costume prompt and the drawn clothes: hair in it put a
    retired driver's "brown hair" on his shirt, and a scooter in it dressed the rider in
    one. Things carried belong to the props. A wardrobe of hair only stays; one of things
    only is no wardrobe (:func:`wardrobe_of` then takes the clothes the look names).
    """
    items = [item.strip(" .。") for item in re.split(r"\s*[,，、;；]\s*", wardrobe.strip())]
    items = [re.sub(r"^(?:and|with)\s+", "", item, flags=re.I) for item in items if item]
    any_clothes = bool(_CLOTHES.search(wardrobe))
    hair = [bool(_HAIR_ITEM.match(item)) for item in items]
    things = [not h and _is_thing(item, any_clothes) for item, h in zip(items, hair, strict=True)]
    if not any(hair) and not any(things):
        return wardrobe
    kept = [item for item, h, t in zip(items, hair, things, strict=True) if not h and not t]
    if not kept:
        return "" if all(things) else wardrobe
    joiner = "、" if CJK_RUN.search(wardrobe) else ", "
    return joiner.join(kept)


#: A hand that carries something: "小明拿着一个蓝色的T恤和一条牛仔裤走进客厅", "holding
#: her white blouse and jeans". The object runs to the next verb of moving or the clause end.
_CARRIES_ZH = re.compile(
    r"(?:手里|手上)?也?(?:拿着|提着|抱着|捧着)(?P<thing>[^，,。；;！？]{1,24}?)"
    r"(?=走|站|坐|跑|来到|进|出|回|[，,。；;！？]|$)"
    # Its comma too, where the line goes on: "陈默拿着校服，坐在教室里" is "陈默坐在教室里".
    r"(?:[，,](?=[^。；;！？]))?"
)
_CARRIES_EN = re.compile(
    r",?\s*\b(?:holding|carrying|clutching)\s+(?P<thing>[^,.;!?]{2,50}?)(?=[,.;!?]|$)", re.I
)


def _pieces(wardrobe: str) -> list[str]:
    """A wardrobe's pieces as they may be named in a line: "蓝色T恤" gives 蓝色T恤 and T恤."""
    pieces: list[str] = []
    for part in JOINS.split(wardrobe.lower())[::2]:  # the pieces, not the joins
        part = re.sub(r"^(?:a|an|the|his|her)\s+", "", part.strip())
        if len(part) >= 2:
            pieces.append(part)
            # The garment without its colour: 蓝色T恤 is named "T恤" too.
            bare = re.sub(r"^[\u4e00-\u9fff]{1,2}色的?|^(?:\w+\s+)+(?=\w+$)", "", part)
            if bare != part and len(bare) >= 2:
                pieces.append(bare)
    return pieces


def without_carried_wardrobe(text: str, wardrobes: list[str]) -> str:
    """``text`` without a hand carrying the clothes someone wears.

    Recorded (爸爸的街舞梦想, 2026-12-02): "小明拿着一个蓝色的T恤和一条牛仔裤走进客厅。",
    the bible's wardrobe (蓝色T恤、牛仔裤) written into the action as things he carries.
    Clothes are worn; a hand that carries them is the wardrobe pasted. The rest of the
    line stays: "小明走进客厅。".
    """
    pieces = [piece for wardrobe in wardrobes for piece in _pieces(wardrobe)]
    if not pieces:
        return text

    def worn(match: re.Match[str]) -> str:
        thing = match["thing"].lower()
        return "" if any(piece in thing for piece in pieces) else match[0]

    pattern = _CARRIES_ZH if has_cjk(text) else _CARRIES_EN
    mended = pattern.sub(worn, text).strip()
    # A clause left empty takes its comma with it: not "陈默站在教室门口，。" (12-04).
    mended = re.sub(r"[，,]\s*(?=[。.！!？?；;]|$)", "", mended)
    return mended if re.search(r"\w", mended) else text


def scene_without_carried_wardrobe(scene: Scene, wardrobes: list[str]) -> Scene:
    """``scene`` whose action and visual note carry no one's clothes (see above).

    Speech is left alone: "拿着你的外套" said to someone is a line, not a pasted wardrobe.
    """
    action = [_undressed(without_carried_wardrobe(line, wardrobes)) for line in scene.action]
    visual = without_carried_wardrobe(scene.visual, wardrobes) if scene.visual else ""
    if action == scene.action and visual == scene.visual:
        return scene
    return scene.model_copy(update={"action": action, "visual": visual})


#: A look or clothes said in an action line, as a clause: the bible dresses everyone, and
#: the model gave them to the wrong person ("Grandfather looks at the building with a long
#: curly hair, wearing a white dress and shoes.", his granddaughter's, the bus, 2026-12-04).
_DRESS_CLAUSE = re.compile(
    r",?\s+(?:wearing|dressed in)\s+[^,.;!?]+(?:,(?=\s))?"
    r"|\s+with (?:a |her |his )?(?:long|short|curly|straight|grey|gray|white|dark|blond|brown)"
    r"(?: \w+)?\s+hair\b",
    re.I,
)


def _undressed(line: str) -> str:
    """An English action ``line`` without the clothes or hair it tells as a clause."""
    if not line.isascii():
        return line
    kept = _DRESS_CLAUSE.sub("", line).strip()
    return kept if len(kept.split()) >= 3 else line
