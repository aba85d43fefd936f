# Sourced by the HTTP benchmarks: sets `bin` to the okrsek binary to measure and checks wrk.
# OKRSEK_BIN names an optimised binary built elsewhere (e.g. build/ci/src/okrsek); otherwise
# the release preset is built.
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [[ -n "${OKRSEK_BIN:-}" ]]; then
  bin=$OKRSEK_BIN
else
  cmake --preset release >/dev/null
  cmake --build --preset release --target okrsek >/dev/null
  bin=build/release/src/okrsek
fi
