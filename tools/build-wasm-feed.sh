#!/usr/bin/env bash
# Builds bench/wasm-feed (src/data.rs behind a copy-light raw wasm boundary, benchmark only) with
# and without simd128, into target/bench-wasm/feed{,-simd}.wasm, for tools/bench-scanner.mjs --feed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
for v in "" "-simd"; do
    flags=""
    [ -z "$v" ] || flags="-C target-feature=+simd128"
    CARGO_TARGET_DIR=$here/target/wasm-feed$v RUSTFLAGS="$flags" \
        cargo build -q --release --target wasm32-unknown-unknown --manifest-path "$here/bench/wasm-feed/Cargo.toml"
    mkdir -p "$here/target/bench-wasm"
    cp "$here/target/wasm-feed$v/wasm32-unknown-unknown/release/wasm_feed.wasm" "$here/target/bench-wasm/feed$v.wasm"
    printf '    target/bench-wasm/feed%s.wasm: %s bytes\n' "$v" "$(wc -c <"$here/target/bench-wasm/feed$v.wasm")" >&2
done
