"""Invented source texts for the heritage demo collections.

Everything in this module is *made up* for the demo: the parish of
Ezerkalne in Ezermalas novads, its villages, people, newspaper issues and
events do not exist.  The texts were written for heritage and are not
copied from any real publication.  Names of real institutions (Latvia,
Lithuania, the 1949 deportations as a historical fact) are only used as
background.

The data is plain Python (dataclasses) so that :mod:`heritage.demo.scans`
can render it and :mod:`heritage.demo.sources` can catalogue it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Parish",
    "Newspaper",
    "Clipping",
    "MemoryStory",
    "Photo",
    "PARISH",
    "NEIGHBOUR",
    "NEWSPAPERS",
    "CLIPPINGS",
    "MEMORY_STORY",
    "PHOTOS",
]


@dataclass(frozen=True)
class Parish:
    """An invented parish (pagasts / seniūnija) and its landmarks."""

    name: str
    municipality: str
    centre: str
    villages: tuple[str, ...]
    landmarks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Newspaper:
    """An invented regional newspaper title."""

    title: str
    language: str
    years: str
    note: str


@dataclass
class Clipping:
    """One newspaper clipping (izgriezums); one image file = one item."""

    file: str  # ASCII file name; the suffix (.png / .jpg) decides the format
    title: str
    author: str | None  # "Surname, Firstname" or None
    newspaper: str
    issue: int
    date: str  # ISO "YYYY-MM-DD" or "YYYY-MM"
    page: int
    subjects: list[str]
    place: str
    language: str  # "lv" or "lt"
    summary: str  # short catalogue description, in Latvian
    body: str  # paragraphs separated by a blank line


@dataclass
class MemoryStory:
    """A multi-page memory story (atmiņu stāsts): a folder with 1.png, 2.png, ..."""

    folder: str
    title: str
    author: str  # "Surname, Firstname"
    date: str
    place: str
    subjects: list[str]
    language: str
    summary: str
    pages: list[str]  # one string per page, paragraphs separated by blank lines


@dataclass
class Photo:
    """A 'photograph' with a typed caption strip underneath."""

    file: str
    title: str
    date: str  # as staff type it: "ap 1935", "1950-tie gadi", "1962"
    place: str
    description: str
    subjects: list[str]
    creator: str | None
    scene: str  # drawing recipe: school, mill, church, farm, hall, stone, library
    colour: bool = False  # False = sepia / black-and-white print


# --------------------------------------------------------------------------
# The invented world
# --------------------------------------------------------------------------

PARISH = Parish(
    name="Ezerkalnes pagasts",
    municipality="Ezermalas novads",
    centre="Ezerkalne",
    villages=("Ezerkalne", "Zīlēni", "Dzērves", "Mežvidi", "Ūdriņi", "Robežnieki"),
    landmarks={
        "skola": "Ezerkalnes pamatskola (1903–2013)",
        "baznīca": "Ezerkalnes luteriskā baznīca pie Dziļezera",
        "pienotava": "Ezerkalnes pienotava; kolhoza „Dziļezers” piena ferma Zīlēnos",
        "dzirnavas": "Ūdrupes ūdensdzirnavas Ūdriņos",
        "koris": "jauktais koris „Atbalss” (dibināts 1926. gadā)",
        "bibliotēka": "Ezerkalnes bibliotēka",
        "piemiņas akmens": "piemiņas akmens 1949. gadā izvestajiem (atklāts 1990. gadā)",
        "ezers": "Dziļezers",
        "upe": "Ūdrupe",
    },
)

NEIGHBOUR = Parish(
    name="Ežerėlių seniūnija",
    municipality="Ežerynų rajonas",
    centre="Ežerėliai",
    villages=("Ežerėliai",),
    landmarks={"laikraštis": "Ežerėlių aidas"},
)

NEWSPAPERS = {
    "Ezermalas Vēstis": Newspaper(
        "Ezermalas Vēstis", "lv", "1928–1940, kopš 1990",
        "Ezermalas novada laikraksts; nosaukums atjaunots 1990. gadā.",
    ),
    "Padomju Ezermala": Newspaper(
        "Padomju Ezermala", "lv", "1945–1990",
        "Ezermalas rajona laikraksts padomju gados.",
    ),
    "Ežerėlių aidas": Newspaper(
        "Ežerėlių aidas", "lt", "1936–1940, nuo 1991",
        "Kaimyninio Ežerėlių krašto laikraštis Lietuvoje.",
    ),
}

_EV = "Ezermalas Vēstis"
_PE = "Padomju Ezermala"
_EA = "Ežerėlių aidas"

# --------------------------------------------------------------------------
# Newspaper clippings, oldest first
# --------------------------------------------------------------------------

CLIPPINGS: list[Clipping] = [
    Clipping(
        file="1933-04-12-pienotavas-separators.jpg",
        title="Ezerkalnes pienotavā jauns separators",
        author="Liepiņš, Kārlis",
        newspaper=_EV, issue=15, date="1933-04-12", page=3,
        subjects=["Piensaimniecība", "Kooperācija", "Ezerkalnes pienotava"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes piensaimnieku sabiedrība iegādājusies jaunu separatoru.",
        body=(
            "Ezerkalnes piensaimnieku sabiedrība šopavasar iegādājusies jaunu "
            "separatoru, kas stundā spēj apstrādāt līdz tūkstotim litru piena. "
            "Līdz šim zemniekiem no Zīlēniem un Dzērvēm rītos bija jāgaida rindā "
            "pat divas stundas, un vasaras karstumā piens mēdza saskābt.\n\n"
            "Sabiedrības valdes priekšsēdētājs Jēkabs Vītols pastāstīja, ka "
            "separators pirkts uz nomaksu un tiks atmaksāts trīs gados. Pienotavā "
            "tagad strādā četri cilvēki, un katru nedēļu uz Ezermalas staciju tiek "
            "aizvestas vairākas sviesta mucas. Valde aicina biedrus piegādāt tīru, "
            "atdzesētu pienu un ievērot pieņemšanas laiku no pulksten sešiem līdz "
            "deviņiem."
        ),
    ),
    Clipping(
        file="1936-07-dziesmu-diena.jpg",
        title="Dziesmu diena Ezerkalnes parkā",
        author="Bērziņa, Anna",
        newspaper=_EV, issue=28, date="1936-07", page=2,
        subjects=["Kordziedāšana", "Svētki", "Koris „Atbalss”"],
        place="Ezerkalne", language="lv",
        summary="Pagasta dziesmu diena muižas parkā ar četriem koriem.",
        body=(
            "Ezerkalnes muižas parkā 5. jūlijā notika pagasta dziesmu diena, kurā "
            "piedalījās četri kori no Ezerkalnes un kaimiņu pagastiem. Kopkori "
            "vadīja skolotājs Pēteris Vanags, kurš pirms desmit gadiem nodibināja "
            "jaukto kori „Atbalss”.\n\n"
            "Skanēja gan tautasdziesmas, gan jaunas latviešu komponistu dziesmas. "
            "Klausītāju bija ap astoņsimt, daudzi bija atbraukuši ar ratiem no "
            "tālākām mājām. Pēc koncerta jaunatne dejoja līdz vēlam vakaram. "
            "Ienākumi no ieejas maksas tiks ziedoti jaunu nošu iegādei un tautas "
            "nama krāsns pārmūrēšanai."
        ),
    ),
    Clipping(
        file="1937-10-20-udrupes-dzirnavas.png",
        title="Ūdrupes dzirnavās jauna turbīna",
        author="Ozols, Ernests",
        newspaper=_EV, issue=42, date="1937-10-20", page=3,
        subjects=["Dzirnavas", "Elektrifikācija", "Ūdrupes ūdensdzirnavas"],
        place="Ūdriņi", language="lv",
        summary="Ūdrupes dzirnavās vecā ūdensrata vietā uzstādīta turbīna.",
        body=(
            "Ūdrupes ūdensdzirnavu īpašnieks Fricis Grīnbergs šovasar vecā koka "
            "ūdensrata vietā uzstādījis tērauda turbīnu. Tagad dzirnavas var malt "
            "arī sausos vasaras mēnešos, kad Ūdrupē ūdens ir maz.\n\n"
            "Turbīna darbina ne tikai dzirnakmeņus, bet arī vilnas kārstuvi un "
            "nelielu ģeneratoru, tāpēc dzirnavnieka mājā un Ūdriņu krogā vakaros "
            "deg elektriskās spuldzes. Zemnieki stāsta, ka milti ir smalkāki un "
            "rindas rudenī īsākas. Dzirnavas celtas 1870. gadā, un Grīnbergu ģimenei "
            "tās pieder jau trešajā paaudzē."
        ),
    ),
    Clipping(
        file="1938-09-03-skolai-35-gadi.jpg",
        title="Ezerkalnes pamatskolai 35 gadi",
        author=None,
        newspaper=_EV, issue=35, date="1938-09-03", page=4,
        subjects=["Izglītība", "Skolas", "Ezerkalnes pamatskola"],
        place="Ezerkalne", language="lv",
        summary="Skolas 35 gadu jubileja; skolas vēsture kopš 1903. gada.",
        body=(
            "Ezerkalnes sešklasīgā pamatskola šoruden atzīmē 35 gadus kopš "
            "dibināšanas. Skola sāka darbu 1903. gadā nelielā koka ēkā pie baznīcas "
            "ar vienu skolotāju un divdesmit diviem skolēniem. Tagad tajā mācās "
            "simt četrdesmit bērni no visiem pagasta ciemiem un strādā seši "
            "skolotāji.\n\n"
            "Pirms trim gadiem uzcelts jauns ķieģeļu korpuss ar gaišām klasēm un "
            "zāli, kurā notiek arī pagasta sarīkojumi. Skolas pārzinis Augusts "
            "Zariņš jubilejas aktā pateicās vecākiem par malku un darbu skolas "
            "dārzā, bet skolēni rādīja uzvedumu par pagasta vēsturi."
        ),
    ),
    Clipping(
        file="1952-10-08-piena-plans.jpg",
        title="Kolhozs „Dziļezers” izpildījis piena plānu",
        author="Kalējs, Voldemārs",
        newspaper=_PE, issue=120, date="1952-10-08", page=1,
        subjects=["Kolhozi", "Piensaimniecība", "Kolhozs „Dziļezers”"],
        place="Zīlēni", language="lv",
        summary="Kolhoza „Dziļezers” lopkopji izpildījuši gada piena nodošanas plānu.",
        body=(
            "Kolhoza „Dziļezers” lopkopji gada piena nodošanas plānu izpildījuši "
            "jau oktobra sākumā. Visvairāk piena šogad izslaukusi Zīlēnu fermas "
            "slaucēja Emīlija Krūmiņa, vairāk nekā trīs tūkstošus kilogramu no "
            "katras govs.\n\n"
            "Kolhoza valdes priekšsēdētājs Arvīds Sproģis norāda, ka labus "
            "rezultātus devusi jaunā lopbarības sagatavošanas kārtība. Tomēr fermā "
            "joprojām trūkst siltu kūtsvietu, tāpēc ziemai jāsagatavo vēl divas "
            "telpas. Kolhoznieki apņēmušies nākamgad nodot valstij par "
            "piecpadsmit procentiem vairāk piena."
        ),
    ),
    Clipping(
        file="1958-05-17-jauna-piena-ferma.jpg",
        title="Zīlēnos uzcelta jauna piena ferma",
        author=None,
        newspaper=_PE, issue=58, date="1958-05-17", page=2,
        subjects=["Kolhozi", "Piensaimniecība", "Lauksaimniecības ēkas"],
        place="Zīlēni", language="lv",
        summary="Kolhoza „Dziļezers” jaunā piena ferma divsimt govīm Zīlēnos.",
        body=(
            "Zīlēnos pie lielceļa pabeigta kolhoza „Dziļezers” jaunā piena ferma "
            "divsimt govīm. Ēka celta no vietējiem ķieģeļiem, tajā ir ūdensvads un "
            "piena dzesēšanas telpa. Lopkopējām vairs nav jānes ūdens spaiņos no "
            "akas.\n\n"
            "Fermas atklāšanā runāja kolhoza priekšsēdētājs un rajona speciālisti, "
            "bet Ezerkalnes skolas skolēni sniedza koncertu. Vecā Ezerkalnes "
            "pienotava turpmāk pieņems pienu tikai no piemājas saimniecībām, bet "
            "kolhoza pienu ik rītu ar automašīnu vedīs uz rajona piena kombinātu."
        ),
    ),
    Clipping(
        file="1965-09-04-macibu-gada-sakums.jpg",
        title="Ezerkalnes skolā 186 skolēni",
        author="Zariņa, Ilze",
        newspaper=_PE, issue=105, date="1965-09-04", page=3,
        subjects=["Izglītība", "Skolas", "Ezerkalnes astoņgadīgā skola"],
        place="Ezerkalne", language="lv",
        summary="Mācību gada sākums Ezerkalnes astoņgadīgajā skolā.",
        body=(
            "Pirmajā septembrī Ezerkalnes astoņgadīgās skolas pagalmā pulcējās "
            "186 skolēni, no tiem divdesmit četri pirmklasnieki. Skolā šogad "
            "strādā četrpadsmit skolotāju, divi no viņiem ir skolas absolventi, "
            "kas pēc studijām atgriezušies dzimtajā pagastā.\n\n"
            "Vasarā skolā ierīkota centrālapkure un pārkrāsotas klases. Bērnus no "
            "attālākajiem ciemiem, Mežvidiem un Robežniekiem, uz skolu ved ar "
            "kolhoza autobusu. Direktors Gunārs Vanags novēlēja skolēniem čaklumu "
            "un atgādināja, ka skolas vēsture sniedzas vairāk nekā sešdesmit gadu "
            "tālumā."
        ),
    ),
    Clipping(
        file="1973-07-12-atbalss-dziesmu-svetkos.jpg",
        title="„Atbalss” dzied Dziesmu svētkos",
        author="Bērziņš, Jānis",
        newspaper=_PE, issue=82, date="1973-07-12", page=4,
        subjects=["Kordziedāšana", "Dziesmu svētki", "Koris „Atbalss”"],
        place="Ezerkalne", language="lv",
        summary="Koris „Atbalss” piedalījies Dziesmu un deju svētkos Rīgā.",
        body=(
            "Ezerkalnes kultūras nama jauktais koris „Atbalss” šogad piedalījās "
            "Dziesmu un deju svētkos Rīgā. Koris, kurā dzied četrdesmit divi "
            "dziedātāji, kolhoznieki, skolotāji un pienotavas strādnieki, skatē "
            "ieguva otrās pakāpes diplomu.\n\n"
            "Diriģente Velta Liepa stāsta, ka mēģinājumi notika divreiz nedēļā "
            "visu ziemu, bet pavasarī arī svētdienās. Vecākais dziedātājs, "
            "astoņdesmit gadus vecais Jēkabs Vītols, korī dzied kopš tā "
            "dibināšanas 1926. gadā. Mājās koristus sagaidīja ar ziediem un "
            "kolhoza sarīkotu balli."
        ),
    ),
    Clipping(
        file="1978-02-16-biblioteka-lasitava.png",
        title="Bibliotēkā jauna lasītava",
        author=None,
        newspaper=_PE, issue=20, date="1978-02-16", page=3,
        subjects=["Bibliotēkas", "Lasīšana", "Ezerkalnes bibliotēka"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes bibliotēka pārcēlusies uz kultūras namu, atvērta lasītava.",
        body=(
            "Ezerkalnes ciema bibliotēka pārcēlusies uz plašākām telpām kultūras "
            "nama otrajā stāvā. Jaunajā lasītavā ir divdesmit vietas, tur var "
            "lasīt laikrakstus un žurnālus, kā arī izmantot uzziņu literatūru.\n\n"
            "Bibliotēkas krājumā ir vairāk nekā vienpadsmit tūkstoši grāmatu, un "
            "pagājušajā gadā to apmeklēja septiņsimt lasītāju. Bibliotekāre Austra "
            "Ozoliņa stāsta, ka visvairāk tiek lasīti romāni un grāmatas par "
            "dārzkopību. Ziemas vakaros notiek tikšanās ar rakstniekiem, bet "
            "skolēniem tiek rīkotas literārās pēcpusdienas."
        ),
    ),
    Clipping(
        file="1987-05-14-skolas-salidojums.png",
        title="Skolas salidojums pulcē četras paaudzes",
        author="Krūmiņa, Daina",
        newspaper=_PE, issue=57, date="1987-05-14", page=2,
        subjects=["Izglītība", "Salidojumi", "Ezerkalnes astoņgadīgā skola"],
        place="Ezerkalne", language="lv",
        summary="Absolventu salidojums Ezerkalnes skolā, vairāk nekā četri simti dalībnieku.",
        body=(
            "Pagājušajā sestdienā Ezerkalnes astoņgadīgajā skolā notika "
            "absolventu salidojums, uz kuru ieradās vairāk nekā četri simti "
            "bijušo skolēnu. Vecākā dalībniece, skolu 1922. gadā beigusī Marija "
            "Kalniņa, pastāstīja, kā bērni ziemā nāca uz skolu ar slēpēm pāri "
            "aizsalušajam Dziļezeram.\n\n"
            "Absolventi apskatīja skolas muzeja istabu, kur izliktas vecas "
            "liecības, fotogrāfijas un burtnīcas. Vakarā skolas zālē uzstājās "
            "koris „Atbalss” un skolas deju kolektīvs. Salidojuma dalībnieki "
            "savāca līdzekļus jaunām klavierēm un nolēma tikties atkal pēc "
            "pieciem gadiem."
        ),
    ),
    Clipping(
        file="1990-03-29-piemina-akmens.jpg",
        title="Ezerkalnē atklāts piemiņas akmens izvestajiem",
        author="Sproģe, Inese",
        newspaper=_EV, issue=25, date="1990-03-29", page=1,
        subjects=["Deportācijas", "1949. gada 25. marta deportācija",
                  "Piemiņas vietas"],
        place="Ezerkalne", language="lv",
        summary="Pie baznīcas atklāts piemiņas akmens 1949. gadā izvestajiem pagasta iedzīvotājiem.",
        body=(
            "Ezerkalnē 25. martā pie baznīcas atklāts piemiņas akmens 1949. gadā "
            "uz Sibīriju izvestajiem pagasta iedzīvotājiem. Tajā dienā no "
            "Ezerkalnes pagasta tika izvestas četrpadsmit ģimenes, kopumā "
            "četrdesmit septiņi cilvēki, no kuriem daudzi mājās vairs "
            "neatgriezās.\n\n"
            "Akmeni no Dziļezera krasta atveda vietējie zemnieki, bet uzrakstu "
            "iekala akmeņkalis no Ezermalas. Piemiņas brīdī skolēni nolasīja visu "
            "izvesto vārdus, un klātesošie nolika ziedus un aizdedza sveces. "
            "Runātāji aicināja pierakstīt atmiņas, kamēr vēl dzīvi notikumu "
            "aculiecinieki."
        ),
    ),
    Clipping(
        file="1992-11-07-zemnieku-saimniecibas.jpg",
        title="Kolhoza vietā zemnieku saimniecības",
        author="Grīnbergs, Andris",
        newspaper=_EV, issue=88, date="1992-11-07", page=2,
        subjects=["Zemes reforma", "Zemnieku saimniecības", "Kolhozs „Dziļezers”"],
        place="Zīlēni", language="lv",
        summary="Kolhoza „Dziļezers” īpašumu sadale un jaunās zemnieku saimniecības.",
        body=(
            "Bijušā kolhoza „Dziļezers” īpašumi šoruden sadalīti starp zemes un "
            "mantas daļu īpašniekiem. Pagastā reģistrētas sešdesmit trīs zemnieku "
            "saimniecības, un lielākā daļa zemes atgriezta bijušajiem saimniekiem "
            "vai viņu mantiniekiem.\n\n"
            "Zīlēnu fermu nopirkusi jaunā piensaimnieku sabiedrība, kurā "
            "apvienojušies divpadsmit zemnieki. Daudzi atzīst, ka bez tehnikas un "
            "naudas sākt saimniekot ir grūti, tāpēc sēklas un degvielu iepērk "
            "kopīgi. Pagasta padome solījusi uzturēt ceļus, lai piena mašīna arī "
            "ziemā iebrauktu attālākajās mājās."
        ),
    ),
    Clipping(
        file="1998-10-17-baznicas-tornis.png",
        title="Baznīcai atjaunots tornis",
        author=None,
        newspaper=_EV, issue=81, date="1998-10-17", page=5,
        subjects=["Baznīcas", "Arhitektūras pieminekļi", "Ezerkalnes luteriskā baznīca"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes luteriskās baznīcas torņa atjaunošana un iesvētīšana.",
        body=(
            "Ezerkalnes luteriskās baznīcas tornis, kas tika nojaukts "
            "sešdesmitajos gados, atkal paceļas virs Dziļezera krasta. "
            "Atjaunošanas darbi ilga divus gadus, un tos finansēja draudze, "
            "pagasta padome un bijušie ezerkalnieši no ārzemēm.\n\n"
            "Torņa smaili izgatavoja meistari no Ezermalas pēc vecām fotogrāfijām, "
            "kas atrastas bibliotēkas krājumā. Torņa iesvētīšanā 11. oktobrī "
            "piedalījās bīskaps un kaimiņu draudžu mācītāji. Draudzes priekšniece "
            "Līga Zariņa pateicās ziedotājiem un pastāstīja, ka nākamais darbs "
            "būs ērģeļu remonts."
        ),
    ),
    Clipping(
        file="2003-09-06-skolai-simts-gadu.jpg",
        title="Ezerkalnes skolai simts gadu",
        author="Krūmiņa, Daina",
        newspaper=_EV, issue=70, date="2003-09-06", page=1,
        subjects=["Izglītība", "Jubilejas", "Ezerkalnes pamatskola"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes pamatskolas simtgades svētki.",
        body=(
            "Ezerkalnes pamatskola šajās dienās svin simtgadi. Svētkos piedalās "
            "absolventi no visas Latvijas, jo pēckara gados šeit mācījās arī "
            "bērni no pierobežas ciemiem Lietuvā. Skolā šobrīd ir tikai "
            "sešdesmit astoņi skolēni, un pagasta padome jau spriež par skolas "
            "nākotni.\n\n"
            "Direktore Ilze Zariņa saka, ka mazā skola ir pagasta sirds un bez tās "
            "ciems kļūs tukšāks. Skolas muzejā sagatavota izstāde par visiem "
            "simts gadiem, bet skolēni apkopojuši bijušo skolotāju atmiņas "
            "grāmatā „Simts rudeņi Ezerkalnē”."
        ),
    ),
    Clipping(
        file="2013-05-31-pedejais-zvans.png",
        title="Pēdējais zvans Ezerkalnes skolā",
        author="Sproģe, Inese",
        newspaper=_EV, issue=42, date="2013-05-31", page=3,
        subjects=["Izglītība", "Skolu slēgšana", "Ezerkalnes pamatskola"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes pamatskola slēgta pēc 110 darba gadiem.",
        body=(
            "Pēc 110 darba gadiem Ezerkalnes pamatskola šā mācību gada beigās "
            "tiek slēgta. Skolēnu skaits pēdējos gados samazinājies līdz "
            "trīsdesmit vienam, un novada dome nolēma bērnus no rudens vest uz "
            "Ezermalas vidusskolu.\n\n"
            "Pēdējā zvana svētkos skolas pagalmā pulcējās skolēni, vecāki un "
            "daudzi absolventi. Ilggadējā skolotāja Velta Liepa, kas skolā "
            "nostrādāja četrdesmit gadus, nodeva skolas karogu glabāšanā pagasta "
            "bibliotēkai. Ēkā paredzēts iekārtot kopienas centru, bet skolas "
            "muzeja krājums tiks nodots bibliotēkai, lai tas būtu pieejams "
            "visiem interesentiem."
        ),
    ),
    Clipping(
        file="2016-08-12-dzirnavu-muzejs.jpg",
        title="Ūdrupes dzirnavās muzejs un maizes krāsns",
        author="Ozols, Mārtiņš",
        newspaper=_EV, issue=62, date="2016-08-12", page=6,
        subjects=["Muzeji", "Tūrisms", "Ūdrupes ūdensdzirnavas"],
        place="Ūdriņi", language="lv",
        summary="Atjaunotajās Ūdrupes dzirnavās atvērts dzirnavu muzejs.",
        body=(
            "Atjaunotajās Ūdrupes ūdensdzirnavās šovasar atvērts neliels "
            "dzirnavu muzejs. Dzirnavas, kas padomju gados kalpoja par kolhoza "
            "graudu noliktavu, pirms pieciem gadiem nopirka Grīnbergu dzimtas "
            "pēctecis Andris Grīnbergs.\n\n"
            "Ar Eiropas fondu atbalstu salabots dambis, uzstādīts jauns ūdensrats "
            "un restaurēti dzirnakmeņi. Apmeklētāji var redzēt, kā graudi tiek "
            "samalti miltos, un pēc tam nogaršot turpat izceptu rupjmaizi ar "
            "medu. Saimnieks plāno dzirnavas izmantot arī skolēnu ekskursijām un "
            "novada svētkiem."
        ),
    ),
    Clipping(
        file="2021-12-03-biblioteka-digitalize.png",
        title="Bibliotēka digitalizē novada vēsturi",
        author="Bērziņa, Laura",
        newspaper=_EV, issue=92, date="2021-12-03", page=9,
        subjects=["Bibliotēkas", "Digitalizācija", "Novadpētniecība"],
        place="Ezerkalne", language="lv",
        summary="Ezerkalnes bibliotēka sākusi digitalizēt novadpētniecības krājumu.",
        body=(
            "Ezerkalnes bibliotēka sākusi digitalizēt novadpētniecības krājumu: "
            "laikrakstu izgriezumus, fotogrāfijas un iedzīvotāju atmiņu stāstus. "
            "Bibliotekāre Dace Mežule skaidro, ka daudzi izgriezumi ir dzeltējuši "
            "un trausli, tāpēc tie tiek skenēti un aprakstīti, lai lasītāji tos "
            "varētu apskatīt internetā.\n\n"
            "Īpaši vērtīgs ir skolas muzeja krājums, ko bibliotēka saņēma pēc "
            "skolas slēgšanas. Bibliotēka aicina iedzīvotājus atnest vecas "
            "fotogrāfijas un vēstules, kuras pēc skenēšanas tiks atdotas "
            "īpašniekiem. Digitālajā arhīvā jau ir vairāk nekā trīssimt vienību."
        ),
    ),
    # ---- Lithuanian clippings from the neighbouring Ežerėliai paper --------
    Clipping(
        file="1938-09-24-ezereliu-turgus.jpg",
        title="Rudens turgus Ežerėliuose",
        author="Petrauskas, Jonas",
        newspaper=_EA, issue=33, date="1938-09-24", page=2,
        subjects=["Tirdzniecība", "Pierobeža", "Latvijas un Lietuvas attiecības"],
        place="Ežerėliai", language="lt",
        summary="Ežerēļu rudens tirgū tirgojās arī zemnieki no Ezerkalnes pagasta.",
        body=(
            "Praėjusį ketvirtadienį Ežerėlių miestelyje vyko didysis rudens "
            "turgus. Į jį suvažiavo ūkininkai ne tik iš aplinkinių kaimų, bet ir "
            "iš Latvijos pusės, iš Ezerkalnės valsčiaus.\n\n"
            "Latviai atvežė sviesto, medaus ir vilnonių audinių, o iš lietuvių "
            "pirko linų, arklių ir grūdų. Turgaus aikštėje skambėjo abi kalbos, "
            "tačiau, kaip sakė vienas senas ūkininkas, prekiaujant visi vienas "
            "kitą puikiai supranta. Pasienio policija pranešė, kad turgus praėjo "
            "ramiai, be jokių nesusipratimų."
        ),
    ),
    Clipping(
        file="2004-07-10-daina-be-sienu.png",
        title="Dainų šventė be sienų",
        author="Kazlauskienė, Rūta",
        newspaper=_EA, issue=52, date="2004-07-10", page=3,
        subjects=["Kordziedāšana", "Pārrobežu sadarbība", "Koris „Atbalss”"],
        place="Ežerėliai", language="lt",
        summary="Ežerēļu ansambļa un kora „Atbalss” kopīgi dziesmu svētki pie robežas.",
        body=(
            "Birželio pabaigoje prie Dziļezero ežero, visai šalia Lietuvos ir "
            "Latvijos sienos, įvyko bendra dviejų kaimų dainų šventė. Ežerėlių "
            "kultūros namų ansamblis ir Ezerkalnės mišrus choras „Atbalss“ "
            "dainavo lietuvių ir latvių liaudies dainas.\n\n"
            "Šventė surengta minint abiejų valstybių įstojimą į Europos Sąjungą. "
            "Po koncerto dalyviai kartu vaišinosi, o vaikai žaidė prie ežero. "
            "Seniūnas Algirdas Jankauskas pažadėjo, kad ši graži tradicija bus "
            "tęsiama kasmet, pakaitomis vienoje ir kitoje sienos pusėje."
        ),
    ),
    Clipping(
        file="2016-05-20-dviraciu-takas.jpg",
        title="Per sieną dviračių taku",
        author=None,
        newspaper=_EA, issue=38, date="2016-05-20", page=4,
        subjects=["Tūrisms", "Pārrobežu sadarbība", "Velotūrisms"],
        place="Ežerėliai", language="lt",
        summary="Pabeigts veloceliņš no Ežerēļiem uz Ezerkalni.",
        body=(
            "Ežerėlių seniūnijoje baigtas tiesti dviračių takas, kuris jungia "
            "Ežerėlius su Ezerkalne Latvijoje. Septyniolikos kilometrų ilgio "
            "takas veda pro Ūdrupės malūną ir Dziļezero pakrantę. Projektą kartu "
            "įgyvendino abiejų šalių savivaldybės.\n\n"
            "Ežerėlių bibliotekos vedėja Daiva Stankevičienė sako, kad dabar "
            "skaitytojai iš abiejų pusių galės lengviau atvykti į bendrus "
            "renginius. Takas bus oficialiai atidarytas birželio pradžioje, per "
            "Ežerėlių miestelio šventę. Vasarą prie tako bus įrengtos "
            "poilsio vietos ir informaciniai stendai dviem kalbomis."
        ),
    ),
]

# --------------------------------------------------------------------------
# Memory story (three pages)
# --------------------------------------------------------------------------

MEMORY_STORY = MemoryStory(
    folder="atminas-ozola-marta",
    title="Skolas gadi Ezerkalnē un tukšais sols",
    author="Ozola, Marta",
    date="2009",
    place="Ezerkalne",
    subjects=["Atmiņas", "Izglītība", "Otrais pasaules karš",
              "Deportācijas", "1949. gada 25. marta deportācija"],
    language="lv",
    summary=(
        "Zīlēnu iedzīvotājas Martas Ozolas (dz. 1932) atmiņas par skolas gadiem "
        "Ezerkalnē, kara beigām 1944. gadā un klases biedrenes Ilgas Lapsiņas "
        "izvešanu 1949. gada 25. martā. Pierakstīts 2009. gadā."
    ),
    pages=[
        (
            "Esmu dzimusi 1932. gada pavasarī Zīlēnos, „Lejasozolu” mājās, kur "
            "mans tēvs bija saimnieks un māte audēja. Uz Ezerkalnes skolu mani "
            "pirmo reizi aizveda 1939. gada rudenī. Atceros, ka māte man bija "
            "uzšuvusi jaunu kleitu no tumši zila auduma un iedevusi līdzi maizi "
            "ar speķi, ietītu baltā lakatiņā. Skolas ceļš bija gandrīz četrus "
            "kilometrus garš, gar Dziļezera krastu un pāri Ūdrupes tiltiņam pie "
            "dzirnavām. Ziemā braucām ar slēpēm, un dzirnavnieks Grīnbergs "
            "dažreiz ļāva mums sasildīties pie krāsns.\n\n"
            "Mūsu skolotāja bija Anna Vanaga, stingra, bet ļoti laba. Viņa "
            "mācīja mūs lasīt no ābeces ar bildēm un katru rītu iesāka ar "
            "dziesmu. Klasē bijām divdesmit seši bērni, un es sēdēju vienā solā "
            "ar Ilgu Lapsiņu no Dzērvēm. Mēs bijām labākās draudzenes, kopā "
            "gājām mājās un dalījāmies ar visu, kas bija kabatā. Pavasarī "
            "skolotāja ar mums gāja uz ezera krastu vērot dzērves, un mēs ar "
            "Ilgu zīmējām tās savās burtnīcās."
        ),
        (
            "Kad 1944. gada vasarā tuvojās fronte, mācības skolā pārtrūka. "
            "Vecāki mūs, bērnus, vairākas naktis turēja pagrabā zem kartupeļu "
            "klēts, un pa mazo lodziņu varējām redzēt, kā pār ezeru spīd ugunis. "
            "Kad kaujas bija beigušās, skolas ēkā kādu laiku bija ierīkota "
            "slimnīca, un mācības atsākās tikai vēlā rudenī draudzes namā. Trūka "
            "grāmatu un burtnīcu, tāpēc rakstījām uz vecām avīzēm starp rindām. "
            "Skolotāja Vanaga teica, ka galvenais ir mācīties un palikt "
            "cilvēkiem, lai kas arī notiktu apkārt.\n\n"
            "1949. gada 25. marta rītā Ilga uz skolu neatnāca. Vēlāk uzzinājām, "
            "ka naktī Lapsiņu ģimeni, Ilgu, viņas māsiņu, vecākus un vecmāmiņu, "
            "aizveda uz staciju un tālāk uz Sibīriju. Tajā pašā dienā aizveda vēl "
            "vairākas ģimenes no mūsu pagasta. Klasē neviens par to skaļi "
            "nerunāja, bet Ilgas sols visu pavasari palika tukšs. Skolotāja tajā "
            "rītā ilgi stāvēja pie loga un nevarēja sākt stundu."
        ),
        (
            "Ilga atgriezās Latvijā tikai 1957. gadā. Viņas vecmāmiņa un tēvs "
            "Sibīrijā nomira, un savās mājās Dzērvēs viņa vairs netika. Mēs "
            "satikāmies pēc astoņiem gadiem Ezermalas stacijā un abas ilgi "
            "raudājām, jo sākumā viena otru nepazinām. Par piedzīvoto Ilga "
            "stāstīja maz, bet es zināju, ka viņai tas bija jāpārdzīvo bērnībā, "
            "kad es pati vēl varēju iet uz skolu. Vēlāk viņa strādāja "
            "Ezermalas slimnīcā par medmāsu, izaudzināja divus dēlus un katru "
            "vasaru brauca uz Dzērvēm, kur no viņu mājas bija palikuši tikai "
            "pamati un vecā ābele.\n\n"
            "1990. gada pavasarī, kad pie baznīcas atklāja piemiņas akmeni, mēs "
            "ar Ilgu stāvējām blakus un klausījāmies, kā skolēni nolasa izvesto "
            "vārdus. Tur bija arī viņas vecmāmiņas un tēva vārds. Es šīs "
            "atmiņas pierakstu, lai mani mazbērni un visi, kas nāks pēc mums, "
            "zinātu, ka Ezerkalnē dzīvoja šādi cilvēki un ka viņus nedrīkst "
            "aizmirst.\n\n"
            "Pierakstīts Ezerkalnē 2009. gada rudenī. Marta Ozola"
        ),
    ],
)

# --------------------------------------------------------------------------
# Photographs with typed captions
# --------------------------------------------------------------------------

_PHOTO_RIGHTS = (
    "Ezerkalnes bibliotēkas novadpētniecības krājums. Autortiesību statuss nav "
    "noskaidrots; par izmantošanu lūdzam sazināties ar bibliotēku."
)

PHOTOS: list[Photo] = [
    Photo(
        file="ap-1935-pamatskolas-eka.jpg",
        title="Ezerkalnes pamatskolas jaunā ēka",
        date="ap 1935", place="Ezerkalne",
        description="Skolas jaunais ķieģeļu korpuss neilgi pēc uzcelšanas; priekšplānā skolas dārzs.",
        subjects=["Izglītība", "Skolas", "Ezerkalnes pamatskola"],
        creator=None, scene="school",
    ),
    Photo(
        file="ap-1938-udrupes-dzirnavas.jpg",
        title="Ūdrupes ūdensdzirnavas",
        date="ap 1938", place="Ūdriņi",
        description="Dzirnavas ar dzirnavezeru; pie sienas redzams turbīnas ēkas piebūvējums.",
        subjects=["Dzirnavas", "Ūdrupes ūdensdzirnavas"],
        creator="Grīnbergs, Fricis", scene="mill",
    ),
    Photo(
        file="1950-tie-gadi-baznica.jpg",
        title="Ezerkalnes baznīca ar veco torni",
        date="1950-tie gadi", place="Ezerkalne",
        description="Luteriskā baznīca pie Dziļezera pirms torņa nojaukšanas.",
        subjects=["Baznīcas", "Ezerkalnes luteriskā baznīca"],
        creator=None, scene="church",
    ),
    Photo(
        file="1962-zilenu-piena-ferma.jpg",
        title="Kolhoza „Dziļezers” piena ferma Zīlēnos",
        date="1962", place="Zīlēni",
        description="Piena fermas ēka pie lielceļa; priekšplānā lauku ceļš.",
        subjects=["Kolhozi", "Piensaimniecība", "Kolhozs „Dziļezers”"],
        creator="Kalējs, Voldemārs", scene="farm",
    ),
    Photo(
        file="ap-1970-koris-atbalss.jpg",
        title="Koris „Atbalss” pie kultūras nama",
        date="ap 1970", place="Ezerkalne",
        description="Kora dziedātāji pēc koncerta pie Ezerkalnes kultūras nama.",
        subjects=["Kordziedāšana", "Koris „Atbalss”", "Kultūras nami"],
        creator=None, scene="hall",
    ),
    Photo(
        file="1990-03-25-piemina-akmens.jpg",
        title="Piemiņas akmens atklāšana pie baznīcas",
        date="1990-03-25", place="Ezerkalne",
        description="Piemiņas akmens 1949. gadā izvestajiem Ezerkalnes pagasta iedzīvotājiem atklāšanas dienā.",
        subjects=["Deportācijas", "Piemiņas vietas", "1949. gada 25. marta deportācija"],
        creator="Sproģe, Inese", scene="stone",
    ),
    Photo(
        file="ap-2005-biblioteka.jpg",
        title="Ezerkalnes bibliotēka kultūras namā",
        date="ap 2005", place="Ezerkalne",
        description="Kultūras nama ēka, kuras otrajā stāvā atrodas bibliotēka.",
        subjects=["Bibliotēkas", "Ezerkalnes bibliotēka", "Kultūras nami"],
        creator=None, scene="library", colour=True,
    ),
]

PHOTO_RIGHTS = _PHOTO_RIGHTS
