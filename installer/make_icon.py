"""Draws posapp's icon: a receipt with a coin, in the colours of resources/style.qss.

    .venv/bin/python installer/make_icon.py

writes installer/posapp.svg, installer/posapp.png (256 px) and, for the Windows
executable and installer, installer/windows/posapp.ico. One list of shapes feeds
both the SVG and the Pillow drawing, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 256
SCALE = 4  # drawn at 1024 px and scaled down, for smooth edges

# From resources/style.qss: the top bar, the accent, the notice yellow, rules.
DARK_TEAL = "#0f3d3e"
TEAL = "#0f766e"
WHITE = "#ffffff"
RULE = "#cfd4dc"
GOLD = "#f6d48b"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    radius: float
    fill: str


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    width: float = 0


Shape = Box | Polygon | Circle


def _receipt() -> Polygon:
    left, right, top, bottom, teeth = 60.0, 172.0, 34.0, 206.0, 7
    step = (right - left) / teeth
    zigzag = [(right - step * (i + 0.5), bottom - (10 if i % 2 == 0 else 0)) for i in range(teeth)]
    points = [(left, top), (right, top), (right, bottom), *zigzag, (left, bottom)]
    return Polygon(tuple(points), WHITE)


SHAPES: tuple[Shape, ...] = (
    Box(8, 8, 248, 248, 48, DARK_TEAL),
    _receipt(),
    Box(80, 62, 152, 70, 4, RULE),
    Box(80, 84, 140, 92, 4, RULE),
    Box(80, 106, 152, 114, 4, RULE),
    Box(80, 136, 130, 148, 6, TEAL),
    Circle(182, 182, 52, GOLD, DARK_TEAL, 8),
    Circle(182, 182, 32, None, TEAL, 7),
    Box(176, 164, 188, 200, 6, TEAL),
)


def svg() -> str:
    body: list[str] = []
    for shape in SHAPES:
        if isinstance(shape, Box):
            body.append(
                f'  <rect x="{shape.x0:g}" y="{shape.y0:g}" width="{shape.x1 - shape.x0:g}" '
                f'height="{shape.y1 - shape.y0:g}" rx="{shape.radius:g}" fill="{shape.fill}"/>'
            )
        elif isinstance(shape, Polygon):
            points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
            body.append(f'  <polygon points="{points}" fill="{shape.fill}"/>')
        else:
            stroke = (
                f' stroke="{shape.stroke}" stroke-width="{shape.width:g}"' if shape.stroke else ""
            )
            body.append(
                f'  <circle cx="{shape.cx:g}" cy="{shape.cy:g}" r="{shape.r:g}" '
                f'fill="{shape.fill or "none"}"{stroke}/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">\n'
        "  <title>posapp</title>\n" + "\n".join(body) + "\n</svg>\n"
    )


def png() -> Image.Image:
    big = Image.new("RGBA", (SIZE * SCALE, SIZE * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    s = SCALE
    for shape in SHAPES:
        if isinstance(shape, Box):
            draw.rounded_rectangle(
                (shape.x0 * s, shape.y0 * s, shape.x1 * s, shape.y1 * s),
                radius=shape.radius * s,
                fill=shape.fill,
            )
        elif isinstance(shape, Polygon):
            draw.polygon([(x * s, y * s) for x, y in shape.points], fill=shape.fill)
        else:
            # SVG centres the stroke on the circle's edge; so does this.
            half = shape.width / 2
            outer = shape.r + half if shape.stroke else shape.r
            box = [(shape.cx - outer) * s, (shape.cy - outer) * s]
            box += [(shape.cx + outer) * s, (shape.cy + outer) * s]
            draw.ellipse(
                box,
                fill=shape.fill,
                outline=shape.stroke,
                width=round(shape.width * s) if shape.stroke else 0,
            )
    return big.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main() -> None:
    (HERE / "posapp.svg").write_text(svg(), encoding="utf-8")
    image = png()
    image.save(HERE / "posapp.png", optimize=True)
    (HERE / "windows").mkdir(exist_ok=True)
    image.save(HERE / "windows" / "posapp.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 256)])


if __name__ == "__main__":
    main()
