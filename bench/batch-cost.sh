#!/usr/bin/env bash
# What summarizing a corpus costs live vs through the provider's batch API vs batch + prompt caching
# with the few-shot strategy, at list prices, from mu's own token estimates (`mu cost --json`, which
# uses the token ratios recorded by earlier runs of the model when the index has them).
# The reference is the live price of the direct strategy, computed in the same run.
# Usage: bench/batch-cost.sh [DIR] [MODEL]   (default: /tmp/mu-corpora/cpython-stdlib, claude-sonnet-4-5)
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
MU="${MU:-$(cd "$HERE" && swift build -c release --product mu --show-bin-path 2>/dev/null)/mu}"
[ -x "$MU" ] || { echo "build mu first: swift build -c release --product mu" >&2; exit 1; }
DIR="${1:-/tmp/mu-corpora/cpython-stdlib}"; MODEL="${2:-claude-sonnet-4-5}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
for strategy in direct few-shot; do
  (cd "$DIR" && "$MU" cost . --provider anthropic --model "$MODEL" --strategy "$strategy" --json) > "$WORK/$strategy.json"
done
python3 - "$WORK/direct.json" "$WORK/few-shot.json" "$MODEL" <<'PY'
import json, sys
direct, few = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])); model = sys.argv[3]
n = direct["misses"]
# USD per 1M tokens (mu's catalog; batch = 50 %, cache read 0.1 x input, cache write 1.25 x input).
price = {"claude-sonnet-4-5": (3, 15), "claude-haiku-4-5": (1, 5), "claude-opus-4-5": (5, 25)}[model]
minimum = 4096 if ("haiku-4-5" in model or "opus-4-5" in model) else 1024
def cost(inp, out, factor=1.0): return (inp * price[0] + out * price[1]) / 1e6 * factor
live = cost(direct["input_tokens"], direct["output_tokens"])
prefix = (few["input_tokens"] - direct["input_tokens"]) / max(n, 1)   # few-shot examples per request
rows = [("live, direct (reference)", live),
        ("batch, direct", cost(direct["input_tokens"], direct["output_tokens"], 0.5)),
        ("live, few-shot", cost(few["input_tokens"], few["output_tokens"])),
        ("batch, few-shot", cost(few["input_tokens"], few["output_tokens"], 0.5))]
cacheable = prefix >= minimum
if cacheable:
    cached = prefix * (n - 1); written = prefix
    plain = few["input_tokens"] - cached - written
    c = (plain * price[0] + cached * price[0] * 0.1 + written * price[0] * 1.25 + few["output_tokens"] * price[1]) / 1e6 * 0.5
else:
    c = rows[-1][1]
rows.append(("batch, few-shot + caching", c))
print(f"{n} misses, {model}: {direct['input_tokens']} in / {direct['output_tokens']} out tokens (direct), "
      f"{few['input_tokens']} in (few-shot; stable examples ~{prefix:.0f} tokens per request)")
for name, usd in rows: print(f"  {name:30s} ${usd:10.2f}  {usd / live:.2f}x the reference")
if not cacheable:
    print(f"  note: the few-shot prefix (~{prefix:.0f} tokens + the system text) is below {model}'s minimum cacheable "
          f"length ({minimum} tokens): Anthropic caches nothing and mu sends no cache_control marker.")
PY
