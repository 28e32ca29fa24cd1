"""Where a feed is: a local path, or an http(s) address checked whole before it is used.

A location that starts with a scheme (`name://`, or `http:` however it goes on) is an
address; anything else is a path — a Windows path too, whose one-letter "scheme" is a
drive (`C:\\feeds\\feed.json`). An address is checked here, once, for every command (the
config's `source`, `--source`, `r57tui check`'s argument): the scheme, the host, the port.
So a typo is one line naming where it was given, not a traceback from the URL parser or
the HTTP client at the first request, and `ftp://…` is never read as a file name.

Messages never repeat an address's user, password, query or fragment: they may hold a
token. The host and the port are shown: that is where the mistake is.
"""

from __future__ import annotations

import ipaddress
import re

from .i18n.message import Message

SCHEMES = ("http", "https")
# Two letters at least before the colon: `C:` is a drive, not a scheme.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]+):(//)?")
_PORT = re.compile(r"[0-9]+")
# What a host name is made of (IDNA labels are checked by encoding them).
_HOST_CHARACTER = re.compile(r"[A-Za-z0-9\-._]")


def is_url(location: str) -> bool:
    """An address rather than a path (usable or not: `url_problem` says)."""
    found = _SCHEME.match(location.strip())
    if found is None:
        return False
    return found.group(2) is not None or found.group(1).lower() in SCHEMES


def url_problem(location: str) -> Message | None:
    """What makes the address `location` unusable, or None when it can be read."""
    if location != location.strip():
        return Message.of("the address has a space or line break before or after it")
    if any(ord(character) < 32 or ord(character) == 127 for character in location):
        return Message.of("the address holds a line break or another control character")
    scheme, _, rest = location.partition(":")
    if scheme.lower() not in SCHEMES:
        return Message.of(
            "only http:// and https:// addresses are read; {scheme} is not", scheme=repr(scheme)
        )
    if not rest.startswith("//"):
        return Message.of("the address must start with http:// or https:// and then the host")
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    host_port = authority.rpartition("@")[2]  # a user and password are not checked here
    if host_port.startswith("["):
        return _ipv6_problem(host_port)
    if host_port.count(":") > 1:
        return Message.of(
            "the host {host} has more than one ':': an IPv6 address goes in brackets, as [::1]",
            host=repr(host_port),
        )
    host, colon, port = host_port.partition(":")
    if not host:
        return Message.of("no host name after {scheme}://", scheme=scheme.lower())
    return _host_problem(host) or (_port_problem(port) if colon else None)


def _ipv6_problem(host_port: str) -> Message | None:
    inside, closed, after = host_port[1:].partition("]")
    if not closed:
        return Message.of("the [ of an IPv6 address is not closed with ]")
    try:
        ipaddress.IPv6Address(inside)
    except ValueError:
        return Message.of("{host} is not an IPv6 address", host=repr(f"[{inside}]"))
    if not after:
        return None
    if not after.startswith(":"):
        return Message.of("{host} is not a valid host name", host=repr(host_port))
    return _port_problem(after[1:])


def _host_problem(host: str) -> Message | None:
    if any(character.isspace() for character in host):
        return Message.of("the host name {host} has a space in it", host=repr(host))
    if all(_HOST_CHARACTER.fullmatch(character) for character in host):
        if ".." not in host and not host.startswith("."):
            return None
    elif not host.isascii() and all(
        character.isalnum() or _HOST_CHARACTER.fullmatch(character) for character in host
    ):
        try:
            host.encode("idna")  # a name in Vietnamese: sent as its xn-- form
        except UnicodeError:
            pass
        else:
            return None
    return Message.of("{host} is not a valid host name", host=repr(host))


def _port_problem(port: str) -> Message | None:
    if not port:
        return None  # `host:` is the scheme's port, as the standard says
    if not _PORT.fullmatch(port):
        return Message.of("port {port} is not a number", port=repr(port))
    if not 0 < int(port) < 65536:
        return Message.of("port {port} is out of range (1–65535)", port=int(port))
    return None


def shown(location: str) -> str:
    """The address as a message may show it: no user, password, query or fragment."""
    scheme, slashes, rest = location.strip().partition("://")
    if not slashes:
        return re.split(r"[?#]", scheme, maxsplit=1)[0]
    authority, *path = re.split(r"(?=[/?#])", rest, maxsplit=1)
    path_only = re.split(r"[?#]", path[0], maxsplit=1)[0] if path else ""
    text = f"{scheme}://{authority.rpartition('@')[2]}{path_only}"
    return "".join(character if character.isprintable() else "?" for character in text)
