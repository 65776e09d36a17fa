#!/usr/bin/env bash
# Does the compiler specialize an `@inlinable` generic function of another module for the
# caller's concrete type? Builds a two-module package in a temporary directory, once with
# the function `package` (how WACoreSQL declares its shared code) and once `public`, and
# prints whether the caller's release code still calls the unspecialized generic function.
# (Swift 6.3.1 on Linux: `package` → not specialized, `public` → specialized and inlined.)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/A" "$work/Sources/B"
cat >"$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "probe", targets: [.target(name: "A"), .executableTarget(name: "B", dependencies: ["A"])])
SWIFT
cat >"$work/Sources/B/main.swift" <<'SWIFT'
import A
struct Row: Columns { let base: Int; func column(_ i: Int32) -> Int { base &* Int(i) } }
@inline(never) func decode(_ row: Row) -> Int { Mapping.sum(row) }
print(decode(Row(base: CommandLine.arguments.count)))
SWIFT
for access in package public; do
  cat >"$work/Sources/A/A.swift" <<SWIFT
$access protocol Columns { func column(_ i: Int32) -> Int }
$access enum Mapping {
    @inlinable $access static func sum(_ row: some Columns) -> Int {
        var total = 0
        for i in 0..<14 { total &+= row.column(Int32(i)) }
        return total
    }
}
SWIFT
  rm -rf "$work/.build"
  swift build --package-path "$work" -c release >/dev/null 2>&1
  if objdump -d --no-show-raw-insn "$work/.build/release/B" | grep -A12 '<$s1B6decode' | grep -q 'call.*7Mapping.*3sum'; then
    echo "$access @inlinable: the caller calls the unspecialized generic function"
  else
    echo "$access @inlinable: specialized for the caller's type (no call to the generic function)"
  fi
done
