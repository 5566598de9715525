"""Bad files in the knowledge folder are reported and skipped; the good ones are indexed and the
run succeeds. Each fault is real: the files are made on disk, `medbot index` runs as a process."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfWriter

from bot.settings import Settings
from bot.wiring import App

ROOT = Path(__file__).parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures"
SECRET_LINE = "Fiktiv hemmelighed: adgangskoden til Kagebyens arkiv er kanelsnegl"


# root reads a chmod 000 file; without these two capabilities it cannot, like any other user
AS_USER = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def _bad_folder(tmp: Path) -> Path:
    knowledge = tmp / "knowledge"
    knowledge.mkdir()
    shutil.copy(FIXTURES / "agreement.md", knowledge / "agreement.md")
    (knowledge / "sub").mkdir()
    shutil.copy(FIXTURES / "agreement.docx", knowledge / "sub" / "agreement.docx")
    os.symlink(knowledge / "agreement.md", knowledge / "sub" / "link-inden-for.md")  # stays inside: read
    outside = tmp / "hemmelig.txt"
    outside.write_text(SECRET_LINE + "\n", encoding="utf-8")
    os.symlink(outside, knowledge / "link-ud.txt")
    os.symlink(knowledge / "findes-ikke.md", knowledge / "doedt-link.md")
    with open(os.path.join(os.fsencode(knowledge), b"d\xf8d-navn.md"), "wb") as fh:  # Latin-1 "død"
        fh.write(b"# Overskrift\n\nTekst i en fil med et navn der ikke er UTF-8.\n")
    (knowledge / "binaer.txt").write_bytes(b"\x00\x01\x02PK" * 25_000)
    (knowledge / "stor.txt").write_text("Stor fil med mange ord om ingenting. " * 40_000, encoding="utf-8")
    (knowledge / "laast.md").write_text("# Låst\n\nDenne fil kan ingen læse.\n", encoding="utf-8")
    (knowledge / "laast.md").chmod(0o000)
    pdf = PdfWriter()
    for _ in range(2001):
        pdf.add_blank_page(width=200, height=200)
    with open(knowledge / "lang.pdf", "wb") as fh:
        pdf.write(fh)
    os.mkfifo(knowledge / "roer.txt")  # reading would wait for a writer forever
    return knowledge


def _index(knowledge: Path, data: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data), MEDBOT_KNOWLEDGE=str(knowledge),
               MEDBOT_MAX_FILE_MB="1", PYTHONPATH=str(ROOT), HOME=str(data))
    return subprocess.run([*AS_USER, sys.executable, "-m", "bot", "index", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_each_bad_file_is_reported_and_the_good_ones_are_indexed(tmp_path):
    knowledge, data = _bad_folder(tmp_path), tmp_path / "data"
    done = _index(knowledge, data)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    skipped = {line.split(": ", 1)[0].removeprefix("  skipped "): line.split(": ", 1)[1]
               for line in done.stdout.splitlines() if line.startswith("  skipped ")}
    assert "uden for vidensmappen" in skipped["link-ud.txt"]
    assert "findes ikke" in skipped["doedt-link.md"]
    assert "ikke gyldigt UTF-8" in skipped["d\ufffdd-navn.md"]  # shown safely: the byte becomes �
    assert "binær" in skipped["binaer.txt"]
    assert "grænsen er 1 MB" in skipped["stor.txt"]
    assert "ingen adgang" in skipped["laast.md"]
    assert "2001 sider" in skipped["lang.pdf"]
    assert "ikke en almindelig fil" in skipped["roer.txt"]
    assert "dublet" in skipped["sub/link-inden-for.md"]  # followed (inside), found to repeat agreement.md
    assert done.stdout.startswith("Indexed 2 documents")

    served = App(Settings.from_env(dict(os.environ, MEDBOT_EMBEDDER="hash", MEDBOT_DATA=str(data),
                                         MEDBOT_KNOWLEDGE=str(knowledge))))
    documents = {u.document for u in served.store.units()}
    assert documents == {"agreement.md", "sub/agreement.docx"}
    assert not any("kanelsnegl" in u.text for u in served.store.units())


def test_a_file_that_vanishes_while_indexing_is_skipped_and_the_rest_indexed(hash_app: App, knowledge_copy):
    """The file is listed, then deleted before it is read: as when someone tidies the share mid-run."""
    victim = knowledge_copy / "agreement.pdf"

    def progress(done, total, name):
        if name == "agreement.html":  # listed in order: .docx, .html, .md, .pdf
            victim.unlink()

    report = hash_app.indexer.run(knowledge_copy, progress)
    assert report.skipped == [("agreement.pdf", "filen forsvandt under indekseringen")]
    assert report.documents == 3
    assert {u.document for u in hash_app.store.units()} == {"agreement.md", "agreement.docx", "agreement.html"}
