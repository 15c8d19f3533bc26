"""Render the invented demo texts as mildly degraded 300 dpi "scans".

Everything is drawn with Pillow and the system's DejaVu fonts and then aged:
yellowed paper, uneven illumination, paper grain and specks, a small skew
and a slight blur.  All randomness comes from a :class:`random.Random`
seeded from the file name, so the same input always gives byte-identical
output.  The degradation is deliberately mild: Tesseract (``-l lav``) with
grayscale + autocontrast + Otsu still reads the pages with a character
error rate of a few percent (see :mod:`heritage.demo.ocr_check`).

Each ``render_*`` function returns ``(image, text)`` where ``text`` is the
ground truth exactly as printed on the page (lines joined with newlines).
"""
from __future__ import annotations

import math
import random
import zlib
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from dublin_core.cite import LV_MONTHS_NOMINATIVE

from .texts import Clipping, MemoryStory, Photo

__all__ = [
    "DPI",
    "seed_for",
    "masthead_date",
    "render_clipping",
    "render_story_page",
    "render_photo",
    "degrade_text_page",
    "save_scan",
]

DPI = 300
# Debian's fonts-dejavu-core and fonts-dejavu-extra (scripts/setup installs them).
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)

LV_MONTHS_LOCATIVE = (
    "janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā",
    "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī",
)
LT_MONTHS_GENITIVE = (
    "sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio",
    "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio",
)
LT_MONTHS_NOMINATIVE = (
    "sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis",
    "liepa", "rugpjūtis", "rugsėjis", "spalis", "lapkritis", "gruodis",
)


# --------------------------------------------------------------------------
# Fonts and small helpers
# --------------------------------------------------------------------------

@lru_cache(maxsize=64)
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Load a DejaVu font installed on the system."""
    for folder in _SYSTEM_FONT_DIRS:
        path = folder / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    raise FileNotFoundError(f"font {name} is not installed: apt-get install fonts-dejavu-core "
                            "fonts-dejavu-extra (scripts/setup does)")


SERIF = "DejaVuSerif.ttf"
SERIF_BOLD = "DejaVuSerif-Bold.ttf"
SERIF_ITALIC = "DejaVuSerif-Italic.ttf"
SANS = "DejaVuSans.ttf"
SANS_BOLD = "DejaVuSans-Bold.ttf"


def seed_for(name: str) -> int:
    """Stable seed for one file (independent of PYTHONHASHSEED).

    >>> seed_for("a.png") == seed_for("a.png")
    True
    """
    return zlib.crc32(name.encode("utf-8"))


def masthead_date(iso: str, language: str = "lv") -> str:
    """Date as printed in a masthead.

    >>> masthead_date("2021-12-03")
    '2021. gada 3. decembrī'
    >>> masthead_date("1936-07")
    '1936. gada jūlijs'
    >>> masthead_date("2004-07-10", "lt")
    '2004 m. liepos 10 d.'
    """
    parts = [int(p) for p in iso.split("-")]
    year, month = parts[0], parts[1]
    day = parts[2] if len(parts) > 2 else None
    if language == "lt":
        if day is None:
            return f"{year} m. {LT_MONTHS_NOMINATIVE[month - 1]}"
        return f"{year} m. {LT_MONTHS_GENITIVE[month - 1]} {day} d."
    if day is None:
        return f"{year}. gada {LV_MONTHS_NOMINATIVE[month - 1]}"
    return f"{year}. gada {day}. {LV_MONTHS_LOCATIVE[month - 1]}"


def _display_name(author: str) -> str:
    """'Surname, Firstname' -> 'Firstname Surname'."""
    if "," in author:
        surname, first = (p.strip() for p in author.split(",", 1))
        return f"{first} {surname}"
    return author


def _wrap(text: str, fnt: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    for word in text.split():
        trial = " ".join(current + [word])
        if current and fnt.getlength(trial) > width:
            lines.append(" ".join(current))
            current = [word]
        else:
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def _draw_justified(draw: ImageDraw.ImageDraw, line: str, fnt: ImageFont.FreeTypeFont,
                    x: int, y: int, width: int, ink: int = 0) -> None:
    words = line.split()
    if len(words) < 2:
        draw.text((x, y), line, font=fnt, fill=ink)
        return
    natural = sum(fnt.getlength(w) for w in words)
    gap = (width - natural) / (len(words) - 1)
    space = fnt.getlength(" ")
    if gap > space * 2.2:  # too loose: set it ragged instead
        draw.text((x, y), line, font=fnt, fill=ink)
        return
    pos = float(x)
    for w in words:
        draw.text((round(pos), y), w, font=fnt, fill=ink)
        pos += fnt.getlength(w) + gap


def _paragraph_block(draw: ImageDraw.ImageDraw | None, paragraphs: list[str],
                     fnt: ImageFont.FreeTypeFont, x: int, y: int, width: int,
                     leading: int, indent: int, justify: bool,
                     out: list[str], para_gap: int = 0) -> int:
    """Lay out paragraphs (draw when ``draw`` is given); return the new y."""
    for para in paragraphs:
        lines = _wrap(para, fnt, width - indent)
        # re-wrap the rest at full width after the indented first line
        if len(lines) > 1:
            first = lines[0]
            rest = _wrap(para[len(first):].strip(), fnt, width)
            lines = [first, *rest]
        for i, line in enumerate(lines):
            lx = x + (indent if i == 0 else 0)
            lw = width - (indent if i == 0 else 0)
            if draw is not None:
                if justify and i < len(lines) - 1:
                    _draw_justified(draw, line, fnt, lx, y, lw)
                else:
                    draw.text((lx, y), line, font=fnt, fill=0)
            out.append(line)
            y += leading
        y += para_gap
    return y


# --------------------------------------------------------------------------
# Ageing
# --------------------------------------------------------------------------

def _noise(rng: random.Random, size: tuple[int, int], amplitude: float, grain: int) -> Image.Image:
    """Seeded grey noise centred on 128 (+-amplitude), clumped by ``grain`` px."""
    w, h = max(1, size[0] // grain), max(1, size[1] // grain)
    raw = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    scale = amplitude / 128.0
    raw = raw.point(lambda v: int(128 + (v - 128) * scale))
    if grain > 1:
        raw = raw.resize(size, Image.Resampling.BILINEAR)
    return raw


def _illumination(rng: random.Random, size: tuple[int, int], low: int, high: int) -> Image.Image:
    """Smooth uneven lighting: a coarse random field, upscaled and blurred."""
    cells = Image.new("L", (4, 5))
    cells.putdata([rng.randint(low, high) for _ in range(20)])
    field = cells.resize(size, Image.Resampling.BICUBIC)
    return field


def degrade_text_page(page: Image.Image, rng: random.Random, *,
                      paper: tuple[int, int, int] = (236, 224, 190),
                      ink: tuple[int, int, int] = (38, 30, 24),
                      skew: tuple[float, float] = (0.3, 1.6),
                      blur: tuple[float, float] = (0.45, 0.8),
                      specks: int = 110) -> Image.Image:
    """Age a black-on-white ``L`` page into a yellowed RGB scan (deterministic)."""
    img = page.convert("L")
    angle = rng.uniform(*skew) * rng.choice((-1, 1))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(*blur)))
    # faded ink: black becomes dark grey
    fade = rng.randint(10, 35)
    img = img.point(lambda v: fade + v * (255 - fade) // 255)
    # paper grain: fine + coarse
    img = ImageChops.add(img, _noise(rng, img.size, 14, 1), 1.0, -128)
    img = ImageChops.add(img, _noise(rng, img.size, 10, 6), 1.0, -128)
    rgb = ImageOps.colorize(img, black=ink, white=paper)
    # uneven illumination / browning towards edges
    light = _illumination(rng, rgb.size, 212, 255)
    rgb = ImageChops.multiply(rgb, Image.merge("RGB", (light, light, light.point(lambda v: v * 96 // 100))))
    # specks, foxing and a faint crease
    draw = ImageDraw.Draw(rgb)
    w, h = rgb.size
    for _ in range(specks):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice((1, 1, 1, 1, 2, 2))
        shade = rng.randint(130, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade - 10, shade - 25))
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randint(15, 60)
        spot = Image.new("L", rgb.size, 0)
        ImageDraw.Draw(spot).ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(25, 50))
        spot = spot.filter(ImageFilter.GaussianBlur(r / 2))
        rgb = Image.composite(Image.new("RGB", rgb.size, (170, 120, 60)), rgb, spot)
    if rng.random() < 0.5:
        crease = Image.new("L", rgb.size, 0)
        y = rng.randrange(h // 4, 3 * h // 4)
        ImageDraw.Draw(crease).line((0, y, w, y + rng.randint(-30, 30)), fill=45, width=5)
        crease = crease.filter(ImageFilter.GaussianBlur(3))
        rgb = Image.composite(Image.new("RGB", rgb.size, (120, 105, 80)), rgb, crease)
    return rgb


def save_scan(image: Image.Image, path: Path, rng: random.Random | None = None) -> None:
    """Save with a 300 dpi tag; ``.jpg`` -> JPEG quality 60-80, else 128-colour PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        quality = (rng or random.Random(seed_for(path.name))).randint(60, 80)
        image.save(path, "JPEG", quality=quality, dpi=(DPI, DPI), optimize=False)
    else:
        # an 8-bit palette keeps the noisy yellowed pages at ~1 MB instead of ~6 MB
        palette = image.quantize(128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        palette.save(path, "PNG", dpi=(DPI, DPI), compress_level=6)


# --------------------------------------------------------------------------
# Clippings
# --------------------------------------------------------------------------

CLIP_WIDTH = 1600


def _clipping_layout(clip: Clipping, draw: ImageDraw.ImageDraw | None, width: int) -> tuple[int, list[str]]:
    margin = 95
    inner = width - 2 * margin
    lines: list[str] = []
    y = 70
    name_font = font(SERIF_BOLD, 62)
    name = clip.newspaper
    if draw is not None:
        nx = margin + (inner - name_font.getlength(name)) / 2
        draw.text((round(nx), y), name, font=name_font, fill=0)
    lines.append(name)
    y += 96
    info_font = font(SANS, 30)
    lt = clip.language == "lt"
    left = f"Nr. {clip.issue}"
    mid = masthead_date(clip.date, clip.language)
    right = f"{clip.page} psl." if lt else f"{clip.page}. lpp."
    if draw is not None:
        draw.text((margin, y), left, font=info_font, fill=0)
        draw.text((round(margin + (inner - info_font.getlength(mid)) / 2), y), mid, font=info_font, fill=0)
        draw.text((round(width - margin - info_font.getlength(right)), y), right, font=info_font, fill=0)
    lines.append(f"{left} {mid} {right}")
    y += 52
    if draw is not None:  # one thin rule under the masthead
        draw.line((margin, y, width - margin, y), fill=0, width=2)
    y += 46
    title_font = font(SERIF_BOLD, 50)
    for line in _wrap(clip.title, title_font, inner):
        if draw is not None:
            draw.text((margin, y), line, font=title_font, fill=0)
        lines.append(line)
        y += 66
    if clip.author:
        y += 6
        by = _display_name(clip.author)
        if draw is not None:
            draw.text((margin, y), by, font=font(SERIF_ITALIC, 36), fill=0)
        lines.append(by)
        y += 52
    y += 24
    body_font = font(SERIF, 38)
    y = _paragraph_block(draw, clip.body.split("\n\n"), body_font, margin, y, inner,
                         leading=54, indent=48, justify=True, out=lines)
    return y + 80, lines


def render_clipping(clip: Clipping, seed: int | None = None) -> tuple[Image.Image, str]:
    """Render one clipping as a degraded scan; returns ``(rgb_image, ground_truth)``."""
    rng = random.Random(seed_for(clip.file) if seed is None else seed)
    width = CLIP_WIDTH + rng.randint(-60, 60)
    height, _ = _clipping_layout(clip, None, width)
    page = Image.new("L", (width, height), 255)
    _, lines = _clipping_layout(clip, ImageDraw.Draw(page), width)
    old = clip.date[:4] < "1990"
    paper = (232, 216, 176) if old else (240, 232, 208)
    return degrade_text_page(page, rng, paper=paper), "\n".join(lines)


# --------------------------------------------------------------------------
# Memory story pages (A5 at 300 dpi)
# --------------------------------------------------------------------------

A5 = (1748, 2480)


def render_story_page(story: MemoryStory, number: int, seed: int | None = None) -> tuple[Image.Image, str]:
    """Render page ``number`` (1-based) of the memory story as a typed A5 sheet."""
    rng = random.Random(seed_for(f"{story.folder}/{number}") if seed is None else seed)
    page = Image.new("L", A5, 255)
    draw = ImageDraw.Draw(page)
    margin = 150
    inner = A5[0] - 2 * margin
    lines: list[str] = []
    y = 170
    if number == 1:
        tf = font(SERIF_BOLD, 50)
        for line in _wrap(story.title, tf, inner):
            draw.text((margin, y), line, font=tf, fill=0)
            lines.append(line)
            y += 70
        by = _display_name(story.author)
        draw.text((margin, y), by, font=font(SERIF_ITALIC, 38), fill=0)
        lines.append(by)
        y += 90
    body = story.pages[number - 1].split("\n\n")
    y = _paragraph_block(draw, body, font(SERIF, 44), margin, y, inner,
                         leading=68, indent=60, justify=False, out=lines, para_gap=28)
    if y > A5[1] - 200:
        raise ValueError(f"story page {number} overflows the A5 sheet")
    num = str(number)
    nf = font(SERIF, 36)
    draw.text((round((A5[0] - nf.getlength(num)) / 2), A5[1] - 150), num, font=nf, fill=0)
    lines.append(num)
    image = degrade_text_page(page, rng, paper=(238, 230, 206), ink=(30, 32, 60),
                              skew=(0.3, 1.5), specks=90)
    return image, "\n".join(lines)


# --------------------------------------------------------------------------
# Photographs
# --------------------------------------------------------------------------

PHOTO_SIZE = (1400, 940)


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    col = Image.new("RGB", (1, 256))
    col.putdata([tuple(top[c] + (bottom[c] - top[c]) * i // 255 for c in range(3)) for i in range(256)])
    return col.resize(size, Image.Resampling.BILINEAR)


def _building(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], wall, roof, window,
              floors: int, cols: int, roof_h: int, hip: bool = False) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=wall, outline=(40, 40, 40), width=3)
    inset = (x1 - x0) // 12 if hip else 0
    draw.polygon([(x0 - 15, y0), (x0 + inset + (0 if hip else (x1 - x0) // 2), y0 - roof_h),
                  *([(x1 - inset, y0 - roof_h)] if hip else []), (x1 + 15, y0)], fill=roof, outline=(30, 30, 30))
    fh = (y1 - y0) / floors
    cw = (x1 - x0) / cols
    for f in range(floors):
        for c in range(cols):
            wx = x0 + c * cw + cw * 0.3
            wy = y0 + f * fh + fh * 0.22
            draw.rectangle((wx, wy, wx + cw * 0.4, wy + fh * 0.5), fill=window, outline=(35, 35, 35), width=2)


def _trees(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, width: int, colour) -> None:
    for _ in range(rng.randint(6, 10)):
        x = rng.randrange(width)
        r = rng.randint(40, 90)
        draw.ellipse((x - r, horizon - 2 * r, x + r, horizon + 10), fill=colour)


def _scene(photo: Photo, rng: random.Random) -> Image.Image:
    w, h = PHOTO_SIZE
    horizon = int(h * rng.uniform(0.52, 0.6))
    img = _gradient((w, h), (150, 175, 205), (225, 230, 235))
    ground = _gradient((w, h - horizon), (95, 120, 70), (60, 80, 45))
    img.paste(ground, (0, horizon))
    d = ImageDraw.Draw(img)
    _trees(d, rng, horizon, w, (50, 75, 45))
    for _ in range(300):  # grass strokes
        x, y = rng.randrange(w), rng.randrange(horizon, h)
        d.line((x, y, x + rng.randint(-4, 4), y - rng.randint(6, 18)), fill=(70, 95, 55), width=2)
    roof, window = (120, 60, 50), (60, 70, 90)
    cx = w // 2 + rng.randint(-120, 120)
    s = photo.scene
    if s == "school":
        _building(d, (cx - 420, horizon - 260, cx + 420, horizon + 40), (175, 85, 60), (90, 90, 95), window,
                  floors=2, cols=8, roof_h=110, hip=True)
        d.rectangle((cx - 45, horizon - 60, cx + 45, horizon + 40), fill=(80, 55, 40))
    elif s == "mill":
        _building(d, (cx - 300, horizon - 220, cx + 200, horizon + 60), (150, 140, 125), roof, window,
                  floors=2, cols=4, roof_h=150)
        wx, wy, r = cx + 300, horizon + 10, 130
        d.ellipse((wx - r, wy - r, wx + r, wy + r), outline=(50, 40, 30), width=12)
        for k in range(8):
            a = k * math.pi / 4
            d.line((wx, wy, wx + r * math.cos(a), wy + r * math.sin(a)), fill=(50, 40, 30), width=8)
        d.rectangle((0, horizon + 120, w, h), fill=(120, 140, 160))
    elif s == "church":
        _building(d, (cx - 300, horizon - 200, cx + 260, horizon + 40), (230, 225, 215), (70, 70, 80), window,
                  floors=1, cols=5, roof_h=140)
        d.rectangle((cx - 420, horizon - 420, cx - 300, horizon + 40), fill=(235, 230, 220), outline=(40, 40, 40), width=3)
        d.polygon([(cx - 430, horizon - 420), (cx - 360, horizon - 640), (cx - 290, horizon - 420)], fill=(60, 60, 70))
        d.line((cx - 360, horizon - 640, cx - 360, horizon - 700), fill=(30, 30, 30), width=6)
        d.line((cx - 385, horizon - 675, cx - 335, horizon - 675), fill=(30, 30, 30), width=6)
    elif s == "farm":
        _building(d, (cx - 560, horizon - 140, cx + 560, horizon + 50), (190, 180, 165), (110, 105, 100), window,
                  floors=1, cols=12, roof_h=90)
        d.rectangle((cx - 200, horizon + 50, cx + 200, horizon + 70), fill=(130, 125, 110))  # cart track
    elif s == "hall":
        _building(d, (cx - 380, horizon - 260, cx + 380, horizon + 20), (215, 200, 170), (95, 85, 80), window,
                  floors=2, cols=6, roof_h=90)
        for row in range(3):
            for k in range(14):
                x = cx - 330 + k * 50 + (row % 2) * 25
                y = horizon + 70 + row * 60
                d.ellipse((x, y - 40, x + 26, y - 14), fill=(200, 170, 150))
                d.rectangle((x - 4, y - 14, x + 30, y + 50), fill=(40, 40, 45) if k % 3 else (220, 220, 215))
    elif s == "stone":
        _building(d, (cx - 380, horizon - 160, cx + 300, horizon + 10), (225, 220, 210), (75, 75, 85), window,
                  floors=1, cols=5, roof_h=110)
        d.ellipse((cx - 200, horizon + 40, cx + 200, horizon + 330), fill=(120, 118, 112), outline=(60, 60, 60), width=4)
        d.rectangle((cx - 110, horizon + 140, cx + 110, horizon + 230), fill=(100, 98, 94))
        for _ in range(40):
            x = rng.randint(cx - 260, cx + 260)
            y = rng.randint(horizon + 300, horizon + 360)
            d.ellipse((x - 8, y - 8, x + 8, y + 8), fill=(200, 60, 60) if rng.random() < 0.6 else (240, 240, 230))
    else:  # library / generic house
        _building(d, (cx - 350, horizon - 240, cx + 350, horizon + 30), (225, 205, 160), (150, 60, 45), window,
                  floors=2, cols=7, roof_h=120)
        d.rectangle((cx - 40, horizon - 70, cx + 40, horizon + 30), fill=(90, 60, 40))
    img = img.filter(ImageFilter.GaussianBlur(1.6))
    if not photo.colour:
        grey = ImageOps.autocontrast(img.convert("L"), cutoff=1)
        img = ImageOps.colorize(grey, black=(35, 25, 15), white=(235, 220, 190), mid=(140, 115, 85))
    # film grain + vignette
    grain = _noise(rng, img.size, 40 if not photo.colour else 18, 2)
    img = ImageChops.add(img, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)
    vignette = Image.new("L", (w, h), 0)
    ImageDraw.Draw(vignette).ellipse((-w * 0.15, -h * 0.2, w * 1.15, h * 1.2), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(120))
    dark = ImageChops.multiply(img, Image.new("RGB", img.size, (120, 110, 100)))
    return Image.composite(img, dark, vignette)


def render_photo(photo: Photo, seed: int | None = None) -> tuple[Image.Image, str]:
    """Render a 'photograph' mounted on a card with a typed caption underneath."""
    rng = random.Random(seed_for(photo.file) if seed is None else seed)
    border = 50
    cap_font = font(SANS_BOLD, 40)
    sub_font = font(SANS, 36)
    cap_width = PHOTO_SIZE[0] + 2 * border
    title_lines = _wrap(photo.title, cap_font, cap_width - 2 * border)
    sub = f"{photo.place}, {photo.date}"
    card_h = PHOTO_SIZE[1] + 2 * border + 50 + 58 * len(title_lines) + 60 + 60
    card = Image.new("RGB", (cap_width, card_h), (250, 250, 248))
    card.paste(_scene(photo, rng), (border, border))
    # the caption is a typed label on the white card
    label = Image.new("L", (cap_width, card_h - PHOTO_SIZE[1] - 2 * border), 255)
    ld = ImageDraw.Draw(label)
    y = 40
    for line in title_lines:
        ld.text((border, y), line, font=cap_font, fill=0)
        y += 58
    ld.text((border, y + 6), sub, font=sub_font, fill=0)
    card.paste(ImageOps.colorize(label, black=(25, 25, 30), white=(250, 250, 248)),
               (0, PHOTO_SIZE[1] + 2 * border))
    # age the whole card lightly (skew, grain, yellowing) using the text-page pipeline
    grey = card.convert("L")
    aged = degrade_text_page(grey, random.Random(rng.random()), paper=(238, 228, 200), ink=(20, 18, 15),
                             skew=(0.3, 1.2), blur=(0.4, 0.6), specks=30)
    if photo.colour:
        # keep the colour print: re-apply the aged geometry to the colour card
        angle_rng = random.Random(rng.random())
        angle = angle_rng.uniform(0.3, 1.0) * angle_rng.choice((-1, 1))
        colour = card.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(240, 236, 225))
        colour = colour.filter(ImageFilter.GaussianBlur(0.5))
        grain = _noise(rng, colour.size, 12, 1)
        aged = ImageChops.add(colour, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)
    return aged, "\n".join([*title_lines, sub])
