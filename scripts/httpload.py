"""A small HTTP/1.1 load client for the benchmarks: keep-alive connections spread over processes.

``wrk`` is not installed on these machines, so ``bench_web.py`` drives the server with this:
each of P processes runs an asyncio loop holding C/P persistent connections over raw
sockets; each connection sends a GET, reads the whole response (``Content-Length`` or
chunked), records the wall time from the write to the last byte and sends the next, for
a fixed number of seconds. Connections are opened before the clock starts; a response
that completes after the end is not counted, and one still in flight then is no error.

Errors are counted in three kinds: a status outside 2xx, a response not complete within
the timeout, and a connection refused, reset or closed mid-response (the connection is
then opened again).

The client costs CPU on the same cores as the server. :func:`fixed_response_server` is
the yardstick for that: the same client against a server that answers every request with
three bytes shows the most this client can ask of any server on this machine.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import socket
import time
from dataclasses import dataclass, field
from typing import Sequence


@dataclass
class Outcome:
    """What one run of the client saw, merged over its processes."""

    seconds: float
    latencies: list[float] = field(default_factory=list)  # s, every completed response
    statuses: dict[int, int] = field(default_factory=dict)
    timeouts: int = 0
    connection_errors: int = 0
    body_bytes: int = 0
    cache_hits: int = 0  # responses heritage served from its page cache (X-Heritage-Cache: hit)
    cpu: float = 0.0  # CPU seconds the client processes used while the clock ran

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else float("nan")

    @property
    def non_2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)

    @property
    def errors(self) -> int:
        return self.non_2xx + self.timeouts + self.connection_errors

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in ms (nearest rank), NaN without responses."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return 1000 * ordered[rank - 1]

    def merge(self, part: dict) -> None:
        self.latencies.extend(part["latencies"])
        for status, n in part["statuses"].items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        self.timeouts += part["timeouts"]
        self.connection_errors += part["connection_errors"]
        self.body_bytes += part["body_bytes"]
        self.cache_hits += part["cache_hits"]
        self.cpu += part["cpu"]


def run_load(host: str, port: int, paths: Sequence[str], *, connections: int, seconds: float,
             processes: int = 2, timeout: float = 10.0) -> Outcome:
    """Drive ``host:port`` with GETs of ``paths`` in turn for ``seconds``; the merged outcome."""
    processes = max(1, min(processes, connections))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 0.5 + 0.05 * connections  # time for every process to connect
    shares = [connections // processes + (i < connections % processes) for i in range(processes)]
    workers, first = [], 0
    for share in shares:
        spec = _Spec(host, port, list(paths), first, connections, share, start_at, seconds, timeout)
        workers.append(context.Process(target=_worker, args=(spec, queue), daemon=True))
        first += share
    for worker in workers:
        worker.start()
    outcome = Outcome(seconds)
    for _ in workers:
        outcome.merge(queue.get(timeout=start_at - time.time() + seconds + timeout + 30))
    for worker in workers:
        worker.join(10)
    return outcome


@dataclass
class _Spec:
    host: str
    port: int
    paths: list[str]
    first: int  # number of this process's first connection
    stride: int  # all connections: connection k asks for paths k, k + stride, …
    connections: int
    start_at: float
    seconds: float
    timeout: float


def _worker(spec: _Spec, queue) -> None:
    queue.put(asyncio.run(_drive(spec)))


class _Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.timeouts = self.connection_errors = self.body_bytes = self.cache_hits = 0


async def _drive(spec: _Spec) -> dict:
    tally = _Tally()
    requests = [f"GET {path} HTTP/1.1\r\nHost: {spec.host}:{spec.port}\r\n"
                "User-Agent: heritage-bench\r\nAccept: */*\r\nAccept-Encoding: gzip\r\n\r\n".encode()
                for path in spec.paths]  # gzip: what every browser asks for
    opened = await asyncio.gather(*(_open(spec) for _ in range(spec.connections)),
                                  return_exceptions=True)
    await asyncio.sleep(max(0.0, spec.start_at - time.time()))
    cpu = _cpu()
    end = time.perf_counter() + spec.seconds
    await asyncio.gather(*(
        _connection(spec, requests, spec.first + i, end, tally,
                    None if isinstance(streams, BaseException) else streams)
        for i, streams in enumerate(opened)))
    return {"latencies": tally.latencies, "statuses": tally.statuses, "timeouts": tally.timeouts,
            "connection_errors": tally.connection_errors, "body_bytes": tally.body_bytes,
            "cache_hits": tally.cache_hits, "cpu": _cpu() - cpu}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _open(spec: _Spec):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(spec.host, spec.port),
                                            spec.timeout)
    writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return reader, writer


async def _connection(spec: _Spec, requests: list[bytes], number: int, end: float,
                      tally: _Tally, streams) -> None:
    """One keep-alive connection asking for requests[number], [number + stride], … until ``end``."""
    k = number
    while (now := time.perf_counter()) < end:
        if streams is None:
            try:
                streams = await _open(spec)
            except (OSError, asyncio.TimeoutError):
                tally.connection_errors += 1
                await asyncio.sleep(0.05)
                continue
        reader, writer = streams
        limit = min(spec.timeout, end - now)
        started = time.perf_counter()
        try:
            writer.write(requests[k % len(requests)])
            status, size, keep, hit = await asyncio.wait_for(_response(reader), limit)
        except asyncio.TimeoutError:
            if limit == spec.timeout:
                tally.timeouts += 1
            streams = _close(writer)
            continue
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            tally.connection_errors += 1
            streams = _close(writer)
            continue
        done = time.perf_counter()
        if done > end:
            break
        k += spec.stride
        tally.latencies.append(done - started)
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        tally.body_bytes += size
        tally.cache_hits += hit
        if not keep:
            streams = _close(writer)
    if streams is not None:
        _close(streams[1])


def _close(writer) -> None:
    writer.close()
    return None


async def _response(reader: asyncio.StreamReader) -> tuple[int, int, bool, bool]:
    """Read one response: its status, body size, whether the connection stays open and
    whether heritage served it from its page cache."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(None, 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip().lower()
    keep = headers.get(b"connection") != b"close"
    if b"content-length" in headers:
        size = int(headers[b"content-length"])
        await reader.readexactly(size)
    elif headers.get(b"transfer-encoding") == b"chunked":
        size = await _chunked(reader)
    else:  # the body runs to the end of the connection
        size, keep = len(await reader.read()), False
    return status, size, keep, headers.get(b"x-heritage-cache") == b"hit"


async def _chunked(reader: asyncio.StreamReader) -> int:
    size = 0
    while True:
        chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if chunk == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                pass
            return size
        await reader.readexactly(chunk + 2)
        size += chunk


# --------------------------------------------------------------------------------------------
# The yardstick: a server that costs next to nothing
# --------------------------------------------------------------------------------------------

_FIXED = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"


class _FixedProtocol(asyncio.Protocol):
    def connection_made(self, transport) -> None:
        self.transport, self.pending = transport, b""

    def data_received(self, data: bytes) -> None:
        self.pending += data
        count = self.pending.count(b"\r\n\r\n")
        if count:
            self.pending = self.pending[self.pending.rfind(b"\r\n\r\n") + 4:]
            self.transport.write(_FIXED * count)


def _serve_fixed(port: int) -> None:
    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(_FixedProtocol, "127.0.0.1", port)
        await server.serve_forever()

    asyncio.run(main())


def fixed_response_server(port: int):
    """A process answering every request on 127.0.0.1:``port`` with ``ok``; call ``.terminate()``."""
    process = multiprocessing.get_context("fork").Process(target=_serve_fixed, args=(port,),
                                                          daemon=True)
    process.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"the fixed-response server did not start on port {port}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_count() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
