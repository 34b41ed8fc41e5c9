#!/usr/bin/env bash
# The console's time from start to first paint (offscreen platform), with and without a
# service answering on the data directory: five runs each, every figure printed.
#   bench/console/first_paint.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build/full}
bin="$build/bin"
data=$(mktemp -d /tmp/tegami-first-paint.XXXXXX)
service=""
cleanup() {
    [ -n "$service" ] && kill "$service" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
run() {
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        line=$("$bin/tegami" --data-dir "$data" --no-start-service --report-first-paint 2>/dev/null)
        end=$(date +%s%N)
        printf '  %s (%d ms from exec)\n' "$line" $(((end - start) / 1000000))
    done
}
echo "Console start to first paint, no service running:"
run
"$bin/tegamid" --data-dir "$data" --test-password-hashing >/dev/null 2>&1 &
service=$!
for _ in $(seq 100); do "$bin/tegamictl" --data-dir "$data" status >/dev/null 2>&1 && break; sleep 0.1; done
echo "Console start to first paint, service running:"
run
