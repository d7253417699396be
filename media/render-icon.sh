#!/usr/bin/env bash
# Renders media/icon.svg to the 128x128 media/icon.png that the Marketplace and the Extensions view show.
# Uses Debian's headless Chromium (installed by tools/vscode-test/setup.sh); run after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# A page of exactly 128x128 with a transparent background, the SVG at its natural size.
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat icon.svg)" > "$out/icon.html"
"${CHROME_BIN:-chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
  --window-size=128,128 --screenshot="$out/icon.png" "file://$out/icon.html" >/dev/null 2>&1
cp "$out/icon.png" icon.png
echo "media/icon.png: $(file -b icon.png 2>/dev/null || wc -c < icon.png)"
