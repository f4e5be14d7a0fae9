"""The IMAP source against a real Dovecot on 127.0.0.1 over TLS: only new mail is
fetched (UIDVALIDITY and the last UID remembered), a rebuilt folder is read
again, nothing is marked as read, and a wrong password is one line."""

from __future__ import annotations

import imaplib
import ssl
import subprocess
import sys
from pathlib import Path

from seriesmail import Series, reply_mail

from bot.config import parse_config
from bot.release import Store
from bot.series import run_sync
from bot.series import store as db

pytest_plugins = ["imap_server"]
DEV = "Dee Veloper <dee@dev.example.org>"
WIDGET = Series(DEV, "widget", "x86: a faster widget", 1, ("x86: widget core", "x86: widget"))


USER, PASSWORD = "todobot", "s3cret-for-tests"  # the test server's user (imap_server.py)


def config_text(tmp: Path, port: int, ca: str, secret: str = "password_env = "
                "\"TODOBOT_IMAP_PASSWORD\"") -> str:
    return f"""
[list]
name = "xen-devel"
address = "xen-devel@lists.example.org"
[release]
name = "4.19"
subject = "Xen 4.19 release status tracking list"
[bot]
address = "todobot@example.org"
[store]
database = "{tmp / 'store.sqlite'}"
[[sources]]
kind = "imap"
name = "list-folder"
host = "127.0.0.1"
port = {port}
security = "tls"
username = "{USER}"
{secret}
cert_bundle = "{ca}"
timeout = 10
[[people]]
name = "Rel Manager"
role = "rm"
addresses = ["rm@example.org"]
"""


def test_only_new_mail_is_fetched_and_a_rebuilt_folder_is_read_again(
        tmp_path: Path, imap_server, monkeypatch) -> None:
    monkeypatch.setenv("TODOBOT_IMAP_PASSWORD", PASSWORD)
    for raw in WIDGET.mails():
        imap_server.deliver(raw)
    path = tmp_path / "todobot.toml"
    path.write_text(config_text(tmp_path, imap_server.port, imap_server.ca_file))
    config = parse_config(path.read_text(), path)
    with Store.open(config.database_path()) as store:
        first = run_sync(store, config)
        assert first.problems == [] and sum(first.mails.values()) == 3 and first.patches == 3
        validity, last = db.position(store, "imap:list-folder").split(":")
        assert int(last) == 3
        assert sum(run_sync(store, config).mails.values()) == 0
        imap_server.deliver(reply_mail("Re Viewer <rev@example.org>", "rv@example.org",
                                       WIDGET.subject(1), WIDGET.patch_id(1),
                                       "Reviewed-by: Re Viewer <rev@example.org>"))
        third = run_sync(store, config)
        assert sum(third.mails.values()) == 1 and third.events == 1
        imap_server.wipe()
        imap_server.deliver(WIDGET.mails()[0])
        fourth = run_sync(store, config)  # a new UIDVALIDITY: read again, the store dedups
        assert fourth.mails == {"duplicate": 1}
        assert db.position(store, "imap:list-folder").split(":")[0] != validity
    context = ssl.create_default_context(cafile=imap_server.ca_file)
    with imaplib.IMAP4_SSL("127.0.0.1", imap_server.port, ssl_context=context) as client:
        client.login(USER, PASSWORD)
        client.select("INBOX")
        assert client.search(None, "UNSEEN")[1][0].split() == [b"1"]  # EXAMINE + PEEK


def test_a_wrong_password_is_one_line_and_exit_75(tmp_path: Path, imap_server) -> None:
    (tmp_path / "pw").write_text("not-the-password\n")
    path = tmp_path / "todobot.toml"
    path.write_text(config_text(tmp_path, imap_server.port, imap_server.ca_file,
                                'password_file = "pw"'))
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(path), "sync"],
                          capture_output=True, text=True)
    assert done.returncode == 75, done.stderr
    assert "list-folder: imap 127.0.0.1" in done.stderr and "Traceback" not in done.stderr


def test_an_untrusted_certificate_is_refused(tmp_path: Path, imap_server) -> None:
    (tmp_path / "pw").write_text(PASSWORD)
    path = tmp_path / "todobot.toml"
    text = config_text(tmp_path, imap_server.port, imap_server.ca_file, 'password_file = "pw"')
    path.write_text(text.replace(f'cert_bundle = "{imap_server.ca_file}"\n', ""))
    config = parse_config(path.read_text(), path)
    with Store.open(config.database_path()) as store:
        report = run_sync(store, config)
    assert len(report.problems) == 1 and "CERTIFICATE_VERIFY_FAILED" in report.problems[0]


def test_starttls_and_a_missing_folder(tmp_path: Path, imap_server) -> None:
    (tmp_path / "pw").write_text(PASSWORD)
    path = tmp_path / "todobot.toml"
    text = config_text(tmp_path, imap_server.starttls_port, imap_server.ca_file,
                       'password_file = "pw"').replace('security = "tls"',
                                                       'security = "starttls"')
    path.write_text(text)
    config = parse_config(text, path)
    with Store.open(config.database_path()) as store:
        assert run_sync(store, config).problems == []
        assert db.position(store, "imap:list-folder")
    path.write_text(text.replace("timeout = 10", 'timeout = 10\nfolder = "No Such Folder"'))
    config = parse_config(path.read_text(), path)
    with Store.open(config.database_path()) as store:
        report = run_sync(store, config)
    assert len(report.problems) == 1 and "No Such Folder" in report.problems[0]
