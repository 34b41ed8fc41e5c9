#!/usr/bin/env bash
# Pictures of every console page on a demo service, without a desktop (offscreen platform):
#   tools/screenshots/screenshots.sh [OUT_DIR] [BUILD_DIR]
# Starts a tegamid on a throw-away data directory, gives it a few domains, mailboxes, an
# alias, a certificate, two protocols on high ports (one listener deliberately failing),
# a ban and some POP3 sessions, then runs `tegami --screenshots OUT_DIR` and stops it.
set -euo pipefail
out=${1:-screenshots}
build=${2:-build/full}
bin="$build/bin"
data=$(mktemp -d /tmp/tegami-screens.XXXXXX)
ctl() { "$bin/tegamictl" --data-dir "$data" "$@" >/dev/null; }

"$bin/tegamid" --data-dir "$data" --test-password-hashing >"$data/tegamid.out" 2>&1 &
service=$!
squatter=""
cleanup() {
    kill "$service" 2>/dev/null || true
    [ -n "$squatter" ] && kill "$squatter" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 300); do "$bin/tegamictl" --data-dir "$data" status >/dev/null 2>&1 && break; sleep 0.1; done

# Three different free ports (held together while chosen, so the kernel cannot repeat one).
read -r pop imap busy < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
ctl config set server.fqdn mail.example.com
ctl domain add example.com
ctl domain add branch.example
for user in alice bob carol; do
    printf 'demo-password-1\n' | ctl user add "$user@example.com" --name "${user^}" --password-stdin
done
printf 'demo-password-1\n' | ctl user add dave@branch.example --quota 500M --password-stdin
ctl user set carol@example.com --enabled false
ctl user set bob@example.com --pop-scope new --pop-after delete
ctl alias add sales@example.com alice@example.com bob@example.com
ctl cert generate mail.example.com
ctl cert assign "$("$bin/tegamictl" --data-dir "$data" --json cert list | python3 -c 'import json,sys; print(json.load(sys.stdin)["certificates"][0]["id"])')" default --force
ctl config set pop3.bindings "127.0.0.1:$pop"
ctl config set pop3.tlsBindings ""
ctl config set pop3.loginType plainTextLogin   # so the demo's wrong passwords reach the login check
ctl protocol enable pop3
# A port someone else holds: the IMAP listener fails and the dashboard says why.
python3 -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',$busy)); s.listen(); time.sleep(600)" &
squatter=$!
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $busy)).close()" 2>/dev/null; do sleep 0.1; done
ctl config set imap.bindings "127.0.0.1:$busy"
ctl config set imap.tlsBindings "127.0.0.1:$imap"
ctl protocol enable imap || true
# tegamictl has no ban command; the control API does.
python3 - "$data/control.sock" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"security.ban","params":{"address":"203.0.113.66","seconds":7200}}\n')
s.recv(4096)
PY
python3 - "$pop" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
for user, password in [("alice@example.com", "demo-password-1"), ("bob@example.com", "wrong"), ("eve@example.com", "guess")]:
    s = socket.create_connection(("127.0.0.1", port)); f = s.makefile("rb")
    f.readline()
    for line in [f"USER {user}", f"PASS {password}", "STAT", "QUIT"]:
        s.sendall((line + "\r\n").encode()); f.readline()
    s.close()
PY
"$bin/tegamictl" --data-dir "$data" --json status >/dev/null
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$bin/tegami" --data-dir "$data" --no-start-service --screenshots "$out"
echo "Pictures in $out:"
ls "$out"
