"""Who an owner change names: the person a sentence hands an item to or takes it from.

"Maybe Tomasz will take it over", "please list him next to me", "it's George who owns
this, not me": the rules find that an owner is named; this module says who, as the post
spells them, and whether the sender steps down by saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.reply.learned import greeting

NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+"  # "Jan", "René", "Jürgen"
VOCATIVE = re.compile(rf"^\W*({NAME})(?:,| and {NAME},|:)\s")  # "Priya, could you ...?"


@dataclass(frozen=True)
class OwnerNamed:
    """The owner change a rule's hit makes: `value` ("Name", "-Name"; "" for none),
    `handed` the owner who steps down with it, `finding` why none, for the log."""

    value: str
    handed: str = ""
    finding: str = ""


def owner_named(hit, value: str, before: list[str], sentence: str, owners: tuple[str, ...],
                sender: str, people: tuple[str, ...]) -> OwnerNamed:
    """The owner a hit names (`before`: the sentence before and this one up to the hit,
    where "him" finds whom it means), as the post or the roster spells them."""
    person = hit.groups.get("name", "")
    adverb = _ADVERB_FIRST.match(person)
    if adverb:  # "Maybe Tomasz will take it over": Tomasz, and only maybe
        person = person[adverb.end():]
        value = value.replace(hit.groups["name"], person)
    if person and " " not in person and person.lower() not in _PRONOUNS and not any(
            p.split()[0].lower() == person.lower() for p in people if p.split()):
        return OwnerNamed("")  # "Patchew picked it up", "Nobody has": not a person we know
    if value.lstrip("-").lower() in _PRONOUNS:  # "please list him next to me"
        removal = value.startswith("-")  # ("Tomasz moved to another team ... remove his
        # name": the owner this sentence names, the item's owners counted as people)
        meant = _antecedent(before, (*people, *(o for o in owners if " " in o)), sender,
                            owners if removal else ())
        if not meant:
            return OwnerNamed("")
        value = ("-" if value.startswith("-") else "") + meant
    value = _person(value, people)
    if value.startswith("-"):  # the owner as the post spells them
        value = "-" + next((o for o in owners  # wei@, Wisniewski
                            if ("@" in o or " " in o)  # (not a bare "Ben")
                            and same_person(value[1:], o)), value[1:])
    handed = _hands_over(sentence, sender, owners) or (
        "" if value.startswith("-") else _replaced(sentence, value, owners))
    if not value.startswith("-") and _owns(value, owners) and (
            hit.rule.name == "owner-self" or not handed):
        return OwnerNamed("", finding=f"{value} already owns it, nothing new")
    return OwnerNamed(value, handed)


_NOT_ME = re.compile(
    r"\bnot me\b|\bnot mine\b|\bisn[\x27’]?t mine\b|\bI[\x27’]?m not (?:the )?owner\b"
    r"|\b(?:instead of|rather than) (?:me|mine|my name|my own)\b"
    r"|\bas the (?:new |sole )?owner from now on\b"
    r"|(?<!n[\x27’]t )(?<!\bnot )\b(?:replace|swap) (?:me|my name) (?:by|with|for)\b"
    # "Dario takes this over from me", "I'm handing it over to Dario"
    r"|\bover (?:[\w-]+ ){0,3}from me\b"
    r"|\b(?:I[\x27’]?m|I am|I[\x27’]ve|I have|I) hand(?:ing|ed)? (?:this|it|that)(?: one)? over\b"
    r"|^\W*hand(?:ing|ed)? (?:this|it|that)(?: one)? over\b"  # ("Handing this one over: ...")
    # "I asked Tomasz whether he could take this one over" (the owner asks: a hand-over)
    r"|\b(?:asked|persuaded|convinced) \w+ (?:whether |if |to )(?:(?:he|she|they) (?:could|would"
    r"|can|will|might) )?take (?:this|it|that)(?: one)? over\b", re.I
)


_INSTEAD = re.compile(r"\b(?:instead of|rather than|in place of"
                      r"|(?:taking|take|took) (?:it |this |that |the (?:series|work) )?over"
                      r" [^.;]{0,60}?from)"
                      r" (?:(?P<pronoun>him|her|them)|(?P<name>(?-i:[A-Z][a-z]+)))\b", re.I)


def _replaced(sentence: str, new_owner: str, owners: tuple[str, ...]) -> str:
    """The owner a new one replaces: "put me down as the owner instead of her", "I'm
    taking over the work from Priya" (a pronoun: the one other owner there is)."""
    found = _INSTEAD.search(sentence)
    if not found:
        return ""
    others = [o for o in owners if not same_person(new_owner, o)]
    if found["name"]:
        return next((o for o in others if _owns(found["name"], (o,))), "")
    return others[0] if len(others) == 1 else ""


def _hands_over(sentence: str, sender: str, owners: tuple[str, ...]) -> str:
    """The owner's name as the post writes it, when its owner says the item is not theirs."""
    if not _NOT_ME.search(sentence):
        return ""
    return next((o for o in owners if same_person(sender, o)), "")


def same_person(one: str, other: str) -> bool:
    """ "Wei Liu" and the post's "wei@citrix" (or "Ben" and "Ben Guthro"), either way round."""
    return _owns(one, (other,)) or _owns(other, (one,))


def _owns(name: str, owners: tuple[str, ...]) -> bool:
    """"Ben Guthro" is the post's "Ben": one of them is the other's first name."""
    first = name.split()[0].lower() if name.split() else ""
    return any(
        o == name
        or _plain(o) == _plain(name)  # "Tomasz Wiśniewski" signs what the post spells plain
        or o.lower() == first
        or (o.split() and o.split()[0].lower() == first and " " not in name.strip())
        or ("@" in o and o.split("@")[0].lower() == first)  # "wei@citrix" is Wei Liu
        for o in owners
    )


def display_name(name: str) -> str:
    """Outlook's "Suthikulpanit, Suravee" as the person writes it."""
    if name.count(",") == 1 and "@" not in name:
        last, first = (part.strip() for part in name.split(","))
        if first and last and " " not in last:
            return f"{first} {last}"
    return name


_PRONOUNS = frozenset({"him", "her", "his", "hers", "he", "she"})


def _antecedent(said: list[str], people: tuple[str, ...], sender: str,
                owners: tuple[str, ...] = ()) -> str:
    """Whom "him" or "her" means: the one listed person other than the sender that the
    sentence and the one before it name ("Tomasz has joined in ... so please list him next
    to me"); nobody when they name two, or only the person they address ("Priya: can you
    list him ...?"). Gender is not known: two people named leave it unresolved."""
    def words_of(sentences: list[str]) -> str:
        return " ".join(VOCATIVE.sub("", sentence) for sentence in sentences
                        if not greeting(sentence))  # "Hi Ian," names whom it asks

    named: set[str] = set()
    for nearest, among in ((said[-1:], owners), (said, people)):  # an owner this sentence
        # names first, for a removal ("It has Marta's fixes. Also, Tomasz left the team, so
        # remove his name": Tomasz), then anyone named with the sentence before
        words = words_of(nearest)
        named = {p for p in among if p.split() and not same_person(p, sender)
                 and re.search(rf"\b{re.escape(p.split()[0])}\b", words)}
        named = {p for p in named if not any(  # one person spelt two ways is one
            other < p and same_person(other, p) for other in named)}
        if named:
            break
    if not named:  # "Karim Haddad has co-developed the RFC with me ..., so please list him":
        # a person the list does not know yet, named in full (not "Hi Ian" nor "Xen Project")
        named = {found for found in _FULL_NAME.findall(words_of(said))
                 if not same_person(found, sender)
                 and not set(found.split()) & _NOT_FIRST}
    return named.pop() if len(named) == 1 else ""


_FULL_NAME = re.compile(  # every pair, overlapping: "Yesterday Karim Haddad" is two of them
    r"(?=\b((?-i:[A-Z][a-z]{1,15} [A-Z][a-z]{1,20}(?:-[A-Z][a-z]{1,20})?))\b)")
_NOT_FIRST = frozenset("The This That These Those Thanks Xen Linux Arm Intel AMD Release "
                       "Project Patch Series Status Monday Tuesday Wednesday Thursday Friday "
                       "Saturday Sunday January February March April May June July August "
                       "September October November December Hi Hello Dear Cheers Regards "
                       "Best Kind Yesterday Today Tomorrow Since Once When While After Before "
                       "Until Unless Because Although Though Maybe Perhaps Also And But So Now "
                       "Then Open Source Summit Red Hat Google Microsoft Oracle Citrix Amazon "
                       "Kernel Foundation Conference Team Company Community Please".split())


def _plain(name: str) -> str:
    """A name without its accents or case, as people write it when a keyboard lacks them."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(c))


_ADVERB_FIRST = re.compile(r"(?:Maybe|Perhaps|Probably|Hopefully|Then|So|And|But|Also|Now"
                           r"|Yes|Well|Actually|Honestly|Anyway|Sure|Meanwhile|Luckily|Sadly)"
                           r" (?=[A-Z])")


def _person(name: str, people: tuple[str, ...]) -> str:
    """A first name ("Stefano") as the full name of the one person it can be;
    "-Andrew" (a removal) as "-Andrew Cooper"."""
    if name.startswith("-"):
        return "-" + _person(name[1:], people)
    if " " in name.strip():
        plain = re.sub(r" [A-Z]\. ", " ", name.strip())  # "Daniel P. Smith" is "Daniel Smith"
        # ("Tomasz Wiśniewski" as the first of the people spells him: the post's owners come
        # first, "Tomasz Wisniewski")
        return next((p for p in people if _plain(p) == _plain(plain)), name.strip())
    found = {p for p in people if p.split()[0].lower() == name.strip().lower()}
    return found.pop() if len(found) == 1 else name.strip()
