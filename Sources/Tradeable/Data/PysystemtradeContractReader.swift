/// Reads which contracts an instrument held from a pysystemtrade multiple prices file (`multiple_prices_csv/CODE.csv`:
/// `DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT,FORWARD,FORWARD_CONTRACT`) or a legacy carry data file
/// (`CODE_carrydata.csv`: `DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT`), for instruments whose roll cycle no
/// `rollconfig.csv` gives.
///
/// `PRICE_CONTRACT` is the contract held, `YYYYMM` (`199712`) or `YYYYMMDD` with day `00` (`19820900`); pandas writes
/// `201803.0` when the column has gaps, and that is accepted too. The roll cycle is the set of months of the contracts
/// held on rows dated in the file's last year (`lastDate − 365 days` exclusive to `lastDate`): what `HoldRollCycle`
/// letters name, so its size is the rolls a year (`199803, 199806, 199809, 199812` → 4; a Z-only cycle holds
/// December contracts all year → 1). The last year, not the whole file, because hold cycles change over decades of
/// history and the costs are today's. Rows need not be sorted; a row without a contract (empty or `nan`) is skipped.
public enum PysystemtradeContractReader {
  /// The contracts one file says were held.
  public struct HeldContracts: Sendable, Equatable {
    /// Months (1–12) of the contracts held in the last year, ascending.
    public var months: [Int]
    /// Dates of the first and last rows with a contract; `nil` when there is none.
    public var firstDate: CalendarDay?
    public var lastDate: CalendarDay?

    /// Whether the rows with a contract span at least a year, so that `months` is a whole cycle.
    public var spansAYear: Bool {
      guard let firstDate, let lastDate else { return false }
      return lastDate.daysSinceEpoch - firstDate.daysSinceEpoch >= 365
    }

    /// The held months as futures month letters, January first (`[3, 6, 9, 12]` → `HMUZ`).
    public var cycle: String { String(months.map { Self.monthLetters[$0 - 1] }) }

    static let monthLetters = Array("FGHJKMNQUVXZ")
  }

  /// Reads `bytes`, the contents of `file`.
  public static func read(_ bytes: [UInt8], file: String) throws(InputError) -> HeldContracts {
    try withCSVFieldReader(bytes, file: file, fieldCountSuggestion: "Give every row one value per header column.") {
      reader throws(InputError) in try read(&reader, file: file)
    }
  }

  static func read(_ reader: inout CSVFieldReader, file: String) throws(InputError) -> HeldContracts {
    guard try reader.next() else {
      throw InputError(
        file: file, message: "the file is empty",
        suggestion: "Write the header 'DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT' and one row per date, or "
          + "give the instrument's HoldRollCycle in rollconfig.csv.")
    }
    let p = reader.base
    let names = reader.texts().map { $0.lowercased() }
    guard
      let dateColumn = names.firstIndex(of: "datetime") ?? names.firstIndex(of: "date")
        ?? names.firstIndex(of: "index")
    else {
      throw InputError(
        file: file, line: reader.line,
        message: "missing column 'DATETIME' in the header '\(names.joined(separator: ","))'",
        suggestion: "Start the file with pysystemtrade's header 'DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT'.")
    }
    guard let contractColumn = names.firstIndex(of: "price_contract") else {
      throw InputError(
        file: file, line: reader.line,
        message: "missing column 'PRICE_CONTRACT' in the header '\(names.joined(separator: ","))'",
        suggestion: "The roll cycle is read from the contract held, PRICE_CONTRACT: add it, or give the "
          + "instrument's HoldRollCycle in rollconfig.csv.")
    }
    let fieldCount = names.count
    func text(_ s: Int, _ e: Int) -> String {
      String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
    }
    var held: [(day: CalendarDay, month: Int)] = []
    while try reader.next() {
      try reader.requireFieldCount(fieldCount)
      let (ds, de) = reader.bounds(dateColumn)
      guard let (day, _) = PysystemtradePriceReader.parseTimestamp(p, ds, de) else {
        throw InputError(
          file: file, line: reader.line, column: dateColumn + 1,
          message: de == ds ? "the DATETIME is empty" : "cannot read '\(text(ds, de))' as a DATETIME",
          suggestion: "Write timestamps as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, e.g. 2023-08-31 20:00:00.")
      }
      let (cs, ce) = reader.bounds(contractColumn)
      if cs == ce || PysystemtradePriceReader.isNotANumber(p, cs, ce) { continue }
      guard let month = contractMonth(p, cs, ce) else {
        throw InputError(
          file: file, line: reader.line, column: contractColumn + 1,
          message: "cannot read '\(text(cs, ce))' as a PRICE_CONTRACT",
          suggestion: "Write the contract held as YYYYMM or YYYYMMDD (201803 or 20180300), or leave it empty.")
      }
      held.append((day, month))
    }
    guard let first = held.map(\.day).min(), let last = held.map(\.day).max() else {
      return HeldContracts(months: [], firstDate: nil, lastDate: nil)
    }
    let start = last.adding(days: -365)
    let months = Set(held.filter { $0.day > start }.map(\.month)).sorted()
    return HeldContracts(months: months, firstDate: first, lastDate: last)
  }

  /// The month of a contract `YYYYMM` or `YYYYMMDD`, optionally followed by `.` and zeros; `nil` if malformed.
  static func contractMonth(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    var end = e
    if let dot = (s..<e).first(where: { p[$0] == UInt8(ascii: ".") }) {
      guard dot + 1 < e, (dot + 1..<e).allSatisfy({ p[$0] == UInt8(ascii: "0") }) else { return nil }
      end = dot
    }
    guard end - s == 6 || end - s == 8, (s..<end).allSatisfy({ p[$0] &- 48 < 10 }) else { return nil }
    let month = Int(p[s + 4] - 48) * 10 + Int(p[s + 5] - 48)
    guard (1...12).contains(month) else { return nil }
    if end - s == 8 {
      let day = Int(p[s + 6] - 48) * 10 + Int(p[s + 7] - 48)
      guard day <= 31 else { return nil }
    }
    return month
  }
}
