"""The archive's tables: collections, items with Dublin Core values, media files and pages."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

from sqlalchemy import (BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, String,
                        Text, UniqueConstraint, func, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dublin_core import Record

from .extensions import db

# withdrawn and deleted items stay as rows: OAI-PMH harvesters are told they are gone
# (deletedRecord "persistent"), and their identifiers are never reused
# the workflow: draft -> review -> published -> withdrawn (and back to draft for rework)
STATUSES = ("draft", "review", "published", "withdrawn", "deleted")
#: Who may see an item. public: everybody sees everything; metadata_only: the description,
#: never the files; reading_room: the description, and the files from the library's own
#: network (HERITAGE_READING_ROOM_IPS); staff: staff alone; embargo: the description until
#: ``embargo_until``, then everything, as public.
ACCESS_LEVELS = ("public", "metadata_only", "reading_room", "staff", "embargo")
# whose descriptions the public may read; page text and images are decided by services.access
DESCRIBED_ACCESS = ("public", "metadata_only", "reading_room", "embargo")
#: Why an item or file is closed; every level but public names one.
ACCESS_REASONS = ("privacy", "copyright", "donor_terms", "other")
#: What a staff account may do: admin everything; coordinator every branch (review,
#: publish, statistics); cataloguer their own branch (create, edit, submit); volunteer OCR
#: correction and transcription only.
ROLES = ("admin", "coordinator", "cataloguer", "volunteer")
#: How much of a Dublin Core value the (element, value) index holds.
VALUE_KEY_LENGTH = 200


def timestamp(**kwargs):
    """A timezone-aware timestamp column."""
    return mapped_column(DateTime(timezone=True), **kwargs)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def content_key(checksums: list[str]) -> str:
    """The key of an item ingested from files with these SHA-256 checksums, in this order.

    >>> content_key(["ab", "cd"]) == content_key(["ab", "cd"]) != content_key(["cd", "ab"])
    True
    """
    return hashlib.sha256("\n".join(checksums).encode("ascii")).hexdigest()


class Branch(db.Model):
    """A library of the network: the regional library or one of its parish branches.

    Items, staff accounts and statistics belong to a branch.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    place: Mapped[str] = mapped_column(String(200), default="")  # the village or town it serves
    is_regional: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = timestamp(default=utcnow)


class User(db.Model):
    """A staff account: a librarian, the coordinator, an administrator or a volunteer."""

    __tablename__ = "account"  # "user" is a reserved word in PostgreSQL
    __table_args__ = (CheckConstraint(f"role IN {ROLES}", name="account_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = timestamp()
    last_login_at: Mapped[datetime | None] = timestamp()
    created_at: Mapped[datetime] = timestamp(default=utcnow)

    branch: Mapped[Branch | None] = relationship()

    # Flask-Login's user protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def name(self) -> str:
        """How the account is shown: its display name, else its user name."""
        return self.display_name or self.username


class Collection(db.Model):
    """A thematic set of items: a newspaper's clippings, a folder, a photo album."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    ocr_lang: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = timestamp(default=utcnow)

    items: Mapped[list["Item"]] = relationship(back_populates="collection")


class Item(db.Model):
    """One described thing: a clipping, a photo, a multi-page memory story."""

    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="item_status"),
        CheckConstraint(f"access_level IN {ACCESS_LEVELS}", name="item_access_level"),
        Index("ix_item_updated_at_id", "updated_at", "id"),  # OAI-PMH keyset paging
        # one item per set of ingested files in a collection, however many workers ingest
        UniqueConstraint("collection_id", "content_key", name="uq_item_content_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collection.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    access_level: Mapped[str] = mapped_column(String(20), default="public")
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    updated_at: Mapped[datetime] = timestamp(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = timestamp()
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"),
                                                  index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    embargo_until: Mapped[date | None] = mapped_column(Date)
    access_reason: Mapped[str | None] = mapped_column(String(20))
    access_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: :func:`content_key` of the files the item was ingested from (None: made by hand)
    content_key: Mapped[str | None] = mapped_column(String(64))

    collection: Mapped[Collection] = relationship(back_populates="items")
    branch: Mapped[Branch | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    values: Mapped[list["ItemValue"]] = relationship(
        back_populates="item", order_by="ItemValue.position", cascade="all, delete-orphan")
    media_files: Mapped[list["MediaFile"]] = relationship(
        back_populates="item", order_by="MediaFile.position", cascade="all, delete-orphan")
    pages: Mapped[list["Page"]] = relationship(
        back_populates="item", order_by="Page.sequence", cascade="all, delete-orphan")
    recordings: Mapped[list["Recording"]] = relationship(
        back_populates="item", order_by="Recording.id", cascade="all, delete-orphan")
    interview: Mapped["Interview | None"] = relationship(
        back_populates="item", cascade="all, delete-orphan", uselist=False)

    @property
    def record(self) -> Record:
        """The item's Dublin Core description."""
        record = Record()
        for value in self.values:
            record.add(value.element, value.value, value.lang)
        return record

    def set_record(self, record: Record) -> None:
        """Replace the item's Dublin Core values with those of ``record``."""
        self.values = [ItemValue(element=element, value=value.text, lang=value.lang, position=i)
                       for i, (element, value) in enumerate(record.items())]

    def title(self, lang: str | None = None) -> str:
        """The title in ``lang`` when there is one, else an untagged one, else the first.

        The rule of :meth:`dublin_core.Record.first`, read straight from the values: pages
        ask for titles of every item they list, and building a whole record each time cost
        more than the rest of an item card.
        """
        titles = [v for v in self.values if v.element == "title" and v.value.strip()]
        wanted = (lang or "").casefold()
        for value in titles:
            tag = (value.lang or "").casefold()
            if wanted and (tag == wanted or tag.startswith(wanted + "-")):
                return value.value.strip()
        for value in titles:
            if not value.lang:
                return value.value.strip()
        return titles[0].value.strip() if titles else f"#{self.id}"

    @property
    def is_described(self) -> bool:
        """Whether anybody may read the item's description (its pages may still be closed)."""
        return self.status == "published" and self.access_level in DESCRIBED_ACCESS


class ItemValue(db.Model):
    """One Dublin Core value of an item, with its language."""

    __table_args__ = (
        Index("ix_item_value_item_element", "item_id", "element"),
        # items sharing a subject, place or person (related items): the first 200 characters,
        # because PostgreSQL cannot index a whole long description
        Index("ix_item_value_element_value", "element", func.substr(text("value"), 1, VALUE_KEY_LENGTH)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    element: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[Item] = relationship(back_populates="values")


class MediaFile(db.Model):
    """An original file exactly as it was ingested, kept untouched in the media store."""

    __table_args__ = (UniqueConstraint("item_id", "position", name="uq_media_file_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    original_name: Mapped[str] = mapped_column(String(500))
    storage_key: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int | None]
    height: Mapped[int | None]
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    # a file may be closed further than its item (never opened further); None: as the item
    access_level: Mapped[str | None] = mapped_column(String(20))
    access_reason: Mapped[str | None] = mapped_column(String(20))

    item: Mapped[Item] = relationship(back_populates="media_files")
    pages: Mapped[list["Page"]] = relationship(back_populates="media_file", order_by="Page.frame")


class Page(db.Model):
    """One page image of an item (a frame of a media file) with its OCR text."""

    __table_args__ = (UniqueConstraint("item_id", "sequence", name="uq_page_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    media_file_id: Mapped[int] = mapped_column(ForeignKey("media_file.id", ondelete="CASCADE"))
    sequence: Mapped[int]
    frame: Mapped[int] = mapped_column(default=0)
    width: Mapped[int]
    height: Mapped[int]
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    ocr_confidence: Mapped[float | None]
    ocr_lang: Mapped[str | None] = mapped_column(String(60))
    image_key: Mapped[str] = mapped_column(String(500))
    thumbnail_key: Mapped[str] = mapped_column(String(500))
    alto_key: Mapped[str | None] = mapped_column(String(500))
    text_source: Mapped[str] = mapped_column(String(20), default="ocr", server_default="ocr")
    turned: Mapped[int] = mapped_column(default=0, server_default="0")
    skew: Mapped[float] = mapped_column(default=0.0, server_default="0")
    # OCR correction: ocr_text is the text shown and searched; the machine's own reading is
    # kept here from the first correction on (and searched too)
    original_ocr_text: Mapped[str | None] = mapped_column(Text)
    corrected_at: Mapped[datetime | None] = timestamp()
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))

    @property
    def has_text(self) -> bool:
        """Whether any text was found on the page (a photo may have none)."""
        return bool(self.ocr_text.strip())

    item: Mapped[Item] = relationship(back_populates="pages")
    media_file: Mapped[MediaFile] = relationship(back_populates="pages")


RECORDING_KINDS = ("audio", "video")


class Recording(db.Model):
    """An audio or video master of an item: what ffprobe read, its access copies, its waveform.

    The master itself is the item's :class:`MediaFile`, kept untouched; the access copies
    (Opus and MP3 for sound, H.264 MP4 for video) are what the player streams.
    """

    __table_args__ = (CheckConstraint(f"kind IN {RECORDING_KINDS}", name="recording_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    media_file_id: Mapped[int] = mapped_column(ForeignKey("media_file.id", ondelete="CASCADE"),
                                               unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    duration: Mapped[float]
    container: Mapped[str] = mapped_column(String(60), default="")
    codec: Mapped[str] = mapped_column(String(60), default="")
    channels: Mapped[int | None]
    sample_rate: Mapped[int | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    bit_rate: Mapped[int | None] = mapped_column(BigInteger)
    # JSON list of {"key", "mime_type", "label"}: the copies the player offers, best first
    access_copies: Mapped[str] = mapped_column(Text, default="[]")
    peaks_key: Mapped[str | None] = mapped_column(String(500))
    poster_key: Mapped[str | None] = mapped_column(String(500))
    # the transcript: its language (BCP 47), where it came from and who changed it last
    language: Mapped[str] = mapped_column(String(20), default="lv")
    transcript_source: Mapped[str] = mapped_column(String(20), default="")  # import, manual, speech
    transcript_updated_at: Mapped[datetime | None] = timestamp()
    transcript_updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp(default=utcnow)

    item: Mapped[Item] = relationship(back_populates="recordings")
    media_file: Mapped[MediaFile] = relationship()
    cues: Mapped[list["Cue"]] = relationship(
        back_populates="recording", order_by="(Cue.start, Cue.position)",
        cascade="all, delete-orphan")
    segments: Mapped[list["Segment"]] = relationship(
        back_populates="recording", order_by="(Segment.start, Segment.position)",
        cascade="all, delete-orphan")


class Cue(db.Model):
    """A transcript cue: words spoken between two moments of a recording, and by whom."""

    __tablename__ = "transcript_cue"
    __table_args__ = (Index("ix_transcript_cue_recording_start", "recording_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recording.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    start: Mapped[float]
    end: Mapped[float]
    speaker: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")

    recording: Mapped[Recording] = relationship(back_populates="cues")


class Segment(db.Model):
    """One entry of an interview's index (OHMS style): where a topic begins, what is said there."""

    __tablename__ = "index_segment"
    __table_args__ = (Index("ix_index_segment_recording_start", "recording_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recording.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    start: Mapped[float]
    end: Mapped[float | None]
    title: Mapped[str] = mapped_column(String(500))
    partial_transcript: Mapped[str] = mapped_column(Text, default="")
    synopsis: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(Text, default="")  # one per line
    subjects: Mapped[str] = mapped_column(Text, default="")  # one per line
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    place: Mapped[str] = mapped_column(String(300), default="")  # what the GPS point is

    recording: Mapped[Recording] = relationship(back_populates="segments")

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.splitlines() if k.strip()]

    @property
    def subject_list(self) -> list[str]:
        return [s.strip() for s in self.subjects.splitlines() if s.strip()]


#: Where an interview's release stands. pending, refused and withdrawn keep it from the
#: public (it cannot be published); restricted is a release with conditions, which the item's
#: access level (e.g. an embargo until 2040) carries out.
CONSENT_STATUSES = ("unknown", "pending", "signed", "restricted", "refused", "withdrawn")
INTERVIEW_ROLES = ("interviewee", "interviewer")


class Interview(db.Model):
    """The oral-history facts of a recorded item: who told, who asked, the dialect, the release."""

    __table_args__ = (CheckConstraint(f"consent IN {CONSENT_STATUSES}", name="interview_consent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), unique=True)
    dialect: Mapped[str] = mapped_column(String(100), default="")  # "dzūkų", "augšzemnieku" ...
    consent: Mapped[str] = mapped_column(String(20), default="unknown")
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[Item] = relationship(back_populates="interview")
    people: Mapped[list["InterviewPerson"]] = relationship(
        back_populates="interview", order_by="(InterviewPerson.role, InterviewPerson.position)",
        cascade="all, delete-orphan")

    def names(self, role: str) -> list[str]:
        """The catalogued names of the interviewees or the interviewers, in order."""
        return [p.person.name for p in self.people if p.role == role]


class InterviewPerson(db.Model):
    """A person authority who spoke in an interview, as interviewee or interviewer."""

    __tablename__ = "interview_person"
    __table_args__ = (CheckConstraint(f"role IN {INTERVIEW_ROLES}", name="interview_person_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id", ondelete="CASCADE"),
                                              index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)

    interview: Mapped[Interview] = relationship(back_populates="people")
    person: Mapped["Person"] = relationship()


#: The kinds of block an exhibition page is made of.
BLOCK_KINDS = ("text", "item", "gallery", "map", "timeline")
EXHIBITION_STATUSES = ("draft", "published")

exhibition_collection = db.Table(
    "exhibition_collection",
    db.Column("exhibition_id", db.ForeignKey("exhibition.id", ondelete="CASCADE"), primary_key=True),
    db.Column("collection_id", db.ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True),
)


class Exhibition(db.Model):
    """A story told with a collection's items: ordered pages of text, items, galleries, maps."""

    __table_args__ = (CheckConstraint(f"status IN {EXHIBITION_STATUSES}", name="exhibition_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    credits: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(12), default="lv")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    featured: Mapped[bool] = mapped_column(default=False)
    cover_item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    updated_at: Mapped[datetime] = timestamp(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = timestamp()
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"))

    collections: Mapped[list[Collection]] = relationship(secondary=exhibition_collection)
    cover_item: Mapped[Item | None] = relationship()
    pages: Mapped[list["ExhibitionPage"]] = relationship(
        back_populates="exhibition", order_by="ExhibitionPage.position",
        cascade="all, delete-orphan")


class ExhibitionPage(db.Model):
    """One page of an exhibition, at ``/exhibitions/<exhibition slug>/<page slug>``."""

    __table_args__ = (UniqueConstraint("exhibition_id", "slug", name="uq_exhibition_page_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibition_id: Mapped[int] = mapped_column(ForeignKey("exhibition.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(default=0)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(500))

    exhibition: Mapped[Exhibition] = relationship(back_populates="pages")
    blocks: Mapped[list["ExhibitionBlock"]] = relationship(
        back_populates="page", order_by="ExhibitionBlock.position", cascade="all, delete-orphan")


class ExhibitionBlock(db.Model):
    """A block of a page: Markdown text, an item with a caption, a gallery, a map or a timeline.

    Map and timeline blocks show the block's own items, or all the page's items when it has none.
    """

    __table_args__ = (CheckConstraint(f"kind IN {BLOCK_KINDS}", name="exhibition_block_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("exhibition_page.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown: the text, or a heading/intro

    page: Mapped[ExhibitionPage] = relationship(back_populates="blocks")
    entries: Mapped[list["ExhibitionBlockItem"]] = relationship(
        back_populates="block", order_by="ExhibitionBlockItem.position",
        cascade="all, delete-orphan")


class ExhibitionBlockItem(db.Model):
    """An item shown in a block, with the exhibition's own caption for it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("exhibition_block.id", ondelete="CASCADE"),
                                          index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(Text, default="")

    block: Mapped[ExhibitionBlock] = relationship(back_populates="entries")
    item: Mapped[Item] = relationship()


PLACE_KINDS = ("country", "novads", "pilseta", "pagasts", "ciems", "other")


class Place(db.Model):
    """A gazetteer entry: a novads, pagasts or ciems with its coordinates and variant names.

    Items name places in ``dc:coverage``/``dcterms:spatial``; the gazetteer matches those
    names (or a variant) to put the items on the map.
    """

    __table_args__ = (CheckConstraint(f"kind IN {PLACE_KINDS}", name="place_kind"),
                      UniqueConstraint("name", "parent_id", name="uq_place_name_parent"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("place.id", ondelete="SET NULL"))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    variants: Mapped[str] = mapped_column(Text, default="")  # other spellings, one per line

    parent: Mapped["Place | None"] = relationship(remote_side=[id])

    @property
    def names(self) -> list[str]:
        """The name and its variants."""
        return [self.name] + [v.strip() for v in self.variants.splitlines() if v.strip()]


class AuditEntry(db.Model):
    """One change somebody made: who, when, to what, which field, the old and new value."""

    __table_args__ = (Index("ix_audit_entry_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = timestamp(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))  # create, edit, status, access, login, ...
    object_type: Mapped[str] = mapped_column(String(40))  # item, page, user, exhibition, ...
    object_id: Mapped[int | None]
    field: Mapped[str] = mapped_column(String(80), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


class ItemVersion(db.Model):
    """A saved state of an item's description, status and access, to compare and restore."""

    __table_args__ = (UniqueConstraint("item_id", "number", name="uq_item_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    at: Mapped[datetime] = timestamp(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    snapshot: Mapped[str] = mapped_column(Text)  # JSON: values, status, access, collection
    note: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User | None] = relationship()


class ReviewComment(db.Model):
    """A remark in an item's review: a request for changes, an answer, a note on publishing."""

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = timestamp(default=utcnow)
    action: Mapped[str] = mapped_column(String(20), default="comment")  # submit, return, publish ...
    body: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


JOB_STATUSES = ("queued", "running", "done", "failed", "cancelled")


class Job(db.Model):
    """A piece of background work (an upload's ingest), its progress and its report."""

    __table_args__ = (CheckConstraint(f"status IN {JOB_STATUSES}", name="job_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"))
    collection_id: Mapped[int | None] = mapped_column(ForeignKey("collection.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    started_at: Mapped[datetime | None] = timestamp()
    finished_at: Mapped[datetime | None] = timestamp()
    heartbeat_at: Mapped[datetime | None] = timestamp()
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[str] = mapped_column(Text, default="{}")  # JSON: what the job was asked
    report: Mapped[str] = mapped_column(Text, default="{}")  # JSON: per-file outcomes
    work_dir: Mapped[str] = mapped_column(String(500), default="")

    user: Mapped[User | None] = relationship()
    collection: Mapped[Collection | None] = relationship()


class Person(db.Model):
    """A person authority record: the name as catalogued, life dates and other spellings."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)  # "Bērziņš, Jānis"
    dates: Mapped[str] = mapped_column(String(60), default="")  # EDTF: "1901/1978"
    variants: Mapped[str] = mapped_column(Text, default="")  # one per line
    note: Mapped[str] = mapped_column(Text, default="")

    @property
    def names(self) -> list[str]:
        """The name and its variants."""
        return [self.name] + [v.strip() for v in self.variants.splitlines() if v.strip()]


class Subject(db.Model):
    """A subject heading of the archive's controlled vocabulary, in one language."""

    __table_args__ = (UniqueConstraint("term", "lang", name="uq_subject_term_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(300), index=True)
    lang: Mapped[str] = mapped_column(String(12), default="lv")
    variants: Mapped[str] = mapped_column(Text, default="")
    scope_note: Mapped[str] = mapped_column(Text, default="")


CONTRIBUTION_STATUSES = ("new", "accepted", "rejected")


class Contribution(db.Model):
    """A resident's gift to the archive ("talka"): photos and a story, awaiting moderation."""

    __table_args__ = (CheckConstraint(f"status IN {CONTRIBUTION_STATUSES}",
                                      name="contribution_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(500), default="")
    story: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    date_text: Mapped[str] = mapped_column(String(100), default="")
    consent_publish: Mapped[bool] = mapped_column(default=False)
    consent_name: Mapped[bool] = mapped_column(default=False)  # may the archive name the giver
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"))
    client_key: Mapped[str] = mapped_column(String(64), default="")  # hashed address, rate limit
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = timestamp()
    review_note: Mapped[str] = mapped_column(Text, default="")
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="SET NULL"))

    files: Mapped[list["ContributionFile"]] = relationship(
        back_populates="contribution", order_by="ContributionFile.position",
        cascade="all, delete-orphan")


class ContributionFile(db.Model):
    """A file given with a contribution, kept in the media store as it came."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contribution.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    original_name: Mapped[str] = mapped_column(String(500))
    storage_key: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)

    contribution: Mapped[Contribution] = relationship(back_populates="files")


FIXITY_OUTCOMES = ("ok", "missing", "damaged")


class FixityCheck(db.Model):
    """One run of ``heritage fixity check``: when, by whom, and what it found."""

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = timestamp(default=utcnow)
    finished_at: Mapped[datetime | None] = timestamp()
    checked: Mapped[int] = mapped_column(default=0)
    missing: Mapped[int] = mapped_column(default=0)
    damaged: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")  # who or what ran it, and on what

    events: Mapped[list["FixityEvent"]] = relationship(back_populates="check",
                                                       cascade="all, delete-orphan")


class FixityEvent(db.Model):
    """A dated preservation event: one master re-read and compared with its SHA-256 at ingest."""

    __table_args__ = (CheckConstraint(f"outcome IN {FIXITY_OUTCOMES}", name="fixity_outcome"),
                      Index("ix_fixity_event_media_at", "media_file_id", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("fixity_check.id", ondelete="CASCADE"),
                                          index=True)
    media_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_file.id", ondelete="SET NULL"))
    at: Mapped[datetime] = timestamp(default=utcnow)
    key: Mapped[str] = mapped_column(String(500))
    outcome: Mapped[str] = mapped_column(String(20))
    expected: Mapped[str] = mapped_column(String(64))
    found: Mapped[str] = mapped_column(String(64), default="")  # empty when the file is missing

    check: Mapped[FixityCheck] = relationship(back_populates="events")
    media_file: Mapped[MediaFile | None] = relationship()


class ItemUse(db.Model):
    """How often an item's page was viewed and its files downloaded on one day."""

    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(default=0)
    downloads: Mapped[int] = mapped_column(default=0)
