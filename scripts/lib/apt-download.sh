# Sourced by the fetch scripts. apt_download PKG: download the current .deb of PKG into ./deb/; the package lists
# are refreshed only when the first try fails, because `apt-get update` is the slow part and usually unnecessary.
apt_download() {
  local pkg=$1
  if (cd deb && apt-get -qq -o APT::Sandbox::User=root download "$pkg" >/dev/null); then
    return 0
  fi
  log "apt-get download $pkg failed; running apt-get update and retrying"
  apt-get -qq update
  (cd deb && apt-get -qq -o APT::Sandbox::User=root download "$pkg" >/dev/null)
}
