#!/bin/sh
# Fails when a translation catalogue is not complete for the current sources: lupdate is run on
# a scratch copy of every translations/orchestrator-console_<lang>.ts (obsolete messages
# dropped), and any message that is then new, changed, unfinished or empty is listed.
#   translations/check-complete.sh [LUPDATE]
# To fix: ./dev translations (updates the .ts files), translate with linguist or an editor,
# remove type="unfinished", run this again.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
lupdate="${1:-${LUPDATE:-}}"
if [ -z "$lupdate" ]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then lupdate="$candidate"; break; fi
    done
fi
if [ -z "$lupdate" ]; then
    echo "check-complete: lupdate not found (Debian: qt6-l10n-tools)" >&2
    exit 2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT INT TERM

failed=0
found=0
for ts in "$root"/translations/orchestrator-console_*.ts; do
    [ -f "$ts" ] || continue
    found=1
    name="$(basename "$ts")"
    lang="${name#orchestrator-console_}"
    lang="${lang%.ts}"
    only=""
    # English is the source language: its catalogue carries the plural forms only.
    [ "$lang" = en ] && only="-pluralonly"
    cp "$ts" "$scratch/$name"
    # shellcheck disable=SC2086
    if ! "$lupdate" "$root/engine" "$root/forms" "$root/packs" "$root/api" "$root/app" -extensions cpp,h \
            -no-obsolete -locations none $only -source-language en -target-language "$lang" \
            -ts "$scratch/$name" >"$scratch/lupdate.log" 2>&1; then
        cat "$scratch/lupdate.log" >&2
        echo "check-complete: lupdate failed for $name" >&2
        exit 2
    fi
    # lupdate's warnings mean a context it cannot work out (a tr() through a type alias, a free
    # tr() function): those messages are looked up under another context at run time.
    if [ "$lang" != en ]; then
        grep -E "lacks Q_OBJECT|Qualifying with unknown|Cannot invoke tr" "$scratch/lupdate.log" |
            sed -e "s|$root/||" -e 's/^/  note: /' || true
    fi
    # One report line per incomplete message: context, then the (first line of the) source.
    awk -v file="$name" '
        /<name>/        { ctx = $0; sub(/.*<name>/, "", ctx); sub(/<\/name>.*/, "", ctx) }
        /<message/      { src = ""; bad = 0; total++ }
        /<source>/      { src = $0; sub(/.*<source>/, "", src); sub(/<\/source>.*/, "", src) }
        /<translation[^>]*type="unfinished"/           { bad = 1 }
        /<translation><\/translation>|<translation\/>/ { bad = 1 }
        /<numerusform><\/numerusform>|<numerusform\/>/ { bad = 1 }
        /<\/message>/   { if (bad) { n++; printf "  %s: [%s] %s\n", file, ctx, src } }
        END {
            if (n) printf "%s: %d of %d message(s) missing or unfinished\n", file, n, total
            else printf "%s: complete (%d messages)\n", file, total
            exit n ? 1 : 0
        }' "$scratch/$name" || failed=1
done

if [ "$found" -eq 0 ]; then
    echo "check-complete: no translations/orchestrator-console_*.ts found" >&2
    exit 2
fi
if [ "$failed" -ne 0 ]; then
    echo "Translations are incomplete: run ./dev translations, translate, and commit the .ts files." >&2
    exit 1
fi
