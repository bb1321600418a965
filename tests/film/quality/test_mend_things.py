"""The story's own vehicle keeps its name in every scene."""

from __future__ import annotations

from film.quality.mend.things import story_vehicle_kept
from film.screenplay import DialogueLine, Scene

SCOOTER = (
    "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
    "karaoke every time he runs a red light."
)


def test_the_scooter_is_no_car_in_the_scenes() -> None:
    """Recorded (craft bench, the scooter spoof, 21:40): "a strange car … plays karaoke"."""
    scene = Scene(
        number=1,
        place="Street",
        action=[
            "She notices a strange car parked on the side of the road.",
            "The car begins to play karaoke.",
            "Cars pass by.",
        ],
        dialogue=[DialogueLine(speaker="Jenny", text="This car is always playing karaoke!")],
    )
    kept = story_vehicle_kept(scene, SCOOTER)
    assert kept.action == [
        "She notices a strange scooter parked on the side of the road.",
        "The scooter begins to play karaoke.",
        "Cars pass by.",  # a crowd of them is the street
    ]
    assert kept.dialogue[0].text == "This scooter is always playing karaoke!"


def test_a_story_of_no_vehicle_or_of_two_is_left_alone() -> None:
    ride = Scene(number=1, place="站", action=["小哥骑着汽车离开。"])
    assert story_vehicle_kept(ride, "快递小哥骑着电动车送货").action == ["小哥骑着电动车离开。"]
    assert story_vehicle_kept(ride, "奶奶教孙子包饺子") == ride
    assert story_vehicle_kept(ride, "他骑自行车去赶公交车") == ride
