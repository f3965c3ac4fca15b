"""The account commands as a script would use them: exit codes, one-sentence errors, JSON."""

from __future__ import annotations

import json


def test_register_login_whoami_logout(cli):
    result = cli("user", "register", "-u", "alice", "-e", "alice@example.org", "--password-stdin",
                 input="tulip-harbour-42\n")
    assert result.exit_code == 0 and "admin account 'alice'" in result.stdout
    assert "tulip-harbour-42" not in result.output  # never echoed
    assert cli("whoami").exit_code == 3
    login = cli("login", "-u", "alice@example.org", "--password-stdin", input="tulip-harbour-42\n")
    assert login.exit_code == 0 and "Signed in as alice" in login.stdout
    who = cli("whoami", "--json")
    assert who.exit_code == 0
    assert json.loads(who.stdout)["username"] == "alice"
    assert cli("logout").exit_code == 0
    after = cli("whoami")
    assert after.exit_code == 3 and "careercopilot login" in after.stderr


def test_wrong_password_and_unknown_user_look_the_same(signed_in):
    wrong = signed_in("login", "-u", "alice", "--password-stdin", input="nope-nope-nope\n")
    unknown = signed_in("login", "-u", "mallory", "--password-stdin", input="nope-nope-nope\n")
    assert wrong.exit_code == unknown.exit_code == 3
    assert wrong.stderr == unknown.stderr == "Error: Invalid username or password.\n"


def test_refused_password_at_sign_up_exits_2_with_the_reason(cli):
    result = cli("user", "register", "-u", "bob", "-e", "bob@example.org", "--password-stdin", input="password1\n")
    assert result.exit_code == 2
    assert "most common passwords" in result.stderr


def test_login_no_store_keeps_nothing(cli):
    cli("user", "register", "-u", "alice", "-e", "alice@example.org", "--password-stdin", input="tulip-harbour-42\n")
    assert cli("login", "-u", "alice", "--no-store", "--password-stdin", input="tulip-harbour-42\n").exit_code == 0
    assert cli("whoami").exit_code == 3


def test_admin_commands_and_broadcast(signed_in):
    signed_in("user", "register", "-u", "bob", "-e", "bob@example.org", "--password-stdin",
              input="granite-lantern-77\n")
    users = signed_in("admin", "users", "--json")
    assert [u["username"] for u in json.loads(users.stdout)] == ["alice", "bob"]
    assert signed_in("admin", "disable", "bob").exit_code == 0
    assert signed_in("login", "-u", "bob", "--no-store", "--password-stdin",
                     input="granite-lantern-77\n").exit_code == 3
    assert signed_in("admin", "enable", "bob").exit_code == 0
    assert signed_in("admin", "broadcast", "Upgrade tonight").stdout.strip() == "Sent to 2 users."
    listed = json.loads(signed_in("notifications", "list", "--json").stdout)
    assert listed[0]["kind"] == "system" and listed[0]["title"] == "Upgrade tonight"
    assert signed_in("admin", "disable", "ghost").exit_code == 1


def test_a_plain_user_is_denied_admin_commands(signed_in):
    signed_in("user", "register", "-u", "bob", "-e", "bob@example.org", "--password-stdin",
              input="granite-lantern-77\n")
    signed_in("login", "-u", "bob", "--password-stdin", input="granite-lantern-77\n")
    result = signed_in("admin", "users")
    assert result.exit_code == 3 and "administrator" in result.stderr


def test_a_plain_user_is_refused_a_password_reset_before_any_prompt(signed_in):
    signed_in("user", "register", "-u", "bob", "-e", "bob@example.org", "--password-stdin",
              input="granite-lantern-77\n")
    signed_in("login", "-u", "bob", "--password-stdin", input="granite-lantern-77\n")
    result = signed_in("admin", "reset-password", "alice", input="cobalt-meadow-31\ncobalt-meadow-31\n")
    assert result.exit_code == 3 and "New password" not in result.stdout
    assert result.stderr.strip() == "Error: Only an administrator can do that."  # one sentence, nothing asked
    assert signed_in("login", "-u", "alice", "--no-store", "--password-stdin",
                     input="tulip-harbour-42\n").exit_code == 0  # her password is unchanged
