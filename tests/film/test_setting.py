"""Where a scene can be: a street or a bus holds no bed."""

from __future__ import annotations

from film.screenplay import Scene
from film.setting import no_home_away_from_home


def _scene(place: str, action: list[str], interior: str = "EXT") -> Scene:
    return Scene(number=1, place=place, interior=interior, action=action, characters=["Emma"])


def test_a_bus_or_a_bus_stop_has_no_bed() -> None:
    """Recorded (craft bench, en-family-bus, 12:42): "Emma … sits on her bed" at the stop."""
    stop = _scene("Bus stop", ["Emma, wearing jeans, sits on her bed.", "Jack walks up."])
    assert no_home_away_from_home(stop).action == ["Jack walks up."]
    bus = _scene("Bus", ["Jack sees Emma sitting on her bed.", "The bus turns."], "INT")
    assert no_home_away_from_home(bus).action == ["The bus turns."]
    zh = _scene("公交站", ["小雨坐在床上发呆。", "公交车进站了。"])
    assert no_home_away_from_home(zh).action == ["公交车进站了。"]


def test_a_bed_at_home_or_alone_in_a_scene_stays() -> None:
    home = _scene("Emma's bedroom", ["Emma sits on her bed."], "INT")
    assert no_home_away_from_home(home) == home
    house = _scene("Grandpa's house", ["Grandpa dozes on the sofa."], "INT")
    assert no_home_away_from_home(house) == house
    lone = _scene("Park", ["Emma lies on the bed of leaves."])
    assert no_home_away_from_home(lone) == lone  # its only line: the scene keeps it
    bench = _scene("Park", ["Emma sits on the bench.", "Leaves fall."])
    assert no_home_away_from_home(bench) == bench


def test_a_night_scene_has_no_sunlight_in_its_action() -> None:
    """Recorded (web app, 2026-12-03): "阳光透过窗户洒在地板上" in a storm at night."""
    from film.setting import lit_by_its_hour

    night = Scene(
        number=2,
        place="老人的卧室",
        interior="INT",
        time_of_day="NIGHT",
        action=["老人的卧室门被雨水打湿，阳光透过窗户洒在地板上。", "阳光照进屋里。", "老人坐下。"],
        characters=["老人"],
    )
    assert lit_by_its_hour(night).action == ["老人的卧室门被雨水打湿。", "老人坐下。"]
    day = night.model_copy(update={"time_of_day": "DAY"})
    assert lit_by_its_hour(day) == day
    en = Scene(
        number=1,
        place="Porch",
        time_of_day="NIGHT",
        action=["Sunlight spills over the porch, and Leo knocks."],
        characters=["Leo"],
    )
    assert lit_by_its_hour(en).action == ["Leo knocks."]
    # Lamps lit by day (the bus, 2026-12-04): "The city lights are dim" in INT. BUS - DAY.
    bus = Scene(
        number=3,
        place="Bus",
        time_of_day="DAY",
        action=["Bob stops at the bus stop. The city lights are dim, and Bob sees a sign."],
        characters=["Bob"],
    )
    assert lit_by_its_hour(bus).action == ["Bob stops at the bus stop and Bob sees a sign."]
    evening = bus.model_copy(update={"time_of_day": "NIGHT"})
    assert lit_by_its_hour(evening) == evening


def test_a_bus_has_no_living_room() -> None:
    """Recorded (craft bench, the bus, 2026-12-04): under "INT. BUS", "John is sitting in the
    living room again" and "John sits in his living room with Sarah"."""
    from film.setting import no_home_away_from_home

    bus = _scene(
        "Bus",
        [
            "John sits in his living room with Sarah, looking at the old route map.",
            "John is sitting in the living room again, Sarah looking at the city.",
            "John shows Sarah the old bus stop where he used to work.",
            "Sarah runs into the kitchen of the cafe.",  # where she goes, not where she is
        ],
        "INT",
    )
    assert no_home_away_from_home(bus).action == bus.action[2:]
    zh = _scene("公交车", ["爷爷坐在客厅里看地图。", "公交车缓缓开动。"], "INT")
    assert no_home_away_from_home(zh).action == ["公交车缓缓开动。"]
    home = _scene("John's house", ["John sits in his living room."], "INT")
    assert no_home_away_from_home(home) == home


def test_a_night_has_no_setting_sun_and_no_sunny_day() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-04): under NIGHT, "The sun is
    setting, casting long shadows" and "It's a beautiful summer day, the light is still on"."""
    from film.setting import against_the_hour

    assert against_the_hour("The sun is setting, casting long shadows.", "NIGHT")
    # The lighthouse again (craft bench, 2026-12-04): EXT. SUNSET BEACH - NIGHT.
    assert against_the_hour("John watches the last rays of the sun set.", "NIGHT")
    assert against_the_hour("The sun sets over the sea.", "NIGHT")
    assert not against_the_hour("He sets the table.", "NIGHT")
    assert against_the_hour("It's a beautiful summer day, the light is still on.", "NIGHT")
    assert against_the_hour("The sun rises over the lake.", "NIGHT")
    assert not against_the_hour("He had a beautiful day.", "NIGHT")  # a day remembered
    assert not against_the_hour("The sun is setting over the sea.", "DUSK")


def test_a_scene_whose_action_stands_at_the_compound_gate_is_headed_there() -> None:
    """Recorded (the guard, craft bench, 2026-12-04): "保安大爷站在小区门口" under a
    heading the action never names."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    scene = Scene(
        number=2, place="办公楼", interior="INT", action=["保安大爷站在小区门口，双手叉腰。"]
    )
    moved = headed_where_told([scene])[0]
    assert (moved.interior, moved.place) == ("EXT", "小区")


def test_a_day_has_no_dark_sky() -> None:
    """The second reader (the scooter, 2026-12-04): "the sky is dark" under a DAY heading."""
    from film.setting import against_the_hour

    assert against_the_hour("The scooter sings, the sky is dark.", "DAY")
    assert against_the_hour("天黑了，他还在摊位旁。", "MORNING")
    assert not against_the_hour("The sky is dark over the sea.", "NIGHT")
    assert not against_the_hour("A dark skyline of towers.", "DAY")


def test_walked_into_with_le_names_the_place_not_le() -> None:
    """Recorded (the web app, 2026-12-04 22:49): "快递员拿着包裹走进了快递站" was headed
    "INT. 了快递站"."""
    from film.screenplay import Scene
    from film.setting import headed_where_told

    scene = Scene(
        number=2,
        place="小区门口",
        interior="EXT",
        characters=["快递员"],
        action=["快递员拿着包裹走进了快递站，打开包裹。"],
    )
    (headed,) = headed_where_told([scene])
    assert headed.place == "快递站"
