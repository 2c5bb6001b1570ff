#!/usr/bin/env bash
# Builds the wasm module in the variants the scanner benchmark compares, each into
# target/bench-wasm/<PREFIX><variant>/ (glue + module, as www/pkg holds them):
#
#   z        the release profile as shipped (opt-level "z"), wasm-opt -Oz
#   3        opt-level 3, wasm-opt -O3
#   z-simd   opt-level "z" with +simd128, wasm-opt -Oz
#   3-simd   opt-level 3 with +simd128, wasm-opt -O3
#
#   tools/build-wasm-variants.sh [--src DIR] [--prefix P] [VARIANT...]   (default: all four)
#
# --src builds another checkout of the crate (say, `git archive` of an older commit) with this
# tree's Cargo target directory layout; --prefix names its outputs (e.g. "baseline-").
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=$here
prefix=""
variants=()
while [ $# -gt 0 ]; do
    case "$1" in
        --src) src=$(cd "$2" && pwd); shift 2 ;;
        --prefix) prefix=$2; shift 2 ;;
        *) variants+=("$1"); shift ;;
    esac
done
[ ${#variants[@]} -gt 0 ] || variants=(z 3 z-simd 3-simd)

wasm_opt=$here/node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "build-wasm-variants: run npm ci first (binaryen's wasm-opt)" >&2; exit 1; }
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)

for v in "${variants[@]}"; do
    case "$v" in
        z) level=z; flags=""; opt=-Oz; extra=() ;;
        3) level=3; flags=""; opt=-O3; extra=() ;;
        z-simd) level=z; flags="-C target-feature=+simd128"; opt=-Oz; extra=(--enable-simd) ;;
        3-simd) level=3; flags="-C target-feature=+simd128"; opt=-O3; extra=(--enable-simd) ;;
        *) echo "build-wasm-variants: unknown variant '$v'" >&2; exit 2 ;;
    esac
    out=$here/target/bench-wasm/$prefix$v
    target=$here/target/wasm-variants/$prefix$v
    echo "==> $prefix$v: opt-level $level ${flags:+($flags)}, wasm-opt $opt" >&2
    # The wasm crate of the workspace, or (an older checkout) the root package's library.
    if [ -f "$src/src/wasm/Cargo.toml" ]; then what=(-p smtp-sim-wasm); name=smtp_sim_wasm; else what=(--lib); name=smtp_sim; fi
    (cd "$src" && CARGO_TARGET_DIR=$target CARGO_PROFILE_RELEASE_OPT_LEVEL=$level \
        CARGO_PROFILE_RELEASE_STRIP=debuginfo RUSTFLAGS="$flags" \
        cargo build -q --release --target wasm32-unknown-unknown "${what[@]}")
    rm -rf "$out"
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --out-dir "$out" --out-name smtp_sim "$target/wasm32-unknown-unknown/release/$name.wasm"
    "$wasm_opt" "$opt" --strip-debug --strip-producers "${features[@]}" "${extra[@]}" \
        "$out/smtp_sim_bg.wasm" -o "$out/smtp_sim_bg.wasm"
    printf '    %s: %s bytes, %s gzipped\n' "$out/smtp_sim_bg.wasm" \
        "$(wc -c <"$out/smtp_sim_bg.wasm")" "$(gzip -9nc "$out/smtp_sim_bg.wasm" | wc -c)" >&2
done
