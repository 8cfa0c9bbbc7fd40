import Foundation
import Testing
import _TestSupport

/// The full `--help` of `tradeable` and `tradeable select`, pinned as text (Tests/Golden/help/, written by
/// `scripts/update-help-golden.sh` from the built binary): a changed option, help line or shown default shows up as a
/// failing test and a reviewable diff, not silently.
@Suite("--help pinned as golden text (end to end)")
struct HelpGoldenTests {
  static let folder = PackagePaths.root.appendingPathComponent("Tests/Golden/help")

  /// Runs `arguments` at the width the golden texts were written at and compares with `file`.
  static func expectGolden(_ arguments: [String], _ file: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let out = try SelectCommandTests.run(arguments, environment: ["COLUMNS": "80"])
    #expect(out.status == 0, "stderr: \(out.standardError)", sourceLocation: sourceLocation)
    let golden = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    guard out.standardOutput != golden else { return }
    let actual = out.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] } ?? min(actual.count, expected.count)
    let shown = { (lines: [Substring]) in line < lines.count ? String(lines[line]) : "(end of text)" }
    Issue.record(
      """
      `tradeable \(arguments.joined(separator: " "))` differs from Tests/Golden/help/\(file) at line \(line + 1):
        golden: \(shown(expected))
        binary: \(shown(actual))
      If the change is intended, run scripts/update-help-golden.sh, review `git diff Tests/Golden/help` and commit it.
      """, sourceLocation: sourceLocation)
  }

  @Test("tradeable --help")
  func top() throws { try Self.expectGolden(["--help"], "tradeable.txt") }

  @Test("tradeable select --help")
  func select() throws { try Self.expectGolden(["select", "--help"], "tradeable-select.txt") }
}
