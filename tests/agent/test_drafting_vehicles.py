"""The vehicle a story rides: beats and scenes aboard it are set in it."""

from __future__ import annotations

from agent.drafting.schemas import BeatDraft
from agent.drafting.vehicles import aboard, scene_aboard, story_vehicle
from film.screenplay import Scene

_BUS = "A retired bus driver rides his old route one last time with his granddaughter."
_SCOOTER = (
    "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
    "karaoke every time he runs a red light."
)


def _beat(place: str, summary: str, interior: str = "INT") -> BeatDraft:
    return BeatDraft.model_validate(
        {
            "interior": interior,
            "place": place,
            "time_of_day": "DAY",
            "summary": summary,
            "characters": ["Ben"],
        }
    )


def test_a_beat_set_at_the_vehicle_itself_is_where_it_is_ridden() -> None:
    """Recorded (craft bench, the scooter, 2026-12-04): "INT. THE HAUNTED SECOND-HAND SCOOTER"."""
    beats = [
        _beat("Food delivery station", "Ben takes out his second-hand scooter."),
        _beat("The haunted second-hand scooter", "Ben looks at the scooter, which sings."),
    ]
    fitted = aboard(beats, _SCOOTER)
    assert [(b.place, b.interior) for b in fitted] == [
        ("Food delivery station", "INT"),
        ("City street", "EXT"),
    ]
    zh = [_beat("那辆二手电动车", "小李看着电动车。")]
    assert aboard(zh, "外卖小哥觉得他的二手电动车闹鬼")[0].place == "街道"


def test_the_stop_a_vehicle_calls_at_is_not_the_vehicle() -> None:
    """A bus stop is where the bus is waited for; the beat there stays there."""
    stop = _beat("Bus stop", "Lily waits with her grandfather.", interior="EXT")
    assert aboard([stop], _BUS) == [stop]
    station = _beat("公交车站", "小美在等车。", interior="EXT")
    assert aboard([station], "退休的公交车司机最后一次开老线路") == [station]
    vehicle = story_vehicle(_BUS)
    assert vehicle is not None and vehicle[1:] == ("Bus", "INT")


def test_looking_out_of_a_window_outdoors_in_a_riding_story_is_aboard() -> None:
    """Recorded (the bus, 2026-12-04): "EXT. CITY CENTER" while the couple looks out the window."""
    outside = _beat("City center", "Lily looks out the window at the city.", interior="EXT")
    home = _beat("Grandfather's house", "Lily looks out the window at the rain.")
    fitted = aboard([outside, home], _BUS)
    assert [(b.place, b.interior) for b in fitted] == [
        ("Bus", "INT"),
        ("Grandfather's house", "INT"),
    ]
    # A story that only names a bus, without riding it, keeps the window where it is.
    waits = "A girl waits at the bus stop every Friday for her pen pal."
    assert aboard([outside], waits) == [outside]


def test_a_scene_headed_outdoors_whose_people_look_out_of_a_window_is_set_aboard() -> None:
    """The beat may not say it while the scene does ("EXT. BUS STOP", the bus, 2026-12-04)."""
    scene = Scene(
        number=1,
        interior="EXT",
        place="Bus stop",
        action=["Mr. Johnson starts his route.", "Lily looks out the window for the first time."],
    )
    moved = scene_aboard(scene, _BUS)
    assert (moved.place, moved.interior, moved.action) == ("Bus", "INT", scene.action)
    indoors = scene.model_copy(update={"interior": "INT", "place": "Kitchen"})
    assert scene_aboard(indoors, _BUS) == indoors
    # A scooter has no inside to look out of: the street stays.
    street = scene.model_copy(update={"place": "Street"})
    assert scene_aboard(street, _SCOOTER) == street
    still = scene.model_copy(update={"action": ["Lily waves at the driver."]})
    assert scene_aboard(still, _BUS) == still


def test_a_scene_aboard_keeps_its_people_aboard_until_its_beat_gets_them_off() -> None:
    """Recorded (the bus, 2026-12-04): "INT. BUS" opened on "Bob steps off the bus", and
    another bus scene had "Lily steps into her grandfather's house for the last time"."""
    scene = Scene(
        number=3,
        place="Bus",
        action=[
            "Bob steps off the bus, his old route in sight.",
            "Bob stops at the bus stop and looks at the old route.",
            "Lily steps into her grandfather's house for the last time.",
            "Bob holds her hand.",
        ],
    )
    aboard_still = scene_aboard(scene, _BUS, "Bob shows Lily the landmarks of his route.")
    assert aboard_still.action == [
        "Bob stops at the bus stop and looks at the old route.",
        "Bob holds her hand.",
    ]
    # The beat that gets them off keeps its lines; a scene elsewhere is not touched.
    assert scene_aboard(scene, _BUS, "They step off the bus at the last stop.") == scene
    home = scene.model_copy(update={"place": "Grandfather's house"})
    assert scene_aboard(home, _BUS, "They rest at home.") == home
