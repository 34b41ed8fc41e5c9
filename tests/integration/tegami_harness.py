"""Shared helpers of the integration tests: a real tegamid on a fresh temporary data
directory, tegamictl against it, raw control-socket traffic, and the test case bases.

Every tegamid (and every long-running tegamictl) started here is registered and stopped
in the test's cleanup, at interpreter exit and when this process gets SIGTERM/SIGHUP; on
Linux it also dies with this process (PR_SET_PDEATHSIG), so a crashed or killed test
run leaves nothing behind.

Standard library only: the suite runs wherever CTest and python3 run.
"""

import atexit
import contextlib
import ctypes
import json
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

# Sockets, protocols and small helpers live in tegami_net; the tests reach them as h.*.
from tegami_net import (  # noqa: F401
    GREETING, PROTOCOLS, QUIT, REFUSAL, Client, Session, connection_refused, free_port, read_bytes, read_json_lines,
    read_until_closed, session, wait_until)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3

# Words of an instruction; an error message an admin can act on contains one of them.
ACTIONABLE = re.compile(
    r"\b(use|add|remove|choose|write|check|start|stop|correct|give|see|run|fix|restore|replace|type|pipe|lists?)\b",
    re.IGNORECASE)

START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0
CTL_TIMEOUT = 20.0


def _binary(variable):
    path = os.environ.get(variable, "")
    if not path or not os.access(path, os.X_OK):
        sys.stderr.write(
            "%s is not set to an executable (%r). Run these tests through CTest after building tegamid and "
            "tegamictl, or set TEGAMID and TEGAMICTL to the built programs.\n" % (variable, path))
        sys.exit(2)
    return path


TEGAMID = _binary("TEGAMID")
TEGAMICTL = _binary("TEGAMICTL")

# --- process bookkeeping --------------------------------------------------------------

_running = []


def _die_with_parent():
    # Runs in the child between fork and exec: if this test process dies (even by
    # SIGKILL), the kernel kills the child, so no tegamid outlives the suite.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _child_env(extra=None):
    env = dict(os.environ)
    # A data directory from the caller's environment must never be touched by a test.
    env.pop("TEGAMI_DATA_DIR", None)
    env.update(extra or {})
    return env


def spawn(argv, **kwargs):
    """Popen that is registered for cleanup and dies with this process."""
    kwargs.setdefault("env", _child_env())
    proc = subprocess.Popen(argv, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None, **kwargs)
    _running.append(proc)
    return proc


def stop_process(proc, sig=signal.SIGTERM, timeout=STOP_TIMEOUT):
    """Stops proc (sig, then SIGKILL as a last resort) and returns its exit code."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()
    if proc in _running:
        _running.remove(proc)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream:
            with contextlib.suppress(OSError):
                stream.close()
    return proc.returncode


def _stop_everything():
    for proc in list(_running):
        stop_process(proc, timeout=3)


atexit.register(_stop_everything)


def _exit_on_signal(signo, _frame):
    # CTest's timeout sends SIGTERM: stop the run the way Ctrl+C does (unittest lets
    # KeyboardInterrupt through; it would record SystemExit as an error and go on), so
    # that atexit stops tegamid and the temporary directories' finalizers remove them.
    raise KeyboardInterrupt("signal %d" % signo)


for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _exit_on_signal)

# --- tegamictl ------------------------------------------------------------------------

class CtlResult:
    def __init__(self, argv, returncode, stdout, stderr):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        try:
            return json.loads(self.stdout)
        except ValueError as e:
            raise AssertionError("%s printed no JSON (%s):\nstdout: %s\nstderr: %s"
                                 % (self.command(), e, self.stdout, self.stderr))

    def json_lines(self):
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def command(self):
        return " ".join(shlex.quote(a) for a in self.argv)

    def __repr__(self):
        return "<%s -> %d\nstdout: %s\nstderr: %s>" % (self.command(), self.returncode, self.stdout, self.stderr)


def run_ctl(argv, stdin_text=None, env=None, timeout=CTL_TIMEOUT, program=None):
    argv = [program or TEGAMICTL] + list(argv)
    proc = subprocess.run(argv, input=stdin_text, stdin=None if stdin_text is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, env=_child_env(env))
    return CtlResult(argv, proc.returncode, proc.stdout, proc.stderr)


class Follower:
    """A running `tegamictl log tail --follow`, read without threads. With --json its lines
    are parsed into events; without, the items are the text lines."""

    def __init__(self, argv, json_lines=True):
        self.proc = spawn([TEGAMICTL] + argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
        self._json = json_lines
        self._buffer = b""
        self.events = []

    def _pump(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            return False
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                self.events.append(json.loads(line) if self._json else line.decode("utf-8", "replace"))
        return True

    def wait_for(self, predicate, timeout=5.0, poke=None, poke_interval=0.3):
        """Reads until an event satisfies predicate; calls poke() every poke_interval
        meanwhile (to cause events while the subscription may not be active yet)."""
        deadline = time.monotonic() + timeout
        next_poke = time.monotonic()
        while True:
            for e in self.events:
                if predicate(e):
                    return e
            now = time.monotonic()
            if now > deadline:
                raise AssertionError("the follower printed no matching event within %.1f s; it printed: %r"
                                     % (timeout, self.events))
            if self.proc.poll() is not None and not self._pump(0):
                raise AssertionError("the follower exited with %s: %s"
                                     % (self.proc.returncode, self.proc.stderr.read().decode(errors="replace")))
            if poke and now >= next_poke:
                poke()
                next_poke = now + poke_interval
            self._pump(min(0.1, max(0.0, deadline - now)))

    def drain(self, seconds):
        """Reads whatever arrives within seconds."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._pump(max(0.0, deadline - time.monotonic()))
        return self.events

    def wait_exit(self, timeout=STOP_TIMEOUT):
        self.proc.wait(timeout)
        stderr = self.proc.stderr.read().decode(errors="replace")
        code = stop_process(self.proc)
        return code, stderr

    def stop(self):
        return stop_process(self.proc)


# --- tegamid --------------------------------------------------------------------------

class Tegamid:
    """One tegamid on one data directory. Its stdout and stderr go to files beside (not
    inside) the data directory, so they can be searched separately."""

    def __init__(self, root, name="data"):
        self.root = root
        self.data_dir = os.path.join(root, name)
        self.proc = None
        self._runs = 0
        self.stdout_path = None
        self.stderr_path = None

    # Paths of the data directory (DataPaths).
    @property
    def settings_file(self):
        return os.path.join(self.data_dir, "settings.json")

    @property
    def control_socket(self):
        return os.path.join(self.data_dir, "control.sock")

    @property
    def lock_file(self):
        return os.path.join(self.data_dir, "tegamid.lock")

    @property
    def service_log(self):
        return os.path.join(self.data_dir, "logs", "tegamid.log")

    @property
    def protocol_log_dir(self):
        return os.path.join(self.data_dir, "logs", "protocol")

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def argv(self, *extra, test_hashing=True):
        argv = [TEGAMID, "--data-dir", self.data_dir]
        if test_hashing:
            argv.append("--test-password-hashing")
        return argv + list(extra)

    def start(self, *extra, wait=True):
        assert self.proc is None or self.proc.poll() is not None, "tegamid is already running"
        self._runs += 1
        self.stdout_path = os.path.join(self.root, "tegamid-%s-%d.out" % (os.path.basename(self.data_dir), self._runs))
        self.stderr_path = os.path.join(self.root, "tegamid-%s-%d.err" % (os.path.basename(self.data_dir), self._runs))
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = spawn(self.argv(*extra), stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        if wait:
            self.wait_ready()
        return self

    def output(self):
        """(stdout, stderr) of the latest run so far."""
        texts = []
        for path in (self.stdout_path, self.stderr_path):
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    texts.append(f.read())
            except (OSError, TypeError):
                texts.append("")
        return tuple(texts)

    def wait_ready(self, timeout=START_TIMEOUT):
        """Waits until the control socket answers a status request (bounded)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                out, err = self.output()
                raise AssertionError("tegamid exited with %d before its control socket answered.\n"
                                     "stdout: %s\nstderr: %s" % (self.proc.returncode, out, err))
            # Not listening yet, or too busy to answer within the second: try again.
            with contextlib.suppress(OSError, ValueError, AssertionError):
                reply = self.rpc("status", timeout=1.0)
                if "result" in reply:
                    return reply["result"]
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError("tegamid's control socket %s did not answer within %.0f s"
                                     % (self.control_socket, timeout))
            time.sleep(0.02)

    def stop(self, sig=signal.SIGTERM, timeout=STOP_TIMEOUT):
        """Stops tegamid and returns its exit code (None when it was not started)."""
        if self.proc is None:
            return None
        return stop_process(self.proc, sig, timeout)

    def is_running(self):
        return self.proc is not None and self.proc.poll() is None

    def run_foreground(self, *extra, test_hashing=True, timeout=START_TIMEOUT):
        """Runs a tegamid that is expected to exit by itself (--check-config, a refused start).
        A tegamid that keeps running is stopped and reported."""
        proc = spawn(self.argv(*extra, test_hashing=test_hashing), stdin=subprocess.DEVNULL,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_process(proc)
            raise AssertionError("tegamid %s did not exit within %.0f s" % (" ".join(extra), timeout))
        finally:
            if proc in _running:
                _running.remove(proc)
        return CtlResult(proc.args, proc.returncode, out, err)

    # tegamictl against this data directory.
    def ctl(self, *args, stdin=None, env=None, timeout=CTL_TIMEOUT):
        return run_ctl(["--data-dir", self.data_dir] + list(args), stdin_text=stdin, env=env, timeout=timeout)

    def follow(self, *filters, json_lines=True, lines=0):
        argv = ["--data-dir", self.data_dir, "log", "tail", "--follow", "--lines", str(lines)] + list(filters)
        return Follower((["--json"] if json_lines else []) + argv, json_lines)

    # Raw control socket.
    def connect_control(self, timeout=5.0):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.settimeout(timeout)
            s.connect(self.control_socket)
        except BaseException:
            s.close()
            raise
        return s

    def rpc_raw(self, payload, replies=1, timeout=5.0):
        """Sends payload bytes on a new connection and returns the first `replies` lines
        (decoded JSON) it answers, or fewer when the service closes the connection."""
        with self.connect_control(timeout) as s:
            s.sendall(payload)
            return read_json_lines(s, replies, timeout)

    def rpc(self, method, params=None, request_id=1, timeout=5.0):
        request = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            request["params"] = params
        replies = self.rpc_raw(json.dumps(request).encode() + b"\n", 1, timeout)
        if not replies:
            raise ValueError("tegamid closed the control connection without answering %s" % method)
        return replies[0]


# --- test case base -------------------------------------------------------------------

def ctl_ok(service, *args, stdin=None):
    """tegamictl that must succeed, usable outside a test method (class set-up)."""
    result = service.ctl(*args, stdin=stdin)
    if result.returncode != EXIT_OK:
        raise AssertionError("set-up command failed: %r" % result)
    return result


class TegamiTestCase(unittest.TestCase):
    """Each test gets a fresh temporary directory and an unstarted tegamid on it."""

    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="tegami-it-")
        # Cleanups run last-in first-out: tegamid stops before its directory goes.
        self.addCleanup(tmp.cleanup)
        self.root = tmp.name
        self.service = self.new_service("data")

    def new_service(self, name):
        service = Tegamid(self.root, name)
        self.addCleanup(service.stop)
        return service

    def start_service(self):
        return self.service.start()

    # Assertions with the context needed to diagnose a failure from the CTest log.
    def assertCtlOk(self, result):
        self.assertEqual(result.returncode, EXIT_OK, repr(result))
        return result

    def assertCtlFails(self, result, code=EXIT_FAILED, *fragments):
        self.assertEqual(result.returncode, code, repr(result))
        self.assertTrue(result.stderr.strip(), "no message on stderr: %r" % result)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr, repr(result))
        return result

    def assertActionable(self, message):
        self.assertRegex(message, ACTIONABLE, "the message does not say what to do: %r" % message)

    def assertServiceAlive(self, service=None):
        service = service or self.service
        self.assertTrue(service.is_running(), "tegamid is no longer running: %r" % (service.output(),))
        status = service.ctl("--json", "status")
        self.assertCtlOk(status)
        self.assertEqual(status.json()["pid"], service.pid)
        return status.json()

    # Common setup steps through the CLI.
    def add_domain(self, name, service=None):
        self.assertCtlOk((service or self.service).ctl("domain", "add", name))

    def add_user(self, address, password="correct-horse-battery", *options, service=None):
        self.assertCtlOk((service or self.service).ctl("user", "add", address, "--password-stdin", *options,
                                                       stdin=password + "\n"))

    def bind_protocol(self, protocol, port, tls_port=None, service=None):
        """Moves a protocol's listeners to 127.0.0.1 (never the default low ports)."""
        service = service or self.service
        self.assertCtlOk(service.ctl("config", "set", protocol + ".bindings", "127.0.0.1:%d" % port))
        tls = "127.0.0.1:%d" % tls_port if tls_port else "[]"
        self.assertCtlOk(service.ctl("config", "set", protocol + ".tlsBindings", tls))

    def enable_protocol(self, protocol, port, tls_port=None, service=None):
        service = service or self.service
        self.bind_protocol(protocol, port, tls_port, service)
        return self.assertCtlOk(service.ctl("--json", "protocol", "enable", protocol)).json()

    def assertGreets(self, protocol, port, host="127.0.0.1"):
        """A whole polite session on the listener: greeting, quit, goodbye, closed."""
        seen = session(protocol, port, host)
        self.assertTrue(seen.greeting.startswith(GREETING[protocol]), (protocol, seen.greeting))
        self.assertTrue(seen.farewell.startswith(QUIT[protocol][1]), (protocol, seen.farewell))
        return seen

    def log_events(self, *filters, service=None):
        result = self.assertCtlOk((service or self.service).ctl("--json", "log", "tail", "--lines", "1000", *filters))
        return result.json_lines()


class SharedTegamiTestCase(TegamiTestCase):
    """One tegamid, started once, for all tests of the class: start-up dominates the run
    time on a busy machine. Each test must leave the data as it found it; seed() fills
    it once before the first test."""

    @classmethod
    def setUpClass(cls):
        tmp = tempfile.TemporaryDirectory(prefix="tegami-it-")
        cls.addClassCleanup(tmp.cleanup)
        cls.root = tmp.name
        cls.service = Tegamid(cls.root, "data")
        cls.addClassCleanup(cls.service.stop)
        cls.service.start()
        cls.seed(cls.service)

    @classmethod
    def seed(cls, service):
        pass

    def setUp(self):
        if not self.service.is_running():
            self.fail("the shared tegamid is no longer running (an earlier test stopped or crashed it): %r"
                      % (self.service.output(),))


def main():
    unittest.main(verbosity=2)
