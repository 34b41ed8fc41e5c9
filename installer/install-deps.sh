#!/usr/bin/env bash
# Installs the Debian 12 packages Tegami needs to build, test and run.
# Idempotent: does nothing when every package is already installed.
# Usage: installer/install-deps.sh [--gui] [--fuzz] [--package]
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
    libargon2-dev libssl-dev libsqlite3-dev
    python3 openssl
    curl fetchmail swaks libnet-ssleay-perl python3-aiosmtpd isync libsasl2-modules
)
# libFuzzer and AddressSanitizer for `make fuzz`.
fuzz_packages=(clang libclang-rt-14-dev)
# make package / package-check: CPack's .deb (dpkg-shlibdeps, fakeroot, file), the unit
# check (systemd-analyze), the maintainer scripts' tools (adduser, runuser from util-linux).
package_packages=(dpkg-dev fakeroot file systemd adduser util-linux)
gui_packages=(
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev qt6-svg-dev
    qt6-qpa-plugins libgl-dev libqt6opengl6-dev
    # Japanese: CJK fonts to render it, Qt's own translations (standard dialogs, wizard buttons).
    fonts-noto-cjk qt6-translations-l10n
)

for arg in "$@"; do
    case "$arg" in
        --gui) packages+=("${gui_packages[@]}") ;;
        --fuzz) packages+=("${fuzz_packages[@]}") ;;
        --package) packages+=("${package_packages[@]}") ;;
        *) echo "install-deps.sh: unknown option '$arg' (use --gui, --fuzz or --package)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
