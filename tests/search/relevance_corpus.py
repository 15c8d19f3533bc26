"""An invented local-history corpus and the queries a librarian would put to it.

Every item, person and parish here is made up for the relevance test
(``tests/search/test_relevance.py``); none of it is copied from real material.
Items overlap on purpose — several schools, several accounts of the 1949
deportation, dairies, choirs and churches in the same few parishes — so that a
query matches more than one item and ranking decides.  Some OCR texts carry the
damage real scans have (``ſ`` and ``f`` for *s*, ``i`` for *l*, ``m`` for *rn*,
lost diacritics); their titles, typed by a librarian, are clean.

>>> len(CORPUS) >= 60 and len(RELEVANCE_QUERIES) >= 60
True
>>> sorted({kind for _, _, kind in RELEVANCE_QUERIES}) == sorted(KINDS)
True
>>> set(key for _, key, _ in RELEVANCE_QUERIES) <= set(BY_KEY)
True
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusItem:
    """One archive item: Dublin Core metadata plus the OCR text of its pages."""

    key: str
    title: str
    creator: str
    subjects: tuple[str, ...]
    place: tuple[str, ...]
    date: str
    language: str
    type: str
    pages: tuple[str, ...]
    description: str = ""
    collection: str = "ezerzemes-vestis"
    access: str = "public"
    status: str = "published"


def _item(key, title, creator, subjects, place, date, text, *, language="lv", type="Text",
          **extra) -> CorpusItem:
    """A corpus item; ``text`` pages are separated by a form feed."""
    places = (place,) if isinstance(place, str) else tuple(place)
    return CorpusItem(key, title, creator, tuple(subjects), places, date, language, type,
                      tuple(page.strip() for page in text.split("\f")), **extra)


LV_SCHOOLS = [
    _item("lacupe-skola-simtgade", "Lāčupes pamatskolai – 100", "Kalniņa, Ilze",
          ["skolas", "jubilejas"], "Lāčupes pagasts", "2012-09-01", """
Šogad Lāčupes pamatskola svin simtgadi. Skola darbu sāka 1912. gada rudenī nelielā koka ēkā
pie Lāčupes tilta, kur pirmajā mācību gadā mācījās 34 bērni. Pirmais skolotājs bija Jānis
Bērziņš, kurš skolā nostrādāja gandrīz trīsdesmit gadu.

Jubilejas salidojumā 15. septembrī aicināti visi absolventi un bijušie skolotāji. Skolas
muzejā būs skatāmi vecie klašu žurnāli, fotogrāfijas un skolēnu burtnīcas."""),
    _item("lacupe-skola-pedejais-zvans", "Pēdējais zvans Lāčupes skolā", "Kalniņa, Ilze",
          ["skolas", "skolu slēgšana"], "Lāčupes pagasts", "2019-05-31", """
Pēc 107 darba gadiem Lāčupes pamatskola tiek slēgta. Novada dome lēma skolu likvidēt, jo
skolēnu skaits sarucis līdz 41. Piektdien skolas pagalmā pēdējo reizi skanēja zvans, un
direktore Dace Ozola pateicās vecākiem un skolotājiem.

No septembra bērni mācīsies Medņavas vidusskolā; uz turieni viņus vedīs skolas autobuss.
Skolas ēkā paredzēts ierīkot pagasta bibliotēku un dienas centru."""),
    _item("dzervene-skolas-foto-1936", "Dzērvenes pamatskolas skolēni ar skolotāju",
          "Krūmiņš, Augusts", ["skolas", "skolēni", "fotogrāfijas"], "Dzērvenes pagasts", "1936~", """
Uz fotogrāfijas otrās puses rakstīts: Dzērvenes 6-klasīgās pamatskolas 4. klase ar skolotāju
Annu Kalniņu, 1936. g. pavasarī. Pirmajā rindā no kreisās: Milda Zariņa, Pēteris Ozoliņš,
Kārlis Vītols. Fotografēts pie skolas lieveņa.""", type="StillImage", collection="foto"),
    _item("kirsukalns-skolas-ugunsgreks", "Ugunsgrēks Ķiršukalna skolā", "Rūsiņš, A.",
          ["skolas", "ugunsgrēki"], "Ķiršukalns", "1931-02-14", """
Naktī uz 12. februari nodega Ķirśukalna pamatſkolas vecā ēka. Uguni pamanija ſkolas ſargs,
bet kamēr ſasauca kaimiņus, jumts jau bija ſabrucis. Sadega ſkolas bibliotēka un gandrīz viſs
inventārs. Ugunsgrēka cēlonis — bojāts ſkurſtenis.

Skolēni pagaidām mācās pagasta namā. Pagasta padome nolēmuſi jauno ſkolas ēku celt no
ķieģeļiem, lai tāda nelaime vairs neatkārtotos."""),
    _item("mednava-vidusskola-salidojums", "Medņavas vidusskolas absolventu salidojums",
          "Liepa, Rūta", ["skolas", "salidojumi"], "Medņava", "2005-06-18", """
Sestdien Medņavas vidusskolā pulcējās vairāk nekā 600 absolventu no visiem piecdesmit
izlaidumiem. Skolas direktors Aivars Sproģis atgādināja, ka vidusskola Medņavā dibināta
1955. gadā, kad apvienoja divas septiņgadīgās skolas.

Vakarā skolas zālē uzstājās skolotāju ansamblis un bijušo skolēnu koris, bet balle turpinājās
līdz rīta gaismai."""),
    _item("zilukalns-skolotajas-atminas", "Skolotājas Martas Liepiņas atmiņas par Zīļukalna skolu",
          "Liepiņa, Marta", ["skolas", "skolotāji", "atmiņu stāsti"], "Zīļukalns", "1978", """
Uz Zīļukalna skolu mani norīkoja 1946. gada augustā. Skolā nebija ne burtnīcu, ne grāmatu,
rakstījām uz vecām avīzēm un maisu papīra. Ziemā klasē bija tik auksts, ka tinte sasala
tintnīcās.

Visgrūtākais bija 1949. gada pavasaris, kad no manas klases pazuda seši bērni — viņu ģimenes
izveda uz Sibīriju. Par to runāt nedrīkstēja, bet tukšos solus es atceros vēl šodien.""",
          collection="atminu-stasti"),
    _item("varpini-skolas-darzs", "Vārpiņu astoņgadīgās skolas augļu dārzs", "Zvaigzne, Ēvalds",
          ["skolas", "dārzkopība"], "Vārpiņi", "1962-08-10", """
Vārpiņu astoņgadīgās skolas jaunie mičurinieši šovasar izaudzējuši rekordlielu ābolu ražu.
Skolas dārzā aug 120 ābeles, ogulāji un bišu drava, par ko rūpējas bioloģijas skolotājs
Ēvalds Zvaigzne.

Rudenī skolēni ābolus nodos kolhoza „Uzvara” ēdnīcai un bērnudārzam."""),
    _item("sunupe-skolas-koris-1938", "Sūnupes pamatskolas koris Dziesmu svētkos",
          "Mūrniece, Lilija", ["kori", "skolas", "dziesmu svētki"], "Sūnupe", "1938-06-20", """
Sūnupes pamatskolas koris ar diriģentu Ernestu Bērziņu piedalījās skolu jaunatnes dziesmu
svētku koncertā Rīgā. Koris gatavojās visu ziemu, mēģinājumi notika skolas zālē pēc stundām.

No Sūnupes uz Rīgu dziedātāji brauca ar vilcienu, un pagasta padome sedza ceļa izdevumus.
Mājās korim sarīkoja svinīgu sagaidīšanu ar ozola lapu vainagiem."""),
]

LV_DEPORTATIONS = [
    _item("lacupe-atminas-1949", "Mūs izveda 1949. gada 25. martā", "Grīnberga, Emīlija",
          ["deportācijas", "1949. gada deportācija", "atmiņu stāsti"],
          ["Lāčupes pagasts", "Amūras apgabals"], "1989-03", """
Tas bija 25. marta rīts. Pie mūsu mājām „Kalnavoti” piebrauca divas kravas mašīnas, un
karavīri lika pusstundas laikā sakravāties. Māte paspēja paņemt tikai maizes klaipu, segas
un šujmašīnu. Tēvs tobrīd bija mežā, viņu atveda vēlāk uz staciju.

Lopu vagonos mūs veda trīs nedēļas līdz Amūras apgabalam. Tur strādājām mežizstrādē,
dzīvojām barakās. Mājās atgriezāmies tikai 1957. gadā, bet „Kalnavotos” jau dzīvoja sveši
cilvēki.""", collection="atminu-stasti"),
    _item("dzervene-izsutito-saraksts", "Dzērvenes pagastā 1949. gadā izsūtītās ģimenes",
          "Pētersons, Valdis", ["deportācijas", "1949. gada deportācija", "represētie"],
          "Dzērvenes pagasts", "1990-03-24", """
1949. gada 25. martā no Dzērvenes pagasta uz Sibīriju izsūtīja 23 ģimenes, kopumā 71 cilvēku,
no tiem 19 bērnus. Lielākā daļa nonāca Tomskas apgabalā. Publicējam sarakstu, ko pēc pagasta
iedzīvotāju atmiņām sastādījis novadpētnieks Valdis Pētersons.

Lūdzam atsaukties ikvienu, kas var papildināt sarakstu vai zina izsūtīto likteņus. Ziņas var
nodot Dzērvenes bibliotēkā."""),
    _item("kirsukalns-pieminas-akmens", "Ķiršukalnā atklāj piemiņas akmeni represētajiem",
          "Rūsiņa, Inta", ["pieminekļi", "represētie", "deportācijas"], "Ķiršukalns", "1994-06-14", """
14. jūnijā pie Ķiršukalna stacijas atklāja piemiņas akmeni 1941. un 1949. gadā izvestajiem
pagasta iedzīvotājiem. No šīs stacijas lopu vagoni devās uz austrumiem. Akmenī iekalti vārdi
„Lai neaizmirstam”.

Pasākumā runāja bijušie izsūtītie, dziedāja vīru koris „Ozols”, un mācītājs no Ķiršukalna
baznīcas iesvētīja piemiņas vietu."""),
    _item("sibirijas-vestule-1951", "Vēstule no Tomskas apgabala", "Ozoliņš, Pēteris",
          ["deportācijas", "vēstules"], ["Tomskas apgabals", "Dzērvenes pagasts"], "1951-12-02", """
Mīļā māsiņ! Paldies par paku ar speķi un vilnas zeķēm, tā atnāca pirms Ziemassvētkiem.
Šeit sals jau četrdesmit grādu, strādāju kolhoza kalvē Parabeļas ciemā. Bērni iet krievu
skolā un jau runā labāk krieviski nekā latviski.""",
          description="Pētera Ozoliņa vēstule māsai uz Dzērveni no izsūtījuma.",
          collection="vestules", access="reading_room"),
    _item("mednava-1941-izvesana", "1941. gada 14. jūnijs Medņavā", "Liepa, Rūta",
          ["deportācijas", "1941. gada deportācija"], "Medņava", "2001-06-14", """
Pirms 60 gadiem, 1941. gada 14. jūnija naktī, no Medņavas pagasta izveda 37 cilvēkus.
Vīriešus atšķīra no ģimenēm jau Medņavas stacijā un aizveda uz Vjatlagu, kur lielākā daļa
gāja bojā. Sievietes un bērnus nosūtīja uz Krasnojarskas novadu.

Medņavas bibliotēkā skatāma izstāde ar dokumentiem un fotogrāfijām no izsūtīto ģimeņu
arhīviem."""),
    _item("mednava-atgriesanas-1957", "Atgriešanās no izsūtījuma", "Vītola, Rasma",
          ["deportācijas", "atmiņu stāsti"], "Medņava", "2008", """
Mēs ar māti atgriezāmies Medņavā 1957. gada vasarā. Mūsu mājā bija ierīkots kolhoza kantoris,
un mums ļāva dzīvot tikai pirtiņā. Darbu māte dabūja pienotavā, es gāju Medņavas skolā, kur
mani sākumā sauca par „sibirieti”.

Dokumentos vēl ilgi bija jāraksta, ka esam bijuši izsūtīti, un augstskolā mani nepieņēma.""",
          collection="atminu-stasti"),
    _item("zilukalns-intervija-staff", "Intervija ar Zīļukalna iedzīvotāju par izsūtījumu",
          "Saulīte, Vija", ["deportācijas", "intervijas"], "Zīļukalns", "2023-04-11", """
Transkripcija. Stāsta Vija Saulīte, dzimusi 1944. gadā. Mani kā piecgadīgu meiteni 1949. gadā
kopā ar vecmāmiņu izveda uz Omskas apgabala Tevrizas rajonu. Zīļukalna skolā es vairs
neatgriezos.""", collection="atminu-stasti", access="staff"),
]

LV_DAIRIES = [
    _item("lacupe-pienotava-1928", "Lāčupes pienotavas atklāšana", "Z. K.",
          ["pienotavas", "piensaimniecība"], "Lāčupes pagasts", "1928-07-07", """
Pagājuſchā ſvētdienā ſvinīgi atklāja Lāčupes piensaimnieku ſabiedrības jauno pienotavu.
Ēka celta no ķieģeļiem, tajā uzſtādīts tvaika katls un divi ſeparatori. Pienotavā ik
dienas pārſtrādās iīdz 4000 kilogramu piena, ko piegādās 86 ſaimniecības.

Pienotavas vadītājs ir piensaimniecības ſkolu beidzis Auguſts Krcģeris. Sviests tiks
eksportēts uz Angliju."""),
    _item("dzervene-krejotava-foto", "Dzērvenes krejotava", "Krūmiņš, Augusts",
          ["pienotavas", "krejotavas", "ēkas"], "Dzērvenes pagasts", "1934", """
Dzērvenes piensaimnieku sabiedrības krejotava pie ceļa uz Medņavu. Priekšplānā zemnieki ar
piena kannām ratos gaida savu kārtu. Krejotava darbojās no 1926. līdz 1947. gadam, vēlāk ēkā
bija kolhoza noliktava.""", type="StillImage", collection="foto"),
    _item("mednava-piensaimnieku-sapulce-1936", "Medņavas piensaimnieku sabiedrības pilnsapulce",
          "J. V.", ["piensaimniecība", "kooperācija"], "Medņava", "1936-03-02", """
Medņavas piensaimnieku fabiedrības pilnſapulcē 29. februarī apſtiprināja pagājuſchā gada
pārſkatu. Pienotava pārſtrādājuſi 1 240 000 kg piena un izgatavojuſi 48 000 kg fvieſta.
Par piena kilogramu biedriem izmakſāti vidēji 9 ſantīmi.

Valdes priekſſēdētājs Jēkabs Kairniņš aicināja biedrus uzlabot govju ganāmpulkus un
ſlaukſchanas traukus turēt tīrībā. Nolēma iegādāties jaunu ſeparatoru un ierīkot ledus
pagrahu."""),
    _item("sunupe-siera-daritava", "Sūnupes siera darītava", "Mūrniece, Lilija",
          ["piensaimniecība", "siers"], "Sūnupe", "1938-10-05", """
Sūnupes piensaimnieku sabiedrība pie pienotavas ierīkojusi siera darītavu, kur gatavo
holandes un Ementāles sieru. Siera meistars Frīdrihs Vīksna mācījies Šveicē. Sieru pārdod
Rīgā un Liepājā.

Darītavas atklāšanā runāja lauksaimniecības ministrijas pārstāvis un apsveica Sūnupes
piensaimniekus."""),
    _item("varpini-kolhozs-ferma", "Kolhoza „Uzvara” jaunā piena ferma", "Sils, Jānis",
          ["kolhozi", "piensaimniecība", "fermas"], "Vārpiņi", "1965-04-22", """
Kolhozā „Uzvara” nodota ekspluatācijā jauna tipveida piena ferma 200 govīm. Fermā ierīkota
mehāniskā slaukšana un piena dzesēšana. Labākās slaucējas Austra Celma un Zenta Ābele pērn no
katras govs izslaukušas vairāk nekā 3500 kg piena.

Kolhoza priekšsēdētājs Jānis Sils solīja, ka nākamgad uzcels arī kultūras namu."""),
    _item("varpini-kolhoza-dibinasana", "Kā Vārpiņos dibināja kolhozu", "Celma, Austra",
          ["kolhozi", "kolektivizācija", "atmiņu stāsti"], "Vārpiņi", "1994", """
Pēc martā notikušās izvešanas 1949. gada pavasarī ļaudis bija tik nobiedēti, ka visi
parakstīja iesniegumus par iestāšanos kolhozā. Mūsu zirgus un govis aizveda uz kopējo kūti
bijušajā muižā, un daudzas govis tai pirmajā ziemā nobeidzās.

Kolhozu nosauca par „Uzvaru”. Par izstrādes dienām maksāja graudos, naudu redzējām reti.""",
          collection="atminu-stasti"),
]

LV_CHOIRS_AND_CHURCHES = [
    _item("dzervene-jauktais-koris-40", "Dzērvenes jauktajam korim 40 gadu", "Pētersons, Valdis",
          ["kori", "jubilejas"], "Dzērvenes pagasts", "1987-11-20", """
Dzērvenes kultūras namā svinēja jauktā kora „Dzērve” četrdesmit gadu jubileju. Kori 1947. gadā
nodibināja skolotājs Kārlis Lapiņš, kopš 1975. gada to vada diriģente Inese Zariņa. Koris
piedalījies visos Vispārējos latviešu dziesmu svētkos kopš 1950. gada.

Jubilejas koncertā skanēja tautasdziesmu apdares un jaunas dziesmas, bet noslēgumā kopā ar
bijušajiem koristiem nodziedāja „Pūt, vējiņi”."""),
    _item("lacupe-baznicas-koris-1937", "Lāčupes baznīcas koris Ziemassvētkos", "Z. K.",
          ["kori", "baznīcas", "Ziemassvētki"], "Lāčupes pagasts", "1937-12-28", """
Ziemassvētku dievkalpojumā Lāčupes luterāņu baznīcā dziedāja draudzes koris ērģelnieka
Voldemāra Kļaviņa vadībā. Baznīca bija pārpildīta, daudzi klausījās pie atvērtām durvīm
sniegā.

Koris šogad svin desmit gadus; tajā dzied 32 dziedātāji no Lāčupes un kaimiņu Sūnupes."""),
    _item("kirsukalns-viru-koris-ozols", "Vīru koris „Ozols” Dziesmu svētkos", "Rūsiņa, Inta",
          ["kori", "dziesmu svētki"], "Ķiršukalns", "1990-07-08", """
Ķiršukalna vīru koris „Ozols” Vispārējos latviešu dziesmu svētkos Mežaparkā dziedāja zem
sarkanbaltsarkanā karoga. Kora diriģents Gunārs Eglītis stāsta, ka dziedātāji raudājuši,
dziedot „Dievs, svētī Latviju”.

Koris dibināts 1969. gadā kolhoza „Lāčplēsis” kultūras namā, tajā dzied 28 vīri."""),
    _item("zilukalns-dirigents-lapins", "Diriģents Kārlis Lapiņš (1908–1984)", "Liepiņa, Marta",
          ["kori", "diriģenti", "biogrāfijas"], ["Zīļukalns", "Dzērvenes pagasts"], "1984", """
Kārlis Lapiņš dzimis 1908. gadā Zīļukalna pagasta „Lejasriekstos”. Beidzis Jelgavas
skolotāju institūtu, strādājis par skolotāju Zīļukalna un Dzērvenes skolās. Visu mūžu vadījis
korus: skolēnu kori, Zīļukalna jaukto kori, vēlāk Dzērvenes kori „Dzērve”.

Lapiņš komponējis arī dziesmas korim, no tām pazīstamākā ir „Zīļukalna vakars”. Apbedīts
Zīļukalna kapos."""),
    _item("lacupe-baznicas-tornis-1999", "Lāčupes baznīcai atjaunots tornis", "Kalniņa, Ilze",
          ["baznīcas", "restaurācija"], "Lāčupes pagasts", "1999-10-03", """
Pēc vairāk nekā piecdesmit gadiem Lāčupes luterāņu baznīcai atkal ir tornis. Vecais tornis
nodega 1944. gada rudenī kauju laikā, un padomju gados baznīcā bija graudu noliktava. Torņa
atjaunošanu finansēja draudze, trimdas latvieši Zviedrijā un novada dome.

Torņa smailē uzlikts jauns gailis, bet zvanu atlējuši meistari Polijā."""),
    _item("dzervene-katolu-baznica-foto", "Dzērvenes Romas katoļu baznīca", "Krūmiņš, Augusts",
          ["baznīcas", "arhitektūra"], "Dzērvenes pagasts", "1925~", """
Dzērvenes Romas katoļu baznīca no ezera puses. Mūra baznīca celta 1854. gadā, zvanu tornis —
1910. gadā. Pa labi redzama plebānija un draudzes skola.""", type="StillImage", collection="foto"),
    _item("kirsukalns-ergeles-1934", "Ķiršukalna baznīcā jaunas ērģeles", "A. R.",
          ["baznīcas", "ērģeles"], "Ķiršukalns", "1934-09-18", """
Svētdien Ķiršukalna baznīcā iefvētīja jaunās ērģeies, ko būvējis ērģeļu meiſtars Emīls
Koiberģis no Rīgas. Ērģelēm ir 14 reģiſtri un divi manuāļi. Jaunās ērģeles maksājuſchas
9000 latu; naudu vāca draudzes locekļi un Amerikas latvieši.

Iefvētīſchanā kalpoja prāveſts Brunis, dziedāja apvienotais draudzes koris."""),
]

LV_OTHER = [
    _item("rozlejas-pludi-1932", "Vietējās ziņas", "Ezerzemes Vēstis",
          ["plūdi", "tilti"], "Rožlejas", "1932-04-16", """
Rožlejās pavaſara plūdi nopoſtījuſchi Ješkas dzimavu dambi. Ūdens applūdinājis dzimavu
pagrabu un aiznesis 200 maiſus labības. Dzimavnieks Juris Ješka zaudējumus lēſ uz 3000
latiem.

Sūnupē pāri upei ſabrucis koka tilts; ſatiksme ar Lāčupi notiek ar laivām."""),
    _item("sunupe-udensdzirnavas-foto", "Sūnupes ūdensdzirnavas", "Zvaigzne, Ēvalds",
          ["dzirnavas"], "Sūnupe", "1965", """
Sūnupes ūdensdzirnavas 1965. gadā, neilgi pirms dzirnavu dīķa nolaišanas. Dzirnavas uzcēla
1898. gadā dzirnavnieks Ansis Mūrnieks; kolhoza laikā tajās mala lopbarību.""",
          type="StillImage", collection="foto"),
    _item("sunupe-dzirnavas-melnraksts", "Sūnupes dzirnavu vēsture (melnraksts)", "Mūrniece, Lilija",
          ["dzirnavas"], "Sūnupe", "2024", """
Sūnupes dzirnavas un dzirnavnieku dzimta Mūrnieki. Jāprecizē, kas notika ar dzirnavām
1905. gadā un kad tās pārbūvēja.""", status="draft"),
    _item("lacupe-ugunsdzeseji-90", "Lāčupes brīvprātīgo ugunsdzēsēju biedrībai 90",
          "Kalniņa, Ilze", ["ugunsdzēsēji", "biedrības"], "Lāčupes pagasts", "2016-08-20", """
Lāčupes brīvprātīgo ugunsdzēsēju biedrība dibināta 1926. gadā pēc lielā ugunsgrēka, kurā
vienā naktī nodega trīs saimniecības. Biedrība uzcēla depo ar torni šļūteņu žāvēšanai un
nodibināja ugunsdzēsēju orķestri. Ugunsdzēsēju zaļumballes bija lielākie pagasta svētki.

Mūsdienās biedrībā ir 18 brīvprātīgo, kuri palīdz valsts ugunsdzēsējiem un rīko nometnes
bērniem."""),
    _item("kirsukalns-stacija-100", "Ķiršukalna stacijai 100 gadu", "Rūsiņa, Inta",
          ["dzelzceļš", "stacijas"], "Ķiršukalns", "2003-11-15", """
Ķiršukalna dzelzceļa stacija atklāta 1903. gadā, kad izbūvēja šaursliežu līniju. Stacijas ēka
ar raksturīgo koka verandu saglabājusies līdz mūsdienām. 1941. un 1949. gadā no šīs stacijas
izveda pagasta iedzīvotājus.

Pasažieru vilcieni šeit vairs neapstājas kopš 2000. gada, bet stacijas ēkā tagad ir pagasta
muzejs."""),
    _item("mednava-muiza-foto", "Medņavas muižas kungu māja", "Krūmiņš, Augusts",
          ["muižas", "arhitektūra"], "Medņava", "1920~", """
Medņavas muižas kungu māja, celta 19. gadsimta sākumā klasicisma stilā. Pēc agrārās reformas
muižas zemi sadalīja jaunsaimniekiem, bet kungu mājā ierīkoja pamatskolu. Priekšā — muižas
parks ar ozolu aleju.""", type="StillImage", collection="foto"),
    _item("lacupe-bibliotekas-vesture", "Lāčupes bibliotēkas vēsture", "Grīnberga, Laima",
          ["bibliotēkas"], "Lāčupes pagasts", "2020-02-10", """
Lāčupes pagasta bibliotēka dibināta 1925. gadā kā izglītības biedrības grāmatu krātuve.
Pirmā bibliotekāre bija skolotāja Alma Bērziņa. 1944. gadā daļa grāmatu sadega, bet padomju
gados bibliotēka atradās kolhoza kantora ēkā.

2019. gadā bibliotēka pārcēlās uz bijušās Lāčupes pamatskolas ēku, kur tagad ir arī
novadpētniecības istaba ar tematiskajām mapēm."""),
    _item("dzervene-aizsargu-nams-1935", "Dzērvenes aizsargu nama iesvētīšana", "J. V.",
          ["aizsargi", "biedrību nami"], "Dzērvenes pagasts", "1935-08-12", """
Svētdien Dzērvenē iesvētīja jauno aizsargu namu, ko aizsargi cēluši paši savām rokām divu
vasaru laikā. Namā ir zāle ar skatuvi 300 skatītājiem. Pēc iesvētīšanas notika aizsargu
parāde un zaļumballe, kurā spēlēja aizsargu orķestris."""),
    _item("zilukalns-lacplesa-kavalieris", "Lāčplēša Kara ordeņa kavalieris Jānis Dzenis",
          "Pētersons, Valdis", ["Brīvības cīņas", "biogrāfijas"], "Zīļukalns", "1998-11-11", """
Jānis Dzenis dzimis 1897. gadā Zīļukalna pagasta „Dzeņos”. Brīvības cīņās dienējis kājnieku
pulkā, par varonību kaujās pie Daugavas 1920. gadā apbalvots ar Lāčplēša Kara ordeni. Pēc
kara saņēma jaunsaimniecību Medņavas muižas zemē.

1941. gadā apcietināts un miris Vjatlagā 1942. gadā. Viņa piemiņai Zīļukalna kapos uzstādīta
piemiņas plāksne."""),
    _item("rozlejas-zemledus-zveja", "Zemledus makšķerēšana Rožleju ezerā", "Liepa, Rūta",
          ["zveja", "ezeri"], "Rožlejas", "2011-02-07", """
Rožleju ezerā sestdien notika tradicionālās zemledus makšķerēšanas sacensības, kurās
piedalījās 64 makšķernieki. Lielāko zivi — 2,3 kg smagu līdaku — izvilka Aigars Puķītis no
Sūnupes.

Sacensības rīko Rožleju makšķernieku biedrība kopš 1985. gada."""),
    _item("sunupe-tilts-1936", "Jauns tilts pār Sūnupi", "Mūrniece, Lilija",
          ["tilti", "ceļi"], "Sūnupe", "1936-10-30", """
Pār Sūnupi uzcelts jauns dzelzsbetona tilts 42 metru garumā, vecā koka tilta vietā, ko
nopostīja 1932. gada pavasara plūdi. Tilta būvi vadīja inženieris Roberts Avotiņš, strādāja
vietējie vīri no Sūnupes un Rožlejām.

Tilta atklāšanā pagasta vecākais pārgrieza lenti, un pirmais pāri brauca pienveža ormanis."""),
    _item("varpini-talka-2018", "Talkā sakopj Vārpiņu kapsētu", "Sils, Māris",
          ["talkas", "kapsētas"], "Vārpiņi", "2018-04-21", """
Lielās talkas dienā Vārpiņu kapsētā strādāja vairāk nekā 50 cilvēku: grāba lapas, zāģēja
sausos kokus un atjaunoja žogu. Skolēni sakopa 1919. gadā kritušo karavīru brāļu kapus.

Talkas noslēgumā pagasta bibliotēkā bija tēja un atmiņu stāstu vakars par Vārpiņu vecajām
mājām."""),
    _item("mednava-kulturas-nams-1960", "Medņavas kultūras nama atklāšana", "Sils, Jānis",
          ["kultūras nami", "kolhozi"], "Medņava", "1960-11-07", """
Medņavā atklāts jauns kultūras nams ar 400 vietu zāli, bibliotēku un kinoaparātu. Namu cēla
kolhoza „Padomju Latvija” celtnieki.

Atklāšanas koncertā uzstājās Medņavas jauktais koris un deju kolektīvs, bet vakarā demonstrēja
kinofilmu."""),
    _item("dzervene-ezers-vasara-foto", "Peldētāji Dzērvenes ezerā", "Krūmiņš, Augusts",
          ["ezeri", "atpūta"], "Dzērvenes pagasts", "1938~", """
Vasaras svētdiena pie Dzērvenes ezera: peldētāji pie laipas, fonā katoļu baznīcas tornis.
Pa kreisi — Dzērvenes aizsargu laivu piestātne.""", type="StillImage", collection="foto"),
    _item("lacupe-kara-laiks-1944", "Kara rudens Lāčupē", "Grīnberga, Emīlija",
          ["Otrais pasaules karš", "atmiņu stāsti"], "Lāčupes pagasts", "1991", """
1944. gada septembrī fronte apstājās pie Lāčupes upes. Mēs divas nedēļas dzīvojām zemnīcā mežā,
bet mūsu „Kalnavoti” palika neskarti. Baznīcas tornis nodega vienā naktī, un zvans nokrita
zemē.

Pēc kaujām skolā ierīkoja lazareti, un mācības sākās tikai novembrī.""",
          collection="atminu-stasti"),
    _item("zilukalns-kapi-foto", "Zīļukalna kapi ar Lapiņa kapa pieminekli", "Zvaigzne, Ēvalds",
          ["kapsētas", "pieminekļi"], "Zīļukalns", "1990", """
Zīļukalna kapi rudenī. Priekšplānā diriģenta Kārļa Lapiņa kapa piemineklis — laukakmens ar
notīm, ko 1986. gadā uzstādīja viņa bijušie koristi.""", type="StillImage", collection="foto"),
    _item("sunupe-izsutitie-gramata", "Grāmata par Sūnupes izsūtītajiem", "Mūrniece, Lilija",
          ["deportācijas", "grāmatas"], "Sūnupe", "2009-03-25", """
Sūnupes bibliotēkā atvēra grāmatu „Ceļš uz Sibīriju”, kurā apkopoti 1941. un 1949. gadā
izsūtīto sūnupiešu stāsti un fotogrāfijas. Grāmatu sastādīja bibliotekāre Lilija Mūrniece,
trīs gadus apbraukājot bijušos izsūtītos un viņu bērnus.

Atvēršanā piedalījās 12 cilvēki, kuri paši piedzīvoja izvešanu."""),
    _item("zilukalns-pienotava-slegta", "Zīļukalna pienotava beidz darbu", "Pētersons, Valdis",
          ["pienotavas", "piensaimniecība"], "Zīļukalns", "1995-12-01", """
Pēc 60 darba gadiem slēgta Zīļukalna pienotava. Pēc kolhoza sabrukuma piena pārāk maz, un
saimnieki to tagad nodod uzpircējiem, kas pienu ved uz lielo pienotavu pilsētā.

Pienotavas ēku pagasts cer pārdot; tajā varētu ierīkot kokapstrādes darbnīcu."""),
    _item("varpini-sieviesu-koris-1958", "Vārpiņu sieviešu koris skatē", "Sils, Jānis",
          ["kori", "skates"], "Vārpiņi", "1958-05-18", """
Rajona koru skatē Vārpiņu kultūras nama sieviešu koris ieguva pirmo vietu. Kori vada
skolotāja Ilga Zvaigzne, un tajā dzied slaucējas, laukkopes un skolotājas.

Koris gatavojas republikas dziesmu svētkiem nākamajā vasarā."""),
    _item("sunupe-baznicas-zvans", "Sūnupes baznīcā atkal skan zvans", "Liepa, Rūta",
          ["baznīcas", "zvani"], "Sūnupe", "2004-08-15", """
Sūnupes luterāņu baznīcas tornī pacelts zvans, ko 1915. gadā evakuēja uz Krieviju un kas
atpakaļ tā arī neatgriezās. Jauno zvanu dāvinājusi Sūnupes draudzes meitas draudze Vācijā.

Zvana iesvētīšanā dziedāja apvienotais Sūnupes un Lāčupes draudžu koris."""),
    _item("rozlejas-skola-foto-1925", "Rožleju pamatskolas ēka", "Krūmiņš, Augusts",
          ["skolas", "ēkas"], "Rožlejas", "1925~", """
Rožleju pamatskolas jaunā koka ēka neilgi pēc uzcelšanas. Pie durvīm stāv skolotājs Rūdolfs
Avotiņš ar sievu. Skola darbojās līdz 1968. gadam.""", type="StillImage", collection="foto"),
]

LT_ITEMS = [
    _item("silenai-mokykla-150", "Šilėnų mokyklai – 150 metų", "Jankauskienė, Rasa",
          ["mokyklos", "jubiliejai"], ["Šilėnų kaimas", "Ąžuolėlių seniūnija"], "2014-09-01", """
Šilėnų pagrindinė mokykla šiemet mini 150 metų sukaktį. Pirmoji mokykla kaime įsikūrė
1864 metais ūkininko troboje, o dabartinis mūrinis pastatas pastatytas 1938 metais.

Šventėje dalyvavo buvę mokytojai ir mokiniai, mokyklos muziejuje atidaryta paroda „Mokyklos
istorija nuotraukose“.""", language="lt", collection="krastotyra"),
    _item("silenai-mokykla-uzdaryta", "Uždaryta Šilėnų mokykla", "Jankauskienė, Rasa",
          ["mokyklos"], ["Šilėnų kaimas", "Ąžuolėlių seniūnija"], "2021-06-30", """
Po 157 metų Šilėnų mokykla uždaryta, nes liko tik 27 mokiniai. Vaikai nuo rugsėjo važiuos į
Ąžuolėlių gimnaziją mokykliniu autobusu.

Seniūnijos taryba siūlo mokyklos pastate įrengti bendruomenės namus.""",
          language="lt", collection="krastotyra"),
    _item("azuoleliai-baznycia", "Ąžuolėlių Šv. Onos bažnyčia", "Petrauskas, Jonas",
          ["bažnyčios", "architektūra"], "Ąžuolėliai", "2002", """
Medinė Šv. Onos bažnyčia Ąžuolėliuose pastatyta 1793 metais. Sovietmečiu bažnyčia nebuvo
uždaryta, tačiau klebonas Antanas Vaitkus 1949 metais buvo ištremtas į Sibirą.

Kasmet liepos pabaigoje vyksta Šv. Onos atlaidai, į kuriuos suvažiuoja tikintieji iš visos
apylinkės.""", language="lt", collection="krastotyra"),
    _item("azuoleliai-kolukis-pergale", "Kolūkis „Pergalė“ Ąžuolėlių apylinkėje", "Petrauskas, Jonas",
          ["kolūkiai"], "Ąžuolėliai", "1975", """
Kolūkis „Pergalė“ įkurtas 1949 metais, kai Ąžuolėlių apylinkės ūkininkai buvo priversti
atiduoti žemę ir gyvulius. Pirmaisiais metais kolūkiečiai už darbadienius negavo beveik nieko.

Septintajame dešimtmetyje kolūkis pastatė naują karvidę, pieninę ir kultūros namus.""",
          language="lt", collection="krastotyra"),
    _item("azuoleliai-tremtis-1949", "Ąžuolėlių kaimo tremtiniai", "Vaitkutė, Ona",
          ["tremtis", "atsiminimai"], "Ąžuolėliai", "1999-05-22", """
1949 metų kovo 25 dieną iš Ąžuolėlių kaimo į Irkutsko sritį ištremtos aštuonios šeimos. Mane
su mama ir dviem broliais išvežė gyvuliniais vagonais, kelionė truko beveik mėnesį.

Sibire dirbome miško darbus, gyvenome barakuose. Į Lietuvą grįžome tik 1958 metais.""",
          language="lt", collection="krastotyra"),
    _item("silenai-choras", "Šilėnų kaimo choras dainų šventėje", "Jankauskienė, Rasa",
          ["chorai", "dainų šventės"], "Šilėnų kaimas", "1970-07-12", """
Šilėnų kaimo mišrus choras, vadovaujamas mokytojo Vytauto Žemaičio, dalyvavo respublikinėje
dainų šventėje Vilniuje. Chore dainuoja 40 kolūkiečių ir mokytojų.

Repeticijos vyksta mokykloje du kartus per savaitę, net per šienapjūtę.""",
          language="lt", collection="krastotyra"),
    _item("berzupis-pienine-1936", "Beržupio pieninė", "Petrauskas, Jonas",
          ["pieninės", "kooperacija"], "Beržupio kaimas", "1936", """
Beržupio pieninės bendrovė įsteigta 1932 metais. Pieninė per dieną perdirbdavo iki 3000 litrų
pieno, sviestas buvo eksportuojamas į Angliją.

Pieninės vedėjas Kazys Urhonas ragino ūkininkus laikyti daugiau karvių ir švariai melžti.""",
          language="lt", collection="krastotyra"),
    _item("berzupis-kaimo-istorija", "Beržupio kaimo istorija", "Urbonaitė, Eglė",
          ["kraštotyra", "kaimai"], ["Beržupio kaimas", "Ąžuolėlių seniūnija"], "2008", """
Šį kraštotyros darbą parašiau, kalbindama vyriausius Beržupio kaimo gyventojus. Kaimas
minimas nuo 1744 metų, per jį teka Beržupio upelis, prie kurio stovėjo vandens malūnas.

Per žemės reformą 1922 metais kaimas išskirstytas į vienkiemius. Sovietmečiu Beržupis
priklausė kolūkiui „Pergalė“, o dabar – Ąžuolėlių seniūnijai.""",
          language="lt", collection="krastotyra"),
    _item("azuoleliai-biblioteka", "Ąžuolėlių seniūnijos biblioteka atnaujinta", "Vaitkutė, Ona",
          ["bibliotekos"], "Ąžuolėliai", "2017-03-15", """
Ąžuolėlių seniūnijos biblioteka persikėlė į suremontuotas buvusios mokyklos patalpas.
Bibliotekoje įrengtos keturios kompiuterizuotos darbo vietos, vaikų skaitykla ir kraštotyros
kampelis.

Bibliotekininkė Danutė Kairienė renka senas nuotraukas ir prisiminimus apie seniūnijos
kaimus.""", language="lt", collection="krastotyra"),
    _item("berzupis-malunas-foto", "Beržupio vandens malūnas", "Urbonaitė, Eglė",
          ["malūnai"], "Beržupio kaimas", "196X", """
Nuotraukoje – Beržupio vandens malūnas prieš nugriovimą. Malūnas pastatytas 1880 metais,
jame malė grūdus visų aplinkinių kaimų ūkininkai. Malūnininkas Jurgis Stankus malūną valdė
iki 1948 metų.""", language="lt", type="StillImage", collection="krastotyra"),
]

RU_AND_LTG_ITEMS = [
    _item("lomy-molennaja", "Моленная староверов в деревне Ломы", "Иванова, Нина",
          ["старообрядцы", "моленные"], ["Ломы", "Medņava"], "1998", """
Деревня Ломы у озера — одно из старейших поселений старообрядцев в волости. Деревянная
моленная построена в 1907 году, в ней хранятся старинные иконы и рукописные книги.

Наставник общины Фёдор Кузнецов рассказывает, что в 1949 году нескольких старообрядцев
выслали в Сибирь, но моленная никогда не закрывалась.""", language="ru"),
    _item("mednava-pravoslavnaja-cerkov", "Православная церковь в Меднаве", "Иванова, Нина",
          ["церкви", "православие"], "Medņava", "2003", """
Православная церковь Святого Николая в Меднаве построена в 1893 году на пожертвования
местных крестьян. В советское время в здании церкви был колхозный склад, а колокола сняли
в 1961 году.

В 1992 году церковь вернули приходу, и теперь службы проходят по праздникам.""", language="ru"),
    _item("put-ilyicha-kolhoz", "Колхоз «Путь Ильича»: воспоминания председателя",
          "Смирнов, Алексей", ["колхозы", "воспоминания"], "Medņava", "1985-10", """
Колхоз «Путь Ильича» был создан в 1949 году из трёх маленьких колхозов. Первый председатель
Алексей Смирнов вспоминает, как весной не хватало семян и лошадей.

В шестидесятые годы колхоз построил новую молочную ферму, школу и клуб. Лучшие доярки
получали ордена.""", language="ru"),
    _item("pureni-vydsskola-70", "Pūreņu vydsskolai 70 godu", "Bečs, Jezups",
          ["skolas", "jubilejas"], "Pūreņi", "2015-09-26", """
Pūreņu vydsskola sovu 70 godu jubileju svynēja ar lelu salidojumu. Vydsskolu 1945. godā
atdareja vacajā muižys kuņga mōjā. Školuotōji styprynōja latgaļu volūdu, bārni mōcejōs
dzīdōt Latgolys dzīsmis.

Salidojumā atbrauce bejušī školuotōji nu Reigys i Rēzeknis.""", language="ltg"),
    _item("pureni-bazneica", "Pūreņu bazneica i jōs zvoni", "Bečs, Jezups",
          ["baznīcas"], "Pūreņi", "2010", """
Pūreņu katōļu bazneica pastateita 1898. godā nu sorkonim ķīģeļim. Kara laikā vōci nūjēme
zvonus, a 1990. godā draudze nūpierka jaunus zvonus Pōlijā.

Kotru godu augusta vydā bazneicā nūteik Škaplerņa svātki, kod sabrauc ļauds nu vysys
Latgolys.""", language="ltg"),
]

CORPUS: tuple[CorpusItem, ...] = (*LV_SCHOOLS, *LV_DEPORTATIONS, *LV_DAIRIES,
                                  *LV_CHOIRS_AND_CHURCHES, *LV_OTHER, *LT_ITEMS, *RU_AND_LTG_ITEMS)
BY_KEY: dict[str, CorpusItem] = {item.key: item for item in CORPUS}

KINDS = ("inflected", "undiacritised", "phrase", "ocr", "lt", "ru", "ltg", "fielded",
         "yearrange", "mixed")

# (query, the item a librarian wants first, kind).  Inflected queries use another form of
# the words than the text does; OCR queries name a word that the target's scan spells
# damaged (or the query itself is mistyped the way OCR damages words).
RELEVANCE_QUERIES: tuple[tuple[str, str, str], ...] = (
    # Latvian inflection: the query's forms differ from the text's
    ("skolotājam Bērziņam", "lacupe-skola-simtgade", "inflected"),
    ("Dzērvenes korī", "dzervene-jauktais-koris-40", "inflected"),
    ("izsūtīto ģimeņu saraksti Dzērvenē", "dzervene-izsutito-saraksts", "inflected"),
    ("baznīcu torņi Lāčupē", "lacupe-baznicas-tornis-1999", "inflected"),
    ("skolu ugunsgrēki", "kirsukalns-skolas-ugunsgreks", "inflected"),
    ("ērģelnieks Kļaviņš", "lacupe-baznicas-koris-1937", "inflected"),
    ("kolhozu dibināšana Vārpiņos", "varpini-kolhoza-dibinasana", "inflected"),
    ("Lāčplēša ordenis", "zilukalns-lacplesa-kavalieris", "inflected"),
    ("siera darītavas Sūnupē", "sunupe-siera-daritava", "inflected"),
    ("Jelgavas skolotāju institūts", "zilukalns-dirigents-lapins", "inflected"),
    ("vīru korim Ozols", "kirsukalns-viru-koris-ozols", "inflected"),
    ("piemiņas akmens represētie", "kirsukalns-pieminas-akmens", "inflected"),
    ("ugunsdzēsēju orķestris", "lacupe-ugunsdzeseji-90", "inflected"),
    ("Sūnupes kora", "sunupe-skolas-koris-1938", "inflected"),
    ("Zīļukalna skola", "zilukalns-skolotajas-atminas", "inflected"),
    ("Dzērvenes skola", "dzervene-skolas-foto-1936", "inflected"),
    # typed without diacritics
    ("lacupes baznicas tornis", "lacupe-baznicas-tornis-1999", "undiacritised"),
    ("kirsukalna stacija", "kirsukalns-stacija-100", "undiacritised"),
    ("dzervenes krejotava", "dzervene-krejotava-foto", "undiacritised"),
    ("zilukalna skolotajas atminas", "zilukalns-skolotajas-atminas", "undiacritised"),
    ("mednavas muiza", "mednava-muiza-foto", "undiacritised"),
    ("sunupes siera daritava", "sunupe-siera-daritava", "undiacritised"),
    ("varpinu skolas darzs abeles", "varpini-skolas-darzs", "undiacritised"),
    ("izsutito gimenu saraksts", "dzervene-izsutito-saraksts", "undiacritised"),
    ("ugunsdzeseju biedriba", "lacupe-ugunsdzeseji-90", "undiacritised"),
    ("emilija grinberga vagoni", "lacupe-atminas-1949", "undiacritised"),
    ("zemledus makskeresana", "rozlejas-zemledus-zveja", "undiacritised"),
    ("seniunijos biblioteka", "azuoleliai-biblioteka", "undiacritised"),
    ("dzervenes baznica", "dzervene-katolu-baznica-foto", "undiacritised"),
    # exact phrases (the text's own inflection; diacritics still forgiven)
    ('"pēdējo reizi skanēja zvans"', "lacupe-skola-pedejais-zvans", "phrase"),
    ('"lopu vagonos"', "lacupe-atminas-1949", "phrase"),
    ('"jauktā kora"', "dzervene-jauktais-koris-40", "phrase"),
    ('"Dievs, svētī Latviju"', "kirsukalns-viru-koris-ozols", "phrase"),
    ('"kolhoza kantoris"', "mednava-atgriesanas-1957", "phrase"),
    ('"Medņavas stacijā"', "mednava-1941-izvesana", "phrase"),
    ('"aizsargu orķestris"', "dzervene-aizsargu-nams-1935", "phrase"),
    ('"tinte sasala tintnicas"', "zilukalns-skolotajas-atminas", "phrase"),
    ('"trimdas latvieši"', "lacupe-baznicas-tornis-1999", "phrase"),
    ('"Šv. Onos atlaidai"', "azuoleliai-baznycia", "phrase"),
    # OCR damage: in the scan's text, or in what the reader typed
    ("Kroģeris pienotava", "lacupe-pienotava-1928", "ocr"),
    ("Ješkas dzirnavas", "rozlejas-pludi-1932", "ocr"),
    ("ērģeļu meistars Kolberģis", "kirsukalns-ergeles-1934", "ocr"),
    ("sviests Medņava", "mednava-piensaimnieku-sapulce-1936", "ocr"),
    ("Jēkabs Kaimiņš", "mednava-piensaimnieku-sapulce-1936", "ocr"),
    ("ledus pagrabs", "mednava-piensaimnieku-sapulce-1936", "ocr"),
    ("Sproģls", "mednava-vidusskola-salidojums", "ocr"),
    ("Rožieju ezers", "rozlejas-zemledus-zveja", "ocr"),
    ("Kazys Urbonas pieninė", "berzupis-pienine-1936", "ocr"),
    ("dzirnavnieks Mūmieks", "sunupe-udensdzirnavas-foto", "ocr"),
    # Lithuanian
    ("Šilėnų mokyklą uždarė", "silenai-mokykla-uzdaryta", "lt"),
    ("mokyklos jubiliejus Šilėnuose", "silenai-mokykla-150", "lt"),
    ("Šv. Onos bažnyčia", "azuoleliai-baznycia", "lt"),
    ("kolūkio Pergalė karvidė", "azuoleliai-kolukis-pergale", "lt"),
    ("tremtiniai Irkutsko srityje", "azuoleliai-tremtis-1949", "lt"),
    ("Šilėnų choras", "silenai-choras", "lt"),
    ("Beržupio malūnas", "berzupis-malunas-foto", "lt"),
    ("kraštotyros darbas Beržupio kaimas", "berzupis-kaimo-istorija", "lt"),
    ("ištremtas klebonas", "azuoleliai-baznycia", "lt"),
    # Russian
    ("моленные староверов", "lomy-molennaja", "ru"),
    ("председатель колхоза", "put-ilyicha-kolhoz", "ru"),
    ("церковь Святого Николая", "mednava-pravoslavnaja-cerkov", "ru"),
    # Latgalian
    ("Pūreņu vydsskola", "pureni-vydsskola-70", "ltg"),
    ("Latgolys bazneica zvoni", "pureni-bazneica", "ltg"),
    # fielded
    ("creator:Liepiņa koris", "zilukalns-dirigents-lapins", "fielded"),
    ("place:Sūnupe dzirnavas", "sunupe-udensdzirnavas-foto", "fielded"),
    ("title:baznīca Ķiršukalns", "kirsukalns-ergeles-1934", "fielded"),
    ("creator:Krūmiņš muiža", "mednava-muiza-foto", "fielded"),
    ("creator:Jankauskienė choras", "silenai-choras", "fielded"),
    ("place:Zīļukalns 1949", "zilukalns-skolotajas-atminas", "fielded"),
    ("subject:dzelzceļš", "kirsukalns-stacija-100", "fielded"),
    # year ranges
    ("1925..1930 pienotava", "lacupe-pienotava-1928", "yearrange"),
    ("1936..1937 koris", "lacupe-baznicas-koris-1937", "yearrange"),
    ("1930..1939 Ķiršukalna baznīca", "kirsukalns-ergeles-1934", "yearrange"),
    ("1961..1963 kolhozs", "varpini-skolas-darzs", "yearrange"),
    ("..1930 muiža", "mednava-muiza-foto", "yearrange"),
    ("2015.. Lāčupes skola", "lacupe-skola-pedejais-zvans", "yearrange"),
    # mixed: several difficulties at once, or a realistic librarian's question
    ("Amūras apgabals deportācija", "lacupe-atminas-1949", "mixed"),
    ("skolotāja Anna Kalniņa", "dzervene-skolas-foto-1936", "mixed"),
    ("Lapinš Zilukalns koris", "zilukalns-dirigents-lapins", "mixed"),
    ("vēstule no Tomskas", "sibirijas-vestule-1951", "mixed"),
    ("1941 Vjatlags Medņava", "mednava-1941-izvesana", "mixed"),
    ("sunupes tilts pludi", "sunupe-tilts-1936", "mixed"),
    ("Kalnavoti kara rudens", "lacupe-kara-laiks-1944", "mixed"),
    ("1949 deportācija Dzērvene", "dzervene-izsutito-saraksts", "mixed"),
    ("Lapiņš", "zilukalns-dirigents-lapins", "mixed"),
    ("Medņavas skola", "mednava-vidusskola-salidojums", "mixed"),
)
