#!/usr/bin/env bash
# Installs the tegami .deb on this machine and takes it through its life: install, start
# the service, reach it with tegamictl (as root, as a member of the group tegami, and not
# as anyone else), remove (mail and settings kept), purge (everything gone).
#
# Usage (root, on a Debian 12 machine or container you may change):
#     installer/package-check.sh build/full/package/tegami_0.1.0_amd64.deb
#
# Under systemd (PID 1) the service is started with systemctl. Elsewhere (a container)
# the script says so, checks the unit with systemd-analyze verify, and starts tegamid the
# way the unit does: as the user tegami, umask 077, with /run/tegami created as
# RuntimeDirectory= would, but without the unit's sandboxing.
#
# The machine is left as it was found: the package purged, the user and group tegami and
# the two check accounts removed, no process left running.
set -euo pipefail

deb=${1:?usage: package-check.sh PATH/TO/tegami_VERSION_ARCH.deb}
[ -f "$deb" ] || { echo "package-check: no such file: $deb" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "package-check: run as root (it installs a package and a service)" >&2; exit 2; }
deb=$(readlink -f "$deb")

member=tegamicheck
outsider=tegamioutsider
tegamid_pid=
under_systemd=no
if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ] && [ -d /run/systemd/system ]; then
    under_systemd=yes
fi

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "package-check: FAILED: $*" >&2
    exit 1
}

# Refuse to touch a machine that already has Tegami: this check must leave it as found.
if dpkg-query -W -f='${Status}' tegami 2>/dev/null | grep -q "installed"; then
    fail "the package tegami is already installed here; purge it first (apt purge tegami)"
fi
for name in tegami "$member" "$outsider"; do
    if getent passwd "$name" >/dev/null || getent group "$name" >/dev/null; then
        fail "a user or group named $name already exists; this check creates and removes it"
    fi
done
[ -e /var/lib/tegami ] && fail "/var/lib/tegami already exists"

stop_service() {
    if [ "$under_systemd" = yes ]; then
        systemctl stop tegami.service 2>/dev/null || true
    elif [ -n "$tegamid_pid" ] && kill -0 "$tegamid_pid" 2>/dev/null; then
        kill -TERM "$tegamid_pid"
        for _ in $(seq 1 100); do
            kill -0 "$tegamid_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$tegamid_pid" 2>/dev/null && { kill -KILL "$tegamid_pid"; fail "tegamid ignored SIGTERM for 10 s"; }
    fi
    tegamid_pid=
}

cleanup() {
    local rc=$?
    set +e
    stop_service
    for name in "$member" "$outsider"; do
        getent passwd "$name" >/dev/null && userdel "$name"
    done
    if dpkg-query -W -f='${Status}' tegami 2>/dev/null | grep -q "install\|config-files"; then
        dpkg --purge tegami >/dev/null
    fi
    [ $rc -eq 0 ] || echo "package-check: cleaned up after the failure (package purged, check accounts removed)" >&2
    exit $rc
}
trap cleanup EXIT

step "install $(basename "$deb")"
dpkg -i "$deb" || fail "dpkg -i failed (missing dependencies? on a clean machine: apt install $deb)"
for f in /usr/bin/tegami /usr/bin/tegamid /usr/bin/tegamictl /lib/systemd/system/tegami.service \
    /usr/share/applications/tegami.desktop /usr/share/icons/hicolor/scalable/apps/tegami.svg \
    /usr/share/tegami/system-service; do
    [ -e "$f" ] || fail "$f is not installed"
done
getent passwd tegami >/dev/null || fail "postinst did not create the user tegami"
getent group tegami >/dev/null || fail "postinst did not create the group tegami"
[ "$(stat -c '%U:%G %a' /var/lib/tegami)" = "tegami:tegami 700" ] ||
    fail "/var/lib/tegami is $(stat -c '%U:%G %a' /var/lib/tegami), expected tegami:tegami 700"
echo "installed: programs, unit, desktop file, icons; user and group tegami; /var/lib/tegami (tegami, 0700)"

step "the unit"
if command -v systemd-analyze >/dev/null; then
    # Offline check of the installed unit: syntax, ExecStart exists, the user is known.
    systemd-analyze verify /lib/systemd/system/tegami.service || fail "systemd-analyze verify rejects tegami.service"
    echo "systemd-analyze verify: tegami.service is valid"
else
    echo "systemd-analyze is not installed (apt install systemd): the unit was not verified"
fi

step "start the service"
if [ "$under_systemd" = yes ]; then
    systemctl start tegami.service
    systemctl is-active --quiet tegami.service || fail "systemctl start tegami: the service is not active"
    echo "started with systemctl (systemd is PID 1)"
else
    echo "systemd is not running here (PID 1 is $(ps -p 1 -o comm=)): starting tegamid as the unit would"
    echo "(user tegami, umask 077, /run/tegami 0750 tegami:tegami), without the unit's sandboxing."
    exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/tegami.service)
    install -d -o tegami -g tegami -m 0750 /run/tegami
    runuser -u tegami -- sh -c "umask 077; exec $exec_start" >/tmp/tegami-package-check.log 2>&1 &
    tegamid_pid=$!
fi
for _ in $(seq 1 100); do
    [ -S /run/tegami/control.sock ] && break
    sleep 0.1
done
[ -S /run/tegami/control.sock ] || fail "no control socket at /run/tegami/control.sock after 10 s"
[ "$(stat -c '%U:%G %a' /run/tegami/control.sock)" = "tegami:tegami 770" ] ||
    fail "the control socket is $(stat -c '%U:%G %a' /run/tegami/control.sock), expected tegami:tegami 770 (Qt sets rwx; a socket has no use for x)"
echo "control socket: /run/tegami/control.sock (tegami:tegami, 0770: the owner and the group, nobody else)"

step "tegamictl status as root (no --data-dir: it must find the system service itself)"
(cd / && tegamictl status) || fail "tegamictl status as root"
(cd / && tegamictl domain add example.test) || fail "tegamictl domain add as root"

step "tegamictl status as $member, a member of the group tegami"
useradd --no-create-home --shell /usr/sbin/nologin --groups tegami "$member"
(cd / && runuser -u "$member" -- tegamictl status >/dev/null) || fail "a member of the group tegami cannot use tegamictl"
(cd / && runuser -u "$member" -- tegamictl domain list) | grep -q example.test || fail "the member does not see the domain"
echo "the member reaches the service"
userdel "$member"

step "tegamictl status as $outsider, who is not in the group"
useradd --no-create-home --shell /usr/sbin/nologin "$outsider"
if refusal=$(cd / && runuser -u "$outsider" -- tegamictl status 2>&1); then
    fail "a user outside the group tegami can use the control socket"
fi
echo "$refusal"
echo "refused, as it should be"
userdel "$outsider"

step "the console finds the system service by itself"
QT_QPA_PLATFORM=offscreen tegami --help 2>/dev/null | grep -q "default: /var/lib/tegami" ||
    fail "the console's default data directory is not the system service's"
echo "tegami --help: default data directory /var/lib/tegami (socket /run/tegami/control.sock)"
# tegamid started by hand keeps to the user's own directory: only the service writes /var/lib/tegami.
if tegamid --help | grep -q "(default: /var/lib/tegami)"; then
    fail "tegamid without --service defaults to the system service's data directory"
fi

step "remove (the mail and settings stay)"
[ "$under_systemd" = yes ] || stop_service
dpkg --remove tegami
[ ! -e /usr/bin/tegamid ] || fail "tegamid is still installed after remove"
[ -f /var/lib/tegami/settings.json ] || fail "remove deleted the settings (/var/lib/tegami/settings.json)"
[ -f /var/lib/tegami/accounts.db ] || fail "remove deleted the accounts (/var/lib/tegami/accounts.db)"
getent passwd tegami >/dev/null || fail "remove deleted the user tegami"
if [ "$under_systemd" = yes ] && systemctl is-active --quiet tegami.service; then
    fail "the service still runs after remove"
fi
echo "programs gone; /var/lib/tegami and the user tegami kept"

step "purge (everything goes)"
dpkg --purge tegami
[ ! -e /var/lib/tegami ] || fail "purge left /var/lib/tegami"
[ ! -e /run/tegami ] || fail "purge left /run/tegami"
! getent passwd tegami >/dev/null || fail "purge left the user tegami"
! getent group tegami >/dev/null || fail "purge left the group tegami"
[ ! -e /lib/systemd/system/tegami.service ] || fail "purge left the unit"
dpkg-query -W tegami >/dev/null 2>&1 && fail "dpkg still knows the package tegami"
echo "package, data, user and group gone"

printf '\npackage-check: OK (%s)\n' "$([ "$under_systemd" = yes ] && echo "under systemd" ||
    echo "systemd not running: tegamid started as the unit would; unit checked with systemd-analyze verify")"
