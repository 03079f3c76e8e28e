#!/usr/bin/env bash
# The install a user outside this checkout gets, and the GitHub Actions workflow the README
# documents, run step by step: `npm pack`, then every `run:` step of the README's workflow in a
# scratch workspace holding the packed tarball (tools/) and a copy of the sample city (data/),
# with npm's global prefix in a temp folder. Prints one line, "install: ok" or what failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "install: FAILED — $*"; exit 1; }

# Pack as a release would (prepare builds dist/), into the workspace's tools/.
mkdir -p "$work/ws/tools" "$work/prefix"
npm pack --silent --pack-destination "$work/ws/tools" >/dev/null || fail "npm pack"
tarball="$(ls "$work/ws/tools"/tuoyu-*.tgz)"
tar -tzf "$tarball" >"$work/contents.txt" || fail "tar cannot list $tarball"
grep -qx 'package/schema/plan.schema.json' "$work/contents.txt" || fail "the tarball lacks schema/plan.schema.json"
grep -qx 'package/dist/api.js' "$work/contents.txt" || fail "the tarball lacks dist/ (was it built?)"
for bundled in dist/tuoyu.js dist/visit-worker.js; do
  grep -qx "package/$bundled" "$work/contents.txt" || fail "the tarball lacks the bundled command line's $bundled"
done
cp -r fixtures/sample-city "$work/ws/data"
rm -f "$work/ws/data/README.md"

# The workflow's `run:` steps, as the README shows them between its workflow markers.
steps="$(sed -n '/<!-- workflow:start -->/,/<!-- workflow:end -->/p' README.md | sed -n 's/^ *run: //p')"
[ -n "$steps" ] || fail "no run: steps found in the README's workflow"

export npm_config_prefix="$work/prefix" npm_config_prefer_offline=true npm_config_audit=false npm_config_fund=false
export PATH="$work/prefix/bin:$PATH" GITHUB_STEP_SUMMARY="$work/summary.md" TUOYU_TODAY=2026-01-15
cd "$work/ws"
while IFS= read -r step; do
  bash -c "$step" >"$work/step.out" 2>&1 || { cat "$work/step.out" >&2; fail "step: $step"; }
done <<< "$steps"

# The installed command works outside the checkout.
[ "$(command -v tuoyu)" = "$work/prefix/bin/tuoyu" ] || fail "tuoyu is not on the PATH from the global prefix"
version="$(cd / && tuoyu --version)" || fail "tuoyu --version"
[ "$version" = "$(node -p "require('$root/package.json').version")" ] || fail "tuoyu --version says $version"
(cd / && tuoyu validate "$work/ws/data" >/dev/null) || fail "tuoyu validate on the sample city"
grep -q '## tuoyu validate' "$work/summary.md" || fail "the workflow wrote no job summary"
echo "install: ok (tuoyu $version from $(basename "$tarball"), $(printf '%s\n' "$steps" | wc -l) workflow steps)"
