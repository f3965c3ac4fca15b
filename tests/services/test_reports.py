"""Report exports of a real report: what the PDF shows reads back whole."""

from __future__ import annotations

import dataclasses

from careercopilot.domain.analytics import Recommendation
from careercopilot.services.reports import ReportFormat, export


def test_a_pdf_cell_taller_than_a_page_continues_on_the_next_rows(services, alice, tmp_path):
    from pypdf import PdfReader

    words = [f"w{i}" for i in range(3000)]  # wraps to far more lines than one page holds
    report = services.analytics.report(alice)
    long_advice = Recommendation(" ".join(words), "a test of the PDF layout")
    report = dataclasses.replace(report, outlook=dataclasses.replace(report.outlook, recommendations=(long_advice,)))
    (path,) = export(report, ReportFormat.PDF, tmp_path / "report.pdf")
    shown = "\n".join(page.extract_text() for page in PdfReader(path).pages).split()
    assert set(words) <= set(shown) and "layout" in shown
