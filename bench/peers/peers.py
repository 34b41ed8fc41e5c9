"""The peers Tegami is compared with: Dovecot (IMAP, POP3, LMTP, SASL for Postfix) and
Postfix (MX and submission, delivering through Dovecot's LMTP), each an instance of its own
under a temporary directory, configured from scratch.

Nothing system-wide is touched: Dovecot runs with `dovecot -F -c <tmp>/dovecot.conf`
(base_dir, state_dir and logs in the temporary directory), Postfix's master runs in the
foreground with `-c <tmp>/postfix` (queue and data directories in the temporary
directory; the super-user may name any configuration directory, so the system's main.cf
needs no alternate_config_directories). Every listener is on 127.0.0.1 on a free high port;
port 25 is never bound. The Debian packages are installed when missing, with a
policy-rc.d that keeps their own services from starting.

Standard library only.
"""

import contextlib
import grp
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import benchlib  # noqa: E402

PACKAGES = ("dovecot-imapd", "dovecot-pop3d", "dovecot-lmtpd", "postfix")
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"


def log(text):
    sys.stderr.write("peers: %s\n" % text)
    sys.stderr.flush()


# --- installation ------------------------------------------------------------------------


def missing_packages():
    missing = []
    for package in PACKAGES:
        proc = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", package], capture_output=True, text=True)
        if proc.returncode != 0 or "install ok installed" not in proc.stdout:
            missing.append(package)
    return missing


def install_packages():
    """Installs what is missing with apt-get. A policy-rc.d answering 101 keeps the
    packages' services from starting (and the system's port 25 closed); Postfix is told
    'No configuration', so it writes no /etc/postfix/main.cf. Returns None or why not."""
    missing = missing_packages()
    if not missing:
        return None
    if not shutil.which("apt-get"):
        return "apt-get not found (%s missing)" % " ".join(missing)
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if sudo and not shutil.which("sudo"):
        return "not root and no sudo: cannot install %s" % " ".join(missing)
    log("installing %s (services kept stopped) ..." % " ".join(missing))
    policy = "/usr/sbin/policy-rc.d"
    ours = False
    try:
        if not os.path.exists(policy):
            script = "#!/bin/sh\n# bench/peers: keep installed services from starting\nexit 101\n"
            subprocess.run(sudo + ["sh", "-c", "cat > %s && chmod 755 %s" % (policy, policy)], input=script,
                           text=True, check=True)
            ours = True
        subprocess.run(sudo + ["debconf-set-selections"], input="postfix postfix/main_mailer_type select No configuration\n",
                       text=True, check=False)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        proc = subprocess.run(sudo + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                                      "--no-install-recommends"] + missing, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            subprocess.run(sudo + ["apt-get", "update", "-q"], capture_output=True)
            proc = subprocess.run(sudo + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                                          "--no-install-recommends"] + missing, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            return "apt-get install %s failed: %s" % (" ".join(missing), proc.stderr.strip()[-500:])
    finally:
        if ours:
            subprocess.run(sudo + ["rm", "-f", policy], check=False)
    # Belt and braces: on a machine with systemd the units may have been enabled anyway.
    if shutil.which("systemctl") and os.path.isdir("/run/systemd/system"):
        for unit in ("dovecot.service", "dovecot.socket", "postfix.service"):
            subprocess.run(sudo + ["systemctl", "disable", "--now", unit], capture_output=True)
    return None


# --- processes ---------------------------------------------------------------------------


def children_map():
    """pid -> list of child pids, from /proc."""
    tree = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid):
    """pid and every process below it."""
    tree = children_map()
    result, todo = [], [pid]
    while todo:
        p = todo.pop()
        result.append(p)
        todo.extend(tree.get(p, []))
    return result


def tree_cpu_seconds(pid):
    """User plus system CPU of a process tree, with the children it has already reaped."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in descendants(pid):
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        if p == pid:
            total += int(fields[13]) + int(fields[14])
    return total / tick


def tree_memory_kb(pid):
    """(PSS, RSS) in KB summed over a process tree. PSS counts a page shared by n
    processes as 1/n in each, so the sum is what the tree occupies; RSS counts it n times."""
    pss = rss = 0
    for p in descendants(pid):
        with contextlib.suppress(OSError):
            with open("/proc/%d/smaps_rollup" % p) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
    return pss, rss


def raise_fd_limit(wanted=65536):
    """In the child before exec: enough descriptors for 10,000 connections."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < wanted and os.geteuid() == 0:
            hard = wanted
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted,
                                                    hard))


def child_setup():
    benchlib.die_with_parent()
    raise_fd_limit()


def stop_tree(proc, name, grace=15):
    """SIGTERM to the main process (it stops its children), then SIGKILL to whatever of
    its tree is left."""
    if proc is None:
        return
    pids = descendants(proc.pid) if proc.poll() is None else []
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            log("%s did not stop within %d s: killing it" % (name, grace))
    for p in pids:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


INOTIFY = "/proc/sys/fs/inotify/max_user_instances"


def raise_inotify_instances(wanted):
    """Dovecot's IDLE (and its hibernation of idle connections) needs an inotify instance
    per imap process, all of the mail uid; the kernel's default of 128 per user cuts in
    long before 10,000 connections. The limit is raised for the run and given back by
    restore_inotify_instances(). Returns the previous value, or None if unchanged."""
    try:
        with open(INOTIFY) as f:
            before = int(f.read())
        if before >= wanted:
            return None
        with open(INOTIFY, "w") as f:
            f.write(str(wanted))
        return before
    except (OSError, ValueError):
        log("cannot raise %s to %d: Dovecot's IDLE falls back to polling past its limit" % (INOTIFY, wanted))
        return None


def restore_inotify_instances(before):
    if before is not None:
        with contextlib.suppress(OSError):
            with open(INOTIFY, "w") as f:
                f.write(str(before))


def make_certificate(directory, cn):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=%s" % cn, "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    os.chmod(key, 0o644)  # a throwaway key; Postfix's and Dovecot's unprivileged processes read it
    return cert, key


def wait_port(port, seconds, proc, name, log_path):
    import socket
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("peers: %s exited with %d; its log:\n%s" % (name, proc.returncode, tail(log_path)))
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        time.sleep(0.1)
    raise SystemExit("peers: %s did not listen on 127.0.0.1:%d within %d s; its log:\n%s"
                     % (name, port, seconds, tail(log_path)))


def tail(path, chars=3000):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-chars:]
    except OSError:
        return ""


# --- Dovecot -----------------------------------------------------------------------------


DOVECOT_CONF = """# Generated by bench/peers: a Dovecot of its own for the benchmark, loopback only.
base_dir = {run}
state_dir = {state}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_cache_size = 10M
first_valid_uid = {uid}
last_valid_uid = 0
default_client_limit = 20000
default_vsz_limit = 1G
mail_location = maildir:~/Maildir
mail_uid = {uid}
mail_gid = {gid}
# What an admin expecting thousands of clients in IDLE sets: after a few seconds in IDLE
# a connection moves from its own imap process into the shared imap-hibernate process.
imap_hibernate_timeout = {hibernate}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%d/%n allow_all_users=yes
}}
protocol imap {{
  mail_max_userip_connections = 20000
}}
protocol pop3 {{
  mail_max_userip_connections = 100
  pop3_uidl_format = %08Xu%08Xv
}}
# Login processes in Dovecot's "high-performance mode" (what its documentation suggests
# for busy servers): a few long-lived processes instead of one per connection.
service imap-login {{
  service_count = 0
  process_min_avail = 2
  client_limit = 20000
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  service_count = 0
  process_min_avail = 2
  client_limit = 20000
  inet_listener pop3 {{
    address = 127.0.0.1
    port = 0
  }}
  inet_listener pop3s {{
    address = 127.0.0.1
    port = {pop3s}
    ssl = yes
  }}
}}
service anvil {{
  client_limit = 50000
}}
service lmtp {{
  unix_listener lmtp {{
    mode = 0666
  }}
}}
service auth {{
  client_limit = 50000
  unix_listener auth-postfix {{
    mode = 0666
  }}
}}
service imap {{
  process_limit = 12000
  unix_listener imap-master {{
    mode = 0666
  }}
}}
service imap-hibernate {{
  client_limit = 20000
  unix_listener imap-hibernate {{
    mode = 0666
  }}
}}
"""


class Dovecot:
    def __init__(self, root, cert, key, password, hibernate="3s"):
        self.root = os.path.join(root, "dovecot")
        self.run_dir = os.path.join(self.root, "run")
        self.mail_dir = os.path.join(self.root, "mail")
        self.conf = os.path.join(self.root, "dovecot.conf")
        self.log_path = os.path.join(self.root, "dovecot.log")
        self.cert, self.key = cert, key
        self.password = password
        self.hibernate = hibernate
        self.ports = {}
        self.users = []
        self.proc = None
        account = pwd.getpwnam("nobody")
        self.uid, self.gid = account.pw_uid, grp.getgrnam("nogroup").gr_gid
        for d in (self.root, self.mail_dir):
            os.makedirs(d, exist_ok=True)
        os.chmod(self.root, 0o755)
        os.chown(self.mail_dir, self.uid, self.gid)

    def add_users(self, addresses):
        self.users.extend(addresses)
        with open(os.path.join(self.root, "users"), "w") as f:
            for address in self.users:
                f.write("%s:{PLAIN}%s\n" % (address, self.password))

    def maildir(self, address):
        """The user's Maildir (created, owned by the mail uid)."""
        local, domain = address.split("@")
        path = os.path.join(self.mail_dir, domain, local, "Maildir")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(path, sub), exist_ok=True)
        for p in (os.path.join(self.mail_dir, domain), os.path.join(self.mail_dir, domain, local), path,
                  os.path.join(path, "cur"), os.path.join(path, "new"), os.path.join(path, "tmp")):
            os.chown(p, self.uid, self.gid)
        return path

    def start(self):
        self.ports = {"imap": benchlib.free_port(), "imaps": benchlib.free_port(), "pop3s": benchlib.free_port()}
        if not os.path.exists(os.path.join(self.root, "users")):
            self.add_users([])
        with open(self.conf, "w") as f:
            f.write(DOVECOT_CONF.format(run=self.run_dir, state=os.path.join(self.root, "state"), root=self.root,
                                        cert=self.cert, key=self.key, uid=self.uid, gid=self.gid,
                                        mail=self.mail_dir, hibernate=self.hibernate, **self.ports))
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(["dovecot", "-F", "-c", self.conf], stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, preexec_fn=child_setup)
        wait_port(self.ports["imaps"], 20, self.proc, "dovecot", self.log_path)

    def lmtp_socket(self):
        return os.path.join(self.run_dir, "lmtp")

    def auth_socket(self):
        return os.path.join(self.run_dir, "auth-postfix")

    def stop(self):
        stop_tree(self.proc, "dovecot")


# --- Postfix -----------------------------------------------------------------------------


MAIN_CF = """# Generated by bench/peers: a Postfix of its own for the benchmark, loopback only.
compatibility_level = 3.6
queue_directory = {queue}
data_directory = {data}
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = {root}/postfix.log
myhostname = {fqdn}
mydomain = {domain}
myorigin = $mydomain
mydestination = {domain}
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
# Local mailboxes are Dovecot's: every address of the domain is delivered over LMTP.
local_recipient_maps =
local_transport = lmtp:unix:{lmtp}
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
smtputf8_enable = no
smtpd_banner = $myhostname ESMTP
smtpd_tls_cert_file = {cert}
smtpd_tls_key_file = {key}
smtpd_tls_security_level = may
smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated reject_unauth_destination
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
message_size_limit = 37748736
default_process_limit = 100
"""

MASTER_CF = """# Generated by bench/peers. service type private unpriv chroot wakeup maxproc command
127.0.0.1:{smtp} inet n - n - - smtpd
127.0.0.1:{submission} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_sasl_type=dovecot
  -o smtpd_sasl_path={auth}
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


class Postfix:
    def __init__(self, root, cert, key, domain, fqdn, dovecot):
        self.root = os.path.join(root, "postfix")
        self.cert, self.key = cert, key
        self.domain, self.fqdn = domain, fqdn
        self.dovecot = dovecot
        self.log_path = os.path.join(self.root, "postfix.log")
        self.ports = {}
        self.proc = None

    def start(self):
        os.makedirs(self.root, exist_ok=True)
        os.chmod(self.root, 0o755)
        self.ports = {"smtp": benchlib.free_port(), "submission": benchlib.free_port()}
        with open(os.path.join(self.root, "main.cf"), "w") as f:
            f.write(MAIN_CF.format(queue=os.path.join(self.root, "queue"), data=os.path.join(self.root, "data"),
                                   root=self.root, fqdn=self.fqdn, domain=self.domain, cert=self.cert, key=self.key,
                                   lmtp=self.dovecot.lmtp_socket()))
        with open(os.path.join(self.root, "master.cf"), "w") as f:
            f.write(MASTER_CF.format(auth=self.dovecot.auth_socket(), **self.ports))
        os.makedirs(os.path.join(self.root, "queue"), exist_ok=True)
        os.makedirs(os.path.join(self.root, "data"), exist_ok=True)
        os.chown(os.path.join(self.root, "data"), pwd.getpwnam("postfix").pw_uid, -1)
        # `postfix check` creates the queue directories with their owners and modes.
        env = dict(os.environ, MAIL_CONFIG=self.root)
        proc = subprocess.run(["postfix", "-c", self.root, "check"], capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise SystemExit("peers: postfix check failed: %s" % (proc.stderr.strip() or proc.stdout.strip()))
        with open(os.path.join(self.root, "master.out"), "ab") as out:
            # master -d: in the foreground, as this script's child, so that it is stopped with it.
            self.proc = subprocess.Popen([POSTFIX_MASTER, "-c", self.root, "-d"], stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, env=env, preexec_fn=child_setup)
        wait_port(self.ports["submission"], 20, self.proc, "postfix", self.log_path)

    def stop(self):
        stop_tree(self.proc, "postfix")


# --- both, as one target ------------------------------------------------------------------


class Peer:
    """Postfix for SMTP, Dovecot for IMAP, POP3 and local delivery: what the workloads
    measure as 'the peer'."""

    name = "Dovecot+Postfix"

    def __init__(self, root, domain, fqdn, password):
        self.root = os.path.join(root, "peer")
        os.makedirs(self.root, exist_ok=True)
        os.chmod(self.root, 0o755)
        self.cert, self.key = make_certificate(self.root, fqdn)
        self.dovecot = Dovecot(self.root, self.cert, self.key, password)
        self.postfix = Postfix(self.root, self.cert, self.key, domain, fqdn, self.dovecot)

    def start(self):
        self.inotify_before = raise_inotify_instances(20480)
        self.dovecot.start()
        self.postfix.start()
        self.ports = dict(self.dovecot.ports, **self.postfix.ports)

    def add_users(self, addresses):
        self.dovecot.add_users(addresses)

    def maildir(self, address):
        return self.dovecot.maildir(address)

    def pids(self):
        return [p.pid for p in (self.dovecot.proc, self.postfix.proc) if p is not None and p.poll() is None]

    def cpu_seconds(self):
        return sum(tree_cpu_seconds(p) for p in self.pids())

    def memory_kb(self, which="imap"):
        """(PSS, RSS) of the server that holds IMAP connections: Dovecot's whole tree."""
        return tree_memory_kb(self.dovecot.proc.pid)

    def process_count(self):
        return sum(len(descendants(p)) for p in self.pids())

    def logs(self):
        return "dovecot:\n%s\npostfix:\n%s" % (tail(self.dovecot.log_path, 1500), tail(self.postfix.log_path, 1500))

    def stop(self):
        try:
            self.postfix.stop()
            self.dovecot.stop()
        finally:
            restore_inotify_instances(getattr(self, "inotify_before", None))


if __name__ == "__main__":
    # Smoke test: start both, show the ports, stop.
    why = install_packages()
    if why:
        raise SystemExit(why)
    top = tempfile.mkdtemp(prefix="tegami-peers-", dir="/var/tmp")
    os.chmod(top, 0o755)
    peer = Peer(top, "bench.example.test", "mail.bench.example.test", "bench-password-2718")
    try:
        peer.add_users(["a@bench.example.test"])
        peer.maildir("a@bench.example.test")
        peer.start()
        print(peer.ports, peer.process_count(), peer.memory_kb())
        if len(sys.argv) > 1:
            time.sleep(float(sys.argv[1]))
    finally:
        peer.stop()
        print(peer.logs())
        shutil.rmtree(top, ignore_errors=True)
