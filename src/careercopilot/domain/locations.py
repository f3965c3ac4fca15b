"""Location strings to city/region/country code, and remote/hybrid/onsite detection."""

from __future__ import annotations

import re
from collections.abc import Iterable

from careercopilot.domain.html import clean_field
from careercopilot.domain.postings import Location, RemoteMode

_COUNTRY_TABLE = """
AD Andorra;AE United Arab Emirates|UAE;AF Afghanistan;AL Albania;AM Armenia;AO Angola;AR Argentina;
AT Austria|Österreich;AU Australia;AZ Azerbaijan;BA Bosnia and Herzegovina|Bosnia;BD Bangladesh;
BE Belgium|België|Belgique;BG Bulgaria;BH Bahrain;BO Bolivia;BR Brazil|Brasil;BS Bahamas;
BW Botswana;BY Belarus;BZ Belize;CA Canada;CH Switzerland|Schweiz|Suisse|Svizzera;CI Ivory Coast|
Côte d'Ivoire;CL Chile;CM Cameroon;CN China;CO Colombia;CR Costa Rica;CU Cuba;CY Cyprus;
CZ Czech Republic|Czechia;DE Germany|Deutschland;DK Denmark|Danmark;DO Dominican Republic;
DZ Algeria;EC Ecuador;EE Estonia;EG Egypt;ES Spain|España;ET Ethiopia;FI Finland|Suomi;FR France;
GB United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland;
GE Georgia (country);GH Ghana;GR Greece;GT Guatemala;HK Hong Kong;HN Honduras;HR Croatia;HU Hungary;
ID Indonesia;IE Ireland;IL Israel;IN India;IQ Iraq;IR Iran;IS Iceland;IT Italy|Italia;JM Jamaica;
JO Jordan;JP Japan;KE Kenya;KG Kyrgyzstan;KH Cambodia;KR South Korea|Korea|Republic of Korea;
KW Kuwait;KZ Kazakhstan;LB Lebanon;LK Sri Lanka;LT Lithuania;LU Luxembourg;LV Latvia;MA Morocco;
MD Moldova;ME Montenegro;MK North Macedonia|Macedonia;MM Myanmar;MN Mongolia;MT Malta;MU Mauritius;
MX Mexico|México;MY Malaysia;NG Nigeria;NI Nicaragua;NL Netherlands|The Netherlands|Holland|
Nederland;NO Norway|Norge;NP Nepal;NZ New Zealand;OM Oman;PA Panama;PE Peru;PH Philippines;
PK Pakistan;PL Poland|Polska;PR Puerto Rico;PT Portugal;PY Paraguay;QA Qatar;RO Romania;RS Serbia;
RU Russia|Russian Federation;RW Rwanda;SA Saudi Arabia;SE Sweden|Sverige;SG Singapore;SI Slovenia;
SK Slovakia;SN Senegal;SV El Salvador;TH Thailand;TN Tunisia;TR Turkey|Türkiye;TW Taiwan;
TZ Tanzania;UA Ukraine;UG Uganda;US United States|USA|U.S.|U.S.A.|US|United States of America;
UY Uruguay;UZ Uzbekistan;VE Venezuela;VN Vietnam|Viet Nam;ZA South Africa;ZM Zambia;
ZW Zimbabwe
"""
_US_STATES = """
AL Alabama;AK Alaska;AZ Arizona;AR Arkansas;CA California;CO Colorado;CT Connecticut;DE Delaware;
DC District of Columbia;FL Florida;GA Georgia;HI Hawaii;ID Idaho;IL Illinois;IN Indiana;IA Iowa;
KS Kansas;KY Kentucky;LA Louisiana;ME Maine;MD Maryland;MA Massachusetts;MI Michigan;MN Minnesota;
MS Mississippi;MO Missouri;MT Montana;NE Nebraska;NV Nevada;NH New Hampshire;NJ New Jersey;
NM New Mexico;NY New York;NC North Carolina;ND North Dakota;OH Ohio;OK Oklahoma;OR Oregon;
PA Pennsylvania;RI Rhode Island;SC South Carolina;SD South Dakota;TN Tennessee;TX Texas;UT Utah;
VT Vermont;VA Virginia;WA Washington;WV West Virginia;WI Wisconsin;WY Wyoming
"""
_CA_PROVINCES = """
AB Alberta;BC British Columbia;MB Manitoba;NB New Brunswick;NL Newfoundland;NS Nova Scotia;
ON Ontario;QC Quebec|Québec;SK Saskatchewan
"""
_CITIES = """
GB London|Manchester|Edinburgh|Glasgow|Birmingham|Bristol|Leeds|Cambridge|Oxford|Belfast;DE Berlin|
Munich|München|Hamburg|Frankfurt|Frankfurt am Main|Cologne|Köln|Stuttgart|Düsseldorf|Leipzig|
Dresden|Nuremberg|Nürnberg;FR Paris|Lyon|Marseille|Toulouse|Nantes|Lille|Bordeaux;NL Amsterdam|
Rotterdam|Utrecht|The Hague|Eindhoven;IE Dublin|Cork;ES Madrid|Barcelona|Valencia|Seville|Málaga;
PT Lisbon|Lisboa|Porto;PL Warsaw|Warszawa|Krakow|Kraków|Wroclaw|Wrocław|Gdansk;CH Zurich|Zürich|
Geneva|Genève|Basel|Bern|Lausanne;AT Vienna|Wien|Graz;SE Stockholm|Gothenburg|Malmö;DK Copenhagen;
NO Oslo;FI Helsinki;BE Brussels|Antwerp|Ghent;CZ Prague|Brno;HU Budapest;RO Bucharest|Cluj-Napoca;
BG Sofia;GR Athens;IT Milan|Milano|Rome|Roma|Turin|Torino;EE Tallinn;LT Vilnius;LV Riga;UA Kyiv|
Kiev|Lviv;IL Tel Aviv|Jerusalem|Haifa;IN Bangalore|Bengaluru|Mumbai|Delhi|New Delhi|Hyderabad|Pune|
Chennai|Gurgaon|Gurugram|Noida;SG Singapore;JP Tokyo|Osaka;AU Sydney|Melbourne|Brisbane|Perth|
Adelaide;NZ Auckland|Wellington;CA Toronto|Vancouver|Montreal|Montréal|Ottawa|Calgary|Waterloo;
US New York City|NYC|San Francisco|Seattle|Austin|Boston|Chicago|Los Angeles|Denver|Atlanta|Miami|
Portland|San Diego|San Jose|Palo Alto|Mountain View|Washington DC|Washington, D.C.;BR São Paulo|
Sao Paulo|Rio de Janeiro;MX Mexico City|Ciudad de México|Guadalajara;AR Buenos Aires;CO Bogotá|
Bogota|Medellín;AE Dubai|Abu Dhabi;ZA Cape Town|Johannesburg;KR Seoul;CN Beijing|Shanghai|Shenzhen;
HK Hong Kong;TW Taipei
"""


def _table(spec: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in " ".join(spec.split("\n")).split(";"):
        code, _, rest = entry.strip().partition(" ")
        for name in rest.split("|"):
            if name.strip():
                names[name.strip().lower()] = code
    return names


_COUNTRIES = _table(_COUNTRY_TABLE)
_COUNTRY_CODES = frozenset(_COUNTRIES.values())
_COUNTRY_NAME = {code: name for name, code in reversed(_COUNTRIES.items())}  # each code's first name wins
_STATES = _table(_US_STATES)
_STATE_CODES = frozenset(_STATES.values())
_PROVINCES = _table(_CA_PROVINCES)
_PROVINCE_CODES = frozenset(_PROVINCES.values())
_CITY_COUNTRY = _table(_CITIES)
_NOT_A_PLACE = re.compile(
    r"^(remote|hybrid|on-?site|anywhere|worldwide|global|multiple locations?|various|flexible|distributed|"
    r"work from home|wfh|home ?office|in office|europe|emea|apac|latam|americas|eu|"
    r"(?:north|south|latin|central) america(?: only)?|"
    r"may be filled in .*|anywhere in the .*|multiple|tbd|n/?a|other|remote.*)$",
    re.IGNORECASE,
)
_REMOTE_WORDS = re.compile(
    r"\b(remote|remotely|work from home|wfh|telecommut\w*|home[- ]?based|anywhere|distributed team|"
    r"fully distributed|100% remote|télétravail|homeoffice|home office)\b",
    re.IGNORECASE,
)
_NOT_REMOTE = re.compile(r"\b(no[nt]?[- ]remote|not remote|no remote|remote not)\b", re.IGNORECASE)
_HYBRID_WORDS = re.compile(r"\b(hybrid|hybride|partly remote|partially remote|flexible working)\b", re.IGNORECASE)
_ONSITE_WORDS = re.compile(
    r"\b(on-?site|on site|in[- ]office|office[- ]based|in[- ]person|vor ort|présentiel)\b", re.IGNORECASE
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def country_code(name: object) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name, alias or code ("Deutschland", "USA", "gb" -> "GB")."""
    if not isinstance(name, str):
        return None
    key = name.strip().strip(".").lower() if len(name.strip()) > 4 else name.strip().lower()
    if key in _COUNTRIES:
        return _COUNTRIES[key]
    if len(key) == 2 and key.upper() in _COUNTRY_CODES:
        return "GB" if key == "uk" else key.upper()
    return None


def country_name(code: str) -> str | None:
    """The country's usual English name, lower case ("GB" -> "united kingdom"), or None for no known code."""
    return _COUNTRY_NAME.get(code.upper())


def parse_location(raw: object, *, country: str | None = None, additional: Iterable[str] = ()) -> Location:
    """Split "City, Region, Country" style text; unknown parts stay None and the original stays in raw."""
    text = clean_field(raw)[:300]
    # "London, UK; Ontario, CAN" or "San Francisco, CA | New York, NY": the first place is the location.
    primary, *others = [part.strip() for part in re.split(r";|\s\|\s", text) if part.strip()] or [""]
    places = (*others, *(clean_field(item) for item in additional))
    extra = tuple(dict.fromkeys(place for place in places if place and place != text))
    city, region, code = _split(re.sub(r"\s+only$", "", primary, flags=re.IGNORECASE))
    return Location(
        raw=text,
        city=city,
        region=region,
        # A country the board states outright beats one guessed from the text.
        country_code=(country_code(country) if country else None) or code,
        additional=extra,
    )


def detect_remote(*texts: object) -> RemoteMode:
    """Remote, hybrid or onsite from any of the given labels (first conclusive text wins)."""
    for value in texts:
        if isinstance(value, bool) or not isinstance(value, str) or not value:
            continue
        if _HYBRID_WORDS.search(value):
            return RemoteMode.HYBRID
        if _NOT_REMOTE.search(value) or _ONSITE_WORDS.search(value):
            return RemoteMode.ONSITE
        if _REMOTE_WORDS.search(value):
            return RemoteMode.REMOTE
    return RemoteMode.UNKNOWN


def split_scope(value: object) -> tuple[str, ...]:
    """Where a remote job may be done: a list, or text such as "LATAM,  Canada,  USA"."""
    items = value if isinstance(value, list | tuple) else re.split(r"[,;|]", value) if isinstance(value, str) else []
    return tuple(dict.fromkeys(cleaned for cleaned in (clean_field(item) for item in items) if cleaned))


def _split(text: str) -> tuple[str | None, str | None, str | None]:
    if not text:
        return None, None, None
    outer = _PARENTHESES.sub(" ", text)
    parts = [part.strip(" .-–") for part in re.split(r",|\s[-–|/]\s|;", outer)]
    places = [part for part in parts if part and not _NOT_A_PLACE.match(part)]
    region = code = None
    if places:
        last = places[-1]
        subdivision = _subdivision_country(last)
        known = _CITY_COUNTRY.get(places[0].lower()) if len(places) > 1 else None
        # "Berlin, DE" is Germany, not Delaware: a well-known city decides between a country and a state code.
        if known and country_code(last) == known:
            code, places = known, places[:-1]
        # "Folsom, CA": after a city a bare two-letter code is a state or province, not a country.
        elif len(places) > 1 and subdivision and (_is_code(last) or not country_code(last)):
            region, code, places = last, subdivision, places[:-1]
        elif country_code(last):
            code, places = country_code(last), places[:-1]
        elif len(places) == 1 and subdivision and not _is_code(last):
            region, code, places = last, subdivision, []
    if len(places) > 1 and region is None:
        region = places[1]
    city = places[0] if places else None
    # "Remote, PT/ET hours preferred": what follows a remote label is a scope, not a city.
    if parts and parts[0] and _NOT_A_PLACE.match(parts[0]):
        city = region = None
    # "LATAM, Canada, USA" lists countries: none of them is a city.
    if city and country_code(city) and city.lower() not in _CITY_COUNTRY:
        city = None
    code = code or _code_inside(text) or (_CITY_COUNTRY.get(city.lower()) if city else None)
    return city, region, code


def _is_code(part: str) -> bool:
    return len(part) == 2 and part.isupper()


def _subdivision_country(part: str) -> str | None:
    if part in _STATE_CODES or part.lower() in _STATES:
        return "US"
    if part in _PROVINCE_CODES or part.lower() in _PROVINCES:
        return "CA"
    return None


_NAMES_INSIDE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(name) for name in sorted(_COUNTRIES, key=len, reverse=True) if len(name) > 2)
    + r")(?![\w])",
    re.IGNORECASE,
)


def _code_inside(text: str) -> str | None:
    # "Anywhere in the U.S. (remote job)", "Remote (Europe, UK)": a country named anywhere in the text.
    match = _NAMES_INSIDE.search(text)
    if match:
        return _COUNTRIES[match.group(1).lower()]
    inner = " ".join(_PARENTHESES.findall(text))
    codes = [country_code(token) for token in re.findall(r"\b[A-Z]{2}\b", inner)]
    return next((found for found in codes if found), None)
