"""What every Tegami benchmark needs: its own tegamid on a temporary data directory with
free ports of 127.0.0.1, tegamictl against it, the server's CPU time, and the binaries of
a build tree. Standard library only."""

import contextlib
import ctypes
import os
import signal
import socket
import ssl
import subprocess
import sys
import time


def die_with_parent():
    # In the child between fork and exec: tegamid dies if the benchmark is killed.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, tegamid, tegamictl, root, fast_hashing, name="bench"):
        self.name = name  # the benchmark's name, for its messages
        self.tegamid = tegamid
        self.tegamictl = tegamictl
        self.data_dir = os.path.join(root, "data")
        self.log_path = os.path.join(root, "tegamid.log")
        self.fast_hashing = fast_hashing
        self.proc = None

    def start(self):
        argv = [self.tegamid, "--data-dir", self.data_dir]
        if self.fast_hashing:
            argv.append("--test-password-hashing")
        env = dict(os.environ)
        env.pop("TEGAMI_DATA_DIR", None)
        on_linux = sys.platform.startswith("linux")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         env=env, preexec_fn=die_with_parent if on_linux else None)
        deadline = time.monotonic() + 20
        while True:
            if self.proc.poll() is not None:
                raise SystemExit("%s: tegamid exited with %d; its output:\n%s"
                                 % (self.name, self.proc.returncode, self.log_tail()))
            if subprocess.run([self.tegamictl, "--data-dir", self.data_dir, "status"], capture_output=True,
                              stdin=subprocess.DEVNULL).returncode == 0:
                return
            if time.monotonic() > deadline:
                raise SystemExit("%s: tegamid did not answer within 20 s; its output:\n%s" % (self.name, self.log_tail()))
            time.sleep(0.1)

    def ctl(self, *args, stdin=None):
        proc = subprocess.run([self.tegamictl, "--data-dir", self.data_dir] + list(args), input=stdin,
                              capture_output=True, text=True, timeout=600,
                              stdin=None if stdin is not None else subprocess.DEVNULL)
        if proc.returncode != 0:
            raise SystemExit("%s: tegamictl %s failed: %s" % (self.name, " ".join(args), proc.stderr.strip()))
        return proc.stdout

    def log_tail(self, chars=2000):
        """The end of tegamid's output (the temporary directory goes away at exit)."""
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-chars:]
        except OSError:
            return ""

    def cpu_seconds(self):
        """User plus system CPU time of tegamid so far, or None off Linux."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def find_binaries(args, name):
    """tegamid and tegamictl from --tegamid/--tegamictl or BUILD_DIR/bin."""
    tegamid = args.tegamid or os.path.join(args.build_dir, "bin", "tegamid")
    tegamictl = args.tegamictl or os.path.join(args.build_dir, "bin", "tegamictl")
    for path in (tegamid, tegamictl):
        if not os.access(path, os.X_OK):
            raise SystemExit("%s: %s is not an executable; build tegamid and tegamictl first "
                             "(cmake --build %s --target tegamid tegamictl) or give --tegamid/--tegamictl"
                             % (name, path, args.build_dir))
    return tegamid, tegamictl


def client_context():
    """The certificate is the one tegamid generated a moment ago; a benchmark measures speed,
    not trust, so it does not verify it (loopback only)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def cpu_note(label, client_cpu, server_cpu, seconds):
    """Lines saying whether the client or tegamid was the limit of a measurement."""
    lines = []
    if server_cpu is None:
        return lines
    # The clients and tegamid share the machine: when the clients use as much CPU as the
    # server, the figure says as much about Python as about tegamid.
    if client_cpu >= server_cpu:
        lines.append("  %s: the client used more CPU than the server (%.1f s vs %.1f s): the client may be the "
                     "limit here" % (label, client_cpu, server_cpu))
    else:
        lines.append("  %s: the client is not the bottleneck (client %.1f s of CPU, server %.1f s)"
                     % (label, client_cpu, server_cpu))
    if server_cpu >= 0.9 * seconds:
        lines.append("  %s: tegamid used a whole core: its event loop is the limit" % label)
    return lines
