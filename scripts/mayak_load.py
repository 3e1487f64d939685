"""Shared pieces of Mayak's fault scripts (crash-test, fault-test): starting the server, calling
its API with a token, and a mixed write load whose acknowledged writes are kept in a ledger
and checked afterwards. Only loopback traffic."""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("MAYAK_BIN", os.path.join(ROOT, "target", "debug", "mayak"))
REGIONS = ["BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-MI", "BY-MA", "BY-HM"]
PHASES = [
    "Identification",
    "FirstAssistanceAndProtection",
    "LongTermAssistanceAndSocialInclusion",
    "ReturnAndSocialInclusion",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(args, data_dir):
    env = dict(os.environ)
    env["MAYAK_LOG"] = "warn"
    env["MAYAK_DATA_DIR"] = data_dir
    env.pop("MAYAK_DATABASE_URL", None)
    if args.database_url:
        env["MAYAK_DATABASE_URL"] = args.database_url
    return env


def mayak(args, data_dir, *cmd, check=True):
    out = subprocess.run([BIN, *cmd], env=env_for(args, data_dir), capture_output=True, text=True)
    if check and out.returncode != 0:
        sys.exit(f"crash-test: `mayak {' '.join(cmd)}` failed: {out.stderr.strip()}")
    return out


class Server:
    """`mayak serve` on a free loopback port; its log goes to a file (a pipe could fill up and
    stall the server while nothing reads it)."""

    def __init__(self, args, data_dir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # Beside the data directory, never in it (a full disk there must not silence the log).
        self.log_path = os.path.join(tempfile.gettempdir(), f"mayak-serve-{os.getpid()}-{self.port}.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--listen", f"127.0.0.1:{self.port}"],
            env=env_for(args, data_dir),
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"mayak exited at start: {self.log_text()}")
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        sys.exit("mayak did not become ready in 60 s")

    def log_text(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self):
        """SIGTERM: requests in flight finish; returns the exit code."""
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.log.close()
        return code


def call(base, token, method, path, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


class Ledger:
    """What the server acknowledged: case id -> (code, highest acknowledged version)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cases = {}
        self.creates = 0
        self.edits = 0
        self.failed = 0
        self.errors_5xx = 0

    def created(self, c):
        with self.lock:
            self.cases[c["id"]] = [c["code"], c["version"]]
            self.creates += 1

    def edited(self, c):
        with self.lock:
            entry = self.cases.setdefault(c["id"], [c["code"], c["version"]])
            entry[1] = max(entry[1], c["version"])
            self.edits += 1


def writer(base, token, ledger, stop, rng):
    n = 0
    while not stop.is_set():
        n += 1
        try:
            with ledger.lock:
                ids = list(ledger.cases)
            if ids and rng.random() < 0.3:
                cid = rng.choice(ids)
                status, c = call(base, token, "GET", f"/api/v1/cases/{cid}")
                if status != 200:
                    continue
                status, c = call(
                    base,
                    token,
                    "PATCH",
                    f"/api/v1/cases/{cid}",
                    {"version": c["version"], "nrm_phase": rng.choice(PHASES)},
                )
                if 200 <= status < 300:
                    ledger.edited(c)
                elif status >= 500:
                    ledger.errors_5xx += 1
            else:
                body = {
                    "region": rng.choice(REGIONS),
                    "sex": rng.choice(["Female", "Male"]),
                    "exploitation_type": "ForcedLabour",
                    "person": {
                        "family_name": f"Крэш{rng.randrange(10**9)}",
                        "given_names": "Тэст",
                        "birth_date": "1990-01-0%d" % rng.randint(1, 9),
                        "citizenships": ["BY"],
                    },
                }
                status, c = call(base, token, "POST", "/api/v1/cases", body)
                if 200 <= status < 300:
                    ledger.created(c)
                elif status >= 500:
                    ledger.errors_5xx += 1
        except (urllib.error.URLError, ConnectionError, OSError, TimeoutError, ValueError):
            # The server died mid-request: this write was never acknowledged.
            ledger.failed += 1
            time.sleep(0.05)


def check_acknowledged(base, token, ledger):
    missing, stale = [], []
    with ledger.lock:
        items = list(ledger.cases.items())
    for cid, (code, version) in items:
        status, c = call(base, token, "GET", f"/api/v1/cases/{cid}", timeout=30)
        if status != 200 or c["code"] != code:
            missing.append((cid, code, status))
        elif c["version"] < version:
            stale.append((cid, code, c["version"], version))
    return missing, stale, len(items)


