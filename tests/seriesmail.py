"""Mail as git-send-email and list readers write it, a public-inbox v2 mirror and a
tree built with real `git fast-import`: the real formats the series tests read.

Every name, address and patch here is made up for the tests.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

LIST = "xen-devel@lists.example.org"
START = datetime(2024, 2, 5, 9, 0, tzinfo=UTC)


def _date(day: float) -> str:
    return format_datetime(START + timedelta(days=day))


def patch_mail(author: str, mid: str, subject: str, body: str, *, day: float = 0,
               reply_to: str = "", refs: tuple[str, ...] = ()) -> bytes:
    """A patch or cover letter as git-send-email 2.x sends it."""
    head = [f"From: {author}", f"To: {LIST}", f"Subject: {subject}", f"Date: {_date(day)}",
            f"Message-Id: <{mid}>", "X-Mailer: git-send-email 2.43.0"]
    if reply_to:
        head += [f"In-Reply-To: <{reply_to}>",
                 "References: " + " ".join(f"<{r}>" for r in (refs or (reply_to,)))]
    head += ["MIME-Version: 1.0", "Content-Transfer-Encoding: 8bit"]
    return ("\n".join(head) + "\n\n" + body).encode()


def diff(path: str, line: str) -> str:
    return (f"---\n {path} | 1 +\n 1 file changed, 1 insertion(+)\n\n"
            f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n"
            f"+++ b/{path}\n@@ -1,3 +1,4 @@\n context\n+{line}\n context\n--\n2.43.0\n\n")


def reply_mail(sender: str, mid: str, subject: str, parent: str, words: str, *,
               day: float = 0, quoted: str = "some hunk of the patch",
               refs: tuple[str, ...] = ()) -> bytes:
    """A reviewer's reply, Thunderbird style: attribution, quote, own words, trailers."""
    head = [f"From: {sender}", f"To: {LIST}", f"Subject: Re: {subject}",
            f"Date: {_date(day)}", f"Message-ID: <{mid}>", f"In-Reply-To: <{parent}>",
            "References: " + " ".join(f"<{r}>" for r in (*refs, parent)),
            "User-Agent: Mozilla Thunderbird", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 7bit"]
    body = f"On {_date(day - 1)}, somebody wrote:\n> {quoted}\n\n{words}\n"
    return ("\n".join(head) + "\n\n" + body).encode()


@dataclass
class Series:
    """One version of a made-up series: a cover letter and n patches."""

    author: str
    slug: str
    title: str
    version: int
    patches: tuple[str, ...]
    prefix: str = "PATCH"
    day: float = 0
    tag: str = ""  # "for-4.19"

    def _mid(self, number: int) -> str:
        return f"{self.slug}-v{self.version}-{number}@dev.example.org"

    @property
    def cover_id(self) -> str:
        return self._mid(0)

    def patch_id(self, number: int) -> str:
        return self._mid(number)

    def label(self, number: int) -> str:
        words = [self.prefix] + ([self.tag] if self.tag else [])
        if self.version > 1:
            words.append(f"v{self.version}")
        total = len(self.patches)
        words.append(f"{number:0{len(str(total))}d}/{total}")
        return "[" + " ".join(words) + "]"

    def subject(self, number: int) -> str:
        return f"{self.label(number)} {self.title if number == 0 else self.patches[number - 1]}"

    def mails(self, trailers: str = "") -> list[bytes]:
        out = [patch_mail(self.author, self.cover_id, self.subject(0),
                          f"This series does {self.title.lower()}.\n\n"
                          f"Changes in v{self.version}:\n - rebased\n\n", day=self.day)]
        for number, title in enumerate(self.patches, 1):
            body = (f"Explain {title}.\n\nSigned-off-by: {self.author}\n{trailers}"
                    + diff(f"xen/{self.slug}{number}.c", title))
            out.append(patch_mail(self.author, self.patch_id(number), self.subject(number),
                                  body, day=self.day + number / 1000,
                                  reply_to=self.cover_id))
        return out


def git(path: Path, *args: str, data: bytes | None = None) -> str:
    return subprocess.run(["git", *args], cwd=path, input=data, capture_output=True,
                          check=True).stdout.decode()


def write_inbox(root: Path, mails: list[bytes], epoch: int = 0) -> Path:
    """Append mails to epoch `epoch` of a public-inbox v2 mirror (one commit each,
    the message as the file `m`), with one `git fast-import`."""
    repo = root / "git" / f"{epoch}.git"
    if not repo.exists():
        repo.mkdir(parents=True)
        git(repo, "init", "--bare", "-q", "-b", "master")
    has_head = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=repo,
                              capture_output=True).returncode == 0
    # commit times grow as a real archive's do (git's walks stop early on them)
    before = int(git(repo, "rev-list", "--count", "HEAD")) if has_head else 0
    stream = bytearray()
    for number, raw in enumerate(mails):
        stamp = 1_700_000_000 + 60 * (before + number)
        stream += (b"commit refs/heads/master\n"
                   b"author A U Thor <a@example.org> %d +0000\n"
                   b"committer public-inbox <pi@example.org> %d +0000\n"
                   b"data 4\nmail\n" % (stamp, stamp))
        if number == 0 and has_head:
            stream += b"from refs/heads/master^0\n"
        stream += b"M 100644 inline m\ndata %d\n%s\n" % (len(raw), raw)
    git(repo, "fast-import", "--quiet", data=bytes(stream))
    return root


def make_tree(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "staging")
    git(path, "config", "user.name", "Com Mitter")
    git(path, "config", "user.email", "committer@example.org")
    git(path, "commit", "-q", "--allow-empty", "-m", "Initial commit")
    return path


def commit(path: Path, subject: str, body: str = "") -> str:
    git(path, "commit", "-q", "--allow-empty", "-m", subject + ("\n\n" + body if body else ""))
    return git(path, "rev-parse", "HEAD").strip()
