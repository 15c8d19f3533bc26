"""The demo's online exhibition: an invented story of Ezerkalne parish told with the demo items.

Like everything in :mod:`heritage.demo`, the text is made up for heritage. Items are named by
their Dublin Core title, so the exhibition survives a re-ingest that gives them new numbers;
a title that matches no item stops the demo build with an error naming it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SLUG = "ezerkalnes-stasti"
TITLE = "Ezerkalne: dzirnavas, skola un ļaudis"
SUMMARY = ("Stāsts par Ezerkalnes pagastu trijās daļās: par Ūdrupes ūdensdzirnavām Dziļezera "
           "pusē, par skolu, kas pastāvēja 110 gadus, un par ļaudīm, kas šeit dziedāja, "
           "svinēja un atcerējās.")
CREDITS = ("Izstādi sagatavoja Ezerkalnes bibliotēka no sava novadpētniecības krājuma. "
           "Izmantoti laikrakstu „Ezermalas Vēstis” un „Padomju Ezermala” izgriezumi, "
           "fotogrāfijas un Martas Ozolas atmiņu stāsts.\n\n"
           "*Izdomāts demonstrācijas materiāls: pagasts, ļaudis un notikumi nav īsti.*")
COLLECTIONS = ("ezermalas-vestis", "atminas-un-fotografijas")
COVER = "Ūdrupes ūdensdzirnavas"


@dataclass(frozen=True)
class DemoBlock:
    """A block: its kind, Markdown body and items as (Dublin Core title, caption) pairs."""

    kind: str
    body: str = ""
    items: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DemoPage:
    """A page of the demo exhibition."""

    slug: str
    title: str
    blocks: tuple[DemoBlock, ...] = field(default_factory=tuple)


MILL = DemoPage("udensdzirnavas-un-ezers", "Ūdensdzirnavas un ezers", (
    DemoBlock("text", (
        "## Upe, kas grieza dzirnakmeņus\n\n"
        "Ūdrupe iztek no Dziļezera un, pirms pazūd mežos aiz Ūdriņiem, paspēj nokrist dažus "
        "metrus. Šo kritumu pamanīja Grīnbergu dzimta: 1870. gadā upes krastā izauga koka "
        "dzirnavas ar dambi un dzirnavezeru. Rudeņos pie tām gaidīja ratu rinda no visa "
        "pagasta, jo graudi bija jāsamaļ, pirms ceļi pārvērtās dubļos.\n\n"
        "Dzirnavas bija vairāk nekā darbavieta. Rindā stāvot, kaimiņi apmainījās ar "
        "jaunumiem, sarunāja talkas un precības, un ne viens vien puisis te pirmo reizi "
        "ieraudzīja savu nākamo sievu.")),
    DemoBlock("item", "", (
        ("Ūdrupes ūdensdzirnavas",
         "Ūdrupes ūdensdzirnavas ap 1938. gadu. Pie sienas redzama piebūve, kurā novietoja "
         "jauno turbīnu."),)),
    DemoBlock("text", (
        "## Turbīna un pirmās spuldzes\n\n"
        "1937. gadā vecā koka ūdensrata vietā dzirnavās uzstādīja tērauda turbīnu. Tagad "
        "varēja malt arī sausās vasarās, kad upē ūdens maz, un turbīna darbināja vēl vilnas "
        "kārstuvi un nelielu ģeneratoru. Tā Ūdriņos vakaros iedegās elektriskās spuldzes, "
        "par kurām citur pagastā vēl tikai runāja.")),
    DemoBlock("item", "", (
        ("Ūdrupes dzirnavās jauna turbīna",
         "Par dzirnavu pārbūvi 1937. gada oktobrī rakstīja „Ezermalas Vēstis”."),)),
    DemoBlock("gallery", (
        "## Dziļezera krastos\n\n"
        "Padomju gados dzirnavas vairs nemala: kolhozs tajās glabāja graudus, un ūdensrats "
        "sapuva. Tikai mūsdienās dzimtas pēctecis dzirnavas atguva, salaboja dambi un atkal "
        "palaida ratu. Netālu, pašā ezera krastā, slejas baznīca, kuras tornis arī reiz "
        "bija zaudēts un atkal uzcelts."), (
        ("Ūdrupes dzirnavās muzejs un maizes krāsns",
         "2016. gads: atjaunotajās dzirnavās atver muzeju un cep rupjmaizi."),
        ("Ezerkalnes baznīca ar veco torni", "Baznīca pie Dziļezera 1950. gados."),
        ("Baznīcai atjaunots tornis", "1998. gads: tornis atkal paceļas virs ezera."),
    )),
    DemoBlock("map", "Dzirnavas atrodas Ūdriņos, dažus kilometrus no pagasta centra Ezerkalnes."),
))

SCHOOL = DemoPage("skola", "Skola", (
    DemoBlock("text", (
        "## Simt desmit rudeņi\n\n"
        "Ezerkalnes skola sāka darbu 1903. gadā mazā koka mājā pie baznīcas, ar vienu "
        "skolotāju un pāris desmitiem bērnu. Gadu gaitā tā kļuva par pagasta sirdi: šeit "
        "mācījās lasīt un rēķināt, dziedāja korī, spēlēja teātri un rīkoja Ziemassvētku "
        "eglītes. 1930. gadu vidū blakus vecajai ēkai uzcēla gaišu ķieģeļu korpusu ar zāli, "
        "kurā drīz notika arī pagasta sarīkojumi.")),
    DemoBlock("item", "", (
        ("Ezerkalnes pamatskolas jaunā ēka",
         "Skolas jaunais ķieģeļu korpuss neilgi pēc uzcelšanas, ap 1935. gadu."),)),
    DemoBlock("text", (
        "## Tukšais sols\n\n"
        "Kara gados mācības pārtrūka, un skolas ēkā kādu laiku ierīkoja slimnīcu. Pēc kara "
        "nāca jaunas bēdas: 1949. gada martā no klasēm pazuda bērni, kuru ģimenes izveda uz "
        "Sibīriju. Skaļi par to runāt ilgi nedrīkstēja. Kādas skolnieces atmiņas par draudzeni, "
        "kuras vieta solā palika tukša, glabājas bibliotēkas krājumā.")),
    DemoBlock("item", "", (
        ("Skolas gadi Ezerkalnē un tukšais sols",
         "Martas Ozolas atmiņu stāsts, pierakstīts 2009. gadā."),)),
    DemoBlock("gallery", "## Skola laikrakstu slejās", (
        ("Ezerkalnes pamatskolai 35 gadi", "1938. gads: skolai 35 gadi."),
        ("Ezerkalnes skolā 186 skolēni", "1965. gads: rudenī skolā 186 skolēni."),
        ("Skolas salidojums pulcē četras paaudzes", "1987. gads: salidojumā četras paaudzes."),
        ("Ezerkalnes skolai simts gadu", "2003. gads: skolas simtgade."),
        ("Pēdējais zvans Ezerkalnes skolā", "2013. gads: pēdējais zvans."),
    )),
    DemoBlock("text", (
        "## Pēdējais zvans\n\n"
        "Kad bērnu pagastā kļuva arvien mazāk, skola vairs nespēja pastāvēt. 2013. gada "
        "pavasarī, pēc 110 darba gadiem, tajā noskanēja pēdējais zvans. Skolas karogs un "
        "muzeja krājums nonāca bibliotēkā, kur tos var apskatīt ikviens.")),
    DemoBlock("timeline", "Skolas gadu desmiti laikrakstos, fotogrāfijās un atmiņās."),
))

PEOPLE = DemoPage("laudis-un-svetki", "Ļaudis un svētki", (
    DemoBlock("text", (
        "## Dziesma, kas vieno\n\n"
        "Ezerkalnē vienmēr ir dziedāts. 1926. gadā skolotājs Pēteris Vanags nodibināja jaukto "
        "kori „Atbalss”, un pēc desmit gadiem muižas parkā jau notika pagasta dziesmu diena. "
        "Koris dziedāja arī padomju gados: tajā kopā stāvēja kolhoznieki, skolotāji un "
        "pienotavas strādnieki, un 1973. gadā „Atbalss” brauca uz Dziesmu svētkiem Rīgā.")),
    DemoBlock("gallery", "", (
        ("Dziesmu diena Ezerkalnes parkā", "1936. gads: dziesmu diena muižas parkā."),
        ("Koris „Atbalss” pie kultūras nama", "Koris pēc koncerta, ap 1970. gadu."),
        ("„Atbalss” dzied Dziesmu svētkos", "1973. gads: koris Dziesmu svētkos."),
    )),
    DemoBlock("text", (
        "## Atcerēties vārdos\n\n"
        "1990. gada martā pie baznīcas atklāja piemiņas akmeni tiem pagasta ļaudīm, kurus "
        "1949. gadā izveda no mājām. Skolēni nolasīja visus vārdus, un cilvēki nolika ziedus. "
        "Tajā dienā daudzi pirmo reizi skaļi pastāstīja, ko bija piedzīvojuši.")),
    DemoBlock("item", "", (
        ("Piemiņas akmens atklāšana pie baznīcas",
         "Piemiņas akmens atklāšanas dienā, 1990. gada 25. martā."),)),
    DemoBlock("text", (
        "## Bibliotēka glabā atmiņu\n\n"
        "Šodien pagasta vēsturi krāj bibliotēka kultūras namā. Tā skenē laikrakstu "
        "izgriezumus, fotogrāfijas un atmiņu stāstus, lai tie nepazustu un lai ikviens tos "
        "varētu lasīt. Ja jums mājās ir vecas fotogrāfijas vai vēstules, atnesiet tās: pēc "
        "skenēšanas tās atdosim atpakaļ.")),
    DemoBlock("item", "", (
        ("Ezerkalnes bibliotēka kultūras namā",
         "Kultūras nams ap 2005. gadu; bibliotēka ir otrajā stāvā."),)),
    DemoBlock("timeline"),
    DemoBlock("map"),
))

PAGES = (MILL, SCHOOL, PEOPLE)


def item_titles() -> list[str]:
    """Every item title the exhibition names, once each."""
    return list(dict.fromkeys(title for page in PAGES for block in page.blocks
                              for title, _ in block.items))
