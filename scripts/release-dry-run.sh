#!/usr/bin/env bash
# Rehearses a release on a throwaway copy of the working tree: `changeset version` turns the pending
# changesets into versions and changelogs, then `npm pack` packs each published package. Fails when a
# package would ship without its build, README or changelog.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

tar --exclude=./node_modules --exclude='./*/*/node_modules' --exclude=./.git --exclude='*/.venv' \
  --exclude='*/.turbo' -cf - . | tar -xf - -C "$copy"
ln -s "$root/node_modules" "$copy/node_modules"
cd "$copy"
git init -q && git add -A >/dev/null && git -c user.email=ci@localhost -c user.name=ci commit -qm snapshot

pending=$(find .changeset -name '*.md' ! -name README.md | wc -l)
echo "release dry-run: $pending pending changeset(s)"
npx changeset version >/dev/null

status=0
for dir in packages/sdk packages/mock packages/engine apps/server; do
  name=$(node -p "require('./$dir/package.json').name")
  before=$(node -p "require('$root/$dir/package.json').version")
  after=$(node -p "require('./$dir/package.json').version")
  files=$(cd "$dir" && npm pack --dry-run --json 2>/dev/null | node -e '
    const [pack] = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(pack.files.map((f) => f.path).join(" "))')
  for required in package.json README.md dist/index.js; do
    case " $files " in *" $required "*) ;; *) echo "  $name: the tarball lacks $required" >&2; status=1 ;; esac
  done
  if [ "$before" != "$after" ]; then
    [ -f "$dir/CHANGELOG.md" ] || { echo "  $name: bumped without a CHANGELOG.md" >&2; status=1; }
  fi
  echo "  $name $before -> $after ($(echo "$files" | wc -w) files packed)"
done
exit $status
