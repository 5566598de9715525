"""Danish: the words and patterns questions are parsed with and passages are checked with, and
what the bot says. Patterns are strings; bot.ask.question and bot.ask.checks compile them
together with English's (bot.lang.en), case-insensitive."""
from __future__ import annotations

from bot.text.dates import MONTHS, WEEKDAYS

# --- telling the language -------------------------------------------------------------------
COMMON_WORDS = {
    "er", "det", "der", "hvad", "hvordan", "hvem", "hvornår", "skal", "kan", "må", "og", "i",
    "en", "et", "til", "af", "på", "om", "har", "jeg", "vi", "den", "de", "med", "ikke", "hvis",
}

# --- what a question asks for -----------------------------------------------------------------
# asked for a yes or a no, it opens with its verb ("Skal KommuneMED lave retningslinjer …?"); one
# asking what, who or how opens with its hv-word
ASKS_YES_OR_NO = r"^\W*(?:skal|kan|må|er|var|har|gælder|bliver|får|findes|hører|bør|behøver|mon)\b"
ASKS_WHICH = r"^\s*(?:og\s+)?hvilke\b"  # "Hvilke opgaver har KommuneMED?" asks for all of a list
ASKS_WHEN = r"hvornår"  # at the question's start
ASKS_COUNT = r"hvor (mange|meget|ofte)"  # a count or a frequency
# a notice, a deadline or "how long": answered by a span of time or a date
ASKS_SPAN = r"hvor (længe|lang tid|hurtigt)"
ASKS_SPAN_NOUN = r"(varsel|varslet|frist|fristen)\b"  # anywhere: "opsigelsesvarslet"
# a question about money is answered by a sum or by "free": "Hvad koster PUF's temadag?" by
# "Deltagelse er vederlagsfri", and "Hvilken løn får næstformanden?" not by "uden tab af løn"
MONEY_NOUN = r"(løn\w*|\w*tillæg\w*|godtgørelse\w*|vederlag\w*|honorar\w*|beløb\w*|pris\w*|bøde\w*)"
ASKS_MONEY = (r"hvad koster|hvad er prisen|hvilket beløb|hvilken løn"
              rf"|hvor (stor|stort|høj|højt|meget)\b.{{0,25}}?\b{MONEY_NOUN}"
              rf"|hvad (får|tjener) \w+(\s\w+){{0,4}}\s(i|som) {MONEY_NOUN}")
MONEY_WORDS = rf"koste\w*|betal\w*|udgift\w*|pris\w*|gebyr\w*|kr|kroner|penge|gratis|{MONEY_NOUN[1:-1]}"
COUNTED = r"\bhvor mange\s+(\w+)"  # "hvor mange X": a number of X
# about an exercise or example, which a slide's discussion case then answers
ABOUT_A_CASE = r"eksempl\w*|øvelse\w*|case\w*|opfølgning\w*|opsamling\w*"
# what to consider, which a slide's questions to reflect on then answer
ASKS_FOR_QUESTIONS = r"spørgsmål\w*|overvej\w*|tænke over|tænke på|reflekter\w*|refleksion\w*"

# --- what a question names (bot.ask.naming) ------------------------------------------------------
# words that only ask what a text says, and "MED", which every passage of a MED agreement is about
# ("noget" and "der" are stopwords already: lexical.words)
ASKING_WHAT = r"\b(?:står|stå|siger|sige|skriver|nævner|indeholder|med)\b"
# the words of a section's number, and of asking for its text ("Vis mig § 8", "Hvad betyder § 8?")
SECTION_WORDS = (r"\b(?:stk|nr|litra|pkt|punkt|paragraf|stykke)\b\.?(?:\s*\d+|\s+[a-z]\b)?"
                 r"|\b(?:betyder|betyde|vis|vise|forklar|forklare|forklaring|handler|omhandler|citer|citere|"
                 r"mener|menes|tekst|teksten|ordlyd|ordlyden|hele|helt)\b")
RELATIVE = r"\b(stk|nr)\.?\s*(\d+)\b"  # "og stk. 3?" after "§ 7, stk. 2"
# "Hvad siger lokalaftalen om uddannelse?", "Står der noget om tavshedspligt i aftalen?": what an
# agreement says on a subject, which its § of that title says ("§ 11. Uddannelse")
ON_SUBJECT = (r"^\s*(?:hvad\s+(?:siger|står(?:\s+der)?(?:\s+i)?|skriver|nævner)|står\s+der\s+(?:noget\s+)?)"
              r"\b.*?\bom\s+(?P<subject>[^?]+?)\s*\??\s*$")
AN_AGREEMENT = r"\baftalen?\b"  # "aftalen" alone: whichever agreement is indexed
# "og om arbejdsmiljø?", "hvad med tavshedspligt?": the same question on another subject (not "og
# hvem betaler?", a question of its own)
SUBJECT_FOLLOW_UP = (r"^\s*(?:og\s+|men\s+)?(?:om|hvad\s+(?:så\s+)?med|hvad\s+om)\s+"
                     r"(?!(?:hvem|hvad|hvor|hvornår|hvordan|hvorfor|hvilke|hvis|at|man|vi|jeg|de)\b)"
                     r"(?P<subject>[^?]{2,40}?)\s*\??\s*$")

# --- follow-ups ---------------------------------------------------------------------------------
FOLLOW_UP_OPENERS = ("og ", "men ", "hvad med", "gælder det", "gælder den", "også")
# words that point back at something said before ("Kan den træffe beslutninger?"); "det"/"de" are
# left out: too common in questions that stand on their own ("Hvad er det rette niveau?")
POINTING_BACK = {"den", "dem", "denne", "dette", "disse", "dens", "deres"}

# --- what a passage states (the checks) -------------------------------------------------------------
# "en"/"et" are articles far more often than numbers ("én", with its accent, stands for one), and
# "anden"/"andet" mean "other" more often than "second" ("hvert andet år" has "hvert")
NUMBER_WORDS = (
    "én ét to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten sytten atten "
    "nitten tyve tredive fyrre halvtreds tres halvfjerds firs halvfems hundrede tusind million "
    "halv halvt halvdelen dobbelt første tredje fjerde femte hver hvert dagligt "
    "ugentligt månedligt årligt årlig"
).split()
STATES_MONEY = r"\d[\d.,]*\s*(kr\b|kroner|,-)|\bkroner\b|\bkr\.|vederlagsfri|gratis|uden beregning|uden betaling"
STATES_SPAN = (
    r"\b(\d+|en|et|" + "|".join(NUMBER_WORDS) + r")\.?\s+(dage?s?|døgn|uger?s?|måned(er|ers|s)?|mdr|års?|timer?s?|minutter|kvartal)\b"
    r"|\b\d{1,2}\.\s*(" + MONTHS + r")\b|\bsenest\b|\binden\b.{0,20}\d"
)
# "Hvornår …?" is answered by a time, or by the moment or condition it depends on: "På et så tidligt
# tidspunkt", "Tirsdag 10. november, 9:30", "senest 6 måneder efter", "når arbejdet i MED knyttes …"
STATES_WHEN = (
    rf"\b({WEEKDAYS}|{MONTHS})\b" r"|\bkl\.\s*\d|\b\d{1,2}[.:]\d{2}\b"
    r"|\b(tidspunkt\w*|tidlig\w*|timing\w*|senest|før|inden|når|hvis|så snart|løbende|årlig\w*)\b"
    # "hvert andet år", not "på hver arbejdsplads"; a condition: "dér, hvor relationen er god"
    r"|\bhvert?\s+(\w+\s+)?(år|måned|kvartal|halvår|uge|dag|møde)\w*\b|(,|\bdér|\bder)\s+hvor\b"
    # the moments an agreement ties things to: "i forbindelse med budgetlægningen", "i starten af
    # året", "ved ansættelsen", "efter at", "i god tid", "straks", seasons and holidays
    r"|\bi forbindelse med\b|\bi (starten|slutningen|begyndelsen|løbet) af\b|\bi god tid\b|\befter at\b"
    r"|\bved (\w+ )?(start|begyndelse|afslutning|udgang|årsskifte|ansættelse|fratræden)\w*"
    r"|\b(straks|snarest|hurtigst muligt|indtil|frem til|forår\w*|efterår\w*|sommer\w*|vinter\w*|jul\w*|påske\w*)\b"
)

# a sentence with one of these qualifies a rule it shares a subject with (bot.ask.qualifiers)
QUALIFIERS = ("ikke", "dog", "undtagen", "medmindre", "kun", "derimod", "aldrig", "hverken", "bortset fra")

# --- what the bot says ------------------------------------------------------------------------------
NOT_SURE = "Jeg er ikke sikker — læs afsnittet."
NOT_FOUND = "Jeg fandt ikke et sikkert svar i MED-dokumenterne."
NO_FIGURE = "Jeg fandt ikke noget {figure} for det i MED-dokumenterne."
FIGURES = {"time": "tidspunkt", "money": "beløb", "amount": "tal"}
NEAREST_BELOW = " De nærmeste uddrag står nedenfor, hvis du vil læse selv."
COVERS = " Ingen af dokumenterne, jeg svarer ud fra, ser ud til at handle om det: {titles}."
AND_MORE = " og {more} andre"
NOT_HELD = "Jeg har ikke teksten til {names} blandt MED-dokumenterne, så jeg kan ikke citere den."
REFERRING_BELOW = " Uddragene nedenfor henviser til den."
NOT_MENTIONED = "Jeg fandt ikke «{said}» i {titles}."
MENTIONED_ELSEWHERE = " Uddragene nedenfor, fra de andre dokumenter, nævner det."
AND = " og "
LIST_CUT = "Listen har flere punkter end de {shown}, der er vist; resten står i de citerede uddrag."
SECTION_GOES_ON = "Der er mere i den del af aftalen end vist her; spørg efter det enkelte stykke"
SECTION_EXAMPLE = ", fx «Hvad står der i {par}, stk. 2?»"
QUOTED_IN_DANISH = ""  # an answer in Danish needs no word on its language
LLM_SILENT = "Sprogmodellen svarede ikke; her er uddrag fra dokumenterne."
LLM_REJECTED = "Sprogmodellens svar blev afvist ({problem}); her er uddrag i stedet."
LLM_LANGUAGE = "dansk"  # the language the model is asked to answer in

# --- chat (bot.chat.conversation and the adapters) -------------------------------------------------
WORKING_ERROR = "Beklager, der gik noget galt, så jeg kunne ikke svare. Prøv igen om lidt, eller spørg en person."
NO_TRIAGE = "Der er ikke sat en kanal op til at spørge en person her."
SENT_TO_PERSON = "Tak. Dit spørgsmål er sendt videre til en person, som vender tilbage."
ALREADY_SENT = "Dit spørgsmål er allerede sendt videre."
PREVIEW_PERSONAL = ("Dit spørgsmål indeholder personoplysninger (CPR-nummer, e-mail eller telefonnummer). "
                    "Sådan bliver det sendt til en person:")
SEND_REDACTED = "Send uden personoplysninger"
SEND_AS_WRITTEN = "Send som skrevet"
NOT_ALLOWED = (
    "Jeg svarer ikke i denne kanal. Spørg mig i en direkte besked, eller i en kanal hvor "
    "MED-assistenten er sat op til det."
)
# for a greeting, or a mention or /med with no question in it
WELCOME = (
    "Hej! Jeg er MED-assistenten. Jeg svarer på spørgsmål om MED-systemet ud fra jeres egne "
    "MED-dokumenter og viser altid, hvor svaret står. Skriv fx: «Er der tavshedspligt i MED-udvalget?» "
    "I en kanal skal du nævne mig med @."
)
SOURCE_GONE = "Kilden findes ikke længere (svaret er for gammelt, eller dokumenterne er indekseret på ny)."

TOO_LONG = ("Dit spørgsmål er for langt ({length} tegn; højst {limit}). Skriv det kortere, fx det du vil vide "
            "i én eller to sætninger, så finder jeg afsnittet.")
SLOW_DOWN = "Du har stillet mange spørgsmål på kort tid. Prøv igen om {seconds} sekunder."

LLM_PROMPT_SHOWN = "svaret gengav sprogmodellens instruktioner"

# the labels of an answer message (Slack, Teams, CLI)
SOURCES = "Kilder"
NEAREST = "Nærmeste uddrag"
SHOW_SOURCE = "Vis kilde"
ASK_PERSON = "Spørg en person"
SHARE = "Del i kanalen"
SURE = "Sikkert svar: de citerede afsnit siger det"
UNSURE = "Usikkert svar: læs afsnittet selv, før du handler på det"
KEEP = "Behold for mig selv"
FEEDBACK_UP = "Svaret hjalp"
FEEDBACK_DOWN = "Svaret hjalp ikke"
STATUS = "Leder i MED-dokumenterne…"

# Slack's assistant panel: the welcome of a new thread and its suggested prompts (title, message)
ASSISTANT_WELCOME = ("Hej! Spørg mig om MED-systemet. Jeg svarer ud fra jeres egne MED-dokumenter og viser altid, "
                     "hvor svaret står.")
PROMPTS_TITLE = "Prøv fx at spørge:"
PROMPTS = (
    ("Tavshedspligt i MED?", "Er der tavshedspligt i MED-udvalget?"),
    ("Hvilket MED-niveau?", "Hvilket MED-niveau skal behandle en sag?"),
    ("Budgettet i MED?", "Skal budgettet drøftes i MED-udvalget?"),
    ("Valg til MED-udvalget", "Hvordan vælges medlemmerne til MED-udvalget?"),
)
DRAFT = "Udkast, mens sprogmodellen skriver — svaret kontrolleres mod kilderne, før det står fast."
