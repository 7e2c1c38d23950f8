#!/usr/bin/env bash
# Vendors Bootstrap, Bootstrap Icons, htmx, axe-core and Tom Select from the npm registry into static/vendor/,
# so the app never depends on a CDN. An upgrade is: change a version below, run this, commit.
set -euo pipefail
cd "$(dirname "$0")/.."

BOOTSTRAP=5.3.9
ICONS=1.13.2
HTMX=2.0.11
AXE=4.14.1
TOMSELECT=2.6.2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "bootstrap@$BOOTSTRAP" "bootstrap-icons@$ICONS" "htmx.org@$HTMX" "axe-core@$AXE" "tom-select@$TOMSELECT" >/dev/null)

dest=static/vendor
rm -rf "$dest"
mkdir -p "$dest/bootstrap/css" "$dest/bootstrap/js" "$dest/bootstrap-icons/fonts" "$dest/htmx" "$dest/axe-core" "$dest/tom-select/css" "$dest/tom-select/js"

unpack() { mkdir -p "$work/$1" && tar -xzf "$work"/$2 -C "$work/$1"; }
unpack bs "bootstrap-$BOOTSTRAP.tgz"
unpack bi "bootstrap-icons-$ICONS.tgz"
unpack hx "htmx.org-$HTMX.tgz"
unpack axe "axe-core-$AXE.tgz"
unpack ts "tom-select-$TOMSELECT.tgz"

cp "$work"/bs/package/dist/css/bootstrap.min.css* "$dest/bootstrap/css/"
cp "$work"/bs/package/dist/js/bootstrap.bundle.min.js* "$dest/bootstrap/js/"
cp "$work"/bs/package/LICENSE "$dest/bootstrap/LICENSE"
cp "$work"/bi/package/font/bootstrap-icons.min.css "$dest/bootstrap-icons/"
cp "$work"/bi/package/font/fonts/bootstrap-icons.woff* "$dest/bootstrap-icons/fonts/"
cp "$work"/bi/package/LICENSE "$dest/bootstrap-icons/LICENSE"
cp "$work"/hx/package/dist/htmx.min.js "$dest/htmx/"
cp "$work"/hx/package/LICENSE "$dest/htmx/LICENSE"
cp "$work"/axe/package/axe.min.js "$dest/axe-core/"
cp "$work"/axe/package/LICENSE "$dest/axe-core/LICENSE"
cp "$work"/ts/package/dist/js/tom-select.complete.min.js* "$dest/tom-select/js/"
cp "$work"/ts/package/dist/css/tom-select.bootstrap5.min.css* "$dest/tom-select/css/"
cp "$work"/ts/package/LICENSE "$dest/tom-select/LICENSE"
echo "Vendored bootstrap $BOOTSTRAP, bootstrap-icons $ICONS, htmx $HTMX, axe-core $AXE, tom-select $TOMSELECT into $dest"
