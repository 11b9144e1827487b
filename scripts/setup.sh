#!/usr/bin/env bash
# Install everything zwgk_docs needs on Debian/Ubuntu, idempotently:
# system packages (CJK fonts, HarfBuzz subsetter, Pango, LibreOffice, Chromium, poppler, Node.js)
# axe-core into ./node_modules
# and a virtual environment .venv with zwgk_docs and its test tools.
#   bash scripts/setup.sh            # install (runs apt-get only for what is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai fonts-arphic-uming fontconfig
  libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
  libreoffice-writer-nogui libreoffice-calc-nogui
  chromium poppler-utils
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  missing+=(python3-venv python3-pip)
fi
# Node.js by command, not by Debian package: a machine may already have it from elsewhere
# (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包：${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fc-cache -f >/dev/null 2>&1 || true
fi

# Office font names → closest free faces for LibreOffice's conversions (see the file's comment).
conf=/etc/fonts/conf.d/65-zwgk-office-fonts.conf
if ! cmp -s scripts/fontconfig/65-zwgk-office-fonts.conf "$conf"; then
  $SUDO install -m 644 scripts/fontconfig/65-zwgk-office-fonts.conf "$conf"
  fc-cache -f >/dev/null 2>&1 || true
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# Test-only npm tools from package.json, project-local in node_modules/ (no global install, no root):
# axe-core (accessibility checks of the web pages, tests/test_web.py) and yaml-language-server
# (the engine of VS Code's YAML extension, tests/test_editor.py).
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/yaml-language-server ]; then
  npm install --no-audit --no-fund --silent
fi
echo "安装完成：.venv/bin/zwgk"
