#!/usr/bin/env bash
# Builds and installs the tree-sitter runtime and grammars mu parses with, from the pinned PyPI
# archives in scripts/tree-sitter.lock (SHA-256 checked), once: when the installed stamp matches the
# lock, it does nothing. Installs (PREFIX defaults to /usr/local; needs write access there):
#   PREFIX/lib/libmu-tree-sitter.a                runtime 0.26.1 + the grammars built from sdists
#   PREFIX/include/mu-tree-sitter/                tree_sitter/api.h + mu_tree_sitter.h (grammar symbols)
#   PREFIX/lib/mu-tree-sitter/languages.so        the tree-sitter-languages wheel's grammars (dlopen)
#   PREFIX/lib/pkgconfig/mu-tree-sitter.pc        found by the CTreeSitter system-library target
#   PREFIX/lib/mu-tree-sitter/STAMP               the lock lines installed
# Then checks that every language loads (ts_parser_set_language returns true).
# Usage: scripts/setup-tree-sitter.sh [--force | --check]   (--check: exit 0 when installed, else 1)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
lock="$here/tree-sitter.lock"
PREFIX="${PREFIX:-/usr/local}"
CC="${CC:-$(command -v cc || command -v clang || echo cc)}"
stamp="$PREFIX/lib/mu-tree-sitter/STAMP"
pins="$(grep -v '^#' "$lock" | sed '/^[[:space:]]*$/d')"

if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pins" ] \
   && [ -f "$PREFIX/lib/libmu-tree-sitter.a" ] && [ -f "$PREFIX/lib/pkgconfig/mu-tree-sitter.pc" ]; then
    exit 0
fi
[ "${1:-}" = "--check" ] && exit 1

if ! python3 -m pip --version >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
    else
        echo "setup-tree-sitter: needs pip (Debian/Ubuntu: apt-get install python3-pip)" >&2; exit 1
    fi
fi
for tool in "$CC" ar unzip sha256sum; do
    command -v "$tool" >/dev/null || { echo "setup-tree-sitter: needs $tool (Debian/Ubuntu: apt-get install build-essential unzip)" >&2; exit 1; }
done

arch="$(uname -m)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache="${MU_TREE_SITTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mu-tree-sitter}"
mkdir -p "$cache" "$work/dl"
echo "setup-tree-sitter: downloading pinned tree-sitter archives from PyPI (cache: $cache)" >&2
# One pip process per archive not yet cached, all at once: pip prepares each sdist's metadata in its
# own isolated build environment, so one process for several archives is much slower (measured).
while read -r kind name version sha file; do
    if [ -f "$cache/$file" ] && echo "$sha  $cache/$file" | sha256sum --check --quiet - >/dev/null 2>&1; then
        cp "$cache/$file" "$work/dl/"; continue
    fi
    case "$kind" in
        wheel-*) [ "$kind" = "wheel-$arch" ] || continue
                 platform="${file#*-cp311-cp311-}"; platform="${platform%%.*}"
                 python3 -m pip download -q --no-deps --only-binary :all: --python-version 3.11 \
                     --platform "$platform" "$name==$version" -d "$work/dl" >"$work/pip-$name.log" 2>&1 & ;;
        *)       python3 -m pip download -q --no-deps --no-binary :all: "$name==$version" \
                     -d "$work/dl" >"$work/pip-$name-$version.log" 2>&1 & ;;
    esac
done <<<"$pins"
wait
while read -r kind name version sha file; do
    case "$kind" in wheel-*) [ "$kind" = "wheel-$arch" ] || continue ;; esac
    if [ ! -f "$work/dl/$file" ]; then
        echo "setup-tree-sitter: could not download $name==$version ($file):" >&2
        cat "$work"/pip-"$name"*.log >&2 || true; exit 1
    fi
    echo "$sha  $work/dl/$file" | sha256sum --check --quiet - >/dev/null 2>&1 || {
        echo "setup-tree-sitter: checksum mismatch for $file (expected $sha, scripts/tree-sitter.lock)" >&2; exit 1; }
    cp "$work/dl/$file" "$cache/" 2>/dev/null || true
done <<<"$pins"

src="$work/src"; mkdir -p "$src" "$work/obj" "$work/h14/tree_sitter" "$work/h15/tree_sitter"
grammars=()
wheel=""
while read -r kind name version sha file; do
    case "$kind" in
        runtime)   tar xzf "$work/dl/$file" -C "$src"; runtime="$src/${file%.tar.gz}/tree_sitter/core/lib" ;;
        headers14) tar xzf "$work/dl/$file" -C "$src"; h14="$src/${file%.tar.gz}/tree_sitter/core/lib/src" ;;
        grammar)   tar xzf "$work/dl/$file" -C "$src"; grammars+=("$src/${file%.tar.gz}") ;;
        wheel-*)   [ "$kind" = "wheel-$arch" ] && wheel="$work/dl/$file" ;;
    esac
done <<<"$pins"
for h in parser.h alloc.h array.h ts_assert.h; do cp "$h14/$h" "$work/h14/tree_sitter/"; cp "$runtime/src/$h" "$work/h15/tree_sitter/"; done

# Compile jobs: "output<TAB>include-dir<TAB>source", run two per core.
jobs="$work/jobs"; : >"$jobs"
printf '%s\t%s\t%s\n' "$work/obj/runtime.o" "$runtime/include -I$runtime/src" "$runtime/src/lib.c" >>"$jobs"
symbols=()
for g in "${grammars[@]}"; do
    lang="$(basename "$g")"; lang="${lang%-*}"; lang="${lang#tree_sitter_}"
    symbols+=("tree_sitter_$lang")
    abi="$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$g/src/parser.c")"
    if [ "$abi" -le 14 ]; then inc="$work/h14"; elif [ -d "$g/src/tree_sitter" ]; then inc="$g/src"; else inc="$work/h15"; fi
    printf '%s\t%s\t%s\n' "$work/obj/$lang-parser.o" "$inc" "$g/src/parser.c" >>"$jobs"
    [ -f "$g/src/scanner.c" ] && printf '%s\t%s\t%s\n' "$work/obj/$lang-scanner.o" "$inc -I$g/src" "$g/src/scanner.c" >>"$jobs"
done
echo "setup-tree-sitter: downloaded in ${SECONDS}s; compiling the runtime and ${#grammars[@]} grammars" >&2
cores="$(nproc 2>/dev/null || echo 2)"
export CC
tr '\t' '\n' <"$jobs" | xargs -d '\n' -n 3 -P "$cores" sh -c \
    '$CC -O2 -fPIC -std=c11 -D_DEFAULT_SOURCE -w -I$1 -c "$2" -o "$0"'

# The header Swift imports: the runtime API, the grammar symbols linked in, the wheel library's path.
inst_inc="$PREFIX/include/mu-tree-sitter"
inst_lib="$PREFIX/lib/mu-tree-sitter"
mkdir -p "$inst_inc/tree_sitter" "$inst_lib" "$PREFIX/lib/pkgconfig"
{
    echo "/* Generated by mu's scripts/setup-tree-sitter.sh from scripts/tree-sitter.lock. */"
    echo "#ifndef MU_TREE_SITTER_H"
    echo "#define MU_TREE_SITTER_H"
    echo "#include <tree_sitter/api.h>"
    for s in "${symbols[@]}"; do echo "const TSLanguage *$s(void);"; done
    echo "/* tree-sitter-languages wheel library: typescript, tsx, php, c_sharp (loaded with dlopen). */"
    echo "#define MU_TREE_SITTER_LANGUAGES_SO \"$inst_lib/languages.so\""
    echo "#endif"
} >"$work/mu_tree_sitter.h"

# Check before installing: every language loads into a parser.
{
    echo '#include <stdio.h>'
    echo '#include <dlfcn.h>'
    echo '#include "mu_tree_sitter.h"'
    echo 'static int check(const char *name, const TSLanguage *l) { TSParser *p = ts_parser_new();'
    echo '  int ok = l && ts_parser_set_language(p, l); ts_parser_delete(p);'
    echo '  if (!ok) fprintf(stderr, "setup-tree-sitter: %s does not load\n", name); return ok; }'
    echo 'int main(int argc, char **argv) { int ok = 1;'
    for s in "${symbols[@]}"; do echo "  ok &= check(\"$s\", $s());"; done
    echo '  if (argc > 1) { void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);'
    echo '    if (!h) { fprintf(stderr, "setup-tree-sitter: %s\n", dlerror()); return 1; }'
    for s in typescript tsx php c_sharp; do
        echo "    { const TSLanguage *(*f)(void) = (const TSLanguage *(*)(void))dlsym(h, \"tree_sitter_$s\");"
        echo "      ok &= check(\"tree_sitter_$s\", f ? f() : 0); }"
    done
    echo '  } return ok ? 0 : 1; }'
} >"$work/check.c"
cp "$runtime/include/tree_sitter/api.h" "$work/api.h"
mkdir -p "$work/inc/tree_sitter"; cp "$work/api.h" "$work/inc/tree_sitter/"
ar rcs "$work/libmu-tree-sitter.a" "$work"/obj/*.o
so=""
if [ -n "$wheel" ]; then
    unzip -q -o "$wheel" 'tree_sitter_languages/languages.so' -d "$work/wheel"
    so="$work/wheel/tree_sitter_languages/languages.so"
else
    echo "setup-tree-sitter: no tree-sitter-languages wheel for $arch: TypeScript, TSX, PHP and C# will not be parsed" >&2
fi
"$CC" -I"$work/inc" -I"$work" "$work/check.c" "$work/libmu-tree-sitter.a" -ldl -o "$work/check"
"$work/check" $so

cp "$work/libmu-tree-sitter.a" "$PREFIX/lib/"
cp "$work/api.h" "$inst_inc/tree_sitter/api.h"
cp "$work/mu_tree_sitter.h" "$inst_inc/"
[ -n "$so" ] && cp "$so" "$inst_lib/languages.so"
cat >"$PREFIX/lib/pkgconfig/mu-tree-sitter.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include/mu-tree-sitter

Name: mu-tree-sitter
Description: tree-sitter runtime and grammars for mu (scripts/setup-tree-sitter.sh)
Version: 0.26.1
Cflags: -I\${includedir}
Libs: -L\${libdir} -lmu-tree-sitter -ldl
EOF
echo "$pins" >"$stamp"
echo "setup-tree-sitter: installed in $PREFIX in ${SECONDS}s (${#symbols[@]} grammars linked${so:+, 4 from languages.so})" >&2
