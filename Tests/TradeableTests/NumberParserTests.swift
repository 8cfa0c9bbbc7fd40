import Testing
import Tradeable
import _TestSupport

@Suite("Number parsing")
struct NumberParserTests {
  /// Correct rounding is the contract, so the tolerance is below half an ulp (2⁻⁵³ ≈ 1.1e-16 relative): a parser that
  /// rounds to the wrong neighbour fails.
  static let belowHalfUlp = 1e-16

  @Test(
    "matches the standard library's correctly rounded conversion",
    arguments: [
      "0", "1", "-1", "4600", "0.2", "0.1", "516.3999999999994", "1.2e3", "1E-5", "-0.000123", "3e-05",
      "1234567890123456789", "0.30000000000000004", "9007199254740993", "1e22", "1e23", "2.2250738585072014e-308",
      "123456.789e-10", "+42", ".5", "5.",
    ])
  func matchesStandardLibrary(_ text: String) throws {
    let parsed = try #require(NumberParser.parse(text))
    let expected = try #require(Double(text))
    #expect(approximately(parsed, expected, relative: Self.belowHalfUlp))
  }

  @Test("rejects what is not one decimal number", arguments: ["", "-", "abc", "1.2.3", "1,5", "nan", "inf", "1e", "0x10", " 1", "1 "])
  func rejects(_ text: String) {
    #expect(NumberParser.parse(text) == nil)
  }
}
