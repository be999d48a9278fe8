#!/usr/bin/env bash
# Builds the Pulumi CLI and the plugins a CLI install has into .tools/pulumi/bin, once, then from cache:
#   pulumi                          github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the version pinned in
#                                   tools/pulumi-cli/go.mod, its version stamped into the binary;
#   pulumi-language-nodejs          launcher for langhost/ (the Go host is not served by the module proxy here);
#   pulumi-resource-pulumi-nodejs   the dynamic-provider plugin that ships inside @pulumi/pulumi;
#   pulumi-analyzer-policy          launcher for @pulumi/pulumi's cmd/run-policy-pack, as the CLI ships it.
# Rebuilds only when the pins (go.mod, go.sum) or this script change; with $PULUMI_CLI set it builds nothing.
# The last line printed is the bin folder.
# Needs Go (1.26 here) and the Go module proxy; the first build takes about 6 minutes on 2 cores (345 s measured with empty Go caches).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
mod="$repo/tools/pulumi-cli"
bin="$repo/.tools/pulumi/bin"
mkdir -p "$bin"

# A CLI the user installed is used as it is (its own plugins sit beside it).
if [ -n "${PULUMI_CLI:-}" ]; then
  [ -x "$PULUMI_CLI" ] || { echo "PULUMI_CLI=$PULUMI_CLI is not an executable" >&2; exit 1; }
  echo "using PULUMI_CLI: $("$PULUMI_CLI" version)" >&2
  dirname "$PULUMI_CLI"
  exit 0
fi

stamp="$(cat "$mod/go.mod" "$mod/go.sum" "$0" | sha256sum | cut -c1-16)"
if [ -x "$bin/pulumi" ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "pulumi CLI up to date: $("$bin/pulumi" version)" >&2
else
  command -v go >/dev/null || { echo "scripts/pulumi-cli.sh: Go is needed to build the Pulumi CLI" >&2; exit 1; }
  version="$(cd "$mod" && go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3)"
  echo "building pulumi $version (first build: about 6 minutes) ..." >&2
  start=$SECONDS
  (cd "$mod" && GOFLAGS=-buildvcs=false go build -trimpath -o "$bin/pulumi.tmp" \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$bin/pulumi.tmp" "$bin/pulumi"
  echo "$stamp" > "$bin/.stamp"
  echo "built pulumi $("$bin/pulumi" version) in $((SECONDS - start)) s" >&2
fi

# The plugins are small scripts; rewrite them every time so they follow the checkout they live in.
cat > "$bin/pulumi-language-nodejs" <<SH
#!/bin/sh
# The Node.js language host of this checkout (langhost/); \`npm run build\` compiles it.
host="$repo/dist/langhost/main.js"
[ -f "\$host" ] || { echo "pulumi-language-nodejs: \$host is missing: run npm run build in $repo" >&2; exit 1; }
exec node "\$host" "\$@"
SH
cat > "$bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
# As shipped in @pulumi/pulumi: the dynamic-provider host of the SDK the program (cwd) installed.
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
SH
cat > "$bin/pulumi-analyzer-policy" <<'SH'
#!/bin/sh
# As the CLI ships it: runs a Node.js policy pack (cwd) through its SDK's cmd/run-policy-pack.
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))") || exit 1
exec node "$script" "$@"
SH
chmod +x "$bin"/pulumi-*
echo "$bin"
