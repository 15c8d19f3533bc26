#!/usr/bin/env python3
"""OCR benchmark: heritage's ingest pipeline against raw Tesseract, measured in the same run.

What it measures
----------------
Pages of Latvian text are rendered with Pillow (DejaVu Serif, ~10.5 pt, A5-ish page) in two
variants, with the exact text kept as ground truth:

* ``clean``: 300 dpi, white-ish paper, PNG with a 300 dpi tag;
* ``hard``: 200 dpi, skewed ±1.5–3.5°, blurred, heavy Gaussian and salt-and-pepper noise,
  yellowed uneven paper, JPEG quality ~50; half of them carry a 200 dpi tag and half carry
  no resolution at all (the pipeline must cope without one).

Each variant is read by two engines:

* the baseline: the ``tesseract PAGE stdout -l LANG`` command, one process per core at once,
  with ``OMP_THREAD_LIMIT=1`` (with OpenMP each process would start a thread per core and
  oversubscribe them: measured 4x slower per page on the project's 2-core machines);
* heritage: ``heritage.ingest.pipeline.process_files(paths, lang, workers=0, store=...)``,
  one process per core, timed end to end: reading, preprocessing, OCR and everything else it
  does for a page (ALTO, web and thumbnail derivatives).

The text source is ``../shared/corpus/*.txt`` beside the repository when that folder exists
(real Latvian library reports, read at run time and never copied into the repository), else
the invented texts of ``heritage.demo.texts``.

How to read it
--------------
The machines are shared and noisy, so absolute times mean little: read the *ratios* of
heritage to the baseline measured a moment earlier in the same run (runs go in ABBA order
to even out drift). CER is the character error rate (jiwer) after the same normalisation of
both sides: Unicode NFC, typographic quotes and dashes unified, line-break hyphens joined,
all whitespace collapsed to single spaces. "CER" is character-weighted over all pages of a
variant, "worst" the worst single page, "empty" the pages that gave no text (or an error).

Targets, printed beside the figures with PASS/FAIL:

* CER on hard pages <= 1.0% (goal 0.5%);
* CER on clean pages <= 0.2% and never worse than raw Tesseract;
* heritage throughput >= 0.9 x the parallel raw Tesseract baseline, preprocessing included;
* memory flat over a 1,000-page batch: ``--memory-pages 1000`` renders that many small pages,
  runs the pipeline over them and prints the peak RSS of this process and all its children
  at 10/25/50/100% of the batch; peak@100% / peak@25% should be about 1.0.

The figures are information, not assertions: the script exits 0 whatever they are, 1 if the
pipeline itself raised, 2 if Tesseract (or the language) is missing.

Usage::

    .venv/bin/python scripts/bench_ocr.py [--pages N] [--memory-pages M] [--lang lav]
                                          [--seed S] [--keep DIR]
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jiwer
import numpy as np
import psutil
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run from a checkout without installing: heritage is importable
    sys.path.insert(0, str(REPO))

from heritage.ingest import ocr  # noqa: E402
from heritage.ingest.quality import normalise  # noqa: E402  (the same normalisation as the tests)
sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchtext  # noqa: E402  (beside this script)
from benchtext import CORPUS  # noqa: E402
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

PAGE_INCHES = (5.83, 8.27)  # A5
MARGIN_INCHES = 0.6
FONT_PT = 10.5
WORDS_MIN, WORDS_MAX = 120, 220

TARGET_CER_HARD, GOAL_CER_HARD = 0.010, 0.005
TARGET_CER_CLEAN = 0.002
TARGET_THROUGHPUT = 0.9
TARGET_MEMORY_RATIO = 1.10  # "flat": peak@100% within 10% of peak@25%


# --------------------------------------------------------------------------------------------
# Text source
# --------------------------------------------------------------------------------------------

@dataclass
class Sentence:
    text: str
    starts_paragraph: bool


PUNCTUATION = set(" .,:;!?()\"'„“”«»‘’–—%/-")


def _is_prose(sentence: str) -> bool:
    """Whether a sentence is plain Latin-script prose worth typesetting (no tables, URLs)."""
    words = sentence.split()
    if not 5 <= len(words) <= 60 or max(len(w) for w in words) > 24:
        return False
    if any(bad in sentence.lower() for bad in ("http", "www", "@", "..")):
        return False
    for char in sentence:
        if char.isalpha():
            if not unicodedata.name(char, "").startswith("LATIN"):
                return False
        elif not (char.isdigit() or char in PUNCTUATION):
            return False
    numbers = sum(1 for w in words if w.strip(".,:;()%-").isdigit())
    if numbers > 0.2 * len(words):
        return False  # a table row such as "ZOOM Cert.lv IT drošība darba vietā 4 1 5."
    letters = sum(c.isalpha() for c in sentence)
    digits = sum(c.isdigit() for c in sentence)
    uppers = sum(c.isupper() for c in sentence)
    return (digits <= 0.1 * len(sentence) and uppers <= 0.3 * letters
            and (sentence[0].isupper() or sentence[0] in "„\"(«")
            and sentence[-1] in ".!?:;")


def corpus_sentences(files: list[Path]) -> list[Sentence]:
    """Prose sentences of the corpus, each marked when it opens its paragraph."""
    out: list[Sentence] = []
    for path in files:
        for paragraph in benchtext.paragraphs(path):
            first = True
            for sentence in benchtext.sentences(paragraph):
                if _is_prose(sentence):
                    out.append(Sentence(sentence, first))
                    first = False
    return out


def demo_sentences(lang: str) -> list[Sentence]:
    """Sentences of heritage's invented demo texts, in the OCR language when it has some."""
    from heritage.demo import texts

    wanted = {"lav": "lv", "lit": "lt"}.get(lang.split("+")[0])
    bodies = [(c.language, c.body) for c in texts.CLIPPINGS]
    bodies += [(texts.MEMORY_STORY.language, page) for page in texts.MEMORY_STORY.pages]
    if wanted and any(language == wanted for language, _ in bodies):
        bodies = [(language, body) for language, body in bodies if language == wanted]
    out = []
    for _, body in bodies:
        for paragraph in body.split("\n\n"):
            for i, sentence in enumerate(benchtext.sentences(paragraph)):
                out.append(Sentence(sentence, i == 0))
    return out


def load_sentences(lang: str) -> tuple[list[Sentence], str]:
    files = benchtext.corpus_files()
    if files:
        sentences = corpus_sentences(files)
        if len(sentences) >= 20:
            return sentences, (f"{CORPUS} ({len(files)} files, {len(sentences)} prose sentences; "
                               "real Latvian library reports, read at run time)")
    sentences = demo_sentences(lang)
    return sentences, f"heritage.demo.texts (invented demo texts, {len(sentences)} sentences)"


def build_pages(sentences: list[Sentence], count: int, seed: int) -> list[list[str]]:
    """``count`` pages of ~120–220 words each, as lists of paragraphs; deterministic."""
    rng = random.Random(f"bench-ocr-text-{seed}")
    pages = []
    for k in range(count):
        start = int((k + rng.random()) * len(sentences) / count) % len(sentences)
        target = rng.randint(WORDS_MIN, WORDS_MAX)
        paragraphs: list[list[str]] = []
        words = 0
        i = start
        while words < target:
            sentence = sentences[i % len(sentences)]
            n = len(sentence.text.split())
            if words >= WORDS_MIN and words + n > WORDS_MAX:
                break
            current = paragraphs[-1] if paragraphs else None
            long_paragraph = current and (len(current) >= 4
                                          or sum(len(s.split()) for s in current) > 80)
            if current is None or sentence.starts_paragraph or long_paragraph:
                paragraphs.append([sentence.text])
            else:
                current.append(sentence.text)
            words += n
            i += 1
            if i - start > len(sentences):
                break
        pages.append([" ".join(p) for p in paragraphs])
    return pages


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

def _wrap(paragraphs: list[str], font: ImageFont.FreeTypeFont, width: float) -> list[str | None]:
    """Lines of text, ``None`` between paragraphs; words are never hyphenated."""
    lines: list[str | None] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        lines.append(None)
    return lines[:-1]


def _typeset(paragraphs: list[str], dpi: int, paper, ink, mode: str = "RGB",
             page_inches=PAGE_INCHES) -> Image.Image:
    font = ImageFont.truetype(str(FONT), round(FONT_PT * dpi / 72))
    margin = round(MARGIN_INCHES * dpi)
    width = round(page_inches[0] * dpi)
    lines = _wrap(paragraphs, font, width - 2 * margin)
    line_height = round(font.size * 1.4)
    text_height = sum(line_height if line is not None else line_height // 2 for line in lines)
    height = max(round(page_inches[1] * dpi), text_height + 2 * margin)
    image = Image.new(mode, (width, height), paper)
    draw = ImageDraw.Draw(image)
    y = margin
    for line in lines:
        if line is None:
            y += line_height // 2
            continue
        draw.text((margin, y), line, font=font, fill=ink)
        y += line_height
    return image


def render_clean(paragraphs: list[str]) -> Image.Image:
    return _typeset(paragraphs, 300, paper=(252, 251, 246), ink=(22, 22, 22))


def render_hard(paragraphs: list[str], seed: int, index: int) -> tuple[Image.Image, dict]:
    """A degraded 200 dpi page; returns the image and the degradation parameters used."""
    rng = random.Random(f"bench-ocr-hard-{seed}-{index}")
    nrng = np.random.default_rng([seed & 0xFFFFFFFF, index, 7])
    params = {
        "skew": rng.choice((-1, 1)) * rng.uniform(1.5, 3.5),
        "blur": rng.uniform(0.6, 0.8),
        "sigma": rng.uniform(25, 35),
        "quality": rng.randint(45, 55),
    }
    base = np.array([rng.uniform(226, 238), rng.uniform(212, 224), rng.uniform(170, 186)])
    page = _typeset(paragraphs, 200, paper=0, ink=255, mode="L")
    h, w = page.height, page.width
    # yellowed, uneven paper: a smooth random field, darker towards the edges
    field = Image.fromarray(((nrng.random((7, 5)) * 255)).astype(np.uint8)).resize(
        (w, h), Image.Resampling.BICUBIC)
    unevenness = (np.asarray(field, np.float32) / 255 - 0.5) * 36
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.maximum(np.abs(xx / w - 0.5), np.abs(yy / h - 0.5)) * 2
    paper = base[None, None, :] + unevenness[..., None] - (edge ** 4 * 22)[..., None]
    ink = np.array([48, 40, 32], np.float32)
    coverage = np.asarray(page, np.float32)[..., None] / 255
    rgb = paper * (1 - coverage) + ink * coverage
    image = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(nrng.integers(80, 160)):  # dust and foxing specks
        x, y, r = nrng.integers(0, w), nrng.integers(0, h), nrng.uniform(0.8, 2.5)
        shade = int(nrng.integers(40, 120))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade - 10, shade - 25))
    fill = tuple(int(v) for v in base)
    image = image.rotate(params["skew"], resample=Image.Resampling.BICUBIC, expand=True,
                         fillcolor=fill)
    image = image.filter(ImageFilter.GaussianBlur(params["blur"]))
    pixels = np.array(image, np.float32)
    luma_noise = nrng.standard_normal(pixels.shape[:2], dtype=np.float32) * params["sigma"]
    chroma_noise = nrng.standard_normal(pixels.shape, dtype=np.float32) * (params["sigma"] / 4)
    pixels += luma_noise[..., None] + chroma_noise
    specks = nrng.random(pixels.shape[:2], dtype=np.float32)
    pixels[specks < 0.004] = nrng.uniform(0, 70)  # pepper
    pixels[specks > 0.998] = 255  # salt
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"), params


def render_memory_page(text: str) -> Image.Image:
    """A small quick page: one short paragraph, 300 dpi, grayscale."""
    return _typeset([text], 300, paper=250, ink=20, mode="L", page_inches=(4.1, 1.6))


# --------------------------------------------------------------------------------------------
# Engines and scoring
# --------------------------------------------------------------------------------------------

@dataclass
class Run:
    variant: str
    engine: str
    texts: list[str]
    wall: float
    errors: list[str] = field(default_factory=list)
    crashed: str | None = None

    def score(self, truths: list[str]) -> None:
        refs = [normalise(t) for t in truths]
        hyps = [normalise(t) for t in self.texts]
        self.refs, self.hyps = refs, hyps
        self.cer = jiwer.cer(refs, hyps)
        self.page_cers = [jiwer.cer(r, h) for r, h in zip(refs, hyps, strict=True)]
        self.empty = sum(1 for h in hyps if not h)
        self.rate = len(truths) / self.wall if self.wall > 0 else float("nan")

    def subset_cer(self, indices: list[int]) -> float:
        """Character-weighted CER over some of the pages."""
        if not indices:
            return float("nan")
        return jiwer.cer([self.refs[i] for i in indices], [self.hyps[i] for i in indices])


def tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).splitlines()[0].strip()


def run_raw(variant: str, paths: list[Path], lang: str, workers: int) -> Run:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    errors: list[str] = []

    def one(path: Path) -> str:
        done = subprocess.run(["tesseract", str(path), "stdout", "-l", lang],
                              capture_output=True, env=env)
        if done.returncode != 0:
            errors.append(f"{path.name}: {done.stderr.decode(errors='replace').strip()[-200:]}")
            return ""
        return done.stdout.decode("utf-8", errors="replace")

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        texts = list(pool.map(one, paths))
    return Run(variant, f"tesseract CLI ×{workers} (OMP=1)", texts,
               time.perf_counter() - start, errors)


def run_heritage(variant: str, paths: list[Path], lang: str, store_root: Path,
                 workers: int) -> Run:
    from heritage.ingest.pipeline import process_files
    from heritage.storage import LocalMediaStore

    engine = f"heritage pipeline ×{workers}"
    store_root.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        results = list(process_files(paths, lang, workers=0, store=LocalMediaStore(store_root)))
    except Exception as exc:  # the pipeline is being rewritten: report, do not hide
        run = Run(variant, engine, [""] * len(paths), time.perf_counter() - start)
        run.crashed = f"{type(exc).__name__}: {exc}"
        return run
    wall = time.perf_counter() - start
    by_path = {Path(r.path).resolve(): r for r in results}
    texts, errors = [], []
    for path in paths:
        result = by_path.get(path.resolve())
        if result is None:
            errors.append(f"{path.name}: no result returned")
            texts.append("")
        elif result.error:
            errors.append(f"{path.name}: {result.error}")
            texts.append("")
        else:
            texts.append("\n\n".join(page.text or "" for page in result.pages))
    return Run(variant, engine, texts, wall, errors)


# --------------------------------------------------------------------------------------------
# Memory mode
# --------------------------------------------------------------------------------------------

class RssSampler(threading.Thread):
    """Samples the RSS of this process plus all its descendants; keeps the running peak."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.process = psutil.Process()
        self.peak = 0
        self.samples = 0
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def sample(self) -> int:
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                pass
        with self._lock:
            self.peak = max(self.peak, total)
            self.samples += 1
        return total

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def memory_mode(count: int, sentences: list[Sentence], lang: str, folder: Path,
                seed: int) -> list[str]:
    from heritage.ingest.pipeline import process_files
    from heritage.storage import LocalMediaStore

    out = [f"memory: {count} small pages (one short paragraph each, 300 dpi PNG), "
           "process_files(workers=0), results consumed one by one and dropped"]
    pages_dir = folder / "memory"
    pages_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"bench-ocr-memory-{seed}")
    started = time.perf_counter()
    paths = []
    for k in range(count):
        first = rng.randrange(len(sentences))
        text = f"Nr. {k + 1}. " + " ".join(sentences[(first + j) % len(sentences)].text
                                          for j in range(2))
        path = pages_dir / f"mem-{k + 1:05d}.png"
        render_memory_page(_clip_words(text, 45)).save(path, dpi=(300, 300), compress_level=1)
        paths.append(path)
    out.append(f"  rendered in {time.perf_counter() - started:.1f} s")

    checkpoints = [0.10, 0.25, 0.50, 1.00]
    marks = {fraction: max(1, math.ceil(fraction * count)) for fraction in checkpoints}
    reached: dict[float, tuple[int, int, int]] = {}
    sampler = RssSampler(0.2)
    before = sampler.sample()
    sampler.peak = before
    sampler.start()
    done = errors = 0
    parent = psutil.Process()
    started = time.perf_counter()
    try:
        for result in process_files(paths, lang, workers=0,
                                    store=LocalMediaStore(folder / "memory-store")):
            done += 1
            errors += bool(result.error)
            del result
            for fraction in checkpoints:
                if fraction not in reached and done >= marks[fraction]:
                    sampler.sample()
                    reached[fraction] = (done, sampler.peak, parent.memory_info().rss)
    except Exception as exc:
        sampler.stop()
        out.append(f"  ERROR: process_files raised {type(exc).__name__}: {exc} "
                   f"after {done} of {count} pages")
        return out
    sampler.stop()
    wall = time.perf_counter() - started
    out.append(f"  {done} pages in {wall:.1f} s ({done / wall:.2f} pages/s), {errors} errors, "
               f"{sampler.samples} RSS samples every 0.2 s; "
               f"before the batch {before / 2**20:.0f} MB")
    out.append("  RSS = this process + all children, summed "
               "(pages shared after fork count in each)")
    out.append(f"  {'done':>6} {'pages':>6} {'peak RSS (tree)':>16} {'parent RSS now':>15}")
    for fraction in checkpoints:
        if fraction in reached:
            pages, peak, parent_rss = reached[fraction]
            out.append(f"  {fraction:>6.0%} {pages:>6} {peak / 2**20:>13.0f} MB "
                       f"{parent_rss / 2**20:>12.0f} MB")
    if 0.25 in reached and 1.00 in reached:
        ratio = reached[1.00][1] / reached[0.25][1]
        verdict = "PASS" if ratio <= TARGET_MEMORY_RATIO else "FAIL"
        out.append(f"  peak RSS ratio peak@100% / peak@25% = {ratio:.2f}×   "
                   f"(target ≈1.0, flat: ≤ {TARGET_MEMORY_RATIO:.2f}×)  {verdict}"
                   + ("" if count >= 1000 else "   [target is for 1,000 pages]"))
    return out


def _clip_words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words[:limit])


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def _pct(value: float) -> str:
    return f"{value * 100:.2f}%"


def machine_info(args, source: str, workers: int) -> list[str]:
    cpu = benchtext.cpu_name()
    load = benchtext.load_average()
    return [
        "heritage OCR benchmark (scripts/bench_ocr.py)",
        f"machine   {workers} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
        f"load average {load}",
        f"software  {tesseract_version()}, Python {platform.python_version()}, "
        f"Pillow {Image.__version__}",
        f"pages     {args.pages} per variant, lang {args.lang}, seed {args.seed}",
        f"text      {source}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20, help="pages per variant (default 20)")
    parser.add_argument("--memory-pages", type=int, default=0,
                        help="pages for the memory run (default 0: skip; the target is 1000)")
    parser.add_argument("--lang", default="lav", help="Tesseract language (default lav)")
    parser.add_argument("--seed", type=int, default=1, help="seed for texts and degradation")
    parser.add_argument("--keep", type=Path, help="keep rendered pages and outputs in DIR")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed pairs of clean runs; the throughput ratio is their median "
                             "(default 3: on a shared machine one pair can be off by 20%%)")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.memory_pages < 0 or args.repeat < 1:
        parser.error("--pages and --repeat must be at least 1 and --memory-pages at least 0")

    try:
        ocr.check_languages(args.lang)  # the same check and advice as `heritage ingest`
    except ocr.OcrUnavailable as exc:
        print(f"bench_ocr: {exc}", file=sys.stderr)
        return 2

    workers = os.cpu_count() or 1
    sentences, source = load_sentences(args.lang)
    for line in machine_info(args, source, workers):
        print(line)
    sys.stdout.flush()

    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        folder = args.keep.resolve() if args.keep else Path(tmp)
        if args.keep:
            for sub in ("clean", "hard", "out", "memory", "store", "memory-store"):
                shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / "clean").mkdir(parents=True, exist_ok=True)
        (folder / "hard").mkdir(parents=True, exist_ok=True)

        started = time.perf_counter()
        pages = build_pages(sentences, args.pages, args.seed)
        truths = ["\n\n".join(paragraphs) for paragraphs in pages]
        clean_paths, hard_paths = [], []
        for k, paragraphs in enumerate(pages):
            name = f"page-{k + 1:03d}"
            clean = folder / "clean" / f"{name}.png"
            render_clean(paragraphs).save(clean, dpi=(300, 300))
            image, params = render_hard(paragraphs, args.seed, k)
            hard = folder / "hard" / f"{name}.jpg"
            tagged = k % 2 == 0
            extra = {"dpi": (200, 200)} if tagged else {}
            image.save(hard, "JPEG", quality=params["quality"], **extra)
            clean_paths.append(clean)
            hard_paths.append(hard)
            if args.keep:
                for variant in ("clean", "hard"):
                    (folder / variant / f"{name}.gt.txt").write_text(truths[k] + "\n", "utf-8")
        words = [len(t.split()) for t in truths]
        print(f"rendered  {2 * args.pages} pages in {time.perf_counter() - started:.1f} s; "
              f"{min(words)}–{max(words)} words a page; clean 300 dpi PNG, hard 200 dpi JPEG "
              f"q45–55 ({(args.pages + 1) // 2} with a 200 dpi tag, {args.pages // 2} untagged)")
        print(f"baseline  tesseract PAGE stdout -l {args.lang}, {workers} processes at once, "
              "OMP_THREAD_LIMIT=1 (with OpenMP each process would oversubscribe the cores; "
              "measured 4× slower per page here)")
        print(f"heritage  process_files(workers=0): {workers} processes; pages/s includes reading, "
              "preprocessing, OCR, ALTO and web/thumbnail derivatives")
        print("order     clean: raw then heritage; hard: heritage then raw (ABBA, evens out drift)")
        sys.stdout.flush()

        # warm the page cache with the language model so the first timed engine is not penalised
        warm = folder / "warm.png"
        Image.new("L", (200, 60), 255).save(warm)
        subprocess.run(["tesseract", str(warm), "stdout", "-l", args.lang], capture_output=True,
                       env=dict(os.environ, OMP_THREAD_LIMIT="1"))

        store = folder / "store"
        runs = [
            run_raw("clean", clean_paths, args.lang, workers),
            run_heritage("clean", clean_paths, args.lang, store, workers),
        ]
        hard_heritage = run_heritage("hard", hard_paths, args.lang, store, workers)
        runs += [run_raw("hard", hard_paths, args.lang, workers), hard_heritage]
        for run in runs:
            run.score(truths)
        clean_ratios = [runs[1].rate / runs[0].rate]
        for turn in range(1, args.repeat):  # alternate which engine goes first
            pair = [run_raw("clean", clean_paths, args.lang, workers),
                    run_heritage("clean", clean_paths, args.lang, store, workers)]
            if turn % 2:
                pair.reverse()
            her_run, raw_run = sorted(pair, key=lambda r: r.engine.startswith("tesseract"))
            clean_ratios.append(raw_run.wall / her_run.wall)  # same pages: the ratio of rates

        if args.keep:
            (folder / "out").mkdir(exist_ok=True)
            for run in runs:
                tag = "raw" if run.engine.startswith("tesseract") else "heritage"
                for k, text in enumerate(run.texts):
                    (folder / "out" / f"{run.variant}-{tag}-page-{k + 1:03d}.txt").write_text(
                        text, "utf-8")

        print()
        print(f"{'variant':<8} {'engine':<30} {'CER':>7} {'worst':>7} {'empty':>6} "
              f"{'wall s':>7} {'pages/s':>8}")
        for run in runs:
            worst = max(run.page_cers) if run.page_cers else float("nan")
            cer = "error" if run.crashed else _pct(run.cer)
            rate = "error" if run.crashed else f"{run.rate:.2f}"
            print(f"{run.variant:<8} {run.engine:<30} {cer:>7} {_pct(worst):>7} "
                  f"{run.empty:>6} {run.wall:>7.1f} {rate:>8}")
        for run in runs:
            if run.crashed:
                print(f"ERROR     {run.variant} {run.engine}: process_files raised {run.crashed}")
            for error in run.errors[:5]:
                print(f"error     {run.variant} {run.engine}: {error}")
            if len(run.errors) > 5:
                print(f"error     … and {len(run.errors) - 5} more")
        for run in runs:
            worst_index = max(range(len(run.page_cers)), key=run.page_cers.__getitem__)
            if run.page_cers[worst_index] > 0:
                print(f"worst     {run.variant:<5} {run.engine:<30} page-{worst_index + 1:03d} "
                      f"{_pct(run.page_cers[worst_index])}")

        raw = {r.variant: r for r in runs if r.engine.startswith("tesseract")}
        her = {r.variant: r for r in runs if r.engine.startswith("heritage")}
        crashed = any(r.crashed for r in runs)
        tagged_pages = [k for k in range(args.pages) if k % 2 == 0]
        untagged_pages = [k for k in range(args.pages) if k % 2 == 1]
        if untagged_pages:
            print(f"hard CER by dpi tag   raw: 200 dpi tag "
                  f"{_pct(raw['hard'].subset_cer(tagged_pages))}, "
                  f"no tag {_pct(raw['hard'].subset_cer(untagged_pages))}   "
                  f"heritage: 200 dpi tag {_pct(her['hard'].subset_cer(tagged_pages))}, "
                  f"no tag {_pct(her['hard'].subset_cer(untagged_pages))}")

        def mark(ok: bool) -> str:
            return "PASS" if ok else "FAIL"

        print()
        ratios = {v: her[v].rate / raw[v].rate for v in ("clean", "hard")}
        ratios["clean"] = statistics.median(clean_ratios)
        print(f"ratios   heritage/raw throughput  clean {ratios['clean']:.3f}×  hard "
              f"{ratios['hard']:.3f}×   (target ≥ {TARGET_THROUGHPUT}×)  "
              f"clean {mark(ratios['clean'] >= TARGET_THROUGHPUT)}  "
              f"hard {mark(ratios['hard'] >= TARGET_THROUGHPUT)}")
        if len(clean_ratios) > 1:
            print(f"         clean: median of {len(clean_ratios)} paired runs, each "
                  + ", ".join(f"{r:.3f}×" for r in clean_ratios))
        clean_ok = her["clean"].cer <= TARGET_CER_CLEAN and her["clean"].cer <= raw["clean"].cer
        print(f"         CER clean heritage {_pct(her['clean'].cer)} "
              f"vs raw {_pct(raw['clean'].cer)}   (target ≤ {_pct(TARGET_CER_CLEAN)}, "
              f"never worse than raw)  {mark(clean_ok)}")
        hard_cer = her["hard"].cer
        goal = "goal met" if hard_cer <= GOAL_CER_HARD else "goal not met"
        print(f"         CER hard  heritage {_pct(hard_cer)} vs raw {_pct(raw['hard'].cer)}"
              f"   (target ≤ {_pct(TARGET_CER_HARD)}, goal {_pct(GOAL_CER_HARD)})  "
              f"{mark(hard_cer <= TARGET_CER_HARD)} ({goal})")
        if raw["hard"].cer > 0.5:
            print("         (raw Tesseract reads little of the hard pages, so its hard pages/s is "
                  "the speed of giving up, not of reading)")
        print(f"         CER ratio heritage/raw  clean "
              f"{_ratio(her['clean'].cer, raw['clean'].cer)}  hard "
              f"{_ratio(her['hard'].cer, raw['hard'].cer)}   (lower is better)")
        sys.stdout.flush()

        print()
        if args.memory_pages:
            for line in memory_mode(args.memory_pages, sentences, args.lang, folder, args.seed):
                print(line)
        else:
            print("memory: skipped (run with --memory-pages 1000 for the flat-memory target: "
                  "peak RSS at 10/25/50/100% of the batch)")
        load = benchtext.load_average()
        print(f"\nload average at the end {load}; figures are information, not assertions")
        if args.keep:
            print(f"pages, ground truth (*.gt.txt) and outputs (out/) kept in {folder}")
    return 1 if crashed else 0


def _ratio(a: float, b: float) -> str:
    if b == 0:
        return "n/a" if a == 0 else "∞"
    return f"{a / b:.2f}×"


if __name__ == "__main__":
    sys.exit(main())
