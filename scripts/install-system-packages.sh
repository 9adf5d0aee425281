#!/usr/bin/env bash
# System libraries WeasyPrint renders with (Pango, HarfBuzz subsetting), fontconfig's default
# font (the briefs themselves use the DejaVu Sans files pip installs with matplotlib, served by
# the renderer), and poppler-utils (pdftoppm/pdfinfo/pdffonts) to inspect the PDFs. Installs only
# what is missing; without root or apt it says what to install and carries on.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Please install these system packages: ${missing[*]}" >&2
fi
