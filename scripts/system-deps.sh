#!/usr/bin/env bash
# Debian packages the app and its tests use beyond Python (docs/decisions/0110):
#   libreoffice-writer-nogui  letters: the rendered DOCX becomes the PDF/A (make run and make test)
#   fonts-liberation2         the letters' font (metric-compatible with Arial)
#   poppler-utils             pdftoppm: tests look at produced PDFs as pictures
#   chromium                  browser tests (make test only: pass "browser")
# Installed only where missing, and only when we are root and apt works; otherwise this says
# what is missing and the caller decides (letters without LibreOffice cannot be finalised).
set -uo pipefail
want=(libreoffice-writer-nogui fonts-liberation2 poppler-utils)
[ "${1:-}" = browser ] && want+=(chromium)
missing=()
for package in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== Installing Debian packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null) \
    || echo "!! could not install ${missing[*]}"
else
  echo "!! missing Debian packages (install them as root): ${missing[*]}"
fi
