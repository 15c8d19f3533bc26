"""Where a request comes from: the visitor's address, and whether it is a reading room."""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from flask import current_app, request


def client_address() -> str:
    """The visitor's IP address, trusting ``HERITAGE_PROXY_COUNT`` reverse proxies' X-Forwarded-For."""
    proxies = current_app.config["HERITAGE_PROXY_COUNT"]
    if proxies > 0:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.remote_addr or ""


@lru_cache(maxsize=32)
def _networks(ranges: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(r, strict=False) for r in ranges)


def reading_room_networks(ranges) -> tuple:
    """The configured reading-room networks; a bad entry names itself."""
    try:
        return _networks(tuple(ranges))
    except ValueError as exc:
        raise ValueError(f"HERITAGE_READING_ROOM_IPS: {exc}; write addresses or networks "
                         "such as 10.20.0.0/16, comma separated") from None


def in_reading_room() -> bool:
    """Whether this request comes from one of the libraries' reading rooms."""
    ranges = current_app.config["HERITAGE_READING_ROOM_IPS"]
    if not ranges:
        return False
    try:
        address = ipaddress.ip_address(client_address())
    except ValueError:
        return False
    return any(address in network for network in reading_room_networks(ranges))
