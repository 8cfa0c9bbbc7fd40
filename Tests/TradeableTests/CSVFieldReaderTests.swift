import Testing
import Tradeable
import _TestSupport

/// The one CSV field reader under the four formats: the same row gives the same fields and the same error, whichever
/// reader reads it. Every expectation is read off the bytes of the test file.
@Suite("CSV field reader")
struct CSVFieldReaderTests {
  /// The four readers on `rows` under their own two-column header (`headers`, in reader order), each reduced to its
  /// error.
  static func errors(headers: [String], rows: String) -> [InputError?] {
    func catching(_ body: () throws(InputError) -> Void) -> InputError? {
      do throws(InputError) {
        try body()
        return nil
      } catch {
        return error
      }
    }
    let bytes = { (k: Int) in Array((headers[k] + "\n" + rows).utf8) }
    let file = "t.csv"
    return [
      catching { () throws(InputError) in _ = try CSVTable(text: headers[0] + "\n" + rows, file: file) },
      catching { () throws(InputError) in _ = try NAVFileReader.parse(bytes(1), file: file, singleCode: "A") },
      catching { () throws(InputError) in _ = try PriceFileReader.readInstrumentFile(bytes(2), file: file) },
      catching { () throws(InputError) in _ = try PysystemtradePriceReader.read(bytes(3), file: file) },
    ]
  }

  static let headers = ["date,price", "date,nav", "date,price", "DATETIME,price"]

  @Test("a row with a missing or an extra field: one message, at the first missing or extra field, in every format")
  func fieldCount() throws {
    // Line 3 has one field where the header has two: column min(1, 2) + 1 = 2.
    for error in Self.errors(headers: Self.headers, rows: "2023-01-02,1\n2023-01-03\n") {
      let e = try #require(error)
      #expect(e.line == 3 && e.column == 2)
      #expect(e.message == "the row has 1 fields but the header has 2")
    }
    // Line 2 has three: column min(3, 2) + 1 = 3.
    for error in Self.errors(headers: Self.headers, rows: "2023-01-02,1,9\n") {
      let e = try #require(error)
      #expect(e.line == 2 && e.column == 3 && e.message == "the row has 3 fields but the header has 2")
    }
  }

  @Test("quoted fields, blank lines, a byte-order mark and CRLF read the same in every format")
  func layout() throws {
    // BOM, CRLF line ends, a quoted date, a blank line of spaces (line 3) and a tab before a value.
    let rows = "\"2023-01-02\",1.5\r\n   \r\n2023-01-03,\t2\r\n"
    for error in Self.errors(headers: Self.headers.map { "\u{FEFF}" + $0 }, rows: rows) { #expect(error == nil) }
    let prices = try PriceFileReader.readInstrumentFile(
      Array(("\u{FEFF}date,price\r\n" + rows).utf8), file: "t.csv")
    #expect(prices.dates.map(\.description) == ["2023-01-02", "2023-01-03"] && prices.prices == [1.5, 2])
    let navs = try NAVFileReader.parse(Array(("date,nav\r\n" + rows).utf8), file: "t.csv", singleCode: "A")
    #expect(navs.series[0].navs == [1.5, 2])
    // A quoted field may hold commas, doubled quotes and a line break; its row is the line it starts on.
    let table = try CSVTable(text: "code,name\nA,\"Corn, \"\"No. 2\"\"\nyellow\"\nB,x\n", file: "t.csv")
    #expect(table.rows.map(\.line) == [2, 4])
    #expect(table.rows[0].fields == ["A", "Corn, \"No. 2\"\nyellow"])
    // Spaces around a quoted field are not part of it (a quoted NAV code reads like an unquoted one).
    let spaced = try NAVFileReader.parse(Array("date, \"A\" ,B\n2023-01-02,1,2\n".utf8), file: "t.csv", singleCode: "")
    #expect(spaced.series.map(\.code) == ["A", "B"])
  }

  @Test("a stray or unclosed quote is an error at its line and column, in every format")
  func quotes() throws {
    for error in Self.errors(headers: Self.headers, rows: "2023-01-02,1\n2023-01-03,1\"5\n") {
      let e = try #require(error)
      #expect(e.line == 3 && e.column == 2 && e.message == "a quote inside an unquoted field")
    }
    for error in Self.errors(headers: Self.headers, rows: "2023-01-02,\"1\n") {
      let e = try #require(error)
      #expect(e.line == 2 && e.column == 2 && e.message == "a quoted field is never closed")
    }
  }
}
