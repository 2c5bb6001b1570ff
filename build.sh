#!/usr/bin/env bash
# smtp-sim's one entry point: setup · build · serve · test · bench · dist.
# Each step installs what it needs when it is missing and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# apt-get update runs at most once per invocation, and only when something must be installed.
apt_updated=0
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ $apt_updated -eq 0 ]; then
        say "apt-get update"
        $sudo apt-get update -q >/dev/null
        apt_updated=1
    fi
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Real SMTP clients the interop tests drive over loopback.
setup_interop() {
    apt_install swaks curl python3
}

# Real SMTP servers the client's interop tests deliver to: aiosmtpd (PyPI), smtp-server (npm).
setup_client_interop() {
    if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
        say "installing aiosmtpd"
        apt_install python3-pip
        python3 -m pip install --quiet aiosmtpd 2>/dev/null ||
            python3 -m pip install --quiet --break-system-packages aiosmtpd
    fi
    if [ ! -d node_modules/smtp-server ]; then
        say "npm ci"
        npm ci --no-audit --no-fund
    fi
}

setup() {
    setup_interop
    setup_client_interop
}

test_native() {
    say "cargo fmt --check"
    cargo fmt --all -- --check
    say "cargo clippy"
    cargo clippy --all-targets -- -D warnings
    say "cargo test"
    cargo test
}

cmd=${1:-build}
case "$cmd" in
    setup) setup ;;
    test)
        setup
        test_native
        ;;
    bench)
        say "scanner benchmark (medians, side by side)"
        cargo bench --bench scanner
        ;;
    -h|--help|help)
        sed -n '2,3p' "$0" | sed 's/^# //'
        echo "usage: ./build.sh [setup|build|serve|test|bench|dist]"
        ;;
    *)
        echo "build.sh: unknown step '$cmd' (try ./build.sh help)" >&2
        exit 2
        ;;
esac
