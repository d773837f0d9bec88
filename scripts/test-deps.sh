#!/usr/bin/env bash
# Installs what the tests need beyond the app's own system deps, when missing
# and we are root on Debian (CI is): the CUPS daemon, its admin tools and its
# socket:// backend, so tests/hardware/test_cups.py can run a private cupsd (its
# own config, spool and port in a temp dir; it never uses the system's CUPS or
# port 631). Debian ships cupsd in cups-daemon and lpadmin in cups-client, but
# the socket backend only in `cups` (which pulls cups-filters and ghostscript);
# installed without recommends (no avahi, no colord). The install must not
# start the system's print service, so a policy-rc.d that denies it is put in
# place for the install when none exists. The cloud tests (tests/cloud_fixtures.py)
# run a private PostgreSQL (initdb + pg_ctl in a temp dir, loopback only): Debian's
# `postgresql` is installed when no server binaries are found, and the same
# policy-rc.d keeps its system cluster from being started.
set -euo pipefail
need=()
[ -x /usr/sbin/cupsd ] && [ -x /usr/sbin/lpadmin ] && [ -x /usr/lib/cups/backend/socket ] \
  || need+=(cups)
# The screenshot test runs the app on Xvfb (the xcb libraries come with system-deps.sh).
command -v Xvfb >/dev/null || need+=(xvfb)
# The report tests read the PDF back as text with pdftotext and pdfinfo.
command -v pdftotext >/dev/null || need+=(poppler-utils)
# The installer tests check the desktop entry with desktop-file-validate.
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
# The fiscal tests verify every NFC-e signature with the independent xmlsec1 command.
command -v xmlsec1 >/dev/null || need+=(xmlsec1)
# The customer's page is checked in a real browser: Debian's Chromium with its driver
# (tests/cloud/test_customer_page_browser.py, Selenium).
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || need+=(chromium chromium-driver)
# The cloud tests start their own PostgreSQL server.
have_postgres() {
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return 0
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && return 0
  done
  return 1
}
have_postgres || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
echo "test-deps: missing ${need[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "test-deps: install ${need[*]} with your package manager (the CUPS, screenshot and cloud tests need them)" >&2
  exit 0
fi
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
