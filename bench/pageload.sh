#!/usr/bin/env bash
# pageload.sh PAGE.html [RUNS]: load an msglint HTML report in headless
# Chromium RUNS times (default 5), each time after a blank page, and print
# for each load the wall time (the browser's start-up, load, and the DOM
# dump) and the page's own timings (data-msglint-ms, in ms since the
# navigation started: response, script, parse, model, render, frame; see
# docs/report.md). The blank page's wall time is the browser's own cost.
# CHROMIUM names the binary (default chromium).
set -euo pipefail
page=$(readlink -f "$1")
runs=${2:-5}
chromium=${CHROMIUM:-chromium}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '<!DOCTYPE html><title>blank</title><p>blank\n' > "$tmp/blank.html"
for _ in $(seq "$runs"); do
  for p in "$tmp/blank.html" "$page"; do
    start=$(date +%s%N)
    dom=$("$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
      --dump-dom "file://$p" 2>/dev/null | head -c 400 || true)
    end=$(date +%s%N)
    times=$(grep -o 'data-msglint-ms="[^"]*"' <<< "$dom" | sed 's/data-msglint-ms=//; s/"//g' || true)
    printf '%-12s wall=%5dms load=%s %s\n' "$(basename "$p")" $(((end - start) / 1000000)) "$(cut -d' ' -f1 /proc/loadavg)" "$times"
  done
done
