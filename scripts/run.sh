#!/usr/bin/env bash
# `make run`: start Tegami from the build tree.
# The desktop console is not built yet (see the open issues), so this runs the service,
# tegamid, in the foreground on the default data directory ($TEGAMI_DATA_DIR, else
# ~/.local/share/tegami). It prints where it listens or, on a fresh data directory, the
# exact tegamictl commands that add a mailbox and enable a protocol.
set -euo pipefail
build_dir=${1:-build/full}
bin="$build_dir/bin"
if [ -x "$bin/tegami" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    exec "$bin/tegami"
fi
args=()
if [ -n "${TEGAMI_DATA_DIR:-}" ]; then
    args+=(--data-dir "$TEGAMI_DATA_DIR")
fi
exec "$bin/tegamid" "${args[@]}"
