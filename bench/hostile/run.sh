#!/bin/sh
# Times `msglint check` on each of issue 16's reproducers with one or two
# builds: CPU time (user + system), wall time and peak RSS per row
# (docs/security.md). Wall times on a loaded machine are noisy: compare CPU.
#   bench/hostile/run.sh OUTDIR BIN [BIN2]
# writes the reproducers to OUTDIR (gen.py, and the PDF generators of
# extract/pdf) and prints a Markdown table. Each run is stopped after
# $TIMEOUT seconds (default 300).
set -eu
out=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
timeout=${TIMEOUT:-300}
if [ ! -d "$out" ]; then
	mkdir -p "$out"
	python3 "$here/gen.py" "$out"
	pdfs=$(mktemp -d)
	(cd "$root" && MSGLINT_HOSTILE_PDF_DIR=$pdfs go test ./extract/pdf -run '^TestWriteHostilePDFs$' -count=1 >/dev/null)
	for f in "$pdfs"/*.pdf; do
		d="$out/pdf-$(basename "$f" .pdf)"
		mkdir -p "$d"
		mv "$f" "$d/"
		printf '# Normal\n\nOur best-in-class product.\n' >"$d/normal.md"
	done
	rmdir "$pdfs"
fi
printf '| row | on disk |'
for b in "$@"; do printf ' %s: exit, CPU s, wall s, peak RSS MB |' "$(basename "$b")"; done
printf '\n|---|---|'
for b in "$@"; do printf -- '---|'; done
printf '\n'
for d in "$out"/*/; do
	name=$(basename "$d")
	size=$(du -sk "$d" | cut -f1)
	printf '| %s | %s KB |' "$name" "$size"
	for b in "$@"; do
		log=$(mktemp)
		set +e
		(cd "$d" && MSGLINT_PDF_BACKEND=go /usr/bin/time -v -o "$log" timeout "$timeout" "$b" check --format json . >/dev/null 2>"$log.err"; echo $? >"$log.rc")
		set -e
		rc=$(cat "$log.rc")
		[ "$rc" = 124 ] && rc="killed at ${timeout}s"
		# time's own status line when the command failed
		sed -i '/^Command exited with non-zero status/d' "$log"
		wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
		cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$log")
		printf ' %s, %s, %s, %s |' "$rc" "$cpu" "$wall" "$((rss / 1024))"
		rm -f "$log" "$log.rc" "$log.err"
	done
	printf '\n'
done
