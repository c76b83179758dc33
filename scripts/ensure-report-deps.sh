#!/usr/bin/env bash
# What reports need on any machine that writes them (run by `make install`, so `make demo` can write PDFs):
# CJK fonts embedded in every PDF and chart, WeasyPrint's text layout (pango) and font subsetting (harfbuzz-subset),
# all from Debian's packages. Quick when everything is there.
set -euo pipefail

# CJK fonts for charts and PDF reports (embedded in every PDF), and the text-layout libraries WeasyPrint uses.
if ! fc-list :lang=zh family 2>/dev/null | grep -qi "Noto Serif CJK"; then
    echo "ensure-report-deps: installing CJK fonts (fonts-noto-cjk) from Debian packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null
fi
# WeasyPrint's text layout (pango) and font subsetting (harfbuzz-subset: without it a PDF takes 25-50 s);
# pdftoppm (poppler-utils) turns report pages into images for review.
if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset \
    || ! command -v pdftoppm >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils >/dev/null
fi

