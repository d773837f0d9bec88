#!/usr/bin/env bash
# Installs the system packages the app needs when they are missing and we are
# allowed to: a fresh Debian machine or CI has none of them.
#  - the libraries Qt needs (offscreen, and xcb for a real screen), found by soname;
#  - libcups2-dev, to build pycups (the `cups` extra and the `dev` extra) from source
#    (gcc is there; a Debian python3 without its headers also needs python3-dev).
set -euo pipefail
libs=$(ldconfig -p 2>/dev/null || true)  # read once: `ldconfig | grep -q` trips pipefail
need=()
for lib in libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libglib-2.0.so.0; do
  grep -q "$lib" <<<"$libs" || need+=("$lib")
done
pkgs=()
[ ${#need[@]} -eq 0 ] || pkgs+=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
# Qt's xcb platform plugin (a real desktop, or Xvfb) needs these beyond libxcb itself.
for lib in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
  libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 \
  libxcb-render-util.so.0:libxcb-render-util0 libxkbcommon-x11.so.0:libxkbcommon-x11-0 \
  libxcb-shape.so.0:libxcb-shape0 libxcb-randr.so.0:libxcb-randr0 \
  libxcb-xinerama.so.0:libxcb-xinerama0 libxcb-xkb.so.1:libxcb-xkb1; do
  grep -q "${lib%%:*}" <<<"$libs" || { need+=("${lib%%:*}"); pkgs+=("${lib##*:}"); }
done
[ -f /usr/include/cups/cups.h ] || { need+=("cups/cups.h"); pkgs+=(libcups2-dev); }
inc=$("${PYTHON:-python3}" -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null || true)
[ -z "$inc" ] || [ -f "$inc/Python.h" ] || { need+=("Python.h"); pkgs+=(python3-dev); }
[ ${#need[@]} -eq 0 ] && exit 0
echo "system-deps: missing ${need[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: install ${pkgs[*]} with your package manager" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${pkgs[@]}" >/dev/null
