#!/usr/bin/env bash
# System libraries WeasyPrint renders with (Pango, HarfBuzz subsetting), fontconfig's default
# font (the briefs themselves use the DejaVu Sans files pip installs with matplotlib, served by
# the renderer), poppler-utils (pdftoppm/pdfinfo/pdffonts) to inspect the PDFs, and, where
# `python3 -m venv` cannot work yet (a fresh Ubuntu, e.g. under WSL), python3-venv and the
# python3.X-venv matching python3. Installs only what is missing; without root or apt it says
# what to install and carries on. (make itself must be there already: `sudo apt install make`.)
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
  missing+=(python3-venv)
  version=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")' 2>/dev/null || true)
  [ -n "$version" ] && missing+=("python$version-venv")
fi
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
