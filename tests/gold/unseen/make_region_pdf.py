"""Writes region/regionsaftale-fjordland.pdf, a fictitious regional MED agreement, with fpdf2.
Run once; the PDF is committed so the gold set reads a real PDF. Regions number some §s
differently from municipalities, so the agreement names both where they differ."""
from pathlib import Path

from fpdf import FPDF

TEXT = [
    ("h", "Aftale om MED i Region Fjordland (fiktiv)"),
    ("p", "Region Fjordland findes ikke. Aftalen er skrevet til test af MED-assistenten, og dens regler er opdigtede."),
    ("h", "Kapitel 1. Formål og område"),
    ("h", "§ 1. Formål"),
    ("p", "Stk. 1. Formålet med aftalen er at styrke samarbejdet mellem ledelse og medarbejdere på regionens færger og sygehuse."),
    ("p", "Stk. 2. Aftalen gælder for alle ansatte i Region Fjordland, også elever og vikarer ansat i mere end 3 måneder."),
    ("h", "Kapitel 2. Udvalgene"),
    ("h", "§ 3. Hovedudvalget"),
    ("p", "Stk. 1. Hovedudvalget består af 11 ledelsesrepræsentanter og 13 medarbejderrepræsentanter."),
    ("p", "Stk. 2. Regionsdirektøren er formand. Næstformanden vælges af og blandt medarbejderrepræsentanterne."),
    ("p", "Stk. 3. Hovedudvalget holder mindst 5 møder om året."),
    ("h", "§ 4. Lokaludvalg"),
    ("p", "Stk. 1. Der oprettes et lokaludvalg på hver færge og på hvert sygehus."),
    ("p", "Stk. 2. Et lokaludvalg består af højst 12 medlemmer."),
    ("h", "Kapitel 3. Samarbejdets indhold"),
    ("h", "§ 6. Information og drøftelse"),
    ("p", "Stk. 1. Ledelsen informerer om alle forhold af betydning for medarbejdernes arbejds- og personaleforhold."),
    ("p", "Stk. 2. Ledelsen skal særligt informere om og drøfte:"),
    ("p", "1. Regionens budget for færgedriften."),
    ("p", "2. Større omlægninger af sejlplanerne."),
    ("p", "3. Indførelse af ny teknologi på sygehusene."),
    ("h", "§ 7. Retningslinjer"),
    ("p", "Stk. 1. Der skal aftales retningslinjer om sygefraværssamtaler og om trivselsmålinger."),
    ("p", "Stk. 2. Retningslinjer efter stk. 1 kan ikke opsiges. Andre retningslinjer kan opsiges med 4 måneders varsel."),
    ("h", "§ 8. Tavshedspligt"),
    ("p", "Stk. 1. Medlemmerne har tavshedspligt om personsager og om oplysninger, som udvalget har erklæret fortrolige."),
    ("p", "Stk. 2. Tavshedspligten gælder også, efter at medlemmet er udtrådt af udvalget."),
    ("h", "§ 9. Uddannelse"),
    ("p", "Stk. 1. Nye medlemmer af et udvalg skal gennemføre MED-uddannelsen inden for 9 måneder."),
    ("p", "Stk. 2. Uddannelsen foregår i arbejdstiden og uden tab af løn."),
    ("h", "Kapitel 4. Uoverensstemmelser"),
    ("h", "§ 19. Uenighed om fortolkning (kommunerne § 20)"),
    ("p", "Stk. 1. Uenighed om fortolkningen af denne aftale søges først løst lokalt i Hovedudvalget."),
    ("p", "Stk. 2. Kan uenigheden ikke løses lokalt, kan hver part inden 6 uger indbringe den for Samarbejdsnævnet."),
    ("h", "§ 20. Opsigelse (kommunerne § 21)"),
    ("p", "Stk. 1. Aftalen kan opsiges af hver part med 6 måneders varsel til den 1. april."),
]


def write(path: Path) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    for kind, text in TEXT:
        if kind == "h":
            pdf.set_font("Helvetica", "B", 12)
            pdf.ln(3)
        else:
            pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, text)
        pdf.ln(2)
    pdf.output(str(path))


if __name__ == "__main__":
    write(Path(__file__).parent / "region" / "regionsaftale-fjordland.pdf")
