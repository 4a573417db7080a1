#!/bin/sh
# Copies customer-role.yaml into the TemplateBody of customer-role-stackset.yaml, so that the role is
# defined in one file only. TemplateBody is the last key of the StackSet template: keep everything up to
# and including its "TemplateBody: |" line, then append the role template indented by eight spaces
# (empty lines stay empty, which a YAML literal block reads back as the same empty lines).
# customer-role-stackset.spec.ts checks the result: the parsed TemplateBody must equal the role file.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed '/^      TemplateBody: |$/q' customer-role-stackset.yaml >"$tmp"
grep -q '^      TemplateBody: |$' "$tmp" || { echo 'TemplateBody line not found' >&2; exit 1; }
sed 's/^./        &/' customer-role.yaml >>"$tmp"
cat "$tmp" >customer-role-stackset.yaml
