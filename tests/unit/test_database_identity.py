"""The keyring names a database by its URL, never with the password in it."""

from careercopilot.db.identity import database_identity, session_secret_name


def test_password_never_reaches_the_keyring_name():
    assert database_identity("postgresql+psycopg://ann:s3cret@db.local:5433/jobs") == (
        "postgresql+psycopg://ann:***@db.local:5433/jobs")
    assert "s3cret" not in session_secret_name("postgresql+psycopg://ann:s3cret@db.local/jobs")


def test_urls_without_a_password_are_kept_whole():
    assert database_identity("sqlite:////home/ann/.local/share/careercopilot/careercopilot.db") == (
        "sqlite:////home/ann/.local/share/careercopilot/careercopilot.db")
    assert session_secret_name("sqlite:///x.db") == "session:sqlite:///x.db"


def test_a_password_given_as_a_query_option_or_beside_an_ipv6_host_is_masked_too():
    assert database_identity("postgresql+psycopg://ann@db.local/jobs?sslmode=require&password=s3cret") == (
        "postgresql+psycopg://ann@db.local/jobs?sslmode=require&password=***")
    assert database_identity("postgresql+psycopg://ann:s3cret@[::1]:5432/jobs") == (
        "postgresql+psycopg://ann:***@[::1]:5432/jobs")  # still a URL that names its host
