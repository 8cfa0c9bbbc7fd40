import Foundation
import Testing
import Tradeable
import _InputFuzzing
import _TestSupport

/// Every input a fuzzer ever found a fault with (`Fuzz/Regressions/TARGET/`, see `scripts/fuzz.sh`) ends cleanly now:
/// a result that keeps the reader's promises, or a located, short, printable `InputError`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static let folder = PackagePaths.root.appendingPathComponent("Fuzz/Regressions").path

  @Test("every committed fuzz input ends cleanly", arguments: InputFuzzTarget.allCases)
  func replay(_ target: InputFuzzTarget) throws {
    let directory = Self.folder + "/" + target.rawValue
    guard FileBytes.exists(directory).isDirectory else { return }
    for name in try FileBytes.listDirectory(directory, displayName: directory) {
      let bytes = try FileBytes.read(directory + "/" + name, displayName: name)
      let problem = target.check(bytes)
      #expect(problem == nil, "\(target.rawValue)/\(name): \(problem ?? "")")
    }
  }

  @Test("the regressions folder holds inputs, and each names a target")
  func layout() throws {
    let names = try FileBytes.listDirectory(Self.folder, displayName: Self.folder)
    #expect(!names.isEmpty)
    for name in names { #expect(InputFuzzTarget(rawValue: name) != nil, "\(name) is not a fuzz target") }
  }

  @Test("the harness tells a clean end from a broken promise")
  func harness() {
    // A valid fx file ends cleanly, and so does a clean error; an error without a file or at line 0 does not.
    #expect(InputFuzzTarget.fx.check(Array("currency,rate\nUSD,1\nEUR,1.1\n".utf8)) == nil)
    #expect(InputFuzzTarget.fx.check(Array("currency,rate\nUSD,x\n".utf8)) == nil)  // a clean error
    #expect(InputFuzzTarget.checkErrorForTesting(InputError(file: "", message: "m", suggestion: "s")) != nil)
    #expect(InputFuzzTarget.checkErrorForTesting(InputError(file: "f", line: 0, message: "m", suggestion: "s")) != nil)
    let long = InputError(file: "f", line: 1, message: String(repeating: "x", count: 5_000), suggestion: "s")
    #expect(InputFuzzTarget.checkErrorForTesting(long) != nil)
  }

  @Test("an error's text escapes what it must not print raw, in its file name too")
  func printableDescription() {
    // A control character, a line break and a terminal escape in the three parts come out as \xNN (their UTF-8 bytes,
    // written out by hand); a backslash and printable non-ASCII stay as they are.
    let raw = InputError(
      file: "prices/\u{0E}AEX.csv", line: 3, column: 1, message: "bad \u{1B}[2J é", suggestion: "two\nlines \\ \u{85}")
    #expect(raw.description == "prices/\\x0EAEX.csv:3:1: error: bad \\x1B[2J é\n  two\\x0Alines \\ \\xC2\\x85")
    #expect(InputFuzzTarget.checkErrorForTesting(raw) == nil)
    let plain = InputError(file: "a\\b.csv", message: "m", suggestion: "s")
    #expect(plain.description == "a\\b.csv: error: m\n  s")
  }

  @Test("a whole data folder in one archive loads, analyses and selects")
  func archive() {
    var text = "=== instruments.csv\ncode,currency,multiplier,tick_size\nAA,USD,10,0.01\nBB,USD,20,0.01\n"
    text += "=== fx.csv\ncurrency,rate\nUSD,1\n"
    for code in ["AA", "BB"] {
      text += "=== prices/\(code).csv\ndate,price\n"
      var day = CalendarDay(iso: "2020-01-01")!
      var price = 100.0
      var random = RandomSource(seed: code == "AA" ? 1 : 2)
      for _ in 0..<700 {
        if day.isWeekday {
          price += random.normal()
          text += "\(day),\(price)\n"
        }
        day = day.adding(days: 1)
      }
    }
    #expect(FuzzArchive(Array(text.utf8)).files.map(\.path) == ["instruments.csv", "fx.csv", "prices/AA.csv", "prices/BB.csv"])
    #expect(InputFuzzTarget.dataFolder.check(Array(text.utf8)) == nil)
  }
}
