"""Simple pictures drawn by the site (generator/components/fast-graphic/, face-diagram/).

The drawing is the template's; every word in or beside it comes from the topic, so the
pictures stay correct and can be translated like the rest of the text.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import PlainText, Strict

# Shown in a tile about 7 letters wide at the picture's smallest size.
TileWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10)]


class FastLetter(Strict):
    letter: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2)] = Field(
        description="The letter shown large, e.g. F."
    )
    word: TileWord = Field(description="The word under the letter, e.g. Face (10 characters at most).")
    meaning: PlainText = Field(description="What it means, read by screen readers, e.g. 'Face drooping on one side'.")


class FastPicture(Strict):
    """The FAST / BE-FAST letters, drawn after the emergency cards."""

    title: PlainText = Field(description="The picture's name, shown above it and read first.")
    letters: list[FastLetter] = Field(min_length=3, max_length=6)


FacePart = Literal["forehead", "eyebrow", "upper-eyelid", "lower-eyelid", "cheek", "nose", "mouth", "chin"]


class FacePlace(Strict):
    part: FacePart = Field(description="Where on the face the picture marks.")
    label: PlainText = Field(description="What the numbered mark means, shown in the list beside the picture.")


class FacePicture(Strict):
    """A face with numbered marks where twitches happen, and a list saying what each mark is."""

    title: PlainText
    places: list[FacePlace] = Field(min_length=1, max_length=8)
