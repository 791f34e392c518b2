#!/bin/sh
# Builds the Linux app image (and a .deb where dpkg-deb and fakeroot exist) from the shaded jar.
# Usage: packaging/jpackage.sh [target-dir]   (after `mvn package`; `mvn -Ppackage package` runs it for you)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-$here/../target}
target=$(cd "$target" && pwd)
jar="$target/baseshift.jar"
[ -f "$jar" ] || { echo "jpackage.sh: $jar not found; run mvn package first" >&2; exit 2; }

jpackage=${JPACKAGE:-}
if [ -z "$jpackage" ]; then
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then jpackage="$JAVA_HOME/bin/jpackage"
    elif command -v jpackage >/dev/null 2>&1; then jpackage=$(command -v jpackage)
    else jpackage=/usr/lib/jvm/java-17-openjdk-amd64/bin/jpackage
    fi
fi
[ -x "$jpackage" ] || { echo "jpackage.sh: no jpackage (JDK 17+) found; set JPACKAGE or JAVA_HOME" >&2; exit 2; }

input="$target/jpackage-input"
dist="$target/dist"
rm -rf "$input" "$dist/BaseShift"
mkdir -p "$input" "$dist"
cp "$jar" "$input/"

"$jpackage" @"$here/jpackage.options" --type app-image --input "$input" --dest "$dist" --icon "$here/baseshift.png"
echo "app image: $dist/BaseShift (run $dist/BaseShift/bin/BaseShift)"

if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
    rm -f "$dist"/baseshift_*.deb
    # what the window's native libraries need (see linux-package-deps)
    deps=$(grep -v '^#' "$here/linux-package-deps" | grep -v '^[[:space:]]*$' | paste -sd, - | sed 's/,/, /g')
    "$jpackage" @"$here/jpackage.options" --type deb --input "$input" --dest "$dist" --icon "$here/baseshift.png" \
        --resource-dir "$here/linux" --linux-package-name baseshift --linux-menu-group Development \
        --linux-package-deps "$deps" \
        --linux-app-category devel --linux-shortcut --license-file "$here/../LICENSE" 2>&1 \
        || { echo "jpackage.sh: .deb failed (the app image is fine)" >&2; exit 1; }
    echo "deb: $(ls "$dist"/baseshift_*.deb)"
else
    echo "jpackage.sh: dpkg-deb or fakeroot missing: no .deb (the app image is built)"
fi
