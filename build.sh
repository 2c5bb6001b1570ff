#!/usr/bin/env bash
# smtp-sim's one entry point: setup · build · serve · test · bench · dist · test-trap · fuzz.
# Each step installs what it needs when it is missing and skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

# Each step says how long the run has taken so far, so a slow step shows in CI's log.
say() { printf '\033[1m==> [%4ss] %s\033[0m\n' "$SECONDS" "$*" >&2; }

# apt-get update runs at most once per invocation, and only when something must be installed.
apt_updated=0
apt_install() {
    local missing=()
    for pkg in "$@"; do
        # A removed package can linger as "deinstall ... config-files": only "installed" counts.
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] ||
            missing+=("$pkg")
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
    # Postfix for tests/postfix.rs (it runs private instances and skips when Postfix is missing
    # or cannot start), msmtp, and Net::SSLeay for swaks --tls. Installed "No configuration",
    # so no system MTA is set up or started; a failed install is reported, never fatal.
    if [ "$(dpkg-query -W -f='${Status}' postfix 2>/dev/null)" != "install ok installed" ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "postfix postfix/main_mailer_type select No configuration" |
            $sudo debconf-set-selections 2>/dev/null || true
    fi
    apt_install postfix msmtp libnet-ssleay-perl ||
        say "postfix, msmtp or libnet-ssleay-perl could not be installed: the tests that need them skip"
}

# The wasm toolchain: the wasm32 target and the wasm-bindgen CLI at exactly the version in
# Cargo.lock (the CLI and the library must match, or the generated glue does not load).
setup_wasm() {
    if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        say "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    # The standard library's source: the lite modules build their own std (LITE_STD below).
    # Without it they are built with std as shipped (lite_cargo), larger but the same behaviour.
    if ! rustup component list --installed 2>/dev/null | grep -qx 'rust-src'; then
        say "rustup component add rust-src"
        rustup component add rust-src ||
            say "rust-src could not be installed: the lite modules keep std's panic runtime (about 3.4 KB gzipped more, bench/RESULTS.md §32)"
    fi
    setup_wasm_cli
}

# The wasm-bindgen CLI at exactly the version in Cargo.lock.
setup_wasm_cli() {
    local want
    want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
    [ -n "$want" ] || { echo "build.sh: no wasm-bindgen version in Cargo.lock" >&2; exit 1; }
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
        say "cargo install wasm-bindgen-cli --version $want"
        # No default features: they only add HTTPS (rustls, and ring with its C and assembly) to
        # the test runner, which talks to a chromedriver on loopback over plain HTTP.
        cargo install -q wasm-bindgen-cli --version "$want" --no-default-features
    fi
}

# Node packages as package-lock.json pins them: `npm ci` when node_modules is missing or older
# than the lock file (npm writes node_modules/.package-lock.json), so a package added to the
# lock reaches a machine that installed the earlier set.
npm_deps() {
    command -v npm >/dev/null || return 0
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        say "npm ci"
        npm ci --silent --no-audit --no-fund || true
    fi
}

# Headless Chromium and its driver for the wasm tests and the page tests; Node packages for the
# page tests.
setup_browser() {
    apt_install chromium chromium-driver
    command -v node >/dev/null || apt_install nodejs npm
    npm_deps
}

# Real SMTP servers the client's interop tests deliver to: aiosmtpd (PyPI), smtp-server (npm).
setup_client_interop() {
    if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
        say "installing aiosmtpd"
        apt_install python3-pip
        python3 -m pip install --quiet aiosmtpd 2>/dev/null ||
            python3 -m pip install --quiet --break-system-packages aiosmtpd
    fi
    npm_deps
}

setup() {
    setup_interop
    setup_wasm
    setup_browser
    setup_client_interop
}

# The features rustc enables by default for wasm32, named for wasm-opt.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)

# wasm-opt: npm's binaryen (package.json pins it, so `npm ci` brings the same version to every
# machine) or, without Node, a system binaryen of 110 or later (≤ 108, Debian 12's, rebinds
# wasm-bindgen's externref table to the funcref table and the module fails at start).
find_wasm_opt() {
    npm_deps >&2
    if [ -x node_modules/.bin/wasm-opt ]; then
        echo node_modules/.bin/wasm-opt
        return
    fi
    local version
    version=$(wasm-opt --version 2>/dev/null | grep -o '[0-9]\+' | head -n1 || true)
    if [ -n "$version" ] && [ "$version" -ge 110 ]; then
        echo wasm-opt
    elif [ -n "$version" ]; then
        say "wasm-opt $version is older than 110 and breaks the externref table: not used"
    fi
}

# Runs wasm-opt on one module ($1) and keeps the result only if Node can still instantiate it
# (tests/node-init.mjs checks the two-language module in full; a one-language module is checked
# with --one-language: it loads and answers). -O1 without memory packing: the page is served
# compressed, and measured on the English module (bench/RESULTS.md §9) -O1 gzips smallest:
# 183 847 B against 192 939 for -Oz --converge and 186 161 for no wasm-opt (-Oz's inlining and
# outlining save raw bytes but repeat less); packing splits the catalogue's data segments,
# which saves raw bytes but gzips worse. Re-measured on the lite English module (bench/RESULTS.md
# §23): -O1 still gzips smallest (77 322 B; -Os 78 444, -Oz 78 695, -Oz --converge 78 467, -O2
# 78 760, none 79 067), and -O1 --converge (-O1 until the size stops changing) 193 B less: the
# lite modules get it ($3), the full ones, loaded later, keep one pass. The lite modules also get
# LITE_WASM_OPT (bench/RESULTS.md §34, each measured alone and together on the lite English
# module): the whole program's effects computed first, dead arguments removed and their callers
# re-optimised, GUFA's whole-program constant flow, redundant stores and constants propagated
# across locals; together 57 875 → 57 146 B gzipped.
LITE_WASM_OPT="--converge --dae-optimizing --gufa --rse --precompute-propagate"
optimize_wasm() {
    local wasm=$1 check=${2:-} extra=${3:-} wasm_opt pre=""
    wasm_opt=$(find_wasm_opt)
    if [ -z "$wasm_opt" ]; then
        say "wasm-opt not found: skipped (the module works without it)"
        return
    fi
    [ -n "$extra" ] && pre=--generate-global-effects
    say "$("$wasm_opt" --version) $pre -O1 $extra $wasm"
    "$wasm_opt" $pre -O1 $extra --skip-pass=memory-packing --strip-debug --strip-producers "${WASM_FEATURES[@]}" \
        "$wasm" -o "$wasm.opt"
    if command -v node >/dev/null && ! node tests/node-init.mjs "$wasm.opt" $check >/dev/null 2>&1; then
        say "wasm-opt output does not instantiate: keeping the unoptimised module"
        rm -f "$wasm.opt"
        return
    fi
    mv "$wasm.opt" "$wasm"
}

# The lite modules' std: rebuilt from source (rust-src) with panic=immediate-abort, so a panic is
# the trap instruction where it happens. std's panic handler formats the message, which kept
# core::fmt linked, and every panic site carried its location's file name; neither reaches the
# learner in a module without the panic hook. Measured on the lite English module
# (bench/RESULTS.md): 65 198 → 61 816 B gzipped, and -Zlocation-detail=none (track_caller's
# locations, e.g. of the allocator's failures) 216 B more. -Zbuild-std and these flags are
# unstable: RUSTC_BOOTSTRAP=1 for these cargo runs only. Their own target directory
# (target/lite): in the shared one, the changed environment rebuilt the host's proc macros at
# every switch between a lite and a full build (four times per build).
LITE_STD=(-Zbuild-std=std,panic_abort)
LITE_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
LITE_TARGET=target/lite

# `cargo build` of a lite module (the arguments after the command): with its own std (LITE_STD)
# into LITE_TARGET when rust-src is installed, else exactly as a full module is built
# (SMTP_SIM_BUILD_STD=0 asks for that, to check that such a build still passes).
lite_cargo() {
    if [ "${SMTP_SIM_BUILD_STD:-1}" = 1 ] && rustup component list --installed 2>/dev/null | grep -qx 'rust-src'; then
        CARGO_PROFILE_RELEASE_STRIP=debuginfo RUSTC_BOOTSTRAP=1 RUSTFLAGS="$LITE_RUSTFLAGS" \
            CARGO_TARGET_DIR=$LITE_TARGET cargo build "${LITE_STD[@]}" "$@"
        LITE_OUT=$LITE_TARGET
    else
        CARGO_PROFILE_RELEASE_STRIP=debuginfo cargo build "$@"
        LITE_OUT=target
    fi
}

# One release build of the wasm crate with these cargo features → wasm-bindgen (--target web)
# into target/pkg/$1/; $3 = lite: with the lite modules' std (LITE_STD).
bindgen_variant() {
    local name=$1 features=$2 dir=target
    say "cargo build --release --target wasm32-unknown-unknown --features $features ($name)"
    # strip = "debuginfo" keeps the target_features section wasm-bindgen reads (reference types).
    if [ "${3:-}" = lite ]; then
        lite_cargo -q --release --target wasm32-unknown-unknown -p smtp-sim-wasm \
            --no-default-features --features "$features"
        dir=$LITE_OUT
    else
        CARGO_PROFILE_RELEASE_STRIP=debuginfo \
            cargo build -q --release --target wasm32-unknown-unknown -p smtp-sim-wasm \
            --no-default-features --features "$features"
    fi
    rm -rf "target/pkg/$name"
    # --experimental-reset-state-function exports __wbg_reset_state: www/engine.js instantiates the
    # module afresh after a trap (a panic aborts and leaves the instance unusable).
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --experimental-reset-state-function \
        --out-dir "target/pkg/$name" --out-name smtp_sim "$dir/wasm32-unknown-unknown/release/smtp_sim_wasm.wasm"
}

# The page's modules, into www/pkg/: smtp_sim_en.wasm and smtp_sim_pt-BR.wasm hold the
# catalogue's texts in one language each (the page loads the one it shows, the other when it is
# chosen); smtp_sim_bg.wasm holds both (the single-file builds, Node, a page showing two
# languages at once). One glue (smtp_sim.js) serves all three: the builds export the same API,
# and the glue of each must be identical, or the build stops.
#
# smtp_sim_lite_en.wasm and smtp_sim_lite_pt-BR.wasm are the first-load modules: one language,
# and only what the client mode needs before any action (no share codec, lessons, simulated
# client or pasted-log readers). They export a subset of the same API and run under the same
# glue (www/engine.js moves to the full module of the language on first use of the rest);
# node-init checks that each instantiates with that glue and answers.
#
# The lite modules have no panic hook (console_error_panic_hook: 1.2 KB gzipped): a trap there is
# recovered from as anywhere (www/engine.js), with the same words to the learner
# (tests/e2e/trap.test.mjs), only without the panic's message on the console.
FULL_FEATURES=panic-hook,transcripts,transcript-read,share,lessons,sim,real-reply,compare,script-api
LITE_FEATURES=transcripts,small-scan
build_wasm() {
    setup_wasm
    bindgen_variant both "$FULL_FEATURES,lang-en,lang-pt"
    bindgen_variant en "$FULL_FEATURES,lang-en,texts-file"
    bindgen_variant pt-BR "$FULL_FEATURES,lang-pt,texts-file"
    bindgen_variant lite-en "$LITE_FEATURES,lang-en,texts-file" lite
    bindgen_variant lite-pt-BR "$LITE_FEATURES,lang-pt,texts-file" lite
    for name in en pt-BR; do
        cmp -s target/pkg/both/smtp_sim.js "target/pkg/$name/smtp_sim.js" || {
            echo "build.sh: the $name module's glue differs from the two-language module's" >&2
            exit 1
        }
    done
    say "wasm-bindgen output → www/pkg/"
    rm -rf www/pkg
    cp -r target/pkg/both www/pkg
    for name in en pt-BR lite-en lite-pt-BR; do
        cp "target/pkg/$name/smtp_sim_bg.wasm" "www/pkg/smtp_sim_${name/lite-/lite_}.wasm"
    done
    # The texts the one-language modules leave out (feature texts-file), in two files per
    # language (texts_<lang>.bin what a typed session meets, texts_<lang>_rare.bin the rest),
    # shared by the lite and the full module: www/engine.js fetches each on first need.
    for name in en pt-BR; do
        cargo run -q -p smtp-sim-explain --example texts_file -- "$name" www/pkg
    done
    add_module_switch www/pkg/smtp_sim.js
    # The imports' names without wasm-bindgen's hashes, in the glue and every module it serves;
    # the lite modules' cast intrinsics numbered as the glue numbers them (their own glue says
    # which is which).
    node tools/short-imports.mjs www/pkg/smtp_sim.js www/pkg/smtp_sim_{bg,en,pt-BR}.wasm \
        www/pkg/smtp_sim_lite_en.wasm=target/pkg/lite-en/smtp_sim.js \
        www/pkg/smtp_sim_lite_pt-BR.wasm=target/pkg/lite-pt-BR/smtp_sim.js
    # What only the full modules back, out of the glue into pkg/smtp_sim_full.js (engine.js loads
    # it with the first full module): the first load carries the lite module's part only.
    node tools/split-glue.mjs www/pkg/smtp_sim.js www/pkg/smtp_sim_lite_en.wasm www/pkg/smtp_sim_lite_pt-BR.wasm
    bundle_js
    optimize_wasm www/pkg/smtp_sim_bg.wasm
    for name in en pt-BR; do
        optimize_wasm "www/pkg/smtp_sim_$name.wasm" --one-language
    done
    for name in lite_en lite_pt-BR; do
        optimize_wasm "www/pkg/smtp_sim_$name.wasm" --one-language "$LITE_WASM_OPT"
    done
    for name in lite_en lite_pt-BR; do
        if command -v node >/dev/null &&
            ! node tests/node-init.mjs "www/pkg/smtp_sim_$name.wasm" --one-language >/dev/null; then
            echo "build.sh: www/pkg/smtp_sim_$name.wasm does not run under the full module's glue" >&2
            exit 1
        fi
    done
    build_scan_wasm
    local f
    for f in www/pkg/*.wasm; do
        printf '    %s: %s bytes, %s gzipped\n' "$f" "$(wc -c <"$f")" "$(gzip -9nc "$f" | wc -c)" >&2
    done
}

# The end-of-data scanner's own module (src/scan-wasm: raw exports, no wasm-bindgen), read by
# www/scanner.js: built with the scan-wasm profile (opt-level 3, the page's main module stays at
# "z") twice, www/pkg/smtp_sim_scan_simd.wasm with simd128 and www/pkg/smtp_sim_scan.wasm
# without; the JS side picks one at load time. The SIMD build has its own target directory, so
# the two flavours' flags never invalidate each other's cache. wasm-opt -O3: measured against
# -O1 and none in bench/RESULTS.md §12 (the module is a few KB; speed decides).
build_scan_wasm() {
    local flavour dir flags out wasm_opt simd_opt
    wasm_opt=$(find_wasm_opt)
    for flavour in scalar simd; do
        dir=target flags="" out=www/pkg/smtp_sim_scan.wasm simd_opt=()
        if [ "$flavour" = simd ]; then
            dir=target/scan-simd flags="-C target-feature=+simd128" out=www/pkg/smtp_sim_scan_simd.wasm
            simd_opt=(--enable-simd)
        fi
        say "cargo build --profile scan-wasm -p smtp-sim-scan-wasm ($flavour)"
        CARGO_TARGET_DIR=$dir RUSTFLAGS="$flags" \
            cargo build -q --profile scan-wasm --target wasm32-unknown-unknown -p smtp-sim-scan-wasm
        mkdir -p www/pkg
        cp "$dir/wasm32-unknown-unknown/scan-wasm/smtp_sim_scan_wasm.wasm" "$out"
        if [ -n "$wasm_opt" ]; then
            "$wasm_opt" -O3 --strip-debug --strip-producers "${WASM_FEATURES[@]}" \
                "${simd_opt[@]}" "$out" -o "$out.opt"
            mv "$out.opt" "$out"
        fi
        printf '    %s: %s bytes, %s gzipped\n' "$out" "$(wc -c <"$out")" "$(gzip -9nc "$out" | wc -c)" >&2
    done
}

# The served pages load one minified bundle each, built from the readable modules of www/:
# www/app.min.js (index.html), www/embed.min.js (embed.html), www/smtp-sim.min.js (the element
# for authors who want one file). They sit beside pkg/, which the engine finds with
# new URL('./pkg/…', import.meta.url). esbuild comes from npm (package.json pins it).
#
# What the first frame does not need is split off: esbuild --splitting, one entry at a time, writes
# beside the entry (whose own output ENTRY.ENTRY.js becomes ENTRY.min.js; no chunk imports an
# entry) one file per dynamic import, named after its module: ENTRY.full-ui.js (the views of the
# modes other than the client, on their first use), ENTRY.en.js and ENTRY.pt-BR.js (each
# language's labels, when that language is shown; ENTRY.en-views.js … those of the other modes,
# app.en-page.js … the page's own), app.tabs.js (the page's catalogue, after the
# first frame). What several of them share goes in shared chunks (the engine among it: they stay
# beside pkg/), numbered by size: ENTRY.chunk.js the largest (index.html preloads it), then
# ENTRY.chunk2.js … Names carry no hash, so the size budget can name them. Then the entry and the
# shared chunks it imports (always fetched together) are joined into one file, which gzips ≈ 1 KB
# smaller than three (tools/merge-chunks.mjs): ENTRY.chunk.js, re-exported by a one-line
# ENTRY.min.js (app, smtp-sim: an author's URL for it may carry a query), or embed.min.js itself.
#
# Each file starts with V8's explicit compile hint (\`//# allFunctionsCalledOnLoad\`): Chromium
# compiles its functions while the file streams in, off the main thread, instead of one by one
# when first called — in the task that starts the session (bench/RESULTS.md §22). Other
# engines read a comment.
bundle_js() {
    npm_deps
    [ -x node_modules/.bin/esbuild ] || {
        echo "build.sh: esbuild is missing (npm ci installs it): the pages load www/*.min.js" >&2
        exit 1
    }
    say "esbuild --bundle --minify --splitting → www/{app,embed,smtp-sim}.min.js and their lazy parts"
    local entry file name n
    # Every output of the three entries (the sources are www/app.js, embed.js, smtp-sim.js: no dot
    # after the entry's name).
    rm -f www/app.*.js www/app.*.js.map www/embed.*.js www/embed.*.js.map www/smtp-sim.*.js www/smtp-sim.*.js.map
    for entry in app embed smtp-sim; do
        node_modules/.bin/esbuild "www/$entry.js" --bundle --minify --splitting --format=esm --target=es2022 \
            --banner:js='//# allFunctionsCalledOnLoad' \
            --sourcemap --legal-comments=none --log-level=warning --outdir=www \
            --entry-names="$entry.[name]" --chunk-names="$entry.[name]-[hash]"
        mv "www/$entry.$entry.js" "www/$entry.min.js"
        mv "www/$entry.$entry.js.map" "www/$entry.min.js.map"
        sed -i "s|sourceMappingURL=$entry\.$entry\.js\.map|sourceMappingURL=$entry.min.js.map|" "www/$entry.min.js"
        ! grep -q "$entry\.$entry\.js" www/$entry.*.js || {
            echo "build.sh: a chunk of $entry imports its entry; the rename would break it" >&2
            exit 1
        }
        # The hashes out: shared chunks numbered by size (ls -S: largest first), the others by name.
        n=0
        for file in $(ls -S www/"$entry".chunk-*.js 2>/dev/null); do
            n=$((n + 1))
            name=$entry.chunk.js
            if [ "$n" -gt 1 ]; then name=$entry.chunk$n.js; fi
            rename_chunk "$entry" "${file#www/}" "$name"
        done
        for file in www/"$entry".*.js; do
            name=$(basename "$file" | sed -E 's/-[A-Z0-9]{8}\.js$/.js/')
            [ "$name" = "$(basename "$file")" ] || rename_chunk "$entry" "$(basename "$file")" "$name"
        done
    done
    node tools/merge-chunks.mjs www app
    node tools/merge-chunks.mjs www embed --into-entry
    node tools/merge-chunks.mjs www smtp-sim
    # index.html preloads exactly the shared chunks app.min.js imports (a stale name is a 404, a
    # missing one a later request).
    local imported preloaded
    imported=$(grep -o 'app\.chunk[0-9]*\.js' www/app.min.js | sort -u | tr '\n' ' ')
    preloaded=$(grep -o 'modulepreload" href="app\.chunk[0-9]*\.js' www/index.html | grep -o 'app\.chunk[0-9]*\.js' | sort -u | tr '\n' ' ')
    [ "$imported" = "$preloaded" ] || {
        echo "build.sh: app.min.js imports $imported but index.html preloads $preloaded" >&2
        exit 1
    }
    # index.html's and embed.html's early starts: classic scripts (they run before the bundle, at
    # the end of <head>), with first-load.js and early-start.js (what both start) inside;
    # the frame's is its part alone.
    for entry in early early-embed; do
        node_modules/.bin/esbuild "www/$entry.js" --bundle --minify --format=iife --target=es2022 \
            --legal-comments=none --log-level=warning --outfile="www/$entry.min.js"
    done
    # The element's stylesheets are CSS text in JS strings, which esbuild's JS minifier keeps as written.
    node tools/minify-css.mjs www/app.*.js www/embed.*.js www/smtp-sim.*.js
    # index.html's first screen (the element's declarative shadow root): the element's own rules for it.
    node tools/first-css.mjs www
    # What index.html's first frame waits for, inline (early.min.js, style.css, first.css), and
    # their hashes in its CSP (bench/RESULTS.md §40).
    node tools/inline-page.mjs www
    # terser after esbuild: about 2 % fewer gzipped bytes (bench/RESULTS.md), maps chained.
    node tools/terser.mjs www/app.*.js www/embed.*.js www/smtp-sim.*.js
}

# Renames www/$2 (and its map) to www/$3, and every import of it among $1's outputs.
rename_chunk() {
    local entry=$1 from=$2 to=$3
    [ ! -e "www/$to" ] || {
        echo "build.sh: two chunks of $entry would be named $to" >&2
        exit 1
    }
    mv "www/$from" "www/$to"
    mv "www/$from.map" "www/$to.map"
    sed -i "s|${from//./\\.}|$to|g" www/"$entry".*.js
}

# The glue keeps its compiled module in a private variable; __wbg_reset_state makes a fresh
# instance of it. __wbg_use_module (appended here) swaps in another module of the same API
# first: www/engine.js moves to another language's module without loading the glue twice.
add_module_switch() {
    local glue=$1
    grep -q '^let wasmModule' "$glue" && grep -q '^export function __wbg_reset_state' "$glue" || {
        echo "build.sh: $glue has no wasmModule / __wbg_reset_state to swap modules with" >&2
        exit 1
    }
    cat >>"$glue" <<'JS'

/** Instantiates `module` (a compiled module of the same API) in place of the current one. */
export function __wbg_use_module(module) {
    wasmModule = module;
    __wbg_reset_state();
}
JS
    printf 'export function __wbg_use_module(module: WebAssembly.Module): void;\n' >>"${glue%.js}.d.ts"
}

# The modules of test builds (cargo feature test-trap: a forced panic) for tests/e2e/trap.test.mjs,
# bound into target/test-trap/ so www/pkg/ never holds a test build: pkg/ the full module (with the
# panic hook), lite-pkg/ one with the lite modules' features (no panic hook) and std (LITE_STD),
# both languages. Each shares its release modules' target directory: only the wasm crate
# recompiles, not every dependency (a directory of its own cost CI a full dependency build).
build_test_trap_wasm() {
    setup_wasm
    say "cargo build --features test-trap → target/test-trap/pkg/ and lite-pkg/ (for the trap test only)"
    CARGO_PROFILE_RELEASE_STRIP=debuginfo \
        cargo build -q --release --target wasm32-unknown-unknown -p smtp-sim-wasm --features test-trap
    rm -rf target/test-trap/pkg target/test-trap/lite-pkg
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --experimental-reset-state-function \
        --out-dir target/test-trap/pkg --out-name smtp_sim \
        target/wasm32-unknown-unknown/release/smtp_sim_wasm.wasm
    lite_cargo -q --release --target wasm32-unknown-unknown -p smtp-sim-wasm \
        --no-default-features --features "$LITE_FEATURES,lang-en,lang-pt,test-trap"
    wasm-bindgen --target web --remove-name-section --remove-producers-section \
        --experimental-reset-state-function \
        --out-dir target/test-trap/lite-pkg --out-name smtp_sim \
        "$LITE_OUT/wasm32-unknown-unknown/release/smtp_sim_wasm.wasm"
    # The test runs these modules under www/'s glue, whose imports have short names (build_wasm).
    node tools/short-imports.mjs --names-from target/pkg/both/smtp_sim.js target/test-trap/pkg/smtp_sim_bg.wasm \
        target/test-trap/lite-pkg/smtp_sim_bg.wasm=target/test-trap/lite-pkg/smtp_sim.js
}

# One self-contained HTML file (wasm, JS and CSS inlined) that works opened from disk.
build_dist() {
    build_wasm
    command -v node >/dev/null || apt_install nodejs
    say "dist/: smtp-sim.html, smtp-sim.inline.js, npm/"
    node tools/dist.mjs www dist
}

serve() {
    build_wasm
    local port=${PORT:-8000}
    if command -v node >/dev/null; then
        node tools/serve.mjs www "$port"
    else
        # Python's mimetypes knows application/wasm since 3.10.
        say "serving www/ on http://127.0.0.1:$port/ (Ctrl-C stops)"
        python3 -m http.server --bind 127.0.0.1 --directory www "$port"
    fi
}

# The JS contract in headless Chromium, initSync in Node, and the page driven by Playwright.
test_web() {
    # The wasm crate and its tests exist only for wasm32: lint them there too.
    say "cargo clippy --target wasm32-unknown-unknown -p smtp-sim-wasm"
    cargo clippy -q --target wasm32-unknown-unknown -p smtp-sim-wasm --lib --tests -- -D warnings
    # The scanner and its own module (www/scanner.js's), as they build for wasm32.
    cargo clippy -q --target wasm32-unknown-unknown -p smtp-sim-scan -p smtp-sim-scan-wasm --lib --tests -- -D warnings
    say "cargo test --target wasm32-unknown-unknown -p smtp-sim-wasm (headless Chromium)"
    CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test --target wasm32-unknown-unknown -p smtp-sim-wasm --test web
    build_dist
    # A size is deterministic: past its budget by more than 10 %, the test fails (issue 12).
    say "size budget: gzipped bytes per shipped file and per entry's first load (size-budget.json)"
    node tools/size-budget.mjs www
    build_test_trap_wasm
    say "node: initSync with the module's bytes"
    node tests/node-init.mjs
    say "node --test tests/e2e/ (Playwright, headless Chromium)"
    node --test --test-reporter=spec tests/e2e/
}

test_native() {
    say "cargo fmt --check"
    cargo fmt --all -- --check
    say "cargo clippy"
    cargo clippy --workspace --all-targets -- -D warnings
    # Every shipped lesson (parses, its solution passes, idle and naive learners do not, the index
    # agrees) is checked by tests/cli_lesson.rs through the binary, as authors run it.
    say "cargo test --workspace"
    cargo test --workspace
    # The lite modules' DATA receiver (feature small-scan: one line at a time, byte loops) against
    # the same model and tables as the default one.
    say "cargo test -p smtp-sim-scan -p smtp-sim-core --features small-scan"
    cargo test -p smtp-sim-scan -p smtp-sim-core --features small-scan
    # The core's benchmark run once, untimed (criterion's test mode, seconds): it checks the
    # session it times is whole, so `./build.sh bench` cannot rot unseen (it did: the adapter's
    # verdict before the 250 left it stuck at the end of data).
    say "cargo test --bench session"
    cargo test --bench session
}

# ---- fuzzing (cargo-fuzz, libFuzzer) ---------------------------------------------------------
# Every entry point has a target in fuzz/fuzz_targets/; fuzz/corpus/<target>/ holds its seeds
# (lessons/ seeds lesson_parse). What a run finds goes to fuzz/target/corpus/ (not committed);
# a crash is written to fuzz/artifacts/<target>/ and becomes a regular test.
FUZZ_TARGETS=(server_session command_parse reply_parse client_session data_receivers
    explain_text options lesson_parse share_decode)

# cargo-fuzz needs a nightly compiler: the nightly toolchain when installed, else the stable
# one with RUSTC_BOOTSTRAP=1.
fuzz_cargo() {
    if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
        cargo +nightly "$@"
    else
        RUSTC_BOOTSTRAP=1 cargo "$@"
    fi
}

# Installs cargo-fuzz when missing; fails (so the caller can skip) when it cannot.
setup_fuzz() {
    command -v cargo-fuzz >/dev/null && return 0
    say "cargo install cargo-fuzz"
    cargo install -q cargo-fuzz
}

# Runs every target for $1 seconds, as many at a time as there are cores (libFuzzer runs one
# process per target); stops at the first crash and prints that run's log. Release builds with
# debug assertions and overflow checks (cargo-fuzz's default), so a wrapped counter is a crash too.
run_fuzz() {
    local seconds=$1 target jobs running=0 failed=""
    jobs=$(nproc 2>/dev/null || echo 1)
    say "cargo fuzz build (every target)"
    (cd fuzz && fuzz_cargo fuzz build)
    mkdir -p fuzz/target/logs
    say "fuzz each target for ${seconds}s, $jobs at a time"
    for target in "${FUZZ_TARGETS[@]}"; do
        if [ "$running" -ge "$jobs" ]; then
            wait -n || failed=1
            running=$((running - 1))
        fi
        [ -z "$failed" ] || break
        fuzz_one "$target" "$seconds" &
        running=$((running + 1))
    done
    while [ "$running" -gt 0 ]; do
        wait -n || failed=1
        running=$((running - 1))
    done
    [ -z "$failed" ] || { echo "build.sh: a fuzz target failed (its log is above)" >&2; exit 1; }
}

# One target for $2 seconds, its output in fuzz/target/logs/<target>.log: one line when it
# passes, the whole log when it fails.
fuzz_one() {
    local target=$1 seconds=$2 log
    local seeds=("corpus/$target")
    [ "$target" = lesson_parse ] && seeds+=(../lessons)
    mkdir -p "fuzz/target/corpus/$target" "fuzz/corpus/$target"
    log=fuzz/target/logs/$target.log
    if (cd fuzz && fuzz_cargo fuzz run "$target" "target/corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$seconds" -print_final_stats=1) >"$log" 2>&1; then
        printf '    fuzz %s: %s runs, no crash\n' "$target" \
            "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)" >&2
    else
        cat "$log" >&2
        return 1
    fi
}

# The smoke test of ./build.sh test: each target a few seconds, so they keep building and the
# seeds still pass. Skipped, with a message, when cargo-fuzz cannot be installed.
test_fuzz() {
    if ! setup_fuzz; then
        say "cargo-fuzz could not be installed: fuzz smoke test skipped"
        return 0
    fi
    run_fuzz "${FUZZ_SMOKE_SECONDS:-5}"
}

cmd=${1:-build}
case "$cmd" in
    setup) setup ;;
    build) build_wasm ;;
    # The esbuild bundles alone (www/pkg already built): for a change to www/*.js only.
    bundle) bundle_js ;;
    serve) serve ;;
    dist) build_dist ;;
    test-trap) build_test_trap_wasm ;;
    test)
        # The two tools compiled from crates.io (most of a clean machine's setup) build in the
        # background from the start, beside the package installs and the native tests; whatever
        # they could not install, the steps that need them install again in the foreground,
        # where a failure shows.
        mkdir -p target
        say "building wasm-bindgen-cli and cargo-fuzz in the background (target/tool-install.log)"
        { setup_wasm_cli || true; setup_fuzz || true; } >target/tool-install.log 2>&1 &
        tools=$!
        setup_interop
        setup_browser
        setup_client_interop
        test_native
        say "waiting for the background tool builds"
        wait "$tools" || true
        setup_wasm
        test_fuzz
        test_web
        ;;
    fuzz)
        setup_fuzz
        run_fuzz "${2:-60}"
        ;;
    bench)
        # Every benchmark of issue 12, one group at a time, each group side by side in one run;
        # medians and ratios are printed, nothing is asserted; the last step prints one table of
        # every target beside what it got (tools/bench-summary.mjs). bench/RESULTS.md holds a run.
        # Builds first (nothing runs while compiling): the wasm as shipped, the release CLI, the
        # load generator, the bench binaries. Bench targets always unwind; with the release
        # profile's abort the library would be built twice into one unhashed file name (it is
        # also a cdylib), and the builds clash.
        setup_wasm
        setup_browser
        setup_client_interop
        apt_install postfix
        build_wasm
        say "cargo build --release (smtp-sim), bench/loadgen, bench binaries"
        cargo build -q --release --bin smtp-sim
        CARGO_TARGET_DIR=target/loadgen cargo build -q --release --manifest-path bench/loadgen/Cargo.toml
        CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench -q --no-run --bench scanner --bench session
        say "scanner, native (release profile as shipped): new vs old vs byte loop"
        CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench -q --bench scanner
        say "scanner, end to end through the JS API in Node: wasm vs plain JS vs smtp-server"
        rm -f target/bench/scanner-node.json target/bench/scanner-browser.json target/bench/serve.json target/bench/load.json
        mkdir -p target/bench
        node tools/bench-scanner.mjs --json target/bench/scanner-node.json
        say "scanner in Chromium: wasm vs Uint8Array JS"
        node tools/bench-scanner-browser.mjs --json target/bench/scanner-browser.json
        say "the sans-IO core: a whole session and each command (criterion)"
        CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench -q --bench session
        say "serve throughput, latency and idle memory vs aiosmtpd and smtp-server"
        python3 bench/serve-load.py --json target/bench/serve.json
        say "page weight"
        node tools/bench-size.mjs www
        say "load: navigation to a usable command input (Chromium), and on a throttled link"
        node tools/bench-load.mjs --rounds 10 --slow --www floor=bench/floor --www page=www --json target/bench/load.json
        say "every target beside its median, from this run"
        node tools/bench-summary.mjs
        ;;
    -h|--help|help)
        sed -n '2,3p' "$0" | sed 's/^# //'
        echo "usage: ./build.sh [setup|build|serve|test|bench|dist|test-trap|fuzz [SECONDS]]"
        ;;
    *)
        echo "build.sh: unknown step '$cmd' (try ./build.sh help)" >&2
        exit 2
        ;;
esac
