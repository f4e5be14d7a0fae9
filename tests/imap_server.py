"""A real IMAP server for the tests: Dovecot from Debian, on 127.0.0.1 and a free
port, implicit TLS with a throwaway certificate from trustme, one passwd-file
user, a Maildir in a temporary folder. `make test` installs dovecot-imapd
(as root, when missing); without it the IMAP tests are skipped with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists()
                                       else None)
USER, PASSWORD = "todobot", "s3cret-for-tests"


def _why_not() -> str:
    if DOVECOT is None:
        return ("dovecot is not installed: `make test` installs dovecot-imapd when run as "
                "root on Debian")
    if os.geteuid() != 0:
        return "dovecot's test server runs as root (it switches to its own users)"
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return "the dovecot and dovenull users are missing (install dovecot-imapd)"
    version = subprocess.run([DOVECOT, "--version"], capture_output=True, text=True).stdout
    if not version.startswith("2.3."):  # Debian bookworm's; 2.4 renamed most settings
        return f"the test server's dovecot.conf is written for Dovecot 2.3, found {version!r}"
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ImapServer:
    port: int  # implicit TLS
    starttls_port: int  # plain IMAP that must STARTTLS before login
    ca_file: str
    maildir: Path
    uid: int
    gid: int

    def deliver(self, raw: bytes, folder: str = "") -> None:
        """A mail into the user's Maildir, as an MDA would put it there."""
        base = self.maildir / (f".{folder}" if folder else "")
        for sub in ("tmp", "new", "cur"):
            (base / sub).mkdir(parents=True, exist_ok=True)
            os.chown(base / sub, self.uid, self.gid)
        os.chown(base, self.uid, self.gid)
        name = f"{time.time_ns()}.{os.getpid()}.test"
        (base / "tmp" / name).write_bytes(raw)
        os.chown(base / "tmp" / name, self.uid, self.gid)
        os.rename(base / "tmp" / name, base / "new" / name)

    user: str = USER
    password: str = PASSWORD

    def wipe(self) -> None:
        """Delete the Maildir and Dovecot's index: the folder is rebuilt, with a new
        UIDVALIDITY (Dovecot takes the clock's second, which a fast test may share
        with the old one, so the new list says it)."""
        shutil.rmtree(self.maildir)
        self.maildir.mkdir()
        os.chown(self.maildir, self.uid, self.gid)
        uidlist = self.maildir / "dovecot-uidlist"
        uidlist.write_text(f"3 V{int(time.time()) + 1000} N1\n")
        os.chown(uidlist, self.uid, self.gid)


def _config(root: Path, port: int, plain: int, cert: Path, key: Path, uid: int, gid: int
            ) -> str:
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = yes
auth_mechanisms = plain
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = {uid}
mail_location = maildir:{root}/mail
service imap-login {{
  inet_listener imap {{
    port = {plain}
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
"""


def start(tmp_root: Path) -> Iterator[ImapServer]:
    import trustme

    why = _why_not()
    if why:
        pytest.skip(why)
    root = Path(tempfile.mkdtemp(prefix="todobot-imap-", dir="/tmp"))
    root.chmod(0o755)  # dovecot's own users read the config and the mail below it
    user = pwd.getpwnam("dovecot")
    uid, gid = user.pw_uid, user.pw_gid
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(root / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    ca_file = tmp_root / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    for sub in ("run", "state", "home", "mail"):
        (root / sub).mkdir()
    os.chown(root / "home", uid, gid)
    os.chown(root / "mail", uid, gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port, plain = _free_port(), _free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port, plain, root / "cert.pem", root / "key.pem", uid, gid))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    try:
        for _ in range(200):  # readiness, not a timing assertion: wait for the port
            if process.poll() is not None:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() \
                    else ""
                out = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"dovecot exited: {out}{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield ImapServer(port, plain, str(ca_file), root / "mail", uid, gid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def imap_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ImapServer]:
    """One server per test module: starting and stopping Dovecot takes a second."""
    yield from start(tmp_path_factory.mktemp("imap"))
