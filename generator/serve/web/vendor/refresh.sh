#!/usr/bin/env bash
# Refreshes the vendored web libraries of `gen serve` from the npm registry at
# the pinned versions below, copying only the files the page loads plus each
# package's licence. Run from anywhere: generator/serve/web/vendor/refresh.sh
# To move to a new version, change the pin, run this, run the serve tests.
set -euo pipefail
JSONEDITOR=2.17.2   # @json-editor/json-editor (MIT): the form built from the JSON Schema
PDFJS=5.4.624       # pdfjs-dist (Apache-2.0): draws the preview pages on canvases
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "@json-editor/json-editor@$JSONEDITOR" "pdfjs-dist@$PDFJS" >/dev/null
mkdir je pj
tar xzf json-editor-json-editor-"$JSONEDITOR".tgz -C je
tar xzf pdfjs-dist-"$PDFJS".tgz -C pj
rm -rf "$here/jsoneditor" "$here/pdfjs"
mkdir -p "$here/jsoneditor" "$here/pdfjs"
cp je/package/dist/jsoneditor.js je/package/dist/jsoneditor.js.LICENSE.txt je/package/LICENSE "$here/jsoneditor/"
# The legacy build runs in older Chromium-based browsers (UOS, Kylin).
cp pj/package/legacy/build/pdf.min.mjs pj/package/legacy/build/pdf.worker.min.mjs pj/package/LICENSE "$here/pdfjs/"
printf '@json-editor/json-editor %s\npdfjs-dist %s\n' "$JSONEDITOR" "$PDFJS" >"$here/VERSIONS"
echo "vendored @json-editor/json-editor@$JSONEDITOR and pdfjs-dist@$PDFJS into $here"
