"""Normalizers on the formats boards really use, and on hostile text (Hypothesis): never crash, never leak."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercopilot.domain.dates import parse_datetime
from careercopilot.domain.html import _describe_bare, _Sanitizer, _tidy, clean_field, describe, unescape
from careercopilot.domain.locations import detect_remote, parse_location
from careercopilot.domain.normalize import RawPosting, employment_types, normalize, seniority
from careercopilot.domain.postings import EmploymentType, RemoteMode, SalaryInterval, Seniority
from careercopilot.domain.salary import _first_range, find_salary, parse_salary
from careercopilot.domain.urls import canonical_url
from careercopilot.scraping.boards.hackernews import split_header
from careercopilot.scraping.errors import BoardError
from careercopilot.scraping.registry import build_board
from careercopilot.scraping.settings import KEYLESS, parse_board_settings

NOW = datetime(2026, 10, 10, 12, 0, tzinfo=UTC)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1790412915, datetime(2026, 9, 26, 8, 55, 15, tzinfo=UTC)),
        (1782821535482, datetime(2026, 6, 30, 12, 12, 15, 482000, tzinfo=UTC)),
        ("2026-07-06T00:00:00.0000", datetime(2026, 7, 6, tzinfo=UTC)),
        ("2026-07-10T16:15:41-04:00", datetime(2026, 7, 10, 20, 15, 41, tzinfo=UTC)),
        ("2026-09-25T18:18:52.891Z", datetime(2026, 9, 25, 18, 18, 52, 891000, tzinfo=UTC)),
        ("15/07/2026", datetime(2026, 7, 15, tzinfo=UTC)),
        ("Fri, 11 Sep 2026 07:30:48 +0000", datetime(2026, 9, 11, 7, 30, 48, tzinfo=UTC)),
        ("3 days ago", NOW - timedelta(days=3)),
        ("yesterday", NOW - timedelta(days=1)),
        ("2 W", NOW - timedelta(weeks=2)),
        ("30+ days ago", NOW - timedelta(days=30)),
        ("vor 2 Tagen", NOW - timedelta(days=2)),
        ("not a date", None),
        ("", None),
        (-5, None),
        (10**20, None),
        (True, None),
    ],
)
def test_dates_become_aware_utc(value, expected):
    assert parse_datetime(value, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "interval"),
    [
        ("$100k - $115k", 100_000, 115_000, "USD", SalaryInterval.YEAR),
        ("€50,000/yr", 50_000, 50_000, "EUR", SalaryInterval.YEAR),
        ("£400 per day", 400, 400, "GBP", SalaryInterval.DAY),
        ("€75k–110k", 75_000, 110_000, "EUR", SalaryInterval.YEAR),
        ("$150 - 210K USD + equity", 150_000, 210_000, "USD", SalaryInterval.YEAR),
        ("50.000 € brutto", 50_000, 50_000, "EUR", SalaryInterval.YEAR),
        ("$40-$60/hr", 40, 60, "USD", SalaryInterval.HOUR),
        ("CHF 120 000 - 140 000", 120_000, 140_000, "CHF", SalaryInterval.YEAR),
        ("Up to £14.75 per hour", None, 14.75, "GBP", SalaryInterval.HOUR),
        ("Competitive", None, None, None, None),
        ("Raised $5M in funding", None, None, "USD", None),
    ],
)
def test_salary_text(text, low, high, currency, interval):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.currency, salary.interval) == (low, high, currency, interval)
    assert salary.raw == text


@given(st.lists(st.sampled_from(["$", "US$", "€", "£", "EUR", "eur", "GBP", "CHF", "usd", "50,000", "60k", "7.5",
                                  " - ", " to ", "bis", " per year", "/hr", "a ", "\n"]), max_size=12).map("".join))
def test_the_currency_check_before_the_salary_scan_never_changes_its_answer(text):
    assert find_salary(text) == _first_range(text)


def test_pay_is_found_inside_descriptions_but_funding_is_not():
    assert find_salary("The base pay range is $190,800-$227,900. Equity too.").max == 227_900
    assert find_salary("We raised $5M - $10M from investors.") is None


@pytest.mark.parametrize(
    ("raw", "city", "region", "country"),
    [
        ("Sydney, Australia", "Sydney", None, "AU"),
        ("San Francisco, CA", "San Francisco", "CA", "US"),
        ("Montreal, QC, Canada", "Montreal", "QC", "CA"),
        ("Remote (US)", None, None, "US"),
        ("München", "München", None, "DE"),
        ("Anywhere in the U.S. (remote job)", None, None, "US"),
        ("Multiple Locations", None, None, None),
        ("Remote, PT/ET hours preferred", None, None, None),
        ("London, UK; Ontario, CAN", "London", None, "GB"),
    ],
)
def test_locations(raw, city, region, country):
    location = parse_location(raw)
    assert (location.city, location.region, location.country_code) == (city, region, country)
    assert location.raw == raw


def test_remote_detection_prefers_the_most_specific_word():
    assert detect_remote("Hybrid - 2 days remote") is RemoteMode.HYBRID
    assert detect_remote("Non-remote") is RemoteMode.ONSITE
    assert detect_remote("on-site") is RemoteMode.ONSITE
    assert detect_remote(None, "", "Remote (Europe)") is RemoteMode.REMOTE
    assert detect_remote("Berlin") is RemoteMode.UNKNOWN


def test_employment_types_and_seniority():
    assert employment_types(["Full-time", "Contractor", "FullTime"]) == (
        EmploymentType.FULL_TIME,
        EmploymentType.CONTRACT,
    )
    assert employment_types("Werkstudent") == (EmploymentType.INTERNSHIP,)
    assert seniority(None, "Sr. Backend Engineer") is Seniority.SENIOR
    assert seniority(None, "Product Manager") is Seniority.UNKNOWN
    assert seniority(["Entry Level"], "Support Agent") is Seniority.ENTRY
    assert seniority(None, "Head of Data") is Seniority.DIRECTOR


def test_descriptions_are_sanitized_and_unescaped():
    html, text = describe(
        '&lt;p onclick="x()"&gt;Hi &lt;a href="javascript:alert(1)"&gt;there&lt;/a&gt;&lt;/p&gt;'
        "&lt;style&gt;p{}&lt;/style&gt;&lt;ul&gt;&lt;li&gt;one&lt;li&gt;two&lt;/ul&gt;"
    )
    assert html == "<p>Hi <a>there</a></p><ul><li>one</li><li>two</li></ul>"
    assert text == "Hi there\n\n• one\n• two"
    assert describe("Plain text\n\nwith <3 paragraphs") == (
        "<p>Plain text</p><p>with &lt;3 paragraphs</p>",
        "Plain text\n\nwith <3 paragraphs",
    )
    assert clean_field("MecÃ¡nico R&amp;amp;D") == "Mecánico R&D"


def test_a_description_cut_inside_a_tag_leaves_no_tag_fragment():
    """Remotive's recording cuts descriptions mid-tag; the stored text ended with '<span class="ejCXj" … hid'."""
    cut = '<p><span>Performs accounting and c</span><span class="ejCXj" id="tsuid_1" style="overflow: hid'
    assert describe(cut) == ("<p><span>Performs accounting and c</span></p>", "Performs accounting and c")
    escaped = "&lt;p&gt;Pay &amp;amp; perks&lt;/p&gt;&lt;p style=&quot;mar"  # Greenhouse-style, escaped once more
    assert describe(escaped) == ("<p>Pay &amp; perks</p>", "Pay & perks")
    assert describe('Plain words then <a href="https://a.ex') == ("<p>Plain words then</p>", "Plain words then")
    assert describe("<p>a < b</p>")[1] == "a < b" and describe("Plain text with <3")[1] == "Plain text with <3"


def test_canonical_urls_drop_tracking_and_non_web_links():
    assert canonical_url("https://Jobs.Lever.co/acme/1/apply?lever-source=x&utm_campaign=y#top") == (
        "https://jobs.lever.co/acme/1/apply"
    )
    assert canonical_url("https://www.usajobs.gov:443/job/1?b=2&a=1") == "https://www.usajobs.gov/job/1?a=1&b=2"
    assert canonical_url("javascript:alert(1)") == ""


def test_hn_header_without_pipes_is_not_a_posting():
    with pytest.raises(ValueError, match="Company"):
        split_header("Looking for work, anyone hiring juniors?")


TRAPS = [
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b",
    "\u202e",
    "<script>",
    "&lt;",
    "Ã©",
    "|",
    "$",
    "€",
    "<p onclick=x>",
    "<![0",
]
hostile = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(TRAPS)), max_size=15).map("".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile)


@given(hostile)
@settings(max_examples=300, deadline=None)
def test_normalizers_never_crash_or_leak_control_characters(text):
    html, plain = describe(text)
    for value in (html, plain, clean_field(text), parse_location(text).raw, parse_salary(text).raw):
        assert not CONTROL.search(value)
    assert "<script" not in html.lower() and 'href="javascript' not in html.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no event handler attributes survive
    assert canonical_url(text) == "" or canonical_url(text).startswith(("http://", "https://"))


@given(st.one_of(scalar, st.datetimes(), st.lists(hostile, max_size=3)))
@settings(max_examples=300, deadline=None)
def test_dates_are_aware_utc_or_none(value):
    parsed = parse_datetime(value)
    assert parsed is None or parsed.utcoffset() == timedelta(0)


@given(st.dictionaries(st.sampled_from(["id", "title", "company", "url", "location", "description"]), scalar))
@settings(max_examples=200, deadline=None)
def test_normalize_either_builds_a_clean_posting_or_rejects_the_item(fields):
    raw = RawPosting(
        source="test",
        source_id=fields.get("id"),
        title=fields.get("title"),
        company=fields.get("company"),
        url="https://example.org/job" if fields.get("url") else fields.get("url"),
        location=fields.get("location"),
        description=fields.get("description"),
    )
    try:
        posting = normalize(raw)
    except ValueError:
        return
    for value in (posting.title, posting.company, posting.location.raw, posting.description_text):
        assert not CONTROL.search(value)


json_value = st.recursive(
    scalar, lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(hostile, children, max_size=4))
)


@pytest.mark.parametrize("name", [name for name in KEYLESS if name != "weworkremotely"])
@given(data=json_value)
@settings(max_examples=60, deadline=None)
def test_board_parsers_fail_only_with_board_errors_on_garbage(name, data):
    board = build_board(parse_board_settings(name, {}, env={}))
    try:
        postings = list(board.postings(json.loads(json.dumps(data))))
    except BoardError:
        return
    for posting in postings:
        assert not CONTROL.search(posting.title + posting.company + posting.description_text)


@given(body=st.one_of(st.binary(max_size=300), hostile.map(lambda text: f"<rss><item>{text}</item></rss>".encode())))
@settings(max_examples=150, deadline=None)
def test_feed_parser_fails_only_with_board_errors_on_garbage(body):
    board = build_board(parse_board_settings("weworkremotely", {}, env={}))
    try:
        postings = list(board.postings(body))
    except BoardError:
        return
    assert all(not CONTROL.search(posting.title + posting.description_text) for posting in postings)


def _through_html_parser(text: str) -> tuple[str, str]:
    sanitizer = _Sanitizer()
    sanitizer.feed(text)
    sanitizer.close()
    return sanitizer.result()


_TAG_NAMES = st.sampled_from(["p", "P", "br", "li", "ul", "a", "td", "th", "div", "h2", "script", "Style", "x"])
_ATTRIBUTES = st.builds(
    lambda space, name, value: f"{space}{name}{value}",
    st.sampled_from([" ", "\n", "  ", "\xa0"]),
    st.sampled_from(["href", "HREF", "colspan", "class", "data-x", "on:click", "@x"]),
    st.sampled_from(["", '=""', '="2"', "='https://a.example/?a=1&amp;b=2'", '="javascript:x"', "=bare", '="a>b"']),
)
_TAGS = st.builds(
    lambda name, attributes, form: form.format(name=name, attributes="".join(attributes)),
    _TAG_NAMES,
    st.lists(_ATTRIBUTES, max_size=3),
    st.sampled_from(["<{name}{attributes}>", "</{name}>", "</{name} >", "<{name}{attributes}/>", "<{name} />"]),
)
_MARKUP = st.lists(
    st.one_of(_TAGS, st.text(max_size=8), st.sampled_from(["&amp;", "&lt;p&gt;", "&", " < ", "<!-- c -->", "<?x?>"])),
    max_size=20,
).map("".join)


@given(_MARKUP)
@settings(max_examples=500, deadline=None)
def test_simple_markup_reads_exactly_as_html_parser_reads_it(text):
    # Descriptions are read by a regex pass when their markup is simple; it must agree with HTMLParser.
    sanitizer = _Sanitizer()
    if sanitizer.feed_simple(text):
        assert sanitizer.result() == _through_html_parser(text)


_BARE_NAMES = st.sampled_from(["p", "li", "ul", "br", "hr", "a", "td", "b", "h2", "P", "x", "script"])
_BARE_MARKUP = st.lists(
    st.one_of(
        st.builds("<{}>".format, _BARE_NAMES),
        st.builds("</{}>".format, _BARE_NAMES),
        st.text(max_size=6),
        st.sampled_from(["&amp;", "&lt;b&gt;", "&amp;lt;", "&quot;", "&#39;", "&nbsp;", "&", "&lt", ">", "\r\n", " "]),
    ),
    max_size=24,
).map("".join)


@given(_BARE_MARKUP)
@settings(max_examples=800, deadline=None)
def test_bare_markup_reads_exactly_as_html_parser_reads_it(text):
    # Markup of bare, well-nested tags skips the token-by-token rewrite; the result must not change.
    bare = _describe_bare(text)
    if bare is not None:
        assert bare == _through_html_parser(text)


@given(st.text(alphabet="&ltgampquo;#39x<>a ", max_size=30))
def test_unescape_agrees_with_the_standard_library(text):
    assert unescape(text) == html.unescape(text)


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000ab"), max_size=30))
def test_description_spacing_folds_as_str_split_does(text):
    lines = [" ".join(line.split()) for line in text.split("\n")]
    assert _tidy(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def test_board_markup_takes_the_shortest_pass_that_reads_it_right():
    assert _describe_bare("<h2>Role</h2><p>Pay &amp; <b>perks</b></p><ul><li>a</li><li>b</li></ul>") == (
        "<h2>Role</h2><p>Pay &amp; <b>perks</b></p><ul><li>a</li><li>b</li></ul>", "Role\n\nPay & perks\n\n• a\n\n• b")
    for needs_rewrite in ("<p>a<p>b</p>", "<P>x</P>", "<ul><li>x</ul>", "<p class=\"a\">x</p>", "<p>x</b></p>",
                          "<font>x</font>"):
        assert _describe_bare(needs_rewrite) is None


def test_board_markup_takes_the_regex_pass_and_odd_markup_the_html_parser():
    assert _Sanitizer().feed_simple('<p class="intro">Pay &amp; <a href="https://a.example">perks</a><br/></p>')
    for odd in ("<p>a < b</p>", "<!-- note --><p>x</p>", "<p class=bare>x</p>", "<script>x</script>", "<p>x</p"):
        assert not _Sanitizer().feed_simple(odd)


def test_a_well_known_city_decides_between_a_country_code_and_a_state():
    from careercopilot.domain.locations import parse_location

    assert parse_location("Berlin, DE").country_code == "DE"  # Germany, not Delaware
    assert parse_location("Amsterdam, NL").country_code == "NL"  # the Netherlands, not Newfoundland
    assert (parse_location("Dover, DE").region, parse_location("Dover, DE").country_code) == ("DE", "US")
    assert (parse_location("Folsom, CA").region, parse_location("Folsom, CA").country_code) == ("CA", "US")
