"""An invented oral-history interview for the demo collection, in Latvian.

Anna Ozola (born 1936) is the younger sister of Marta Ozola, whose memory story is in
:mod:`heritage.demo.texts`; both grew up at the "Lejasozoli" farmstead in Zīlēni, Ezerkalne
parish. Everything here was written for heritage: the people, the neighbour family and the
mill at Dzirnupe do not exist. The 1949 deportation is used only as historical background.

The utterances are short (one or two sentences, 6–20 words) because espeak-ng reads them
aloud for the demo recording (:mod:`heritage.demo.recording`), and the tests need an exact
transcript of spoken Latvian. Exactly one utterance names the deportation, so a test can
find that moment in the recording.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Utterance",
    "DemoSegment",
    "INTERVIEWER",
    "NARRATOR",
    "SLUG",
    "UTTERANCES",
    "SEGMENTS",
    "METADATA",
]

INTERVIEWER = "Līga Kalniņa"
NARRATOR = "Anna Ozola"
SLUG = "ozola-anna-2024"


@dataclass(frozen=True)
class Utterance:
    """What one speaker says in one breath: the unit of the transcript and the recording."""

    speaker: str
    text: str


@dataclass(frozen=True)
class DemoSegment:
    """One index entry (OHMS style): it begins at an utterance and runs to the next entry."""

    first_utterance_index: int
    title: str
    synopsis: str
    keywords: tuple[str, ...]
    subjects: tuple[str, ...]
    latitude: float | None = None
    longitude: float | None = None
    place: str = ""


def _i(text: str) -> Utterance:
    return Utterance(INTERVIEWER, text)


def _n(text: str) -> Utterance:
    return Utterance(NARRATOR, text)


UTTERANCES: tuple[Utterance, ...] = (
    _i("Labdien! Mēs esam Ezerkalnes bibliotēkā, un šodien sarunājamies ar novadpētnieci "
       "Annu Ozolu."),
    _n("Labdien. Esmu dzimusi 1936. gadā Zīlēnos, Lejasozolu mājās, kur tēvs bija saimnieks."),
    _i("Kādas ir jūsu pašas pirmās atmiņas no bērnības Lejasozolos?"),
    _n("Atceros lielo ābeļdārzu, pirti pie dīķa un to, kā vasarās ganīju govis kopā ar "
       "māsu Martu."),
    _i("Kad jūs pirmo reizi sākāt iet skolā?"),
    _n("Ezerkalnes pamatskolā sāku iet 1943. gada rudenī. Ceļš gāja gar Dziļezera krastu."),
    _i("Kāda bija skolas dzīve kara gados?"),
    _n("Stundas bieži pārtrūka. 1944. gada vasarā pāri mūsu laukiem gāja fronte, un mēs "
       "slēpāmies pagrabā."),
    _i("Kas notika ar jūsu ģimeni pēc kara?"),
    _n("Tēvs palika mājās, bet zirgu un labāko govi mums atņēma jaunā vara."),
    _i("Jūs esat stāstījusi arī par 1949. gada martu. Ko jūs atceraties?"),
    _n("25. marta naktī notika deportācija: mūsu kaimiņus Vītolus no Kalnavotiem izsūtīja "
       "uz Sibīriju."),
    _i("Vai jūs pati redzējāt, kā viņus aizveda?"),
    _n("Rītā pie Vītolu mājām bija tikai ragavu pēdas sniegā, un viņu suns visu dienu gaudoja."),
    _i("Kā pēc tam jūsu pusē sākās kolhozs?"),
    _n("Tajā pašā pavasarī visus saimniekus iedzina kolhozā Dziļezers, un tēvs kļuva par lopkopi."),
    _i("Jūs daudz esat pētījusi Dzirnupes ūdensdzirnavas. Kāpēc tieši tās?"),
    _n("Uz Dzirnupes ūdensdzirnavām tēvs veda malt rudzus, un dzirnavnieks mums, bērniem, "
       "deva medu."),
    _i("Kas ar Dzirnupes dzirnavām notika vēlāk?"),
    _n("Padomju laikā dzirnavas slēdza, bet 1995. gadā vietējie ļaudis kopā atjaunoja ūdensratu."),
    _i("Kā jūs pati nonācāt darbā Ezerkalnes bibliotēkā?"),
    _n("Pēc tehnikuma četrdesmit gadus strādāju bibliotēkā un sāku pierakstīt novada "
       "cilvēku atmiņas."),
    _i("Un dziesmu svētki? Vai jūs pati tajos piedalījāties?"),
    _n("Ar kori Atbalss dziedāju sešos dziesmu svētkos Rīgā. Tie bija mūsu skaistākie brīži."),
    _i("Paldies, Annas kundze, par šo sarunu."),
    _n("Paldies jums. Lai jaunie atceras, kas te dzīvoja pirms viņiem."),
)

SEGMENTS: tuple[DemoSegment, ...] = (
    DemoSegment(
        0, "Bērnība Lejasozolos",
        "Anna Ozola stāsta par savu bērnību Lejasozolu mājās Zīlēnos un māsu Martu.",
        ("Lejasozoli", "bērnība", "ābeļdārzs", "ganīšana"),
        ("Atmiņas", "Lauku sētas", "Zīlēni"),
        56.1863, 27.1228, "Lejasozolu mājas Zīlēnos, Ezerkalnes pagastā",
    ),
    DemoSegment(
        4, "Skola un karš",
        "Skolas gaitas Ezerkalnes pamatskolā, fronte 1944. gadā un pirmie pēckara gadi.",
        ("Ezerkalnes pamatskola", "fronte", "1944", "pagrabs"),
        ("Izglītība", "Otrais pasaules karš"),
    ),
    DemoSegment(
        10, "1949. gada 25. marta deportācija",
        "Kaimiņu Vītolu ģimeni no Kalnavotiem 1949. gada 25. martā izsūtīja uz Sibīriju.",
        ("deportācija", "izsūtīšana", "Sibīrija", "Vītoli", "Kalnavoti"),
        ("Deportācijas", "1949. gada 25. marta deportācija"),
    ),
    DemoSegment(
        14, "Kolhozs un Dzirnupes ūdensdzirnavas",
        "Kolhoza „Dziļezers” sākums un Dzirnupes ūdensdzirnavu liktenis līdz atjaunošanai 1995. gadā.",
        ("kolhozs", "Dziļezers", "ūdensdzirnavas", "Dzirnupe", "ūdensrats"),
        ("Kolektivizācija", "Dzirnavas", "Dzirnupe"),
        56.1018, 27.2093, "Dzirnupes ūdensdzirnavas pie Dzirnupes upes",
    ),
    DemoSegment(
        20, "Bibliotēka un dziesmu svētki",
        "Darbs Ezerkalnes bibliotēkā, novada atmiņu vākšana un dziedāšana korī „Atbalss”.",
        ("bibliotēka", "novadpētniecība", "koris Atbalss", "dziesmu svētki"),
        ("Bibliotēkas", "Dziesmu svētki", "Kori"),
    ),
)

METADATA: dict[str, str] = {
    "title": "Annas Ozolas atmiņas: Lejasozoli, izsūtīšana un Dzirnupes dzirnavas",
    "interviewee": NARRATOR,
    "interviewer": INTERVIEWER,
    "date": "2024-06-14",
    "place": "Ezerkalnes bibliotēka, Ezerkalne",
    "language": "lv",
    "consent": "Anna Ozola 2024. gada 14. jūnijā rakstiski atļāva intervijas ierakstu un "
               "atšifrējumu publicēt bibliotēkas tiešsaistes krājumā (izdomāts demonstrācijas "
               "materiāls).",
    "description": "Novadpētnieces Annas Ozolas (dz. 1936) atmiņas par bērnību Lejasozolos, "
                   "skolu un karu, kaimiņu izsūtīšanu 1949. gada 25. martā, kolhozu, Dzirnupes "
                   "ūdensdzirnavām, bibliotēku un dziesmu svētkiem. Balsis sintezētas ar "
                   "espeak-ng; izdomāts demonstrācijas materiāls.",
}
"""The interview as a catalogue record: plain strings, Latvian values."""
