"""Tests of kg.parse.dates, kg.parse.times and kg.parse.date_types: infobox Date values (real,
from the corpus, after clean_value), dates and times inside prose sentences, and the PartialDate
arithmetic."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.errors import DateParseError
from kg.parse.date_types import DateRange, PartialDate, TimeOfDay
from kg.parse.dates import find_dates, gregorian_dates, parse_date, parse_dates, read_dates
from kg.parse.times import find_times


def _summary(r: DateRange) -> tuple[str, str | None, str]:
    return (r.start.iso(), None if r.end is None else r.end.iso(), r.precision)


def _low(d: PartialDate) -> tuple[int, int, int]:
    return (d.year, d.month or 1, d.day or 1)


def _high(d: PartialDate) -> tuple[int, int, int]:
    return (d.year + 9 if d.decade else d.year, d.month or 12, d.day or 31)  # the 1990s end in 1999


# --------------------------------------------------------------------------- infobox values

# value -> [(start iso, end iso, precision), ...]
INFOBOX = [
    pytest.param("2009-07-04", [("2009-07-04", "2009-07-04", "day")], id="iso-date"),
    pytest.param("2009-07-04 – 2009-07-06", [("2009-07-04", "2009-07-06", "day")], id="iso-range"),
    pytest.param("1230s", [("1230", "1230", "decade")], id="decade"),
    pytest.param("c. 1990s", [("1990", "1990", "decade")], id="approximate-decade"),
    pytest.param("711–1230s", [("0711", "1230", "decade")], id="range-ending-in-a-decade"),
    pytest.param("1990s–2000s", [("1990", "2000", "decade")], id="range-of-decades"),
    pytest.param("1998–99", [("1998", "1999", "year")], id="short-range"),
    pytest.param("1999–00", [("1999", "2000", "year")], id="short-range-to-the-next-century"),
    pytest.param("9 June [O.S. 30 May] 1688", [("1688-06-09", "1688-06-09", "day"), ("1688-05-30", "1688-05-30", "day")],
                 id="old-style-in-brackets"),
    pytest.param("19 June 1688 (O.S. 9 June)", [("1688-06-19", "1688-06-19", "day"), ("1688-06-09", "1688-06-09", "day")],
                 id="old-style-after-the-year"),
    pytest.param("July 4, 2009", [("2009-07-04", "2009-07-04", "day")], id="month-day-comma-year"),
    pytest.param("4 July 2009", [("2009-07-04", "2009-07-04", "day")], id="day-month-year"),
    pytest.param("17–25 January 2012", [("2012-01-17", "2012-01-25", "day")], id="en-dash-day-range"),
    pytest.param("17-25 January 2012", [("2012-01-17", "2012-01-25", "day")], id="hyphen-day-range"),
    pytest.param("17—25 January 2012", [("2012-01-17", "2012-01-25", "day")], id="em-dash-day-range"),
    pytest.param("January–March 2012", [("2012-01", "2012-03", "month")], id="month-range"),
    pytest.param("2012", [("2012", "2012", "year")], id="bare-year"),
    pytest.param("2014–2017", [("2014", "2017", "year")], id="year-range"),
    pytest.param("2014–17", [("2014", "2017", "year")], id="year-range-short-end"),
    pytest.param("1998–03", [("1998", "2003", "year")], id="year-range-short-end-next-century"),
    pytest.param("April 11–30, 2014", [("2014-04-11", "2014-04-30", "day")], id="american-day-range"),
    pytest.param("16 May – 29 July 2014", [("2014-05-16", "2014-07-29", "day")], id="spaced-dash-shared-year"),
    pytest.param("15 October 2014 – 30 December 2017", [("2014-10-15", "2017-12-30", "day")], id="full-range"),
    pytest.param(
        "December 24, 1947 – January 15, 1948", [("1947-12-24", "1948-01-15", "day")], id="american-full-range"
    ),
    pytest.param("December – January 1948", [("1947-12", "1948-01", "month")], id="start-year-wraps-back"),
    pytest.param("29 July – 16 May 2014", [("2013-07-29", "2014-05-16", "day")], id="day-month-wraps-back"),
    pytest.param("August, 1761", [("1761-08", "1761-08", "month")], id="month-comma-year"),
    pytest.param("June 1552", [("1552-06", "1552-06", "month")], id="month-year"),
    pytest.param("1748–1837 (Intermittent)", [("1748", "1837", "year")], id="year-range-other-note"),
    pytest.param("680–1355 (675 years)", [("0680", "1355", "year")], id="three-digit-year-duration-note"),
    pytest.param("598, 612–614", [("0598", "0598", "year"), ("0612", "0614", "year")], id="year-list"),
    pytest.param("March 6–10 1996", [("1996-03-06", "1996-03-10", "day")], id="american-range-no-comma"),
    pytest.param("498 BC", [("-0497", "-0497", "year")], id="bc-year"),
    pytest.param("259 BCE – 257 BCE", [("-0258", "-0256", "year")], id="bce-range"),
    pytest.param("259–257 BC", [("-0258", "-0256", "year")], id="bc-range-era-once"),
    pytest.param("AD 9", [("0009", "0009", "year")], id="ad-before-short-year"),
    pytest.param("20 and 29 June 1812", [("1812-06-20", "1812-06-20", "day"), ("1812-06-29", "1812-06-29", "day")],
                 id="and-list-shares-month"),
    pytest.param("1817 – 21 May 1864", [("1817", "1864-05-21", "year")], id="year-to-day"),
    pytest.param("December 1187 – 9 January 1189", [("1187-12", "1189-01-09", "month")], id="month-to-day"),
    pytest.param("27–29 November 2006 (3 days)", [("2006-11-27", "2006-11-29", "day")], id="duration-note"),
    pytest.param("24 April (6 May) 1827", [("1827-04-24", "1827-04-24", "day"), ("1827-05-06", "1827-05-06", "day")],
                 id="dual-dating-paren"),
    pytest.param("May – June 201", [("0201-05", "0201-06", "month")], id="cut-off-year-read-as-written"),
    pytest.param("3 February – 2 March 200", [("0200-02-03", "0200-03-02", "day")], id="cut-off-year-200"),
    pytest.param("29 February 2008", [("2008-02-29", "2008-02-29", "day")], id="leap-day"),
    pytest.param("14 Sept. 2001", [("2001-09-14", "2001-09-14", "day")], id="dotted-abbreviation"),
    pytest.param("Jan. – Mar. 1900", [("1900-01", "1900-03", "month")], id="dotted-abbreviation-range"),
    pytest.param("3rd–5th March 1801", [("1801-03-03", "1801-03-05", "day")], id="ordinal-day-range"),
    pytest.param("16th of May 1805", [("1805-05-16", "1805-05-16", "day")], id="ordinal-of-month"),
    pytest.param("Spring 1716", [("1716", "1716", "year")], id="season-keeps-year-precision"),
    pytest.param(
        "27 January 2022, 10 March 2022, 3 June 2022, 14 June 2022, 14–20 September 2022",
        [("2022-01-27", "2022-01-27", "day"), ("2022-03-10", "2022-03-10", "day"), ("2022-06-03", "2022-06-03", "day"),
         ("2022-06-14", "2022-06-14", "day"), ("2022-09-14", "2022-09-20", "day")],
        id="comma-list-of-five",
    ),
]


@pytest.mark.parametrize("value, expected", INFOBOX)
def test_parse_dates_reads_every_date(value: str, expected: list[tuple[str, str, str]]) -> None:
    assert [_summary(r) for r in parse_dates(value)] == expected


# value -> [(text, begin, stop, ongoing, approximate, label, calendar)]
FLAGS = [
    pytest.param("9 September 2017 – present", [("9 September 2017 – present", 0, 26, True, False, None, None)],
                 id="present"),
    pytest.param("July 2024 – ongoing", [("July 2024 – ongoing", 0, 19, True, False, None, None)], id="ongoing-word"),
    pytest.param("August 9, 2008 – Late August 2008",
                 [("August 9, 2008 – Late August 2008", 0, 33, False, True, None, None)], id="late-month"),
    pytest.param("c. 1500", [("c. 1500", 0, 7, False, True, None, None)], id="circa-dot"),
    pytest.param("c. 1500 – 1520", [("c. 1500 – 1520", 0, 14, False, True, None, None)], id="circa-range"),
    pytest.param("2009 (estimated)", [("2009", 0, 4, False, True, None, None)], id="estimated-note"),
    pytest.param("1500 (estimate)", [("1500", 0, 4, False, True, None, None)], id="estimate-note"),
    pytest.param(
        "July – August 2021 (first offensive), August – late September 2021 (second offensive)",
        [("July – August 2021", 0, 18, False, False, "first offensive", None),
         ("August – late September 2021", 38, 66, False, True, "second offensive", None)],
        id="paren-labels-late",
    ),
    pytest.param(
        "First battle: 26 June 1991, Second battle: 26 July 1991",
        [("26 June 1991", 14, 26, False, False, "First battle", None),
         ("26 July 1991", 43, 55, False, False, "Second battle", None)],
        id="colon-labels",
    ),
    pytest.param(
        "First Battle:24 – 26 April, 2021, Second Battle:12 – 13 May, 2021",
        [("24 – 26 April, 2021", 13, 32, False, False, "First Battle", None),
         ("12 – 13 May, 2021", 48, 65, False, False, "Second Battle", None)],
        id="glued-colon-labels-comma-year",
    ),
    pytest.param(
        "First Battle:, Second Battle: 11 January 2025",
        [("11 January 2025", 30, 45, False, False, "Second Battle", None)],
        id="empty-first-label",
    ),
    pytest.param(
        "Initial assault: 22 January – 5 February 2024, Siege: 22 January 2024 – 1 December 2025",
        [("22 January – 5 February 2024", 17, 45, False, False, "Initial assault", None),
         ("22 January 2024 – 1 December 2025", 54, 87, False, False, "Siege", None)],
        id="initial-assault-siege",
    ),
    pytest.param(
        "Philippine-American War: June 2, 1899 – July 4, 1902, Moro Rebellion: 1899–1913",
        [("June 2, 1899 – July 4, 1902", 25, 52, False, False, "Philippine-American War", None),
         ("1899–1913", 70, 79, False, False, "Moro Rebellion", None)],
        id="hyphenated-label",
    ),
    pytest.param(
        "27 January 1708 (O.S.), 28 January 1708 (Swedish calendar), 7 February 1708 (N.S.)",
        [("27 January 1708", 0, 15, False, False, None, "O.S."),
         ("28 January 1708", 24, 39, False, False, None, "Swedish"),
         ("7 February 1708", 60, 75, False, False, None, "N.S.")],
        id="calendar-notes",
    ),
    pytest.param("7 July 1520 (Julian calendar date)", [("7 July 1520", 0, 11, False, False, None, "Julian")],
                 id="julian-note"),
    pytest.param(
        "July 6–7, 1592 (Gregorian Calendar);, May 17–18, 1592 (Lunar calendar)",
        [("July 6–7, 1592", 0, 14, False, False, None, "Gregorian"),
         ("May 17–18, 1592", 38, 53, False, False, None, "lunar")],
        id="gregorian-and-lunar",
    ),
]


@pytest.mark.parametrize("value, expected", FLAGS)
def test_parse_dates_flags_and_offsets(value: str, expected: list[tuple]) -> None:
    got = [(r.text, r.begin, r.stop, r.ongoing, r.approximate, r.label, r.calendar) for r in parse_dates(value)]
    assert got == expected
    for r in parse_dates(value):
        assert value[r.begin : r.stop] == r.text


def test_present_leaves_the_end_open() -> None:
    r = parse_date("9 September 2017 – present")
    assert (r.start.iso(), r.end, r.ongoing, r.precision) == ("2017-09-09", None, True, "day")


def test_late_month_keeps_month_precision() -> None:
    r = parse_date("August 9, 2008 – Late August 2008")
    assert (r.start.iso(), r.end.iso() if r.end else None, r.precision, r.approximate) == (
        "2008-08-09", "2008-08", "month", True)


def test_lunar_numbered_months_read_as_written() -> None:
    """The pathological lunar-calendar value: read in its own calendar, flagged lunar."""
    value = ("(Gregorian calendar);, 1592 (Wanli 20, Bunroku 1), 13th day of the 4th month – "
             "1598 (Wanli 26, Keichō 3), 19th day of the 11th month (lunar calendar)")
    (r,) = parse_dates(value)
    assert (_summary(r), r.calendar, r.begin) == (("1592-04-13", "1598-11-19", "day"), "lunar", 23)


@pytest.mark.parametrize(
    "value, default_year, expected",
    [
        pytest.param("24 April", 1827, ("1827-04-24", "1827-04-24", "day"), id="no-year-takes-default"),
        pytest.param("24 April 1830", 1827, ("1830-04-24", "1830-04-24", "day"), id="written-year-wins"),
        pytest.param("June – July", 2009, ("2009-06", "2009-07", "month"), id="month-range-takes-default"),
    ],
)
def test_parse_date_default_year(value: str, default_year: int, expected: tuple[str, str, str]) -> None:
    assert _summary(parse_date(value, default_year=default_year)) == expected


@pytest.mark.parametrize(
    "value, fragment",
    [
        pytest.param("", "no date", id="empty"),
        pytest.param("Unknown", "no date", id="unknown"),
        pytest.param("24 April", "no date", id="no-year-no-default"),
        pytest.param("First Battle:", "no date", id="label-only"),
        pytest.param("70 men, 3,000 troops", "no date", id="counts-are-not-dates"),
        pytest.param("31 February 2009", "day out of range", id="thirty-first-february"),
        pytest.param("29 February 2009", "day out of range", id="no-leap-day-2009"),
        pytest.param("29 July 2014 – 16 May 2014", "ends before it starts", id="end-before-start"),
        pytest.param("25–17 January 2012", "ends before it starts", id="days-backwards"),
        pytest.param("2017–2014", "ends before it starts", id="year-range-backwards"),
        # impossible dates are never read as other dates (issue 11)
        pytest.param("2009-02-30", "day out of range", id="iso-thirtieth-february"),
        pytest.param("2009-13-01", "month out of range", id="iso-month-13"),
        pytest.param("July 40, 2009", "no day 40", id="month-day-40"),
        pytest.param("40 July 2009", "no day 40", id="day-40-month"),
        pytest.param("1998–97", "cannot end before it starts", id="reversed-short-range-never-2097"),
        pytest.param("2009-07", "cannot end before it starts", id="year-hyphen-month-is-no-range"),
        pytest.param("490s BC", "decade before year one", id="decade-bc"),
    ],
)
def test_parse_dates_errors_carry_the_value(value: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_dates(value)
    assert fragment in str(info.value)
    assert repr(value) in str(info.value)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- PartialDate


@pytest.mark.parametrize(
    "date, precision, xsd, iso, earliest, latest",
    [
        pytest.param(PartialDate(2009), "year", "gYear", "2009", "2009-01-01T00:00:00", "2009-12-31T23:59:59",
                     id="year"),
        pytest.param(PartialDate(1230, decade=True), "decade", "gYear", "1230", "1230-01-01T00:00:00",
                     "1239-12-31T23:59:59", id="decade"),
        pytest.param(PartialDate(-497), "year", "gYear", "-0497", "-0497-01-01T00:00:00", "-0497-12-31T23:59:59",
                     id="498-bc"),
        pytest.param(PartialDate(2009, 7), "month", "gYearMonth", "2009-07", "2009-07-01T00:00:00",
                     "2009-07-31T23:59:59", id="july"),
        pytest.param(PartialDate(2008, 2), "month", "gYearMonth", "2008-02", "2008-02-01T00:00:00",
                     "2008-02-29T23:59:59", id="leap-february"),
        pytest.param(PartialDate(1900, 2), "month", "gYearMonth", "1900-02", "1900-02-01T00:00:00",
                     "1900-02-28T23:59:59", id="century-not-leap"),
        pytest.param(PartialDate(2000, 2), "month", "gYearMonth", "2000-02", "2000-02-01T00:00:00",
                     "2000-02-29T23:59:59", id="400-year-leap"),
        pytest.param(PartialDate(2009, 7, 4), "day", "date", "2009-07-04", "2009-07-04T00:00:00",
                     "2009-07-04T23:59:59", id="day"),
        pytest.param(PartialDate(2009, 7, 4, 3), "hour", "dateTime", "2009-07-04T03:00:00", "2009-07-04T03:00:00",
                     "2009-07-04T03:59:59", id="hour"),
        pytest.param(PartialDate(2009, 7, 4, 3, 30), "hour", "dateTime", "2009-07-04T03:30:00",
                     "2009-07-04T03:30:00", "2009-07-04T03:30:59", id="minute-counts-as-hour"),
    ],
)
def test_partial_date_forms(date: PartialDate, precision: str, xsd: str, iso: str, earliest: str, latest: str) -> None:
    assert (date.precision, date.xsd_type(), date.iso(), date.earliest(), date.latest()) == (
        precision, xsd, iso, earliest, latest)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param((2009, 13), id="month-13"),
        pytest.param((2009, None, 4), id="day-without-month"),
        pytest.param((2009, 4, 31), id="april-31"),
        pytest.param((2009, 7, 4, 24), id="hour-24"),
        pytest.param((2009, 7, None, 3), id="hour-without-day"),
        pytest.param((2009, 7, 4, None, 30), id="minute-without-hour"),
        pytest.param((1235, None, None, None, None, True), id="decade-not-from-a-multiple-of-ten"),
        pytest.param((1230, 5, None, None, None, True), id="decade-with-a-month"),
    ],
)
def test_partial_date_rejects_impossible_fields(fields: tuple) -> None:
    with pytest.raises(DateParseError):
        PartialDate(*fields)


CALENDARS = [
    ("9 June [O.S. 30 May] 1688", [("N.S.", "1688-06-09"), ("O.S.", "1688-05-30")]),
    ("24 April (6 May) 1827", [("O.S.", "1827-04-24"), ("N.S.", "1827-05-06")]),  # 12 days in the 19th century
    ("6 May (24 April) 1827", [("N.S.", "1827-05-06"), ("O.S.", "1827-04-24")]),
    ("6 May (O.S.: 24 April) 1827", [("N.S.", "1827-05-06"), ("O.S.", "1827-04-24")]),
    ("3 March (5 March) 1827", [(None, "1827-03-03"), (None, "1827-03-05")]),  # no calendar difference: unknown
]


@pytest.mark.parametrize(("value", "expected"), CALENDARS, ids=[v for v, _ in CALENDARS])
def test_dual_dating_names_both_calendars(value: str, expected: list[tuple]) -> None:
    assert [(r.calendar, r.start.iso()) for r in parse_dates(value)] == expected


ONE_DATE = [
    ("9 June [O.S. 30 May] 1688", ["1688-06-09"]),
    ("24 April (6 May) 1827", ["1827-05-06"]),
    ("27 January 1708 (O.S.), 28 January 1708 (Swedish calendar), 7 February 1708 (N.S.)", ["1708-02-07"]),
    ("July 6–7, 1592 (Gregorian calendar); May 17–18, 1592 (lunar calendar)", ["1592-07-06"]),
    # not restatements: no Gregorian date, or far apart, or unmarked
    ("7 July 1520 (Julian calendar date)", ["1520-07-07"]),
    ("5 May 1700 (O.S.), 1 May 1702 (N.S.)", ["1700-05-05", "1702-05-01"]),
    ("5 May 1700, 1 June 1700 (N.S.)", ["1700-05-05", "1700-06-01"]),
]


@pytest.mark.parametrize(("value", "starts"), ONE_DATE, ids=[v for v, _ in ONE_DATE])
def test_gregorian_dates_drop_restatements_in_another_calendar(value: str, starts: list[str]) -> None:
    assert [r.start.iso() for r in gregorian_dates(parse_dates(value))] == starts


LEFT = [
    ("9–11 November 2020", ()),
    ("Phase 2: 9–16 September 2018, (3 days)", ()),
    ("5 June 2019 and some 40 days later", ("40",)),
    ("17 January 2012 – 25 January 2012 ; 9 April", ("9 April",)),
]


@pytest.mark.parametrize(("value", "leftover"), LEFT, ids=[v for v, _ in LEFT])
def test_read_dates_reports_what_it_left_unread(value: str, leftover: tuple[str, ...]) -> None:
    assert read_dates(value).leftover == leftover


def test_range_precision_is_the_coarser() -> None:
    assert parse_date("1817 – 21 May 1864").precision == "year"
    assert parse_date("August 1983 – January 16, 1984").precision == "month"


# --------------------------------------------------------------------------- prose

# sentence, default_year -> [(start iso, end iso, text, begin)]
PROSE = [
    pytest.param("On July 4, 2009, clashes broke out between Al-Qaeda in the Islamic Maghreb (AQIM) and Malian forces",
                 None, [("2009-07-04", "2009-07-04", "July 4, 2009", 3)], id="on-month-day-comma-year"),
    pytest.param("On June 11, 2009, AQIM jihadists assassinated Malian officer Lamana Ould Bou in his home",
                 None, [("2009-06-11", "2009-06-11", "June 11, 2009", 3)], id="june-11-comma"),
    pytest.param("Malian forces launched an offensive against AQIM in retaliation for the assassination on June 16, "
                 "near Garn-Akassa, killing sixteen to twenty-six jihadists.",
                 2009, [("2009-06-16", "2009-06-16", "June 16", 89)], id="no-year-takes-default"),
    pytest.param("Malian forces launched an offensive on June 16, near Garn-Akassa.", None, [],
                 id="no-year-no-default-skipped"),
    pytest.param("AQIM claimed responsibility for the ambush on July 8, and claimed the deaths of twenty-eight.",
                 2009, [("2009-07-08", "2009-07-08", "July 8", 46)], id="july-8-comma-and"),
    pytest.param("Yahya was released in March 2012.", None, [("2012-03", "2012-03", "March 2012", 22)],
                 id="in-month-year"),
    pytest.param("The Sikhs were expelled from the Mughal Empire in 1716, and expanded", None,
                 [("1716", "1716", "1716", 50)], id="in-year"),
    pytest.param("The rebels attacked on 17 January 2012 the town", None,
                 [("2012-01-17", "2012-01-17", "17 January 2012", 23)], id="on-day-month-year"),
    pytest.param("On January 18, the small town fell.", 2012, [("2012-01-18", "2012-01-18", "January 18", 3)],
                 id="on-january-18-comma"),
    pytest.param("The attack came on the night of 16 September 2022 near the border", None,
                 [("2022-09-16", "2022-09-16", "16 September 2022", 32)], id="night-of"),
    pytest.param("It was fought in May and July 2014 in the east.", None,
                 [("2014-05", "2014-05", "May", 17), ("2014-07", "2014-07", "July 2014", 25)], id="month-and-month-year"),
    pytest.param("Between May and June 2020, special forces moved.", None,
                 [("2020-05", "2020-06", "May and June 2020", 8)], id="between-and-is-a-range"),
    pytest.param("The wars spanned from 1748 to 1837 in the north.", None, [("1748", "1837", "1748 to 1837", 22)],
                 id="from-year-to-year"),
    pytest.param("The battle took place from 9 to 11 November 2020, and is", None,
                 [("2020-11-09", "2020-11-11", "9 to 11 November 2020", 27)], id="from-day-to-day-month"),
    pytest.param("Spanish assaults on 20 and 29 June 1812 on the city", None,
                 [("1812-06-20", "1812-06-20", "20", 20), ("1812-06-29", "1812-06-29", "29 June 1812", 27)],
                 id="day-and-day-month"),
    pytest.param("On the night between November 8 and 9, 2017, a group attacked", None,
                 [("2017-11-08", "2017-11-09", "November 8 and 9, 2017", 21)], id="between-days-comma-year"),
    pytest.param("The Battle of Benghazi (2014–2017) was a major battle", None, [("2014", "2017", "2014–2017", 24)],
                 id="parenthesised-years"),
    pytest.param("The 2021 Battle of Loikaw was fought", None, [("2021", "2021", "2021", 4)], id="year-before-name"),
    pytest.param("the suppression of 2016–17 protests", None, [("2016", "2017", "2016–17", 19)], id="short-year-range"),
    pytest.param("The Ionian Revolt began in 499 BC, the tyrant", None, [("-0498", "-0498", "499 BC", 27)],
                 id="bc-in-prose"),
    pytest.param("The talks broke down in early 2006 between", None, [("2006", "2006", "early 2006", 24)],
                 id="early-year"),
    pytest.param("By mid-1947, the force had grown", None, [("1947", "1947", "mid-1947", 3)], id="mid-hyphen-year"),
    pytest.param("The standoff began on 12 April, when", 2014, [("2014-04-12", "2014-04-12", "12 April", 22)],
                 id="day-month-comma-when"),
    pytest.param("The war ended on June 26 of 1991.", None, [("1991-06-26", "1991-06-26", "June 26 of 1991", 17)],
                 id="month-day-of-year"),
]


@pytest.mark.parametrize("sentence, default_year, expected", PROSE)
def test_find_dates_in_prose(sentence: str, default_year: int | None, expected: list[tuple]) -> None:
    got = find_dates(sentence, default_year=default_year)
    assert [(r.start.iso(), r.end.iso() if r.end else None, r.text, r.begin) for r in got] == expected
    for r in got:
        assert sentence[r.begin : r.stop] == r.text


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Hamma organized a patrol of seventy men on twelve pick-ups, killing sixteen.", id="number-words"),
        pytest.param("a patrol of 70 men, 12 pick-ups and 3,000 troops", id="small-counts-and-grouped"),
        pytest.param("The army sent 2,000 troops and 1,500 horses.", id="grouped-thousands"),
        pytest.param("a force of 1500 men marched", id="force-of-1500-men"),
        pytest.param("The village was controlled by around 250 rebels.", id="around-250"),
        pytest.param("The 1990s saw a rise in violence.", id="decade"),
        pytest.param("They may march at dawn and fight at night.", id="lowercase-may-march"),
        pytest.param("Theresa May said nothing.", id="may-as-a-name"),
        pytest.param("Between 3 and 4am the following night, around forty jihadists ambushed", id="time-is-not-a-date"),
        pytest.param("were not met within 72 hours.", id="hours-duration"),
        pytest.param("the one blamed for the 2012 assassination", id="year-adjective-before-lowercase-missed"),
        pytest.param("the 3rd and 4th battalions joined the 4th Brigade", id="ordinal-units"),
    ],
)
def test_find_dates_ignores_numbers_that_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, default_year=2009) == []


def test_find_dates_skips_impossible_and_backwards() -> None:
    assert find_dates("It fell on 31 February 2009 and again from 29 July 2014 to 16 May 2014.") == []


def test_find_dates_comma_then_count_is_not_a_year() -> None:
    got = find_dates("on June 16, 1500 soldiers arrived", default_year=2009)
    assert [(r.start.iso(), r.text) for r in got] == [("2009-06-16", "June 16")]


def test_find_dates_day_and_count_is_not_a_second_date() -> None:
    got = find_dates("on June 16 and 20 soldiers died", default_year=2009)
    assert [(r.start.iso(), r.text) for r in got] == [("2009-06-16", "June 16")]


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    "sentence, expected",
    [
        pytest.param("Between 3 and 4am the following night, around forty", [(3, 0, 4, 0, "Between 3 and 4am", 0)],
                     id="between-3-and-4am"),
        pytest.param("The assault begins at 3.30 am, when the", [(3, 30, None, None, "3.30 am", 22)],
                     id="dotted-minutes-am"),
        pytest.param("were found inside at 3:00 PM local time.", [(15, 0, None, None, "3:00 PM", 21)],
                     id="upper-pm"),
        pytest.param("Around 5:45 a.m., around ten rebels", [(5, 45, None, None, "5:45 a.m.", 7)], id="a.m.-dots"),
        pytest.param("At 19:00 Christian forces", [(19, 0, None, None, "19:00", 3)], id="24-hour"),
        pytest.param("fighting from 11 to 1pm", [(11, 0, 13, 0, "from 11 to 1pm", 9)], id="range-crossing-noon"),
        pytest.param("at 12am", [(0, 0, None, None, "12am", 3)], id="midnight-12am"),
        pytest.param("at 12 pm", [(12, 0, None, None, "12 pm", 3)], id="noon-12pm"),
        pytest.param("The shelling stopped at noon.", [(12, 0, None, None, "noon", 24)], id="named-noon"),
        pytest.param("THEY LEFT AT MIDNIGHT", [(0, 0, None, None, "MIDNIGHT", 13)], id="named-time-in-capitals-no-digit"),
        pytest.param("at 4 o'clock", [(4, 0, None, None, "4 o'clock", 3)], id="oclock"),
        pytest.param("They attacked at dawn and withdrew at night.", [], id="dawn-night-are-not-times"),
        pytest.param("were not met within 72 hours, 3.5 km away", [], id="durations-and-decimals"),
        pytest.param("at 13pm", [], id="impossible-13pm"),
        pytest.param("at 13 to 14pm, then 3 to 4pm", [(15, 0, 16, 0, "3 to 4pm", 20)], id="impossible-range-then-valid"),
    ],
)
def test_find_times(sentence: str, expected: list[tuple]) -> None:
    got = find_times(sentence)
    assert [(t.start_hour, t.start_minute, t.end_hour, t.end_minute, t.text, t.begin) for t in got] == expected
    assert all(isinstance(t, TimeOfDay) and sentence[t.begin : t.stop] == t.text for t in got)


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    ["January", "May", "june", "Late", "mid-", "c.", "BC", "AD", "present", "and", "to", "–", "-", ",", ";", ":",
     "(O.S.)", "(3 days)", "(6 May)", "13th day of the 4th month", "First battle:", "between", "of", "am", "pm",
     "0", "9", "12", "29", "31", "201", "1999", "2009", "3,000", "1990s"]
)
_TEXTS = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=12).map(" ".join),
                   st.lists(_PIECES, max_size=12).map("".join))


def _check_range(text: str, r: DateRange) -> None:
    assert text[r.begin : r.stop] == r.text
    if r.end is None:
        assert r.ongoing
    else:
        assert _high(r.end) >= _low(r.start)


@settings(deadline=None)
@given(_TEXTS, st.one_of(st.none(), st.integers(-3000, 3000)))
@example("1999 to 1990s", None)  # a range may end in a decade that began before its start
def test_parse_dates_gives_ranges_or_a_typed_error(text: str, default_year: int | None) -> None:
    try:
        got = parse_dates(text, default_year=default_year)
    except DateParseError as exc:
        assert "\n" not in str(exc)
        return
    assert got
    for r in got:
        _check_range(text, r)


@settings(deadline=None)
@given(_TEXTS, st.one_of(st.none(), st.integers(-3000, 3000)))
def test_find_dates_never_raises(text: str, default_year: int | None) -> None:
    for r in find_dates(text, default_year=default_year):
        _check_range(text, r)


@settings(deadline=None)
@given(_TEXTS)
def test_find_times_are_clock_times(text: str) -> None:
    for t in find_times(text):
        assert text[t.begin : t.stop] == t.text
        assert 0 <= t.start_hour <= 23 and 0 <= t.start_minute <= 59
        assert (t.end_hour is None) == (t.end_minute is None)


@given(st.integers(-9999, 9999), st.one_of(st.none(), st.integers(1, 12)), st.integers(1, 31))
def test_partial_date_bounds_are_ordered(year: int, month: int | None, day: int) -> None:
    try:
        date = PartialDate(year, month, day if month is not None else None)
    except DateParseError:
        assert month is not None and day > 28
        return
    lo, hi = date.earliest(), date.latest()
    assert lo.startswith(date.iso()) and hi.startswith(date.iso())
    assert lo[-14:] <= hi[-14:]
    assert hi.endswith("23:59:59")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They left in MAY.", [("MAY", 2009, 5)]),
        ("The column may come back in june, tired.", []),  # lower case: "may" is a verb, so is no month
        ("Nobody spoke of it again.", []),
    ],
    ids=["month in capitals", "month words in lower case are not dates", "no digit and no month word"],
)
def test_find_dates_month_words_in_any_case_without_digits(sentence: str, expected: list[tuple]) -> None:
    found = find_dates(sentence, default_year=2009)
    assert [(r.text, r.start.year, r.start.month) for r in found] == expected
