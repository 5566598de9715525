"""Readers for every format and the agreement chunker's labels on the structured fixtures."""
from pathlib import Path

import pytest

from bot.ingest.chunk import MAX_WORDS, chunk_document
from bot.models import Document
from bot.ingest.normalize import clean, dehyphenate, drop_page_furniture
from bot.ingest.readers import ReadError, read_pages
from bot.ingest.refs import find_refs
from bot.text.sentences import split_sentences

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXPECTED_SECTIONS = [
    "Indledning", "§ 7, stk. 1", "§ 7, stk. 2", "§ 7, stk. 3", "§ 7, stk. 3, nr. 1", "§ 7, stk. 3, nr. 2",
    "§ 7, stk. 3, nr. 3", "§ 7, stk. 4", "§ 7, vejledning", "§ 8",
]


@pytest.mark.parametrize("name", ["agreement.md", "agreement.html", "agreement.docx", "agreement.pdf"])
def test_each_format_is_split_into_exact_paragraph_labels(name):
    units = chunk_document(Document(name, "Prøveaftale", "lokalaftale"), read_pages(FIXTURES / name))
    assert [u.section for u in units] == EXPECTED_SECTIONS
    by_section = {u.section: u for u in units}
    assert by_section["§ 7, stk. 3, nr. 3"].text == "Indkøb af nye rivejern til blåbær."
    assert by_section["§ 7, stk. 4"].text == "Formanden varetager mødeledelsen i MED-udvalget for arbejds- og plukkeforhold."
    assert by_section["§ 7, vejledning"].text.startswith("Bestemmelsen om rivejern")
    assert by_section["Indledning"].text == "Prøveaftale om samarbejde i Testby Kommune"  # no "#" cited
    assert "§ 7. Information og drøftelse" in by_section["§ 7, stk. 2"].heading_path
    # a local agreement's bare "§ 7" is its own; a framework § is tagged as such
    assert by_section["§ 8"].refs == ("Lokalaftalen § 7, stk. 2", "MED-rammeaftalen § 8")


def test_pdf_pages_are_kept_and_headers_and_page_numbers_dropped():
    units = chunk_document(Document("a.pdf", "T", "lokalaftale"), read_pages(FIXTURES / "agreement.pdf"))
    pages = {u.section: u.page for u in units}
    assert pages["§ 7, stk. 1"] == 1 and pages["§ 7, stk. 3, nr. 1"] == 2
    joined = " ".join(u.text for u in units)
    assert "Testby Kommune – Prøveaftale" not in joined and "Side 1" not in joined


def test_html_reader_skips_scripts_and_navigation():
    text = read_pages(FIXTURES / "agreement.html")[0]
    assert "ikke tekst" not in text and "Menu" not in text
    assert "### § 7. Information og drøftelse" in text


def test_an_html_list_lettered_by_its_type_is_read_as_litra(tmp_path):
    """<ol type="a"> draws a., b.: read as 1., 2. its items were cited as "nr. 1", which the page
    a person opens does not show."""
    page = tmp_path / "aftale.html"
    page.write_text('<html><head><meta charset="utf-8"></head><body><h3>§ 7. Information</h3>'
                    "<p><b>Stk. 2.</b> Informationen gives skriftligt:</p>"
                    '<ol type="a"><li>ved store sager,</li><li>ved udbud.</li></ol></body></html>', encoding="utf-8")
    assert _labelled(page) == [("§ 7, stk. 2", "Informationen gives skriftligt:"), ("§ 7, stk. 2, litra a", "ved store sager,"),
                               ("§ 7, stk. 2, litra b", "ved udbud.")]


def _labelled(path) -> list[tuple[str, str]]:
    """Each unit's label and text in document order; a stykke can come twice, before and after a list."""
    return [(u.section, u.text) for u in chunk_document(Document(path.name, "Prøveaftale", "lokalaftale"), read_pages(path))]


def _agreement(path):
    return dict(_labelled(path))


def _split(text: str, kind: str = "lokalaftale") -> list[tuple[str, str]]:
    """Label and text of each unit of an agreement's extracted text (one page)."""
    return [(u.section, u.text) for u in chunk_document(Document("a.pdf", "T", kind), [text])]


def test_docx_tables_are_read_where_they_stand_one_row_a_line(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("§ 9. Skal-retningslinjer", level=3)
    document.add_paragraph("Der skal aftales retningslinjer om følgende:")
    table = document.add_table(rows=4, cols=2)
    rows = [("Retningslinje", "Opsigelse"), ("Plukkeruter", "Kan ikke opsiges"), ("Kurvefarver", "3 måneders varsel")]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(3, 0).merge(table.cell(3, 1)).text = "Gælder i hele skoven"
    document.add_paragraph("Stk. 2. Retningslinjerne skal være skriftlige.")
    document.save(str(tmp_path / "aftale.docx"))
    assert _agreement(tmp_path / "aftale.docx") == {
        "§ 9, stk. 1": "Der skal aftales retningslinjer om følgende:\nRetningslinje | Opsigelse\n"
                       "Plukkeruter | Kan ikke opsiges\nKurvefarver | 3 måneders varsel\nGælder i hele skoven",
        "§ 9, stk. 2": "Retningslinjerne skal være skriftlige.",
    }


def _numbered(document, num_id: str, levels: list[tuple[int, str, str]]) -> None:
    """A list definition as Word writes it: level i counts from levels[i][0] in format levels[i][1],
    drawn as levels[i][2]."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   '</w:lvl>' for i, (start, fmt, text) in enumerate(levels))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _list_paragraph(document, text: str, num_id: str, level: int = 0) -> None:
    from docx.oxml import parse_xml

    para = document.add_paragraph(text)
    para._p.get_or_add_pPr().append(parse_xml(
        '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _notes_part(document, kind: str, notes: dict[int, str]) -> None:
    """A footnotes or endnotes part as Word writes it, with its separator note first."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:{kind}>' for i, t in notes.items())
    xml = (f'<w:{kind}s {_W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}>{body}</w:{kind}s>')
    content_type, reltype = {"footnote": (CT.WML_FOOTNOTES, RT.FOOTNOTES), "endnote": (CT.WML_ENDNOTES, RT.ENDNOTES)}[kind]
    document.part.relate_to(Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), document.part.package), reltype)


def test_docx_footnotes_endnotes_and_text_boxes_are_cited_with_their_paragraph(tmp_path):
    """python-docx's text leaves them out; a footnote in an agreement can carry a rule."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("§ 5. Tavshedspligt", level=3)
    first = document.add_paragraph("Stk. 1. Medlemmerne har tavshedspligt om personsager.")
    first._p.append(parse_xml(f'<w:r {_W}><w:footnoteReference w:id="7"/></w:r>'))
    box = '<w:txbxContent><w:p><w:r><w:t>Husk: spørg formanden ved tvivl.</w:t></w:r></w:p></w:txbxContent>'
    document.add_paragraph()._p.append(parse_xml(  # saved twice, as Word does: for new and for old Word
        f'<w:r {_W} {_MC}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    inner = '<w:txbxContent><w:p><w:r><w:t>Gælder også suppleanter.</w:t></w:r></w:p></w:txbxContent>'
    document.add_paragraph()._p.append(parse_xml(  # a box in a box: each read once
        f'<w:r {_W}><w:drawing><w:txbxContent><w:p><w:r><w:t>Se også § 6.</w:t></w:r>'
        f'<w:r><w:drawing>{inner}</w:drawing></w:r></w:p></w:txbxContent></w:drawing></w:r>'))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Personsager", "Fortrolige"
    table.cell(0, 1).paragraphs[0]._p.append(parse_xml(f'<w:r {_W}><w:footnoteReference w:id="5"/></w:r>'))
    second = document.add_paragraph("Stk. 2. Tavshedspligten gælder også efter udtræden.")
    second._p.append(parse_xml(f'<w:r {_W}><w:footnoteReference w:id="3"/><w:endnoteReference w:id="1"/></w:r>'))
    _notes_part(document, "footnote", {7: "Gælder ikke for bærplukkere under 15 år.", 5: "Også sygdom.",
                                       3: "Jf. skovloven § 2."})
    _notes_part(document, "endnote", {1: "Aftalt i bærudvalget 2024."})
    document.save(str(tmp_path / "noter.docx"))
    # numbered in reading order over the whole body, table cells included, as Word shows them
    assert _agreement(tmp_path / "noter.docx") == {
        "§ 5, stk. 1": "Medlemmerne har tavshedspligt om personsager.\n"
                       "Fodnote 1: Gælder ikke for bærplukkere under 15 år.\nHusk: spørg formanden ved tvivl.\n"
                       "Se også § 6.\nGælder også suppleanter.\nPersonsager | Fortrolige\nFodnote 2: Også sygdom.",
        "§ 5, stk. 2": "Tavshedspligten gælder også efter udtræden.\nFodnote 3: Jf. skovloven § 2.\n"
                       "Slutnote 1: Aftalt i bærudvalget 2024.",
    }


def test_docx_list_numbers_that_word_draws_become_labels(tmp_path):
    """python-docx leaves out the numbers Word draws; without them "nr. 2" cannot be cited."""
    import docx

    document = docx.Document()
    document.add_heading("§ 7. Information og drøftelse", level=3)
    document.add_paragraph("Ledelsen informerer om alt af betydning for plukningen.")
    _numbered(document, "90", [(2, "decimal", "Stk. %1."), (1, "decimal", "%2."), (1, "lowerLetter", "%3)")])
    _list_paragraph(document, "Ledelsen informerer i god tid.", "90")
    _list_paragraph(document, "Der skal informeres om:", "90")
    _list_paragraph(document, "Budgettet for kurve.", "90", 1)
    _list_paragraph(document, "Omlægning af ruter, herunder:", "90", 1)
    _list_paragraph(document, "nye stier,", "90", 2)
    _list_paragraph(document, "nye spande.", "90", 2)
    document.add_paragraph("Husk:")
    document.add_paragraph("Spande", style="List Bullet")
    document.add_paragraph("Låg", style="List Bullet")
    document.save(str(tmp_path / "aftale.docx"))
    assert _labelled(tmp_path / "aftale.docx") == [
        ("§ 7, stk. 1", "Ledelsen informerer om alt af betydning for plukningen."),
        ("§ 7, stk. 2", "Ledelsen informerer i god tid."),
        ("§ 7, stk. 3", "Der skal informeres om:"),
        ("§ 7, stk. 3, nr. 1", "Budgettet for kurve."),
        ("§ 7, stk. 3, nr. 2", "Omlægning af ruter, herunder:"),
        ("§ 7, stk. 3, nr. 2, litra a", "nye stier,"),
        ("§ 7, stk. 3, nr. 2, litra b", "nye spande."),
        ("§ 7, stk. 3", "Husk:\n• Spande\n• Låg"),  # after the list: the stykke's, not litra b's
    ]


# A stykke's own sentence after its list is cited as the stykke, not as the list's last item; a
# paragraph the format marks as the item's own (indented, inside <li>, Word's list paragraph) stays.
AFTER_LIST = [
    ("§ 7, stk. 1", "Ledelsen informerer om alt."),
    ("§ 7, stk. 2", "Der skal informeres om:"),
    ("§ 7, stk. 2, nr. 1", "Budgettet for kurve. Det gælder også spande."),
    ("§ 7, stk. 2, nr. 2", "Større omlægninger af ruter."),
    ("§ 7, stk. 2", "Informationen gives skriftligt."),
    ("§ 7, stk. 3", "Formanden leder møderne."),
]
_HEAD = "§ 7. Information og drøftelse"
_AFTER_LIST_PAGES = {
    "aftale.md": f"### {_HEAD}\n\nLedelsen informerer om alt.\n\nStk. 2. Der skal informeres om:\n\n"
                 "1. Budgettet for kurve.\n\n   Det gælder også spande.\n\n2. Større omlægninger af ruter.\n\n"
                 "Informationen gives skriftligt.\n\nStk. 3. Formanden leder møderne.\n",
    "aftale.html": f"<html><body><main><h3>{_HEAD}</h3><p>Ledelsen informerer om alt.</p>"
                   "<p>Stk. 2. Der skal informeres om:</p><ol><li><p>Budgettet for kurve.</p>"
                   "<p>Det gælder også spande.</p></li><li>Større omlægninger af ruter.</li></ol>"
                   "<p>Informationen gives skriftligt.</p><p>Stk. 3. Formanden leder møderne.</p></main></body></html>",
    "aftale.txt": f"{_HEAD}\n\nLedelsen informerer om alt.\n\nStk. 2. Der skal informeres om:\n\n"
                  "1. Budgettet for kurve. Det gælder\nogså spande.\n2. Større omlægninger af ruter.\n\n"
                  "Informationen gives skriftligt.\n\nStk. 3. Formanden leder møderne.\n",
}


def _write_after_list_pdf(path, new_page_before: str = "") -> None:
    """Set as agreements are: space between paragraphs, the item's own paragraph indented under it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=11)
    for indent, text in [(0, _HEAD), (0, "Ledelsen informerer om alt."), (0, "Stk. 2. Der skal informeres om:"),
                         (0, "1. Budgettet for kurve."), (6, "Det gælder også spande."),
                         (0, "2. Større omlægninger af ruter."), (0, "Informationen gives skriftligt."),
                         (0, "Stk. 3. Formanden leder møderne.")]:
        if text == new_page_before:
            pdf.add_page()
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


@pytest.mark.parametrize("name", [*_AFTER_LIST_PAGES, "aftale.docx", "aftale.pdf"])
def test_text_after_a_list_is_the_stykkes_and_an_items_own_paragraph_the_items(tmp_path, name):
    if name == "aftale.pdf":
        _write_after_list_pdf(tmp_path / name)
    elif name == "aftale.docx":
        import docx

        document = docx.Document()
        document.add_heading(_HEAD, level=3)
        document.add_paragraph("Ledelsen informerer om alt.")
        document.add_paragraph("Stk. 2. Der skal informeres om:")
        _numbered(document, "91", [(1, "decimal", "%1.")])
        _list_paragraph(document, "Budgettet for kurve.", "91")
        document.add_paragraph("Det gælder også spande.", style="List Paragraph")
        _list_paragraph(document, "Større omlægninger af ruter.", "91")
        document.add_paragraph("Informationen gives skriftligt.")
        document.add_paragraph("Stk. 3. Formanden leder møderne.")
        document.save(str(tmp_path / name))
    else:
        (tmp_path / name).write_text(_AFTER_LIST_PAGES[name], encoding="utf-8")
    assert _labelled(tmp_path / name) == AFTER_LIST


def test_text_after_a_list_that_ends_a_pdf_page_is_the_stykkes(tmp_path):
    """A page break shows no gap in the layout: the stykke's sentence at the top of the next page
    was cited as the list's last item ("nr. 2"), a rule the item does not hold."""
    _write_after_list_pdf(tmp_path / "aftale.pdf", new_page_before="Informationen gives skriftligt.")
    assert _labelled(tmp_path / "aftale.pdf") == AFTER_LIST


def test_a_two_column_pdf_page_is_read_column_by_column(tmp_path):
    """The layout text, read for paragraph ends only, runs the columns together line by line."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=11)
    pdf.set_xy(10, 20)
    pdf.multi_cell(85, 6, "Venstre spalte handler om kurve. Kurvene skal være af pil og stå i skuret om natten.")
    pdf.set_xy(110, 20)
    pdf.multi_cell(85, 6, "Højre spalte handler om spande. Spandene skal skylles efter hver tur.")
    pdf.output(str(tmp_path / "spalter.pdf"))
    text = " ".join(read_pages(tmp_path / "spalter.pdf")[0].split())
    assert "Kurvene skal være af pil og stå i skuret om natten. Højre spalte handler om spande." in text


def test_text_after_a_list_stays_with_the_item_where_the_sentence_goes_on():
    """Only a new sentence in upper case after the item's full stop leaves the list: a bullet list
    under the item, or a line that goes on in lower case, is still the item's."""
    assert _split(
        "§ 4. Møder\n\nStk. 2. Dagsordenen omfatter:\n\n1. Budget, herunder:\n\n• kurve\n\n• spande.\n\n"
        "2. Ruter, når\n\nformanden ønsker det.\n\nDagsordenen udsendes en uge før.") == [
        ("§ 4, stk. 2", "Dagsordenen omfatter:"),
        ("§ 4, stk. 2, nr. 1", "Budget, herunder:\n• kurve\n• spande."),
        ("§ 4, stk. 2, nr. 2", "Ruter, når formanden ønsker det."),
        ("§ 4, stk. 2", "Dagsordenen udsendes en uge før."),
    ]


def test_a_reference_or_date_at_a_lines_start_opens_nothing():
    """A PDF wraps "jf." and "§ 8, stk. 3" onto two lines; the second is still § 7's text. So is a
    wrapped "stk. 2, om ..." or "1. januar 2026"."""
    text = ("§ 7. Information\nLedelsen informerer, jf.\n§ 8, stk. 3, og\n§ 9 i rammeaftalen, som nævnt i § 6,\n"
            "stk. 2, om budgettet.\nStk. 2. Informationen gives skriftligt fra\n1. januar 2026.\n"
            "§ 8 – Retningslinjer\nDer aftales retningslinjer.\n§ 8a. Pauser\nPauser aftales lokalt.")
    assert _split(text) == [
        ("§ 7, stk. 1", "Ledelsen informerer, jf. § 8, stk. 3, og § 9 i rammeaftalen, som nævnt i § 6, stk. 2, om budgettet."),
        ("§ 7, stk. 2", "Informationen gives skriftligt fra 1. januar 2026."),
        ("§ 8", "Der aftales retningslinjer."),
        ("§ 8a", "Pauser aftales lokalt."),
    ]
    assert chunk_document(Document("a.pdf", "T", "lokalaftale"), [text])[2].heading_path == ("§ 8. Retningslinjer",)


def test_a_vejledning_heading_without_colon_is_the_sections_guidance_not_its_rule():
    """A PDF sets "Vejledning" as a bold line of its own; run on into stk. 2 it was cited as the rule."""
    assert _split(
        "§ 7. Information og drøftelse\nStk. 1.\nDer skal være gensidig information.\nStk. 2.\n"
        "Informationen gives i god tid.\nVejledning\nGod tid betyder før beslutningen.\n"
        "§ 8. Retningslinjer\nVejledning om pauser findes i bilag 3.", "rammeaftale") == [
        ("§ 7, stk. 1", "Der skal være gensidig information."),
        ("§ 7, stk. 2", "Informationen gives i god tid."),
        ("§ 7, vejledning", "God tid betyder før beslutningen."),
        ("§ 8", "Vejledning om pauser findes i bilag 3."),  # a sentence that starts with the word
    ]


def test_titles_on_the_line_after_the_number_and_sentences_that_start_with_a_heading_word():
    """As a framework agreement's PDF gives them: "Kapitel 1" / "Formål ...", "§ 8" / "Retningslinjer"."""
    units = chunk_document(Document("ramme.pdf", "T", "rammeaftale"), [
        "Kapitel 1\nFormål og anvendelsesområde\n§ 1. Anvendelsesområde\nStk. 1.\nAftalen gælder i kommunerne.\n"
        "Stk. 2.\nKapitel 3 i rammeaftalen handler om TR.\n§ 8\nRetningslinjer\nStk. 1.\nDer aftales retningslinjer.\n"
        "Bilag 1\nProtokollat om arbejdsmiljø\nParterne er enige.\nBilag 2 til rammeaftalen beskriver opgaverne.\n"
        "Bilag 2: Hovedudvalgets opgaver\nHovedudvalget drøfter budgettet."])
    assert [(u.section, u.heading_path, u.text) for u in units] == [
        ("§ 1, stk. 1", ("Kapitel 1. Formål og anvendelsesområde", "§ 1. Anvendelsesområde"), "Aftalen gælder i kommunerne."),
        ("§ 1, stk. 2", ("Kapitel 1. Formål og anvendelsesområde", "§ 1. Anvendelsesområde"),
         "Kapitel 3 i rammeaftalen handler om TR."),
        ("§ 8, stk. 1", ("Kapitel 1. Formål og anvendelsesområde", "§ 8. Retningslinjer"), "Der aftales retningslinjer."),
        ("Bilag 1", ("Bilag 1. Protokollat om arbejdsmiljø",),
         "Parterne er enige. Bilag 2 til rammeaftalen beskriver opgaverne."),
        ("Bilag 2", ("Bilag 2. Hovedudvalgets opgaver",), "Hovedudvalget drøfter budgettet."),
    ]


SLIDES_QUOTING_SECTIONS = (
    "Information og drøftelse\n\nLedelsen informerer i god tid.\n§ 8, stk. 5.\n\nDias 12\n\n"
    "Tavshedspligt?\n\nSom hovedregel er der åbenhed.\n§27\n\nDias 13\n\n"
    "Retningslinjer\n\nEn retningslinje aftales i enighed.\n§ 8 stk. 3\n\nDias 14\n\n"
    "Kompetence\n\nMED-udvalget kan aftale retningslinjer.\n§ 8 stk. 1\n\nDias 15\n")


@pytest.mark.parametrize("text, is_agreement", [
    (SLIDES_QUOTING_SECTIONS, False),  # references and a lone "§27": no § opens here
    ("§ 8. Retningslinjer\nTekst.\n§ 3. Møder\nTekst.\n§ 8. Retningslinjer igen\nTekst.", False),  # out of order
    ("§ 12. Møder\nTekst.\n§ 12a. Referater\nTekst.\nStk. 2. Mere.", True),
    (read_pages(FIXTURES / "agreement.docx")[0], True),
    # an annex numbers its own §s from 1; a sentence about a bilag starts none
    ("§ 1. Formål\nTekst.\n§ 2. Udvalg\nTekst.\nBilag 1. Forretningsorden\n§ 1. Møder\nTekst.", True),
    ("§ 2. Udvalg\nTekst.\nBilag 1 til rammeaftalen gælder også.\n§ 1. Møder\nTekst.", False),
], ids=["slides-quoting-sections", "sections-out-of-order", "section-12-and-12a", "agreement-docx",
        "annex-starting-again", "sentence-about-an-annex"])
def test_a_file_without_a_manifest_entry_is_split_by_section_only_if_built_like_an_agreement(text, is_agreement):
    units = chunk_document(Document("uden-manifest.txt", "T", "dokument"), [text])
    assert any(u.section.startswith("§") for u in units) is is_agreement


def test_slides_without_a_manifest_entry_are_cited_by_their_titles_not_the_sections_they_quote():
    units = chunk_document(Document("kursus.txt", "T", "dokument"), [SLIDES_QUOTING_SECTIONS])
    assert [u.section for u in units] == ["Information og drøftelse", "Tavshedspligt?", "Retningslinjer", "Kompetence"]


# Exported pages keep their text in <div>s, and a lost "Stk. 2." is a rule the bot cannot cite;
# Markdown's "**Stk. 2.**" is still the label, and its markup is not cited.
HTML_PAGE = (
    "<html><body><div class='indhold'><h2>§ 3. Møder</h2><div>Udvalget mødes hver måned i skovhytten.</div>"
    "<div><span>Stk. 2.</span> Formanden indkalder<br>med 8 dages varsel.</div>"
    "<table><tr><th>Hvem</th><th>Hvad</th></tr><tr><td>Formand</td><td>Indkalder</td></tr></table>"
    "<div>Stk. 3. Dagsordenen indeholder:</div><ol><li>Nyt fra skoven.</li><li><p>Eventuelt.</p></li>"
    "<li>Nyt fra skoven.</li></ol>"
    "</div><footer>Testby Kommune · Kontakt</footer><div role='navigation'><ul><li>Forside</li></ul></div>"
    "Sidst opdateret af skovfogeden.</body></html>")
MARKDOWN_PAGE = (
    "# Prøveaftale\n\n**§ 7. Information og drøftelse**\n\nLedelsen informerer om *alle* forhold.\n\n"
    "**Stk. 2.** Informationen gives i [god tid](https://example.org/tid), se [bilag 2](bilag2.md).\n\n"
    "| Emne | Frist |\n|:---|---:|\n| Budget | 1. maj |\n\n__Stk. 3.__ Skriv til `skov@testby.dk`.\n\n"
    "[Tilmeld jer her](https://example.org/tilmeld)\n")


@pytest.mark.parametrize("name, page, expected", [
    ("aftale.html", HTML_PAGE, [
        ("§ 3, stk. 1", "Udvalget mødes hver måned i skovhytten."),
        ("§ 3, stk. 2", "Formanden indkalder med 8 dages varsel.\nHvem | Hvad\nFormand | Indkalder"),
        ("§ 3, stk. 3", "Dagsordenen indeholder:"),
        ("§ 3, stk. 3, nr. 1", "Nyt fra skoven."),
        ("§ 3, stk. 3, nr. 2", "Eventuelt."),
        ("§ 3, stk. 3, nr. 3", "Nyt fra skoven."),
        ("§ 3, stk. 3", "Sidst opdateret af skovfogeden."),
    ]),
    ("aftale.md", MARKDOWN_PAGE, [
        ("Indledning", "Prøveaftale"),
        ("§ 7, stk. 1", "Ledelsen informerer om alle forhold."),
        ("§ 7, stk. 2", "Informationen gives i god tid (https://example.org/tid), se bilag 2.\nEmne | Frist\nBudget | 1. maj"),
        ("§ 7, stk. 3", "Skriv til skov@testby.dk.\n[Tilmeld jer her](https://example.org/tilmeld)"),
    ]),
])
def test_markup_is_read_whole_and_its_labels_found(tmp_path, name, page, expected):
    (tmp_path / name).write_text(page, encoding="utf-8")
    assert _labelled(tmp_path / name) == expected


def test_an_intranet_page_is_read_from_its_main_content(tmp_path):
    page = (
        "<html><body><div class='topmenu'><ul><li><a href='/'>Forside</a></li><li><a href='/med'>MED og arbejdsmiljø"
        "</a></li></ul></div><div class='sidebar'>Relaterede links: Ferieregler, Kantinens menu</div>"
        "<main><h1>Lokal MED-aftale</h1><div role='main'><p>§ 4. Udvalget mødes hver måned.</p></div></main>"
        "<div class='kontakt'>Spørgsmål? Ring til HR på 1234</div></body></html>")
    (tmp_path / "intranet.html").write_text(page, encoding="utf-8")
    assert read_pages(tmp_path / "intranet.html") == ["# Lokal MED-aftale\n\n§ 4. Udvalget mødes hver måned."]
    # without a main, nothing is left out (see test_markup_is_read_whole_and_its_labels_found)
    (tmp_path / "uden.html").write_text(page.replace("<main>", "<div>").replace("</main>", "</div>")
                                        .replace(" role='main'", ""), encoding="utf-8")
    assert "Ring til HR" in read_pages(tmp_path / "uden.html")[0]


def test_a_page_without_main_leaves_out_its_menus_and_link_boxes(tmp_path):
    page = (
        "<html><body><div class='topmenu'><ul><li><a href='/'>Forside</a></li><li><a href='/med'>MED</a></li>"
        "<li><a href='/ret'>Retningslinjer</a></li></ul></div>"
        "<div class='sti'><a href='/'>Forside</a> › <a href='/p'>Personale</a> › <a href='/med'>MED</a></div>"
        "<h1>Retningslinjer i MED</h1><p>En retningslinje aftales i enighed, se <a href='/b'>bilag A</a>.</p>"
        "<ul><li>Se <a href='/a'>bilag A</a> om trivsel</li><li>Se <a href='/b'>bilag B</a> om sygefravær</li>"
        "<li>Se <a href='/c'>bilag C</a> om ferie</li></ul>"
        "<div class='genveje'><h3>Genveje</h3><ul><li><a href='/k'>Kantinens menu</a></li>"
        "<li><a href='/f'>Ferieregler</a></li><li><a href='/l'>Lønsedler</a></li></ul></div>"
        "<p>Spørgsmål? Ring til HR på 1234.</p></body></html>")
    (tmp_path / "intranet.html").write_text(page, encoding="utf-8")
    assert read_pages(tmp_path / "intranet.html") == [
        "# Retningslinjer i MED\n\nEn retningslinje aftales i enighed, se bilag A.\n\n• Se bilag A om trivsel\n"
        "• Se bilag B om sygefravær\n• Se bilag C om ferie\n\nSpørgsmål? Ring til HR på 1234."]
    # a page that marks its main is read from there, links and all: its author chose what it holds
    (tmp_path / "med_main.html").write_text(page.replace("<h1>", "<main><h1>").replace("</body>", "</main></body>"),
                                            encoding="utf-8")
    assert "Kantinens menu" in read_pages(tmp_path / "med_main.html")[0]
    # a page of nothing but links has nothing to cite, and says so
    (tmp_path / "oversigt.html").write_text("<h1>MED-dokumenter</h1><ul><li><a href='/a'>Lokalaftale</a></li>"
                                            "<li><a href='/b'>Rammeaftale</a></li><li><a href='/c'>Referater</a></li></ul>")
    with pytest.raises(ReadError, match="ingen tekst ud over menuer og links"):
        read_pages(tmp_path / "oversigt.html")


def test_html_is_read_in_the_charset_it_declares(tmp_path):
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>Medarbejderne får besked – i god tid.</p></body></html>"
    (tmp_path / "erklaeret.html").write_bytes(page.encode("cp1252"))
    assert read_pages(tmp_path / "erklaeret.html") == ["Medarbejderne får besked – i god tid."]
    (tmp_path / "uerklaeret.html").write_bytes(page.replace("iso-8859-1", "").encode("cp1252"))
    with pytest.raises(ReadError, match="ikke UTF-8"):
        read_pages(tmp_path / "uerklaeret.html")


def test_dehyphenation_joins_broken_words_and_keeps_real_hyphens():
    assert dehyphenate("vare-\ntager") == "varetager"
    assert dehyphenate("MED-\nudvalget") == "MED-udvalget"
    assert dehyphenate("arbejds-\nog personaleforhold") == "arbejds- og personaleforhold"
    assert clean("Be-\n\nsøgsrunden blev aftalt") == "Besøgsrunden blev aftalt"


def test_pdf_ligatures_soft_hyphens_and_odd_spaces_become_plain_text():
    """Otherwise "finansiering" typed by a person does not find "ﬁnansiering" in a PDF."""
    assert clean("ﬁnansiering af ﬂere ﬀ-tiltag") == "finansiering af flere ff-tiltag"
    assert clean("informations\u00adpligten i §\u00a07,\u2009stk.\u200b2") == "informationspligten i § 7, stk. 2"
    # a Symbol or Wingdings bullet is a private-use character in the PDF's text
    assert clean("\uf0b7 Fokus på borgerne\n  \uf0a7 Kvalitet") == "• Fokus på borgerne\n• Kvalitet"


def test_repeated_headers_and_page_numbers_are_dropped():
    pages = [f"Kommunens MED-aftale\nIndhold {i}\n{i}" for i in range(1, 5)]
    assert drop_page_furniture(pages) == [f"Indhold {i}" for i in range(1, 5)]


def test_annotation_stamps_are_dropped_and_the_text_around_them_kept():
    page = "Skovrådet har været facilitator.\n Skovfoged\n\n\nkto-bamse\nMaskinskrevet tekst\n17-0153.58\n\n"
    page += "Skovrådet 2017\nkto-bamse\nTypewritten Text\nSag om spande\n"
    assert drop_page_furniture([page]) == [
        "Skovrådet har været facilitator.\n Skovfoged\n\n\n\nSkovrådet 2017\nSag om spande\n"]


# a report exported to plain text: no page breaks, a table of contents, page numbers left
# between blank lines, a heading wrapped over two lines; and a flyer whose date is "3" alone
REPORT_EXPORT = """Indhold

Rammerne for plukkeriet ..................................................... 2
Ønsker til bærlauget ........................................................ 7


 2

Rammerne for plukkeriet

Plukkerne i Testby har aftalt, at rivejern kun bruges på blåbær, og at kurvene tømmes hver time.



 7

Et fælles billede af samarbejdet mellem plukkere og
bærlauget

Bærlauget og plukkerne mødes hver fredag og aftaler, hvem der plukker hvilke buske.

Mødedag

Fredag

3

november
"""


def test_report_export_drops_contents_and_page_numbers_and_joins_wrapped_headings():
    units = chunk_document(Document("r.txt", "Rapport", "rapport"), [REPORT_EXPORT])
    sections = [u.section for u in units]
    assert "Ønsker til bærlauget" not in " ".join(u.text for u in units)  # only listed in the contents
    assert "Rammerne for plukkeriet" in sections
    assert "Et fælles billede af samarbejdet mellem plukkere og bærlauget" in sections
    assert not any(u.text.strip() in {"2", "7"} or u.text.endswith((" 2", " 7")) for u in units)
    # a number between single blank lines in a flyer is content, not a page number
    assert "3" in next(u for u in units if "november" in u.text).text.split()


def test_a_short_line_that_finishes_the_sentence_above_it_is_no_heading():
    """A letter's question broken over a blank line ("... i partssystemet som" / "TR eller leder?")
    made "TR eller leder?" the heading of the rest of the letter, and cut the question in two."""
    letter = ("Til hovedudvalget\n\nEt nyt materiale giver overblik over samarbejdet i bærlauget og svar på:\n\n"
              "• Hvad er forskellen på din rolle, når du sidder i et udvalg og når du deltager i lauget som \n\n"
              "TR eller leder? \n\nDisse spørgsmål og meget andet kan I få svar på i to nye pjecer om bærlauget.")
    units = chunk_document(Document("brev.txt", "Brev", "pjece"), [letter])
    assert [u.section for u in units] == ["Til hovedudvalget"]
    assert "• Hvad er forskellen på din rolle, når du sidder i et udvalg og når du deltager i lauget som\nTR eller leder?" \
        in split_sentences(units[0].text)


def test_a_letters_date_line_is_no_heading_and_a_title_over_a_lead_in_is_one():
    """A letter exported from PDF: its date, then its indented first heading; later a one-word
    heading over the sentence that leads in to a list in Symbol-font bullets. Every section was
    cited as "Den 20. juni 2013", "Baggrund" and "Formål" were text, and the bullets came out as
    U+F0B7, which a chat cannot draw and no list reader knew."""
    letter = ("Skovfoged Bamse \n\nwww.skoven.dk \n\nDen 20. juni 2013   \n Baggrund \n\n"
              "Skoven står over for betydelige udfordringer vedrørende blåbær og \n\nspande. \n \n"
              "Formål \nFormålet med temadagene er at: \n \n\uf0b7 Informere om plukning af blåbær.  \n"
              "\uf0b7 Give plukkerne inspiration til nye kurve.  \n")
    units = chunk_document(Document("brev.txt", "Brev", "invitation"), [letter])
    assert [u.section for u in units][-2:] == ["Baggrund", "Formål"]
    assert units[-1].text.split("\n") == ["Formålet med temadagene er at:", "• Informere om plukning af blåbær.",
                                          "• Give plukkerne inspiration til nye kurve."]
    assert not any(u.section.startswith("Den ") for u in units)


def test_a_flyers_layout_of_a_word_a_line_is_read_as_one_line():
    """A flyer exported one word to a paragraph: the date and place were no sentence to quote."""
    flyer = ("Vi holder to konferencer med samme indhold\n\nTirsdag\n\n3\n\nnovember\n\nSkovhytten\n\nTestby\n\n"
             "9:30-15:30\n\nDeltagere\n\nKonferencen er for plukkere, spandebærere og skovfogeder i alle skove.\n")
    units = chunk_document(Document("flyer.md", "Flyer", "invitation"), [flyer])
    assert "Tirsdag 3 november Skovhytten Testby 9:30-15:30" in split_sentences(units[0].text)
    assert units[-1].section == "Deltagere"  # a heading over text is no part of the layout


def test_references_keep_which_text_they_belong_to():
    text = "(Lokalaftalens § 7 /Rammeaftalens § 6) og tavshedspligt efter forvaltningslovens §27; § 8 stk. 1 i MED-rammeaftalen"
    assert find_refs(text) == [
        "Lokalaftalen § 7", "MED-rammeaftalen § 6", "forvaltningsloven § 27", "MED-rammeaftalen § 8, stk. 1",
    ]


def test_med_aftalen_alone_is_the_local_agreement():
    # the seed slides head "MED-aftale § 2" over the municipality's own agreement
    assert find_refs("MED-aftale § 2 og MED-rammeaftalen § 2") == ["Lokalaftalen § 2", "MED-rammeaftalen § 2"]


def test_naming_med_aftalen_prefers_the_local_agreements_passage(eksempelby_app):
    # the slide "Tavshedspligt?" came first; the question asks what the agreement itself says, which
    # is its § 9 "Tavshedspligt og åbenhed", whole
    hits = eksempelby_app.retriever.search("Hvad siger MED-aftalen om tavshedspligt?", k=3)
    assert [(h.unit.kind, h.unit.section) for h in hits] == [
        ("lokalaftale", "§ 9, stk. 1"), ("lokalaftale", "§ 9, stk. 2"), ("lokalaftale", "§ 9, bemærkning")]
    # without "om", by meaning: the stykke on confidentiality first
    hits = eksempelby_app.retriever.search("Har vi tavshedspligt efter MED-aftalen?", k=1)
    assert (hits[0].unit.kind, hits[0].unit.section) == ("lokalaftale", "§ 9, stk. 2")


def test_reference_lists_litra_and_annexes_are_cited_as_danish_cites_them():
    text = ("Rammeaftalens §§ 6 og 7 og lokalaftalens § 7, stk. 2, litra c. Udføre opgaverne i bilag 2 til "
            "rammeaftalen (bilag C i lokalaftalen); bilag i lokalaftalen")
    assert find_refs(text) == [
        "MED-rammeaftalen § 6", "MED-rammeaftalen § 7", "Lokalaftalen § 7, stk. 2, litra c",
        "MED-rammeaftalen bilag 2", "Lokalaftalen bilag C",
    ]


def test_a_sentence_and_a_section_of_an_annex_are_cited_as_danish_cites_them():
    text = "jf. § 5, 2. pkt. Se rammeaftalens § 8, stk. 2, 1. punktum. Efter bilag 3, § 2 og § 4, stk. 1 i bilag 3"
    assert find_refs(text) == [
        "§ 5, 2. pkt.", "MED-rammeaftalen § 8, stk. 2, 1. pkt.", "bilag 3, § 2", "bilag 3, § 4, stk. 1",
    ]


def test_an_annex_that_numbers_its_own_sections_is_cited_with_its_bilag():
    """A local agreement's forretningsorden in bilag 1 starts again at § 1: cited as the agreement's
    § 1 it named a rule the agreement's § 1 does not hold."""
    units = chunk_document(Document("lokal.md", "T", "lokalaftale"), [
        "§ 1. Formål\nStk. 1.\nAftalen gælder alle.\nStk. 2.\nDen gælder fra 2026.\n§ 2. Udvalg\nDer er et HMU.\n"
        "Bilag 1\nForretningsorden for Hovedudvalget\n§ 1. Møder\nUdvalget holder fire møder om året.\n"
        "§ 2. Referat\nStk. 1.\nDer skrives referat, jf. § 1.\nStk. 2.\nReferatet godkendes, jf. lokalaftalens § 2.\n"
        "Kapitel 2. Valg\n§ 3. Valg\nValg sker hvert fjerde år."])
    annex = ("Bilag 1. Forretningsorden for Hovedudvalget",)
    assert [(u.section, u.heading_path, u.refs) for u in units] == [
        ("§ 1, stk. 1", ("§ 1. Formål",), ()),
        ("§ 1, stk. 2", ("§ 1. Formål",), ()),
        ("§ 2", ("§ 2. Udvalg",), ()),
        # its § 1 has no stykker, though the agreement's has
        ("Bilag 1, § 1", (*annex, "§ 1. Møder"), ()),
        ("Bilag 1, § 2, stk. 1", (*annex, "§ 2. Referat"), ("Lokalaftalen bilag 1, § 1",)),  # its own § 1
        ("Bilag 1, § 2, stk. 2", (*annex, "§ 2. Referat"), ("Lokalaftalen § 2",)),  # the agreement's, named
        ("Bilag 1, § 3", (*annex, "Kapitel 2. Valg", "§ 3. Valg"), ()),  # annexes come last
    ]


def test_seed_slides_are_split_per_slide_with_their_titles():
    path = Path(__file__).parents[2] / "knowledge" / "slides-med-grunduddannelsen-albertslund-2026.txt"
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    sections = [u.section for u in units]
    # KommuneMED's slide was once named after the diagram words printed before it
    assert "KommuneMED" in sections and "Arbejdsforhold" not in sections
    # two slides two blank lines apart, after the first one's link, were once one, cited by the
    # first one's title ("MED-aftale" for the other MED-udvalg's skal-retningslinjer)
    other = next(u for u in units if u.section == "Skal-retningslinjer - øvrige MED-udvalg")
    assert other.text.startswith("• Retningslinjer for sygefraværsstatistik")
    assert not any("Retningslinjer for sygefraværsstatistik" in u.text for u in units if u is not other)
    # the slide between them is a title and a link: a slide, not a diagram's labels for the one before
    assert next(u for u in units if u.section == "Skal-retningslinjer - KommuneMED").text.endswith("enighed om det.")
    assert "https://medarbejdersiden.albertslund.dk" in next(u for u in units if u.section == "MED-aftale").text
    # a line the slide wrapped ends on a space, also where the next starts in capitals
    assert next(u for u in units if u.section == "ArbejdspladsMED (1)").text.startswith(
        "• Varetager forhold for den arbejdsplads, der er knyttet til det område MED-udvalget eller personalemødet")
    assert "Øvelse: Formålet i den lokale MED-aftale § 2" in sections
    exercise = next(u for u in units if u.section == "Øvelse: Inddragelse af bagland")
    assert exercise.text.startswith("• Ledelsen påtænker")
    slide = next(u for u in units if u.section == "Tavshedspligt?")
    assert slide.text.startswith("• Som hovedregel er der åbenhed")
    assert slide.refs == ("forvaltningsloven § 27",)
    assert max(len(u.text.split()) for u in units) <= 170



# A text export of a deck: slide titles without marks, slides apart by a gap of blank lines,
# a menu diagram's words inside a slide, a diagram's words after the footer of their slide.
TEXT_DECK = """ Velkommen til bærdagen

Dias 3

 Rivejern i MED

• Formanden bestiller rivejern til alle.

Dias 4

Lyng
Blåbær
Tyttebær



Plukkeudvalget

• Mødes hver fredag i skoven.

• Fortolker bærreglerne.



Bærregler



PLUK
OG DRØFTELSE

SPAN
-LÅG



Du skal kende:
• Reglerne om spande.
"""


def test_text_deck_is_split_at_gaps_but_not_inside_a_slide(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text(TEXT_DECK, encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    by_section = {u.section: u.text for u in units}
    # the divider slide holds only its title: nothing to cite, so no unit
    assert list(by_section) == ["Rivejern i MED", "Plukkeudvalget", "Bærregler"]
    # the diagram's words after the footer stay with their slide, not as the next one's title
    assert by_section["Rivejern i MED"].endswith("Tyttebær")
    assert by_section["Plukkeudvalget"].startswith("• Mødes hver fredag")
    # a title, the menu diagram under it and the body are one slide
    assert "-LÅG" in by_section["Bærregler"] and by_section["Bærregler"].endswith("• Reglerne om spande.")

# Titles over two lines, a source note set off by a gap, and a slide that is one sentence.
TITLES_DECK = """ Bærudvalget i
Nordskoven

Dias 5

 Opfølgning på tema:
Spande

• Hver plukker har to spande.

• Spandene tømmes ved skovens kant.



(Bæraftalen § 3, stk. 2)

Dias 6

 Det handler om at
plukke i fællesskab og få
fyldt alle spande

Dias 7
"""


def test_slide_titles_run_on_over_lines_and_source_notes_stay_with_their_slide(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text(TITLES_DECK, encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    by_section = {u.section: u for u in units}
    # the title "Bærudvalget i / Nordskoven" is the whole divider slide: nothing to cite
    # a title stopping at a colon goes on: "Opfølgning på tema: Spande", not a body "Spande"
    # a slide that is one sentence is cited whole, not as a title and a fragment
    assert list(by_section) == ["Opfølgning på tema: Spande", "Det handler om at plukke i …"]
    spande = by_section["Opfølgning på tema: Spande"]
    assert spande.text.startswith("• Hver plukker") and spande.text.endswith("(Bæraftalen § 3, stk. 2)")
    assert spande.refs == ("§ 3, stk. 2",)  # the note's reference is the slide's (Bæraftalen is no text we know)
    assert by_section["Det handler om at plukke i …"].text.split() == "Det handler om at plukke i fællesskab og få fyldt alle spande".split()


def test_two_blank_lines_after_a_slide_end_it(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text(" Bæraftalen\n\n• Læs den på intranettet.\n\nhttps://intra.example/baeraftale\n\n\n"
                    "Spanderegler\n\n• Spanden tømmes ved skovens kant.\n", encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    assert [u.section for u in units] == ["Bæraftalen", "Spanderegler"]
    assert units[1].text == "• Spanden tømmes ved skovens kant."


def test_a_line_the_slide_wrapped_goes_on_though_the_next_starts_in_capitals(tmp_path):
    path = tmp_path / "deck.txt"
    # a text export ends a wrapped line on a space; a line that ends a sentence, a hyphen's
    # word-break and a bullet after it are left as they are
    path.write_text(" Øvelse: Spandene i den lokale \nBæraftale § 2\n\n• Tømmes ved den kant, der hører til det \n"
                    "Plukkeudvalg, der ejer dem. \nSpande-\nne vaskes. \n• Næste punkt\n", encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    assert [u.section for u in units] == ["Øvelse: Spandene i den lokale Bæraftale § 2"]
    assert units[0].text.split("\n") == ["• Tømmes ved den kant, der hører til det Plukkeudvalg, der ejer dem.",
                                         "Spandene vaskes.", "• Næste punkt"]


def test_a_set_off_line_opening_with_an_ellipsis_finishes_its_slide(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text(" Kurven er vigtig\n\n• Bær i bunden\n\n … men låget er det også!\n\n\n\n"
                    "Øvelse: Kurve for\nudvalget\n\n12\n", encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    # not a slide titled "… men låget er det også!" whose body is the next slide's title
    assert [(u.section, u.text) for u in units] == [("Kurven er vigtig", "• Bær i bunden\n… men låget er det også!")]


# A course deck that repeats its section menu on each section's first slide, as the seed deck does.
_MENU = "PLUK\nOG DRØFTELSE\nSPAN\n-LÅG\nBÆR"
MENU_DECK = "\n".join(
    f" {title}\n\n{_MENU}\n\nDu skal kende:\n{body}\n\nDias {n}\n"
    for n, (title, body) in enumerate([
        ("Plukning", "• Reglerne for plukning.\nBlåbær"), ("Spande", "• Hvem tømmer spandene.\nBlåbær"),
        ("Bær", "• Forskel på blåbær og tyttebær."), ("Drøftelse", "• Hvornår bær drøftes."),
    ], start=2)
) + f" Oversigt\n\n{_MENU}\n\nDias 9\n"


def test_a_menu_the_deck_repeats_on_many_slides_is_left_out_of_them(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text(MENU_DECK, encoding="utf-8")
    units = chunk_document(Document(path.name, "Slides", "slides"), read_pages(path))
    # the slide that is only the menu has nothing to cite
    assert [u.section for u in units] == ["Plukning", "Spande", "Bær", "Drøftelse"]
    # the menu's words are gone; the lead-in on every slide stays, and so does a short line
    # that two slides share ("Blåbær"), which is content, not the deck's navigation
    assert units[0].text.split("\n") == ["Du skal kende:", "• Reglerne for plukning.", "Blåbær"]
    assert units[3].text.split("\n") == ["Du skal kende:", "• Hvornår bær drøftes."]


@pytest.mark.parametrize("name, reason", [
    ("beskadiget.pdf", "beskadiget"), ("krypteret.pdf", "krypteret"), ("uden-tekst.pdf", "ingen tekst"),
    ("tom.txt", "tom"), ("regneark.xlsx", "understøttes ikke"), ("latin1.txt", "ikke UTF-8"),
    ("beskyttet.docx", "adgangskode"), ("halv.docx", r"DOCX-filen er beskadiget .*XMLSyntaxError"),
])
def test_bad_input_gets_a_specific_reason(name, reason):
    with pytest.raises(ReadError, match=reason):
        read_pages(FIXTURES / "bad" / name)


def test_a_long_list_is_cut_into_even_parts_that_keep_their_lines(tmp_path):
    """Filled to the limit, the list's last two wishes were a unit of their own, cited without the rest."""
    wishes = [f"• Ønske nummer {i}: plukkeudvalget bør se på spande, låg og skovens stier igen." for i in range(1, 15)]
    path = tmp_path / "rapport.md"
    path.write_text("# Ønsker til skovrådet\n\nDeltagerne kom med disse ønsker til skovrådet i skoven.\n\n"
                    + "\n".join(wishes) + "\n", encoding="utf-8")
    units = chunk_document(Document(path.name, "Rapport", "rapport"), read_pages(path))
    sizes = [len(u.text.split()) for u in units]
    assert len(units) == 2 and max(sizes) <= MAX_WORDS and min(sizes) > MAX_WORDS // 3
    assert all(line.startswith("• ") for u in units for line in u.text.split("\n") if "Ønske nummer" in line)
    assert units[1].text.endswith("• Ønske nummer 14: plukkeudvalget bør se på spande, låg og skovens stier igen.")


def test_a_stykke_opened_with_a_colon_or_in_lower_case_is_its_own_unit():
    """"Stk. 2:" was read as text: "Informationen gives skriftligt." was cited as § 2, litra c, the
    list item above it, a rule that item does not hold."""
    text = ("§ 2 Information\nStk. 1: Ledelsen informerer løbende om:\na) budgettet,\nb) nye it-systemer.\n"
            "Stk. 2: Informationen gives skriftligt.\nstk. 3. Medarbejderne kan bede om et møde.\n\n"
            "§ 3. Tavshedspligt\nDer er tavshedspligt om personsager.\n\nBemærkninger til § 3:\n"
            "Tavshedspligten gælder også efter udtræden.\n\n§ 4 Ikrafttræden\n"
            "Aftalen træder i kraft 1. januar 2027, jf.\nstk. 2 i rammeaftalen.\n")
    units = chunk_document(Document("a.txt", "Prøveaftale", "lokalaftale"), [text])
    assert [(u.section, u.text) for u in units] == [
        ("§ 2, stk. 1", "Ledelsen informerer løbende om:"), ("§ 2, stk. 1, litra a", "budgettet,"),
        ("§ 2, stk. 1, litra b", "nye it-systemer."), ("§ 2, stk. 2", "Informationen gives skriftligt."),
        ("§ 2, stk. 3", "Medarbejderne kan bede om et møde."), ("§ 3", "Der er tavshedspligt om personsager."),
        ("§ 3, bemærkninger", "Tavshedspligten gælder også efter udtræden."),
        ("§ 4", "Aftalen træder i kraft 1. januar 2027, jf. stk. 2 i rammeaftalen."),
    ]


def test_remarks_name_their_section_and_a_protocol_is_no_sections_text():
    """Remarks gathered after the §s ("Ad § 8a") were cited as the last §'s, and a protocol after
    § 9 as § 9, stk. 2."""
    text = ("Kapitel 2. Udvalg\n\n§ 8a. Særlige udvalg\nDer kan nedsættes særlige udvalg.\n\n"
            "§ 9. Arbejdsmiljø\nStk. 1. Arbejdsmiljøet er en del af MED.\nStk. 2. APV gennemføres hvert 3. år.\n\n"
            "Bemærkninger til § 9:\nAPV kan også gennemføres oftere.\n\n"
            "Protokollat om seniorpolitik\nParterne drøfter seniorpolitik årligt.\n\nAd § 8a\nUdvalgene evalueres.\n")
    units = chunk_document(Document("a.txt", "Prøveaftale", "lokalaftale"), [text])
    assert [(u.section, u.text) for u in units][-4:] == [
        ("§ 9, stk. 2", "APV gennemføres hvert 3. år."), ("§ 9, bemærkninger", "APV kan også gennemføres oftere."),
        ("Protokollat om seniorpolitik", "Parterne drøfter seniorpolitik årligt."),
        ("§ 8a, bemærkning", "Udvalgene evalueres."),
    ]
    assert units[-1].heading_path == ("§ 8a",)
