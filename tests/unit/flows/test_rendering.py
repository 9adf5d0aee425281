"""The renderer's set-up (flows/rendering.py), without rendering a PDF: templates escape village
text, and a worker that grew past its memory limit gets a fresh renderer."""

from __future__ import annotations

from flows.rendering import BriefRenderer


def test_templates_escape_village_text() -> None:
    renderer = BriefRenderer()
    html = renderer.env.from_string("<p>{{ text }}</p>").render(
        text='<img src="file:///etc/passwd"><script>alert(1)</script>')
    assert "<img" not in html and "&lt;img" in html


def test_a_worker_past_its_memory_limit_gets_a_fresh_renderer() -> None:
    from flows.rendering import resident_mb, shared_renderer

    assert resident_mb() > 10  # this process, read from /proc
    kept = shared_renderer(growth_limit_mb=1_000_000)
    assert shared_renderer(growth_limit_mb=1_000_000) is kept
    assert shared_renderer(growth_limit_mb=-1) is not kept  # grown past the limit: rebuilt



def test_control_characters_never_reach_a_brief() -> None:
    # a control character shows as a box in the PDF and leaves its text unextractable
    html = BriefRenderer().env.from_string("<p>{{ text }}</p>").render(text="melatih\x0bkader\x01")
    assert html == "<p>melatih\nkader</p>"
