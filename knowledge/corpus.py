"""The guideline corpus on disk: front matter, validation, heading chunks and a content hash.

Each guideline is a Markdown file with YAML front matter (``genre``, ``topic``, ``language``)
and ``## `` sections. A section is the unit a screenwriter asks about ("Ancient Style › Endings"),
so chunks follow headings; a section longer than the embedding model's window is split at
paragraph breaks, keeping its heading, so no text is silently truncated away.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from film.language import CJK
from film.screenplay import Genre

GUIDELINES_DIR = Path(__file__).resolve().parent / "guidelines"
ALL_GENRES = "all"
LANGUAGES = ("en", "zh")
#: Bumped whenever chunking changes, so a stored index built the old way is rebuilt.
CHUNKER_VERSION = "2"
#: Sections above this many words (a CJK character counts as half a word) are split.
MAX_CHUNK_WORDS = 170

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORDS = re.compile(r"[A-Za-z0-9']+")


class CorpusError(ValueError):
    """A guideline file is malformed; the message names the file and the fix."""


@dataclass(frozen=True)
class GuidelineDoc:
    """One guideline file, parsed."""

    source: str
    title: str
    genre: str
    topic: str
    language: str
    body: str


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: a section (or part of a long one) of a guideline."""

    id: str
    source: str
    title: str
    heading: str
    genre: str
    topic: str
    language: str
    text: str

    def metadata(self) -> dict[str, str]:
        """Flat metadata as stored in chromadb (used for ``where`` filters and citations)."""
        return {
            "source": self.source,
            "title": self.title,
            "heading": self.heading,
            "genre": self.genre,
            "topic": self.topic,
            "language": self.language,
        }

    def embedding_text(self) -> str:
        """What the dense model sees: the document title and heading give a section context."""
        return f"{self.title}. {self.heading}.\n{self.text}"


def guideline_files(corpus_dir: Path = GUIDELINES_DIR) -> list[Path]:
    """The Markdown files of the corpus in a stable order.

    Raises:
        CorpusError: when the folder is missing or holds no guidelines.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(f"The guidelines folder {corpus_dir} does not exist.")
    files = sorted(p for p in corpus_dir.glob("*.md") if p.is_file())
    if not files:
        raise CorpusError(f"The guidelines folder {corpus_dir} holds no .md files.")
    return files


def _word_count(text: str) -> float:
    cjk = len(CJK.findall(text))
    return len(_WORDS.findall(CJK.sub(" ", text))) + cjk / 2


def parse_document(path: Path) -> GuidelineDoc:
    """Read one guideline file and check its front matter.

    Raises:
        CorpusError: for missing or invalid front matter, naming the file and the bad field.
    """
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise CorpusError(f"{path.name}: starts without '---' YAML front matter.")
    try:
        meta: Any = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path.name}: front matter is not valid YAML ({exc}).") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{path.name}: front matter must be a mapping of keys to values.")
    genre = str(meta.get("genre", "")).strip()
    valid_genres = {g.value for g in Genre} | {ALL_GENRES}
    if genre not in valid_genres:
        raise CorpusError(f"{path.name}: genre {genre!r} is not one of {sorted(valid_genres)}.")
    topic = str(meta.get("topic", "")).strip()
    if not _TOPIC.match(topic):
        raise CorpusError(f"{path.name}: topic {topic!r} must be a lower-case-hyphenated slug.")
    language = str(meta.get("language", "")).strip()
    if language not in LANGUAGES:
        raise CorpusError(f"{path.name}: language {language!r} must be one of {LANGUAGES}.")
    body = text[match.end() :].strip()
    title_match = re.match(r"#\s+(.+)", body)
    if not title_match:
        raise CorpusError(f"{path.name}: the body must open with a '# Title' line.")
    return GuidelineDoc(
        source=path.name,
        title=title_match.group(1).strip(),
        genre=genre,
        topic=topic,
        language=language,
        body=body[title_match.end() :].strip(),
    )


def _sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) pairs; text before the first ``## `` becomes an "Overview" section."""
    sections: list[tuple[str, str]] = []
    heading, lines = "Overview", list[str]()
    for line in body.split("\n"):
        if line.startswith("## "):
            sections.append((heading, "\n".join(lines).strip()))
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    sections.append((heading, "\n".join(lines).strip()))
    return [(h, t) for h, t in sections if t]


def _split_long(text: str) -> list[str]:
    """Paragraph groups of at most about ``MAX_CHUNK_WORDS`` words each."""
    if _word_count(text) <= MAX_CHUNK_WORDS:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        candidate = "\n\n".join([*current, paragraph])
        if current and _word_count(candidate) > MAX_CHUNK_WORDS:
            parts.append("\n\n".join(current))
            current = [paragraph]
        else:
            current.append(paragraph)
    if current:
        parts.append("\n\n".join(current))
    return parts


def _anchor(heading: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
    return slug or "section"


def chunk_document(doc: GuidelineDoc) -> list[Chunk]:
    """Chunks of one document, one per section or section part, with stable ids."""
    chunks: list[Chunk] = []
    for index, (heading, text) in enumerate(_sections(doc.body)):
        for part, piece in enumerate(_split_long(text)):
            chunks.append(
                Chunk(
                    id=f"{doc.source}#{index:02d}-{_anchor(heading)}-{part}",
                    source=doc.source,
                    title=doc.title,
                    heading=heading,
                    genre=doc.genre,
                    topic=doc.topic,
                    language=doc.language,
                    text=piece.strip(),
                )
            )
    return chunks


def load_chunks(corpus_dir: Path = GUIDELINES_DIR) -> list[Chunk]:
    """Every chunk of the corpus, file by file in name order."""
    return [c for path in guideline_files(corpus_dir) for c in chunk_document(parse_document(path))]


def corpus_fingerprint(corpus_dir: Path = GUIDELINES_DIR, *, model_id: str = "") -> str:
    """A content hash of the corpus (names and bytes), the chunker and the embedding model.

    The stored index carries this hash; any edit, addition or removal changes it.
    """
    digest = hashlib.sha256(f"chunker={CHUNKER_VERSION};model={model_id}\n".encode())
    for path in guideline_files(corpus_dir):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def quick_signature(corpus_dir: Path = GUIDELINES_DIR) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times: a cheap check before re-hashing on every query."""
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in guideline_files(corpus_dir)
    )
