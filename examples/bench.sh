#!/usr/bin/env bash
# The benchmark behind the README's table. Needs hyperfine and GNU time (Debian packages
# `hyperfine` and `time`). Prints Markdown; nothing here is a pass/fail test.
#
#     bash examples/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (apt-get install hyperfine time)" >&2; exit 2; }
done

cargo build --release -q
cargo build --release -q --example bench
bin=target/release/sphere-faq
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 1000 10000; do
    target/release/examples/bench gen "$n" > "$tmp/faq$n.json"
done

# Real messages are long: two e-mails from the evaluation file (a 179-character Japanese
# one and a 335-character English one), quoted for hyperfine's shell-free command line.
long_ja="'$(sed -n 12p tests/fixtures/dev2.tsv | cut -f2)'"
long_en="'$(sed -n 7p tests/fixtures/dev2.tsv | cut -f2 | tr -d "'")'"

echo "## Whole process (hyperfine -N, 20 warm-up runs)"
echo
hyperfine -N --warmup 20 --runs 200 --style none --export-markdown "$tmp/whole.md" \
    "$bin --version" \
    "grep -F AADSTS50020 data/faq.json" \
    "$bin code AADSTS50020" \
    "grep -F 招待メール data/faq.json" \
    "$bin search 招待メール、ゴミ箱に入れたかも" \
    "$bin search invitation email did not arrive" \
    "$bin search $long_ja" \
    "$bin search $long_en" >/dev/null
cat "$tmp/whole.md"
echo
hyperfine -N --warmup 3 --runs 20 --style none --export-markdown "$tmp/big.md" \
    "grep -F reset $tmp/faq1000.json" \
    "$bin --data $tmp/faq1000.json search reset password" \
    "grep -F reset $tmp/faq10000.json" \
    "$bin --data $tmp/faq10000.json search reset password" >/dev/null
sed "s|$tmp/||g" "$tmp/big.md"
echo
echo "## Peak memory (GNU time, maximum resident set size)"
echo
echo "| command | peak RSS |"
echo "|---|---|"
for args in "code AADSTS50020" "search 招待メール、ゴミ箱に入れたかも" "--data $tmp/faq10000.json search reset password"; do
    # shellcheck disable=SC2086
    kb=$(/usr/bin/time -f %M "$bin" $args 2>&1 >/dev/null | tail -1)
    echo "| \`sphere-faq ${args//$tmp\//}\` | $((kb / 1024)).$(((kb % 1024) * 10 / 1024)) MiB |"
done
echo
echo "## Release binary"
echo
size=$(stat -c %s "$bin")
echo "$size bytes ($((size / 1024)) KiB)"
echo
echo "## In process (cargo run --release --example bench)"
echo
echo '```'
target/release/examples/bench
echo '```'
