"""warning-table/template.html.j2: three columns whatever the cells hold, with its caption and headers."""

from __future__ import annotations

from support import GET_HELP


def test_warning_table_cell_with_a_pipe_keeps_three_columns(content):
    content.replace("usually_harmless: One eyelid", 'usually_harmless: "a | b"')

    table = content.html_pages()[GET_HELP].find("table")

    rows = table.find_all("tr")
    assert [len([c for c in row.iter() if c.tag in ("th", "td")]) for row in rows] == [3, 3]
    level = "See a GP: Book a GP appointment"  # the row's sign's level, linked to the sign
    assert [c.text for c in table.by_id("warn-spread").iter()] == ["Spread", "a | b", f"Spreads {level}", level]


def test_warning_table_is_accessible(content):
    table = content.html_pages()[GET_HELP].find("table", class_="warning-table")

    assert table.find("caption").text == "Harmless twitching compared with signs to get checked"
    headers = table.find("thead").find_all("th")
    assert [(th.attrs.get("scope"), th.text) for th in headers] == [
        ("col", "What to notice"),
        ("col", "Usually harmless"),
        ("col", "See a doctor"),
    ]
    row_header = table.by_id("warn-spread").find("th")
    assert (row_header.attrs.get("scope"), row_header.text) == ("row", "Spread")
