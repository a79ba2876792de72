"""Licence and rights statements under a post: "All photos are licensed
under a Creative Commons ... licence", "To the extent possible under law,
all copyright and related rights to this work ...". They state the terms of
reuse; they are not what the post says."""

from boilerstrip import extract

PARAS = [
    "We walked up from the harbour before dawn and reached the ridge as the fog lifted off the bay, "
    "just in time to see the first ferry of the day cross towards the islands.",
    "The light changed every few minutes, from grey to pink to a hard white, and by nine the hikers "
    "had filled the path and the photographers had packed up their tripods.",
]
PHOTOS_LICENCE = (
    "All photos are licensed under a Creative Commons Attribution-NonCommercial-ShareAlike 3.0 licence. "
    "This means that you may share and remix the photos, as long as you do it in a non-commercial way, "
    "credit the author and share them under the same licence."
)
WAIVER = (
    "To the extent possible under law, all copyright and related or neighboring rights to this work, "
    "Morning on the ridge, have been waived by its author."
)


def test_licence_statements_are_not_the_post():
    html = (
        "<html><body><div class='post'><h1>Morning on the ridge</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"<p>{PHOTOS_LICENCE}</p><p>{WAIVER}</p></div></body></html>"
    )
    art = extract(html, explain=True)
    for p in PARAS:
        assert p in art.body
    assert PHOTOS_LICENCE not in art.body and WAIVER not in art.body
