"""The skills taxonomy: big and broad enough, synonyms resolve, and skills are found in real job text."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careercopilot.domain.skills import (
    _TOKEN,
    all_skills,
    canonical_skill,
    extract_skills,
    normalize_skills,
    skill_category,
)

BACKEND_POSTING = """
Senior Backend Engineer (Go/Kubernetes) - Berlin
We are a fast-growing fintech helping small shops go to market faster.
What you'll do: build microservices in Go and Python, deploy them on k8s (GKE) with Terraform and Helm.
Requirements:
- 5+ years with Go, PostgreSQL (or another Postgres-compatible DB), Redis and Kafka
- Experience with gRPC and CI/CD (GitHub Actions)
Nice to have: C++, C#, .NET Core, Node.js, React or TypeScript.
Benefits: dental insurance, a learning budget, R&D days and C-level exposure. Let's talk!
"""


def test_taxonomy_has_at_least_500_skills_across_tech_and_non_tech_roles():
    skills = all_skills()
    categories = Counter(skill.category for skill in skills.values())

    assert len(skills) >= 500
    for category in (
        "programming_language", "framework", "cloud", "database", "data", "devops", "security", "design",
        "product", "marketing", "sales", "finance", "healthcare", "operations", "hr", "spoken_language",
        "soft_skill",
    ):  # fmt: skip
        assert categories[category] >= 10, category


def test_no_alias_means_two_different_skills():
    raw = json.loads(resources.files("careercopilot").joinpath("data/skills.json").read_text("utf-8"))
    owners: dict[str, set[str]] = {}
    for item in raw["skills"]:
        for alias in (item["name"], *item.get("aliases", ()), *item.get("cased", ()), *item.get("contextual", ())):
            owners.setdefault(" ".join(alias.lower().split()), set()).add(item["name"])

    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("k8s", "Kubernetes"),
        ("JS", "JavaScript"),
        ("ECMAScript", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("postgresql", "PostgreSQL"),
        ("GCP", "Google Cloud"),
        ("Google Cloud Platform", "Google Cloud"),
        ("csharp", "C#"),
        ("C#", "C#"),
        ("c++", "C++"),
        ("dotnet", ".NET"),
        (".net", ".NET"),
        ("node", "Node.js"),
        ("NodeJS", "Node.js"),
        ("golang", "Go"),
        ("go", "Go"),
        ("AWS", "Amazon Web Services"),
        ("sklearn", "scikit-learn"),
        ("  Ruby   on  Rails ", "Ruby on Rails"),
        ("FP&A", "Financial planning and analysis"),
        ("Deutsch", "German"),
        ("EHR", "Electronic health records"),
    ],
)
def test_synonyms_resolve_to_one_canonical_name(typed, canonical):
    assert canonical_skill(typed) == canonical


def test_unknown_skill_has_no_canonical_name_or_category():
    assert canonical_skill("underwater basket weaving") is None
    assert skill_category("underwater basket weaving") is None
    assert skill_category("k8s") == "devops"


def test_every_skill_is_found_by_its_own_name_in_a_skills_list():
    missed = [name for name in all_skills() if name not in extract_skills(f"Skills: {name}, teamwork and more.")]

    assert missed == []


def test_extracts_the_stack_of_a_realistic_backend_posting():
    found = extract_skills(BACKEND_POSTING)

    for skill in (
        "Go", "Kubernetes", "Python", "Google Kubernetes Engine", "Terraform", "Helm", "PostgreSQL", "Redis",
        "Apache Kafka", "gRPC", "CI/CD", "GitHub Actions", "C++", "C#", ".NET", "Node.js", "React", "TypeScript",
    ):  # fmt: skip
        assert skill in found, skill
    # Benefits and business prose are not skills: no dentistry, no R from "R&D", no C from "C-level".
    assert not {"Dentistry", "R", "C"} & set(found)


def test_skills_come_back_once_in_order_of_first_mention():
    assert extract_skills("Python and SQL. More Python, then SQL again, then k8s.") == (
        "Python",
        "SQL",
        "Kubernetes",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Go to the office twice a week.",
        "We go above and beyond for customers.",
        "You excel at planning in spring.",
        "You react quickly to incidents and rest on weekends.",
        "Our R&D team reports to the C-suite.",
        "Please polish the deck and express your ideas.",
    ],
)
def test_everyday_words_that_look_like_skills_are_not_skills(text):
    assert not {"Go", "Microsoft Excel", "Spring", "React", "REST APIs", "R", "C", "Polish", "Express.js"} & set(
        extract_skills(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "I’m a co-founder of a small analytics company.",
        "Access systems (e.g., Genetec, Lenel, C•CURE, or comparable).",
        "A weekly stipend of 4,300 CAD + benefits.",
        "We offer competitive compensation and benefits.",
        "Recruiters will never ask for banking information; we may partner with recruiting agencies.",
        "Support physical-security network segmentation and greenfield construction.",
    ],
)
def test_boilerplate_seen_in_real_postings_yields_no_skill(text):
    assert extract_skills(text) == ()


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Languages: Python, Go, Rust", "Go"),
        ("You will write services in Go.", "Go"),
        ("Experience in R or Python", "R"),
        ("Embedded work in C and C++", "C"),
        ("Strong Excel skills", "Microsoft Excel"),
        ("Java / Spring Boot microservices", "Spring Boot"),
        ("Solid C/C++ knowledge", "C++"),
        ("ASP.NET MVC and Entity Framework", "ASP.NET"),
        ("CI/CD pipelines", "CI/CD"),
        ("Weights & Biases for experiments", "Weights & Biases"),
    ],
)
def test_ambiguous_and_symbol_heavy_names_are_found_in_context(text, skill):
    assert skill in extract_skills(text)


def test_non_tech_postings_yield_their_skills():
    nurse = "Registered Nurse, ICU. BLS and ACLS required; Epic EHR charting, wound care. Fluent Spanish a plus."
    marketer = "Own SEO/SEM and our go-to-market strategy in HubSpot; strong stakeholder management; P&L owner."

    assert {"Nursing", "Critical care", "Basic Life Support", "Epic Systems", "Wound care", "Spanish"} <= set(
        extract_skills(nurse)
    )
    assert {"Search engine optimization", "Search engine marketing", "Go-to-market strategy", "HubSpot"} <= set(
        extract_skills(marketer)
    )


def test_normalize_skills_canonicalises_dedupes_and_keeps_unknown_ones():
    assert normalize_skills(["python", "k8s", "Kubernetes", " Kdb+ ", "", "kdb+", "Postgres"]) == (
        "Python",
        "Kubernetes",
        "Kdb+",
        "PostgreSQL",
    )


@given(st.text(max_size=400))
def test_extraction_never_crashes_and_returns_known_names(text):
    found = extract_skills(text)

    assert len(found) == len(set(found))
    assert set(found) <= set(all_skills())


symbols = st.sampled_from(["Go", "C", "R", "C++", "C#", ".NET", "&", "-", "/", ",", " ", "\n", ".", "İ", "ß"])


@given(st.lists(symbols | st.text(max_size=3), max_size=40).map("".join))
def test_extraction_survives_symbol_soup_and_case_changing_letters(text):
    assert set(extract_skills(text)) <= set(all_skills())
    assert canonical_skill(text) in (None, *all_skills())


@given(st.lists(st.sampled_from([*"ab9_.+#-/ \n&Ä", "C++", ".NET", "node.js", "..x"]), max_size=30).map("".join))
def test_words_split_exactly_as_the_plain_token_pattern_splits_them(text):
    # The tokenizer is written for speed; this is the plain form of the same rule.
    plain = re.compile(r"\.?\w[\w+#]*(?:\.\w[\w+#]*)*")
    assert _TOKEN.findall(text) == plain.findall(text)
