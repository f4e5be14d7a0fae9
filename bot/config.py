"""The configuration file (TOML): the list, the release, the people, the knobs.

Read with the standard library's `tomllib`; every key is checked here, once,
so a typo ("treshold") or a missing value fails at start with one line that
names the file, the key and what to do, instead of a KeyError in the middle
of a cron run. `config.example.toml` documents every key.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.post.change import GUESS

ENV_VAR = "TODOBOT_CONFIG"
ROLES = ("rm", "developer")



class ConfigError(ValueError):
    """The configuration cannot be used; the message is one actionable line."""


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # "rm" | "developer"
    addresses: tuple[str, ...] = ()  # lower-cased
    aliases: tuple[str, ...] = ()  # other spellings: "Jan", "Pasi KÃrkkÃinen"


@dataclass(frozen=True)
class Config:
    path: Path | None  # the file it came from; relative paths are relative to it
    list_name: str
    list_address: str
    release: str  # "4.2"
    year: int | None
    subject: str  # the thread's subject without "Re:" or the list tag
    thread_message_id: str  # the current post's Message-ID, when not read from the mail
    bot_address: str  # From of the bot's own mails; its X-Loop value
    people: tuple[Person, ...]
    apply_threshold: float = 0.7  # a listed developer's change applies at or above this
    rm_threshold: float = 0.6  # an RM's change applies at or above this
    dkim_require: bool = False
    # analysis is bounded: a bigger mail, or one with a longer line, is kept and reported
    max_mail_bytes: int = 4 * 1024 * 1024
    max_line_bytes: int = 64 * 1024
    database: str = "todobot.sqlite"  # a path, sqlite:///path, or (later) postgresql://
    busy_timeout_ms: int = 5000
    templates: str = ""
    schedule: Mapping[str, Any] = field(default_factory=dict)
    smtp: Mapping[str, Any] = field(default_factory=dict)
    send: Mapping[str, Any] = field(default_factory=dict)  # the weekly post's mail (bot.send)
    site: Mapping[str, Any] = field(default_factory=dict)  # `todobot site`, stale items
    vocabulary: tuple[Mapping[str, Any], ...] = ()  # extra phrase rules, read before ours
    sources: tuple[Mapping[str, Any], ...] = ()  # [[sources]] `todobot sync` reads (bot.series)
    tree: Mapping[str, Any] = field(default_factory=dict)  # [tree] path, branches
    series: Mapping[str, Any] = field(default_factory=dict)  # [series] committers, ...
    draft: Mapping[str, str] = field(default_factory=dict)  # house rules (bot.release.draft)

    @property
    def committers(self) -> frozenset[str]:
        """Addresses whose "applied" / "committed" / "pushed" marks a patch merged:
        [series] committers and maintainers (a maintainer applies to their tree)."""
        return frozenset(a.lower() for key in ("committers", "maintainers")
                         for a in self.series.get(key, []))

    @property
    def trust_merges(self) -> bool:
        """All patches merged applies "done" at once; else it is a proposal."""
        return bool(self.series.get("trust_merges", False))

    def relative(self, path: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        base = self.path.parent if self.path else Path.cwd()
        return (base / os.path.expanduser(path)).resolve()

    @property
    def house(self):
        """The house rules for finished, dropped and unsorted items, config over post."""
        from bot.release.draft import HouseRules

        return HouseRules.of(self.draft)

    @property
    def rules(self):
        """The reply vocabulary: this list's own rules first, then the shipped ones."""
        from bot.reply import rules_with

        return rules_with(self.vocabulary)

    @property
    def roster(self) -> dict[str, str]:
        """Lower-cased addresses, names and aliases → canonical person name."""
        table: dict[str, str] = {}
        for person in self.people:
            for key in (person.name, *person.addresses, *person.aliases):
                table[key.lower()] = person.name
        return table

    def person(self, address: str) -> Person | None:
        """Who sent a mail, by its From address only (never Reply-To)."""
        address = address.strip().lower()
        return next((p for p in self.people if address in p.addresses), None)

    @property
    def rm_addresses(self) -> frozenset[str]:
        return frozenset(a for p in self.people if p.role == "rm" for a in p.addresses)

    def database_path(self) -> str:
        """The store's file (or ":memory:"); a path or `sqlite:///` URL is relative to the
        config file. Only another database's URL (postgresql://) comes back as it is."""
        from bot.release import sqlite_path

        base = self.path.parent if self.path else Path.cwd()
        return sqlite_path(self.database, base) or self.database

    def templates_dir(self) -> str | None:
        if not self.templates:
            return None
        base = self.path.parent if self.path else Path.cwd()
        return str((base / os.path.expanduser(self.templates)).resolve())


# The schema: table → key → (type, required). A key not listed is an error.
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "list": {"name": (str, True), "address": (str, True)},
    "release": {
        "name": (str, True),
        "year": (int, False),
        "subject": (str, True),
        "thread": (str, False),
    },
    "bot": {"address": (str, True)},
    "thresholds": {"apply": ((int, float), False), "rm": ((int, float), False)},
    "dkim": {"require": (bool, False)},
    "limits": {"max_mail_bytes": (int, False), "max_line_bytes": (int, False)},
    "store": {"database": (str, False), "busy_timeout_ms": (int, False)},
    "templates": {"directory": (str, False)},
    "draft": {"done": (str, False), "dropped": (str, False), "unsorted": (str, False)},
    "schedule": {"weekday": (str, False), "time": (str, False), "timezone": (str, False)},
    "smtp": {
        "host": (str, False),
        "port": (int, False),
        "security": (str, False),
        "username": (str, False),
        "password_env": (str, False),
        "password_file": (str, False),
        "timeout": ((int, float), False),
        "cert_bundle": (str, False),
        "validate_certs": (bool, False),
        "test_address": (str, False),
    },
    "tree": {"path": (str, False), "branches": (list, False)},
    "series": {
        "committers": (list, False),
        "maintainers": (list, False),
        "trust_merges": (bool, False),
        "archive": (str, False),
        "track_from": (list, False),
        "min_title_score": ((int, float), False),
    },
    "send": {
        "to": (list, False),
        "cc": (list, False),
        "from": (str, False),
        "subject": (str, False),
        "thread": (bool, False),
        "late_hours": ((int, float), False),
        "retry_minutes": ((int, float), False),
        "retry_max_minutes": ((int, float), False),
        "give_up_hours": ((int, float), False),
        "confirm_minutes": ((int, float), False),
        "min_kept": ((int, float), False),
    },
    "site": {"archive_url": (str, False), "stale_weeks": ((int, float), False)},
}
# Upper bounds: a wait of more than a week runs into next week's post, and
# larger numbers overflow timedelta (`inf` is valid TOML).
MAX_WAIT_HOURS = 7 * 24
MAX_SMTP_TIMEOUT = 3600  # seconds per network step
MAX_BUSY_TIMEOUT_MS = 3_600_000
YEARS = (1900, 9999)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SUBJECT_FIELDS = ("subject", "post_subject", "release", "date", "list")
_PERSON = {"name": (str, True), "role": (str, True), "addresses": (list, False),
           "aliases": (list, False)}
SOURCE_KINDS = ("public-inbox", "imap", "maildir", "mbox")
_SOURCE = {"kind": (str, True), "name": (str, False), "path": (str, False),
           "host": (str, False), "port": (int, False), "username": (str, False),
           "password_env": (str, False), "password_file": (str, False),
           "folder": (str, False), "security": (str, False), "cert_bundle": (str, False),
           "timeout": ((int, float), False)}
_RULE = {"name": (str, True), "kind": (str, True), "value": (str, True),
         "confidence": ((int, float), False), "patterns": (list, True), "only_tag": (str, False)}


def _rule(source: str, index: int, data: Any) -> Mapping[str, Any]:
    """One [[vocabulary]] rule, checked as the shipped bot/reply/vocabulary.toml ones are."""
    import re

    from bot.post import ChangeKind

    where = f"vocabulary[{index}]"
    entry = _check(source, where, data, _RULE)
    if entry["kind"] not in {k.value for k in ChangeKind}:
        raise ConfigError(f"{source}: [{where}] kind: unknown kind {entry['kind']!r}")
    if not 0.0 <= float(entry.get("confidence", 0.8)) <= 1.0:
        raise ConfigError(f"{source}: [{where}] confidence: must be between 0 and 1")
    for pattern in entry["patterns"]:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            raise ConfigError(f"{source}: [{where}] patterns: {pattern!r}: {error}") from None
    return entry


def _source(source: str, index: int, data: Any) -> Mapping[str, Any]:
    """One [[sources]] entry: what `todobot sync` reads, and how."""
    where = f"sources[{index}]"
    entry = dict(_check(source, where, data, _SOURCE))
    kind = entry["kind"]
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"{source}: [{where}] kind: one of {', '.join(SOURCE_KINDS)}, "
                          f"got {kind!r}")
    need = ("host", "username") if kind == "imap" else ("path",)
    for key in need:
        if not str(entry.get(key, "")).strip():
            raise ConfigError(f"{source}: [{where}] {key}: missing for a {kind} source")
    if kind == "imap":
        if not (entry.get("password_env") or entry.get("password_file")):
            raise ConfigError(f"{source}: [{where}]: name password_env or password_file "
                              "(the password is never written in the config)")
        if entry.get("security", "tls") not in ("tls", "starttls"):
            raise ConfigError(f"{source}: [{where}] security: tls or starttls, got "
                              f"{entry['security']!r}")
        if not 0 < entry.get("port", 993) < 65536:
            raise ConfigError(f"{source}: [{where}] port: must be 1-65535")
        _in_range(f"{source}: [{where}] timeout", entry.get("timeout", 60), 0,
                  MAX_SMTP_TIMEOUT)
    entry.setdefault("name", entry.get("path") if kind != "imap" else
                     f"imap://{entry['username']}@{entry['host']}/{entry.get('folder', 'INBOX')}")
    return entry


def _check_series(source: str, tables: Mapping[str, Mapping[str, Any]]) -> None:
    for key in ("committers", "maintainers", "track_from"):
        values = tables.get("series", {}).get(key, [])
        if not all(isinstance(v, str) and "@" in v for v in values):
            raise ConfigError(f"{source}: [series] {key}: must be a list of mail addresses")
    score = tables.get("series", {}).get("min_title_score", 90)
    _in_range(f"{source}: [series] min_title_score", score, 0, 100)
    if "tree" in tables and not tables["tree"].get("path", "").strip():
        raise ConfigError(f"{source}: [tree] path: missing; the RM's local clone of the tree")
    branches = tables.get("tree", {}).get("branches", ["master"])
    if not branches or not all(isinstance(b, str) and b.strip() and not b.startswith("-")
                               for b in branches):
        raise ConfigError(f"{source}: [tree] branches: a list of branch names, got "
                          f"{branches!r}")


_DRAFT_CHOICES = {"done": ("auto", "move", "week", "remove"), "dropped": ("auto", "remove", "week"),
                  "unsorted": ("auto", "section", "last")}


def _draft_rules(source: str, table: Mapping[str, Any]) -> Mapping[str, str]:
    for key, value in table.items():
        if value not in _DRAFT_CHOICES[key]:
            raise ConfigError(f"{source}: [draft] {key}: one of "
                              f"{', '.join(_DRAFT_CHOICES[key])}, got {value!r}")
    return dict(table)


def _where(source: str, key: str) -> str:
    return f"{source}: {key}"


def _check(source: str, table: str, data: Any, schema: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [{table}] must be a table")
    for key in data:
        if key not in schema:
            import difflib  # only for a wrong key: not at every start of `todobot ingest`

            near = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ConfigError(f"{_where(source, f'[{table}] {key}')}: unknown key{hint}")
    for key, (kind, required) in schema.items():
        if key not in data:
            if required:
                raise ConfigError(f"{_where(source, f'[{table}] {key}')}: missing; "
                                  "see config.example.toml")
            continue
        value = data[key]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            want = kind.__name__ if isinstance(kind, type) else "number"
            raise ConfigError(f"{_where(source, f'[{table}] {key}')}: must be a {want}, "
                              f"got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):  # TOML has inf and nan
            raise ConfigError(f"{_where(source, f'[{table}] {key}')}: must be a finite "
                              f"number, got {value!r}")
    return data


def _in_range(where: str, value: float, low: float, high: float, *,
              low_too: bool = False) -> None:
    """`low` < value <= `high`; with `low_too`, `low` itself as well."""
    if not (low <= value if low_too else low < value) or value > high:
        raise ConfigError(f"{where}: must be {'from' if low_too else 'above'} {low} and at "
                          f"most {high}, got {value!r}")


def _person(source: str, index: int, data: Any) -> Person:
    where = f"people[{index}]"
    entry = _check(source, where, data, _PERSON)
    if entry["role"] not in ROLES:
        raise ConfigError(f"{source}: [{where}] role: must be one of {', '.join(ROLES)}, "
                          f"got {entry['role']!r}")
    for key in ("addresses", "aliases"):
        if not all(isinstance(v, str) and v.strip() for v in entry.get(key, [])):
            raise ConfigError(f"{source}: [{where}] {key}: must be a list of strings")
    addresses = tuple(a.strip().lower() for a in entry.get("addresses", []))
    if any("@" not in a for a in addresses):
        raise ConfigError(f"{source}: [{where}] addresses: {addresses!r} has a non-address")
    return Person(entry["name"].strip(), entry["role"], addresses,
                  tuple(a.strip() for a in entry.get("aliases", [])))


def _one_address(where: str, value: Any, bare: bool = False) -> None:
    """One address that bot.outbox will put in a header, checked by the very code that
    builds the mail (its control characters, one address, ASCII): a config that loads
    can send. `bare`: no display name either."""
    from bot.mail import one_address

    try:
        name, addr = one_address(where, value) if isinstance(value, str) else ("", "")
    except ValueError:
        name, addr = "", ""
    if not addr:
        raise ConfigError(f"{where}: must be one mail address on one line, got {value!r}")
    if bare and (name or addr != value.strip()):
        raise ConfigError(f"{where}: must be a bare address (name@example.org), got {value!r}")


def _check_sending(source: str, tables: Mapping[str, Mapping[str, Any]]) -> None:
    """Values of [schedule], [smtp] and [send] that a cron run would trip over."""
    import string
    from datetime import time

    from bot.mail import CONTROL

    schedule, smtp, send = (tables.get(n, {}) for n in ("schedule", "smtp", "send"))
    if schedule.get("weekday", "monday").lower() not in WEEKDAYS:
        raise ConfigError(f"{source}: [schedule] weekday: one of {', '.join(WEEKDAYS)}, "
                          f"got {schedule['weekday']!r}")
    try:
        time.fromisoformat(schedule.get("time", "09:00"))
    except ValueError:
        raise ConfigError(f"{source}: [schedule] time: HH:MM, got {schedule['time']!r}") from None
    if "timezone" in schedule:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(schedule["timezone"])
        except (ValueError, KeyError, OSError):
            raise ConfigError(f"{source}: [schedule] timezone: not a time zone name such as "
                              f"Europe/London: {schedule['timezone']!r}") from None
    if smtp.get("security", "starttls") not in ("starttls", "tls", "none"):
        raise ConfigError(f"{source}: [smtp] security: starttls, tls or none, got "
                          f"{smtp['security']!r}")
    if not 0 < smtp.get("port", 587) < 65536:
        raise ConfigError(f"{source}: [smtp] port: must be 1-65535, got {smtp['port']!r}")
    _in_range(f"{source}: [smtp] timeout", smtp.get("timeout", 30), 0, MAX_SMTP_TIMEOUT)
    if "test_address" in smtp:
        _one_address(f"{source}: [smtp] test_address", smtp["test_address"])
    for key in ("to", "cc"):
        for value in send.get(key, []):
            _one_address(f"{source}: [send] {key}", value)
    if "from" in send:
        _one_address(f"{source}: [send] from", send["from"])
    if "to" in send and not send["to"]:
        raise ConfigError(f"{source}: [send] to: empty; leave it out to post to [list] address")
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(send.get("subject", "")) if f}
    except ValueError as error:
        raise ConfigError(f"{source}: [send] subject: {error}") from None
    if names - set(SUBJECT_FIELDS) or CONTROL.search(send.get("subject", "")):
        raise ConfigError(f"{source}: [send] subject: one line; fields are "
                          f"{', '.join('{' + f + '}' for f in SUBJECT_FIELDS)}")
    for key, value in send.items():  # timedelta() of them must not overflow in `send`
        if key.endswith("_hours"):
            _in_range(f"{source}: [send] {key}", value, 0, MAX_WAIT_HOURS)
        elif key.endswith("_minutes"):
            _in_range(f"{source}: [send] {key}", value, 0, MAX_WAIT_HOURS * 60)
    if not 0.0 <= float(send.get("min_kept", 0.5)) <= 1.0:
        raise ConfigError(f"{source}: [send] min_kept: must be between 0 and 1")


def _check_identity(source: str, bot_address: str, release: Mapping[str, Any],
                    store: Mapping[str, Any], path: Path | None) -> None:
    """[bot] address, [release] year and [store]: what every command relies on."""
    from bot.mail import DOMAIN
    from bot.release import StoreError, sqlite_path

    _one_address(f"{source}: [bot] address", bot_address, bare=True)
    domain = bot_address.strip().rpartition("@")[2]
    if not DOMAIN.match(domain):  # the bot's Message-IDs are made on its domain
        raise ConfigError(f"{source}: [bot] address: {domain!r} is not a domain the bot's "
                          "Message-IDs can use (letters, digits, dots and hyphens)")
    if "year" in release and not YEARS[0] <= release["year"] <= YEARS[1]:
        raise ConfigError(f"{source}: [release] year: must be {YEARS[0]}-{YEARS[1]}, got "
                          f"{release['year']!r}")
    _in_range(f"{source}: [store] busy_timeout_ms", store.get("busy_timeout_ms", 5000), 0,
              MAX_BUSY_TIMEOUT_MS, low_too=True)
    database = store.get("database", "todobot.sqlite")
    if not database.strip():
        raise ConfigError(f"{source}: [store] database: empty; name the SQLite file")
    try:
        found = sqlite_path(database, path.parent if path else Path.cwd())
    except StoreError as error:
        raise ConfigError(f"{source}: [store] database: {error}") from None
    if found is None and not database.lower().startswith(("postgres://", "postgresql://")):
        raise ConfigError(f"{source}: [store] database: a file path, sqlite:///path or "
                          f"postgresql://..., got {database!r}")


def _check_site(source: str, site: Mapping[str, Any]) -> None:
    """The archive template names only {message_id} (a typo must not become a broken
    link on every page); items go stale after at most a year of quiet."""
    import string

    url = site.get("archive_url", "")
    if url:
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(url) if f is not None}
        except ValueError:
            fields = {"?"}
        if not url.lower().startswith(("https://", "http://")) or fields != {"message_id"}:
            raise ConfigError(f"{source}: [site] archive_url: an http(s) URL with "
                              "{message_id} in it and no other {...}, e.g. "
                              '"https://lore.kernel.org/xen-devel/{message_id}/"')
    if "stale_weeks" in site:
        _in_range(f"{source}: [site] stale_weeks", float(site["stale_weeks"]), 0, 52)


def parse_config(text: str, path: Path | None = None) -> Config:
    """A Config from TOML text; ConfigError names the key that is wrong."""
    source = str(path) if path else "<config>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from None
    allowed = set(_SCHEMA) | {"people", "vocabulary", "sources"}
    for key in data:
        if key not in allowed:
            import difflib

            near = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean [{near[0]}]?)" if near else ""
            raise ConfigError(f"{source}: [{key}]: unknown table{hint}")
    tables = {name: _check(source, name, data.get(name, {}), schema)
              for name, schema in _SCHEMA.items()
              if name in data or any(req for _, req in schema.values())}
    raw_people = data.get("people")
    if not isinstance(raw_people, list) or not raw_people:
        raise ConfigError(f"{source}: [[people]]: missing; list at least the release manager")
    people = tuple(_person(source, i, p) for i, p in enumerate(raw_people))
    if not any(p.role == "rm" for p in people):
        raise ConfigError(f'{source}: [[people]]: nobody has role = "rm"')
    raw_rules = data.get("vocabulary", [])
    if not isinstance(raw_rules, list):
        raise ConfigError(f"{source}: [[vocabulary]]: must be an array of tables")
    vocabulary = tuple(_rule(source, i, r) for i, r in enumerate(raw_rules))
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError(f"{source}: [[sources]]: must be an array of tables")
    sources = tuple(_source(source, i, s) for i, s in enumerate(raw_sources))
    _check_series(source, tables)
    thresholds = tables.get("thresholds", {})
    for key, value in thresholds.items():
        if not 0.0 <= float(value) <= 1.0:
            raise ConfigError(f"{source}: [thresholds] {key}: must be between 0 and 1")
        if float(value) <= GUESS:
            raise ConfigError(f"{source}: [thresholds] {key}: must be above {GUESS}: what only "
                              "the bot guesses (the sentence model alone, a problem told under "
                              "the post) carries that confidence and stays a proposal")
    _check_sending(source, tables)
    _check_site(source, tables.get("site", {}))
    limits = tables.get("limits", {})
    for key, value in limits.items():
        if value < 1024:
            raise ConfigError(f"{source}: [limits] {key}: at least 1024 bytes")
    store = tables.get("store", {})
    release = tables["release"]
    _check_identity(source, tables["bot"]["address"], release, store, path)
    return Config(
        path=path,
        list_name=tables["list"]["name"],
        list_address=tables["list"]["address"],
        release=release["name"],
        year=release.get("year"),
        subject=release["subject"],
        thread_message_id=release.get("thread", "").strip(),
        bot_address=tables["bot"]["address"].strip().lower(),
        people=people,
        apply_threshold=float(thresholds.get("apply", 0.7)),
        rm_threshold=float(thresholds.get("rm", 0.6)),
        dkim_require=tables.get("dkim", {}).get("require", False),
        max_mail_bytes=limits.get("max_mail_bytes", 4 * 1024 * 1024),
        max_line_bytes=limits.get("max_line_bytes", 64 * 1024),
        database=store.get("database", "todobot.sqlite"),
        busy_timeout_ms=store.get("busy_timeout_ms", 5000),
        templates=tables.get("templates", {}).get("directory", ""),
        schedule=tables.get("schedule", {}),
        smtp=tables.get("smtp", {}),
        send=tables.get("send", {}),
        site=tables.get("site", {}),
        draft=_draft_rules(source, tables.get("draft", {})),
        vocabulary=vocabulary,
        sources=sources,
        tree=tables.get("tree", {}),
        series=tables.get("series", {}),
    )


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """The config named by `path`, else $TODOBOT_CONFIG, else ./todobot.toml."""
    chosen = path or os.environ.get(ENV_VAR) or ("todobot.toml" if Path("todobot.toml").exists()
                                                  else None)
    if not chosen:
        raise ConfigError(f"no configuration: pass --config FILE or set {ENV_VAR} "
                          "(start from config.example.toml)")
    file = Path(chosen)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{file}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8 text") from None
    return parse_config(text, file.resolve())
