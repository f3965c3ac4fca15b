"""Profiles: validation, CV import from every supported format, isolation."""

from __future__ import annotations

import pytest

from careercopilot.domain.profile import RemotePreference
from careercopilot.errors import BadInput


def test_update_cleans_and_validates(services, alice):
    profile = services.profiles.update(
        alice, skills="Python, SQL,  ,Python", remote_preference="Remote", salary_floor="90000",
        salary_currency="eur", target_titles=["Data \x1b[31mEngineer"],
    )
    assert profile.skills == ("Python", "SQL")
    assert profile.remote_preference is RemotePreference.REMOTE
    assert (profile.salary_floor, profile.salary_currency) == (90000, "EUR")
    assert profile.target_titles == ("Data Engineer",)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"remote_preference": "moon"}, "remote_preference"), ({"salary_floor": "lots"}, "salary_floor"),
     ({"salary_currency": "euro"}, "currency"), ({"favourite_colour": "red"}, "not a profile field"),
     ({"years_experience": "-2"}, "negative")],
)
def test_bad_values_name_the_field_and_change_nothing(services, alice, changes, message):
    before = services.profiles.update(alice, skills="Go")
    with pytest.raises(BadInput, match=message):
        services.profiles.update(alice, skills="Rust", **changes)
    assert services.profiles.get(alice) == before


def test_cv_import_reads_txt_md_docx_and_pdf(services, alice, tmp_path):
    from docx import Document

    (tmp_path / "cv.md").write_text("# Jane\nBuilt *pipelines* in Python", encoding="utf-8")
    assert "pipelines" in services.profiles.import_cv(alice, tmp_path / "cv.md").cv_text
    doc = Document()
    doc.add_paragraph("Led a team of five analysts")
    doc.save(tmp_path / "cv.docx")
    assert "team of five" in services.profiles.import_cv(alice, tmp_path / "cv.docx").cv_text
    _write_pdf(tmp_path / "cv.pdf", "Shipped the billing platform")
    profile = services.profiles.import_cv(alice, tmp_path / "cv.pdf")
    assert "billing platform" in profile.cv_text and profile.cv_filename == "cv.pdf"


def test_a_broken_cv_file_is_refused_and_keeps_the_old_cv(services, alice, tmp_path):
    (tmp_path / "cv.txt").write_text("Original CV text", encoding="utf-8")
    services.profiles.import_cv(alice, tmp_path / "cv.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "cv.odt").write_bytes(b"x")
    for bad, message in ((tmp_path / "broken.pdf", "could not be read|no text"), (tmp_path / "cv.odt", "supported"),
                         (tmp_path / "missing.txt", "There is no file .*missing.txt for the CV")):
        with pytest.raises(BadInput, match=message):
            services.profiles.import_cv(alice, bad)
    assert services.profiles.get(alice).cv_text == "Original CV text"


def test_profiles_are_isolated(services, alice, bob):
    services.profiles.update(alice, skills="Python")
    services.profiles.update(bob, skills="Excel")
    assert services.profiles.get(alice).skills == ("Python",)
    assert services.profiles.get(bob).skills == ("Excel",)


def _write_pdf(path, text: str) -> None:
    """A minimal one-page PDF with real text, written by hand so the test needs no PDF writer."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
