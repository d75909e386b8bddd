# Shared by the launchers under tools/: build a module on first use, and again whenever the
# main sources or POMs it is built from are newer than its jar. Source it, then call
#   ensure_built NAME MODULE_DIR JAR DEPENDENCY_MODULE_DIR...
# Maven's output goes to a log that is shown only if the build fails.

ensure_built() {
  local name="$1" module="$2" jar="$3"
  shift 3
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local inputs=("$root/pom.xml" "$root/$module/pom.xml" "$root/$module/src/main")
  local dep
  for dep in "$@"; do
    inputs+=("$root/$dep/pom.xml" "$root/$dep/src/main")
  done
  if [ -f "$jar" ] && [ -z "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "$name: building (first use or changed sources)..." >&2
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/$name-build.XXXXXX.log")"
  # Tests of the modules are neither compiled nor run here: the tool needs their main code only.
  if (cd "$root" && mvn -B -q -Dstyle.color=never -pl "$module" -am package \
        -Dmaven.test.skip=true) >"$log" 2>&1; then
    touch "$jar"
    rm -f "$log"
  else
    cat "$log" >&2
    echo "$name: build failed (log: $log)" >&2
    exit 2
  fi
}
