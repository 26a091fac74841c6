#!/usr/bin/env bash
# Refresh the vendored front-end assets in static/vendor/, and the test-only ones in tests/e2e/vendor/
# (axe-core, injected by the accessibility check; never served to users), from the npm registry.
# The copies are committed: set-up, CI and production need neither node nor a CDN.
# Usage: tools/vendor.sh   (or: make vendor)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/static/vendor"
TEST_DEST="$ROOT/tests/e2e/vendor"
# htmx.org is pinned to 2.x: 4.x breaks htmx 2 code.
# jsqr: the QR decoder of the apel scanner page (pure JavaScript, no WebAssembly, nothing fetched at run time).
PACKAGES=(bootstrap@5 bootstrap-icons htmx.org@2 signature_pad chart.js jsqr@1)
# axe-core's major version can change the rules: pin it, and bump it on purpose.
TEST_PACKAGES=(axe-core@4)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$TMP" "${PACKAGES[@]}" "${TEST_PACKAGES[@]}" \
  >/dev/null
NM="$TMP/node_modules"

rm -rf "$DEST"
mkdir -p "$DEST/bootstrap" "$DEST/bootstrap-icons/fonts" "$DEST/htmx" "$DEST/signature_pad" "$DEST/chart.js" "$DEST/jsqr"

cp "$NM/bootstrap/dist/css/bootstrap.min.css" "$DEST/bootstrap/"
cp "$NM/bootstrap/dist/js/bootstrap.bundle.min.js" "$DEST/bootstrap/"
cp "$NM/bootstrap-icons/font/bootstrap-icons.min.css" "$DEST/bootstrap-icons/"
cp "$NM/bootstrap-icons/font/fonts/bootstrap-icons.woff2" "$NM/bootstrap-icons/font/fonts/bootstrap-icons.woff" \
   "$DEST/bootstrap-icons/fonts/"
cp "$NM/htmx.org/dist/htmx.min.js" "$DEST/htmx/"
cp "$NM/signature_pad/dist/signature_pad.umd.min.js" "$DEST/signature_pad/"
cp "$NM/chart.js/dist/chart.umd.min.js" "$DEST/chart.js/"
cp "$NM/jsqr/dist/jsQR.js" "$DEST/jsqr/"
for license in bootstrap/LICENSE bootstrap-icons/LICENSE htmx.org/LICENSE signature_pad/LICENSE chart.js/LICENSE.md jsqr/LICENSE; do
  pkg="${license%%/*}"
  dir="$pkg"; [ "$pkg" = "htmx.org" ] && dir="htmx"
  [ -f "$NM/$license" ] && cp "$NM/$license" "$DEST/$dir/LICENSE"
done

rm -rf "$TEST_DEST"
mkdir -p "$TEST_DEST/axe-core"
cp "$NM/axe-core/axe.min.js" "$NM/axe-core/LICENSE" "$TEST_DEST/axe-core/"

# Drop sourceMappingURL comments: the .map files are not shipped, and manifest storage would fail on them.
find "$DEST" "$TEST_DEST" -type f \( -name '*.js' -o -name '*.css' \) -print0 |
  xargs -0 sed -i -E 's@/[*/]# sourceMappingURL=[^ *]*( \*/)?@@g'

{
  echo "# Vendored by tools/vendor.sh on $(date -u +%Y-%m-%d) from the npm registry. Do not edit by hand."
  for pkg in bootstrap bootstrap-icons htmx.org signature_pad chart.js jsqr; do
    version="$(node -p "require('$NM/$pkg/package.json').version")"
    echo "$pkg $version"
  done
} > "$DEST/VERSIONS.txt"
{
  echo "# Vendored by tools/vendor.sh on $(date -u +%Y-%m-%d) from the npm registry, for the tests only. Do not edit by hand."
  echo "axe-core $(node -p "require('$NM/axe-core/package.json').version")"
} > "$TEST_DEST/VERSIONS.txt"

cat "$DEST/VERSIONS.txt" "$TEST_DEST/VERSIONS.txt"
