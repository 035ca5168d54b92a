"""Word lists the attribution rules read: cue verbs, titles, source nouns, places.

Everything here is English news usage, not the vocabulary of one corpus: reporting
verbs from PARC 3.0's most frequent cues and Krestel et al.'s reporting-verb list,
titles and roles from wire style guides, country names and capitals.
"""
from __future__ import annotations

import re

__all__ = ["CUE_LEMMA", "SAY_LIKE", "ROLE_NOUNS", "PERSON_TITLES",
           "ANONYMOUS_NOUNS", "ORG_NOUNS", "DOCUMENT_NOUNS", "PLACES", "PRONOUNS",
           "ORG_WORDS", "FEMALE_WORDS", "MALE_WORDS"]

# Reporting verbs, base form: inflections are generated below (irregular ones listed).
_VERBS = """
say tell add announce state claim argue warn insist acknowledge admit note explain stress
emphasise emphasize confirm deny report write tweet post reply respond recount recall
suggest urge demand accuse blame estimate predict propose testify allege assert declare
maintain complain concede conclude contend caution reveal disclose promise pledge vow
question remark comment observe repeat reiterate agree criticise criticize condemn
describe call ask believe think predict quip boast lament retort concur
underline highlight indicate mention advise inform reckon recommend caution assure
reject refute dismiss critique
""".split()
_IRREGULAR = {"say": ["said", "says", "saying", "say"], "tell": ["told", "tells", "telling", "tell"],
              "write": ["wrote", "writes", "writing", "written", "write"],
              "think": ["thought", "thinks", "thinking", "think"]}


def _inflect(verb: str) -> list[str]:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        stem = verb[:-1]
        return [verb, verb + "s", verb + "d", stem + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if re.fullmatch(r"(?:admit|commit|regret|quip|concur|reiterat)", verb):
        return [verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    ending = "es" if verb.endswith(("s", "sh", "ch", "x")) else "s"
    return [verb, verb + ending, verb + "ed", verb + "ing"]


#: Inflected cue form -> its lemma ("said" -> "say").
CUE_LEMMA: dict[str, str] = {form: verb for verb in _VERBS for form in _inflect(verb)}

#: Cues that take what was said directly after them (a clause or a quote), as "say"
#: does; the others need their object or a preposition first ("told reporters that",
#: "called for", "accused X of").
SAY_LIKE = frozenset("""
say add announce state claim argue warn insist acknowledge admit note explain stress
emphasise emphasize confirm deny report write tweet post reply respond recount recall
suggest estimate predict propose testify allege assert declare maintain complain concede
conclude contend caution reveal disclose promise pledge vow remark comment observe
repeat reiterate agree believe think charge quip boast lament counter retort concur
underline highlight indicate mention reckon recommend reject refute dismiss critique
""".split())

#: Nouns of office and role: in front of a name they are its title ("Kremlin spokesman
#: Dmitry Peskov"); alone they are a description to resolve ("the spokesman said").
ROLE_NOUNS = frozenset("""
president vice-president minister ministers secretary spokesman spokeswoman spokesperson
spokespeople spokesmen chancellor premier governor senator senators representative
congressman congresswoman congressmember ambassador envoy diplomat director chairman
chairwoman chair chief commissioner mayor leader adviser advisor prosecutor judge justice
general officer official deputy counsel attorney lawyer barrister solicitor analyst
economist researcher professor scientist expert curator editor correspondent reporter
executive ceo cfo cto founder owner manager head king queen prince princess pope
archbishop bishop imam rabbi cleric sheikh colonel lieutenant captain commander major
sergeant admiral marshal inspector superintendent sheriff detective constable councillor
councilor lawmaker legislator mp mep candidate nominee strategist pollster consultant
activist organiser organizer campaigner coordinator administrator commander-in-chief
negotiator meteorologist forecaster physician doctor surgeon nurse teacher student
president-elect ex-president emir ayatollah speaker whip aide aides writer author
historian spokesmen secretary-general director-general partner founder-ceo
democrat republican
""".split())

#: Titles written before a person's name (with or without the full stop).
PERSON_TITLES = frozenset("""
mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col lt sgt capt cmdr adm maj
pres supt insp det cpl pvt brig lieut hon rev fr st
""".split())

#: Heads of unnamed sources: "officials said", "a senior official", "sources familiar".
ANONYMOUS_NOUNS = frozenset("""
official officials source sources person people persons expert experts analyst analysts
observer observers witness witnesses resident residents critic critics supporter
supporters opponent opponents diplomat diplomats insider insiders aide aides lawmaker
lawmakers legislator legislators economist economists activist activists member members
friend friends neighbour neighbours neighbor neighbors relative relatives family
colleague colleagues worker workers employee employees student students voter voters
protester protesters protestors survivor survivors victim victims advocate advocates
leader leaders someone somebody one two three four several many some others scientist
scientists researcher researchers doctor doctors investigator investigators lawyer
lawyers attorney attorneys judge judges man woman men women spokesman spokeswoman
spokesperson representative representatives authority authorities farmer farmers
conservative conservatives liberal liberals progressive progressives democrat democrats
republican republicans officer officers minister ministers executive executives
ally allies group groups
""".split())

#: Heads of an institution that speaks as one ("the ministry said", "police said").
ORG_NOUNS = frozenset("""
ministry department office agency government administration police army military navy
forces force council committee commission court company firm group party newspaper
paper daily broadcaster network agency station embassy consulate bank board union
organisation organization institute institution foundation association authority
coalition alliance campaign team club league federation parliament congress senate
house cabinet kremlin regime junta command headquarters school university hospital
service services prosecutor's prosecutors command park centre center secretariat
bureau watchdog regulator charity manufacturer maker carmaker airline retailer
""".split())

#: Heads of a text that is the source ("according to court documents", "a statement said").
DOCUMENT_NOUNS = frozenset("""
statement statements report reports study studies survey surveys poll polls analysis
document documents filing filings letter letters website site memo memorandum
proposal proposals resolution bill law draft data figures release communique
communiqué post tweet tweets message notice order ruling indictment complaint lawsuit
transcript record records minutes review audit assessment estimate estimates research
paper guidelines plan description account accounts footage
""".split())

PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "thing", "we": "plural",
            "i": "self"}

FEMALE_WORDS = frozenset("""
mrs ms miss dame lady she her spokeswoman chairwoman congresswoman businesswoman
queen princess mother daughter wife sister grandmother actress
""".split())
MALE_WORDS = frozenset("""
mr sir lord he his spokesman chairman congressman businessman king prince father son
husband brother grandfather actor pope
""".split())

#: Words that make a capitalised name an organisation.
ORG_WORDS = frozenset("""
ministry department office agency government administration police army military navy
forces force council committee commission court company corp corporation inc ltd llc
co group party news times post journal tribune herald guardian telegraph daily weekly
broadcasting broadcaster network press agency embassy consulate bank fund union
organisation organization institute institution foundation association authority
coalition alliance league federation parliament congress senate house cabinet kremlin
pentagon university college school hospital service services center centre bureau
commission watchdog board reserve exchange observatory survey network tv radio airlines
airways motors holdings partners capital securities international unit command
headquarters caucus secretariat programme program council front movement brigade
reuters afp ap xinhua tass bloomberg interfax kyodo yonhap bernama anadolu ria sputnik
cnn bbc nbc cbs abc fox msnbc npr pbs cctv haaretz academy
brigades guard guards legion project initiative network channel magazine review
""".split())

_COUNTRIES = """
afghanistan albania algeria andorra angola argentina armenia australia austria
azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan
bolivia bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada
chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti
dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon
gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras
hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman
pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania
russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain
sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga
tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican
venezuela vietnam yemen zambia zimbabwe britain england scotland wales america europe
us usa uk eu un nato asean
"""
_CAPITALS = """
beijing moscow washington london paris berlin tokyo seoul pyongyang tehran baghdad
damascus kabul islamabad delhi dhaka kyiv kiev minsk ankara cairo riyadh doha jerusalem
brussels rome madrid lisbon athens warsaw prague budapest vienna bern stockholm oslo
helsinki copenhagen dublin ottawa canberra wellington jakarta manila bangkok hanoi
kuala lumpur taipei ulaanbaatar astana tashkent baku tbilisi yerevan caracas havana
brasilia bogota lima santiago nairobi addis abuja pretoria westminster whitehall
"""
#: Countries and capitals, which speak for their governments ("Beijing says").
PLACES = frozenset((_COUNTRIES + _CAPITALS).split())
