"""config and db commands, and what a broken config file does."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest


def test_config_init_show_and_path(cli, isolated_home):
    assert cli("config", "path").stdout.strip() == str(isolated_home / "config.toml")
    assert cli("config", "init").exit_code == 0
    assert (isolated_home / "config.toml").read_text() == (
        __import__("careercopilot.config", fromlist=["x"]).example_config())
    assert cli("config", "init").exit_code == 2  # never overwrites without --force
    shown = json.loads(cli("config", "show", "--json").stdout)
    assert shown["auth"]["session_hours"] == 24.0


def test_example_config_in_the_package_matches_the_one_at_the_top():
    from pathlib import Path

    from careercopilot.config import example_config

    top = Path(__file__).parents[2] / "config.example.toml"
    assert example_config() == top.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[auth\n", "line 1"),
        ("[auth]\nsession_hours = 'soon'\n", "'session_hours' must be a positive number"),
        ("[auth]\nsesion_hours = 3\n", "unknown key 'sesion_hours'"),
        ("[database]\nurl = 'mysql://root@localhost/x'\n", "only sqlite and postgresql"),
        ("[database]\nurl = 'not a url'\n", "not a database URL"),
        ("[weather]\nsunny = true\n", "unknown section [weather]"),
        ("[notifications]\ndesktop = ['gossip']\n", "unknown kind 'gossip'"),
    ],
)
def test_a_broken_config_names_the_problem_exits_2_and_changes_nothing(cli, isolated_home, content, expected):
    cli("user", "register", "-u", "alice", "-e", "alice@example.org", "--password-stdin", input="tulip-harbour-42\n")
    config = isolated_home / "config.toml"
    config.write_text(content, encoding="utf-8")
    before = _users(isolated_home)
    result = cli("whoami")
    assert result.exit_code == 2
    assert str(config) in result.stderr and expected in result.stderr
    assert result.stderr.count("\n") == 1  # one sentence, no traceback
    assert config.read_text(encoding="utf-8") == content
    assert _users(isolated_home) == before


def test_an_unreachable_database_server_is_one_sentence_and_exit_1(cli, monkeypatch):
    pytest.importorskip("psycopg")
    # Nothing listens on port 1: the driver's several-line explanation comes down to its first line.
    monkeypatch.setenv("CAREERCOPILOT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    result = cli("whoami")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: The database cannot be reached: ") and "refused" in result.stderr
    assert result.stderr.count("\n") == 1 and "?." not in result.stderr


def test_explicit_config_flag_and_env_database_url(cli, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.db"
    monkeypatch.setenv("CAREERCOPILOT_DATABASE_URL", f"sqlite:///{other}")
    assert cli("db", "path").stdout.strip() == str(other)
    missing = cli("--config", str(tmp_path / "nope.toml"), "db", "path")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_db_upgrade_backup_and_path(signed_in, isolated_home, tmp_path):
    assert signed_in("db", "upgrade").stdout.strip() == "Database is up to date."
    target = tmp_path / "backup.db"
    assert signed_in("db", "backup", str(target)).exit_code == 0
    assert (target.stat().st_mode & 0o777) == 0o600
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT username FROM users").fetchall() == [("alice",)]
    assert signed_in("db", "backup", str(isolated_home / "careercopilot.db")).exit_code == 2


def _users(home) -> list:
    with sqlite3.connect(home / "careercopilot.db") as conn:
        return conn.execute("SELECT id, username, password_hash FROM users").fetchall()


def test_config_show_never_prints_a_board_api_key(cli, isolated_home, monkeypatch):
    monkeypatch.setenv("REED_API_KEY", "reed-secret-123")
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("[boards.reed]\nmax_pages = 2\n", encoding="utf-8")
    for args in (("config", "show"), ("config", "show", "--json")):
        result = cli(*args)
        assert result.exit_code == 0 and "reed" in result.stdout
        assert "reed-secret-123" not in result.output


def test_bare_command_with_a_broken_config_exits_2_before_opening_the_tui(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text("[tui]\ntheme = 3\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "careercopilot"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CAREERCOPILOT_HOME": str(isolated_home)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: Config file {isolated_home / 'config.toml'}: [tui] key 'theme' must be a string, not 3."]


def test_config_set_changes_one_setting_and_refuses_a_bad_one(cli, isolated_home):
    assert cli("config", "init").exit_code == 0
    config = isolated_home / "config.toml"
    before = config.read_text(encoding="utf-8")
    result = cli("config", "set", "tui.theme", "nord")
    assert result.exit_code == 0 and "Set tui.theme" in result.output
    assert json.loads(cli("config", "show", "--json").stdout)["tui"]["theme"] == "nord"
    assert config.read_text(encoding="utf-8") == before.replace('theme = "textual-dark"', 'theme = "nord"')
    refused = cli("config", "set", "auth.session_hours", "soon")
    assert refused.exit_code == 2 and "must be a positive number" in refused.output
    assert json.loads(cli("config", "show", "--json").stdout)["auth"]["session_hours"] == 24.0


def test_output_cut_short_by_its_reader_is_no_error(signed_in):
    # A process of its own keeps its session in the data dir's file: no keyring is shared with this one.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    command = [sys.executable, "-m", "careercopilot"]
    subprocess.run([*command, "login", "-u", "alice", "--password-stdin"], input="tulip-harbour-42\n", text=True,
                   env=env, check=True, capture_output=True, timeout=60)
    # As `careercopilot dashboard layout show | head -1` once head has gone: the pipe closes before any write.
    reader, writer = os.pipe()
    os.close(reader)
    result = subprocess.run([*command, "dashboard", "layout", "show"], stdout=writer, stderr=subprocess.PIPE,
                            text=True, timeout=60, env=env)
    os.close(writer)
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


def _config_with_database_url(home, url: str):
    home.mkdir(parents=True, exist_ok=True)
    config = home / "config.toml"
    config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    return config


# Port 1: should a URL get past the check, nothing answers there, so no test ever writes to a real server.
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:1/", "names no database; expected postgresql+psycopg://"),
        ("postgresql+psycopg2://postgres@127.0.0.1:1/cc", "must use the psycopg driver"),
        ("postgresql+psycopg://postgres@127.0.0.1:notaport/cc", "has a port that is not a number"),
        ("sqlite:///", "names no database file, so nothing would be saved"),
        ("sqlite:///:memory:", "names no database file, so nothing would be saved"),
    ],
)
def test_a_database_url_that_cannot_work_is_a_config_error(cli, isolated_home, url, expected):
    config = _config_with_database_url(isolated_home, url)
    result = cli("db", "upgrade")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: Config file {config}: key 'database.url' {expected}")
    assert result.stderr.count("\n") == 1 and "Database upgraded" not in result.stdout


def test_an_unknown_postgresql_option_is_one_sentence_and_exit_2(cli, isolated_home):
    pytest.importorskip("psycopg")
    _config_with_database_url(isolated_home, "postgresql+psycopg://postgres@127.0.0.1:1/cc?foo=bar")
    result = cli("db", "upgrade")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [database] url has an unknown option 'foo'; ")
    assert result.stderr.count("\n") == 1 and "sqlalche.me" not in result.stderr
    # libpq's own options still get through to connecting.
    _config_with_database_url(isolated_home, "postgresql+psycopg://postgres@127.0.0.1:1/cc?connect_timeout=2")
    unreachable = cli("db", "upgrade")
    assert unreachable.exit_code == 1 and "The database cannot be reached" in unreachable.stderr


def test_a_database_file_that_is_not_sqlite_is_named_and_left_alone(cli, isolated_home):
    isolated_home.mkdir(parents=True)
    database = isolated_home / "careercopilot.db"
    garbage = bytes(range(256)) * 20
    database.write_bytes(garbage)
    result = cli("whoami")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {database} is not a Career Copilot database (not SQLite); restore a backup or "
                             "point [database] url elsewhere.\n")
    assert database.read_bytes() == garbage


@pytest.mark.parametrize("where", ["file", "under a file"])
def test_a_data_dir_that_cannot_be_a_folder_is_one_sentence_and_exit_2(cli, tmp_path, monkeypatch, where):
    plain = tmp_path / "plain"
    plain.write_text("not a folder", encoding="utf-8")
    home = plain if where == "file" else plain / "home"
    monkeypatch.setenv("CAREERCOPILOT_HOME", str(home))
    result = cli("whoami")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: Cannot use the folder {home}: ")
    assert "CAREERCOPILOT_HOME" in result.stderr and result.stderr.count("\n") == 1
    assert plain.read_text(encoding="utf-8") == "not a folder"


def test_a_data_dir_in_a_read_only_folder_is_one_sentence_and_exit_2(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("CAREERCOPILOT_HOME", str(locked / "home"))
    result = run_as_user("whoami", check=False)
    locked.chmod(0o700)
    assert result.returncode == 2
    assert result.stderr == (f"Error: Cannot use the folder {locked / 'home'}: Permission denied; point "
                             "CAREERCOPILOT_HOME (or [database] url) at a writable folder.\n")


def test_config_set_refuses_a_theme_the_tui_does_not_offer(cli, isolated_home):
    assert cli("config", "init").exit_code == 0
    config = isolated_home / "config.toml"
    before = config.read_text(encoding="utf-8")
    refused = cli("config", "set", "tui.theme", "bogus")
    assert refused.exit_code == 2
    assert "[tui] key 'theme' must be one of " in refused.stderr and "not 'bogus'" in refused.stderr
    assert config.read_text(encoding="utf-8") == before


def test_db_backup_refuses_the_live_database_s_own_files(signed_in, isolated_home, tmp_path):
    database = isolated_home / "careercopilot.db"
    link = tmp_path / "hard-link.db"
    os.link(database, link)
    with sqlite3.connect(database) as reader:  # open, as the TUI would be: the -wal and -shm files exist
        assert reader.execute("SELECT count(*) FROM users").fetchone() == (1,)
        wal = database.with_name("careercopilot.db-wal")
        assert wal.exists()
        for target in (wal, database.with_name("careercopilot.db-shm"),
                       database.with_name("careercopilot.db-journal"), link):
            result = signed_in("db", "backup", str(target))
            assert result.exit_code == 2, target
            assert result.stderr.startswith(f"Error: Cannot back up onto {target}: it is the live database")
        assert wal.exists() and not database.with_name("careercopilot.db-journal").exists()
    assert signed_in("whoami").exit_code == 0


def test_a_database_password_is_never_shown(cli, isolated_home):
    _config_with_database_url(isolated_home, "postgresql+psycopg://postgres:S3cretPW@127.0.0.1:1/cc")
    for args in (("db", "path"), ("config", "show"), ("config", "show", "--json")):
        result = cli(*args)
        assert result.exit_code == 0, args
        assert "postgres:***@127.0.0.1:1/cc" in result.stdout and "S3cretPW" not in result.output, args
    _config_with_database_url(isolated_home, "postgresql-psycopg://postgres:S3cretPW@127.0.0.1:1/cc")
    refused = cli("config", "show")
    assert refused.exit_code == 2 and "is not a database URL" in refused.stderr and "S3cretPW" not in refused.output


def test_a_damaged_database_file_is_one_sentence_pointing_at_a_backup(signed_in, isolated_home):
    database = isolated_home / "careercopilot.db"
    data = bytearray(database.read_bytes())
    data[12_288:160_000] = bytes(range(256)) * ((min(len(data), 160_000) - 12_288) // 256 + 1)
    database.write_bytes(bytes(data[:len(database.read_bytes())]))
    result = signed_in("apps", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: The database file is damaged (") and "db backup" in result.stderr
    assert result.stderr.count("\n") == 1 and "sqlalche.me" not in result.stderr


def test_a_locked_database_is_waited_for_once_then_called_busy(signed_in, isolated_home, monkeypatch):
    import sqlite3

    import careercopilot.db.engine as engine
    import careercopilot.db.sqlite_setup as setup
    import careercopilot.services.quick_summary as quick

    for module in (engine, setup, quick):  # a test need not wait the whole 10 s
        monkeypatch.setattr(module, "BUSY_TIMEOUT_MS", 300)
    added = signed_in("apps", "add", "--company", "Acme", "--title", "Dev", "--stage", "applied")
    assert added.exit_code == 0, added.stderr
    holder = sqlite3.connect(isolated_home / "careercopilot.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a scrape storing a board, say
    try:
        # The summary must first derive the new application's figures, which needs the write lock.
        for command in (("analytics", "summary", "--json"), ("apps", "move", "1", "screening")):
            result = signed_in(*command)
            assert result.exit_code == 1, command
            assert result.stderr.startswith("Error: The database is busy: ") and result.stderr.count("\n") == 1
    finally:
        holder.close()
    assert signed_in("analytics", "summary", "--json").exit_code == 0


def test_a_read_only_database_is_one_sentence_and_left_alone(isolated_home):
    # The summary must first derive the new application's figures, which it cannot write.
    run_as_user("user", "register", "-u", "zoe", "-e", "zoe@example.org", "--password-stdin",
                stdin="tulip-harbour-42\n")
    run_as_user("login", "-u", "zoe", "--password-stdin", stdin="tulip-harbour-42\n")
    run_as_user("apps", "add", "--company", "Acme", "--title", "Dev", "--stage", "applied")
    database = isolated_home / "careercopilot.db"
    database.chmod(0o444)
    before = database.read_bytes()
    for command in (("analytics", "summary", "--json"), ("apps", "move", "1", "screening")):
        result = run_as_user(*command, check=False)
        assert result.returncode == 1, command
        assert result.stderr.startswith("Error: The database cannot be written: its file or folder is read-only")
        assert result.stderr.count("\n") == 1
    assert database.read_bytes() == before


def run_as_user(*args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`careercopilot ARGS` in a process of its own, bound by file modes even when the tests run as root (as CI
    does): setpriv drops root's right to write through them."""
    command = [sys.executable, "-m", "careercopilot", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv, which would make root obey file modes")
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
    # Its own process keeps its session in the data dir's file: no keyring is shared with this one.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=120)
    assert not check or result.returncode == 0, result.stderr
    return result
