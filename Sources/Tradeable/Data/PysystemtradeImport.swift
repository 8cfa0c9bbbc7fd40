/// The outcome of importing a pysystemtrade data folder: the universe that could be built, every instrument that
/// could not (with why), and what was skipped inside the price files.
///
/// Nothing is silently dropped: an instrument named in `instrumentconfig.csv` or with a file in
/// `adjusted_prices_csv/` is either in `universe` or in `leftOut`.
public struct PysystemtradeImport: Sendable {
  /// Instruments with a configuration, a spread cost, a roll cycle, an FX rate and at least one price, in byte order
  /// of their codes.
  public var universe: Universe
  /// Instruments that could not be imported, in byte order of their codes.
  public var leftOut: [LeftOut]
  /// Data rows read from the imported instruments' price files.
  public var priceRows: Int
  /// Of those, rows without a price (empty or `nan`), skipped.
  public var rowsWithoutPrice: Int
  /// Daily prices kept (each day's last row with a price).
  public var dailyPrices: Int
  /// Where each currency's rate came from: `fx_prices_csv/CCYUSD.csv` and the date of its last row.
  public var fxSources: [FXSource]

  /// One instrument that could not be imported.
  public struct LeftOut: Sendable, Equatable {
    /// Instrument code.
    public var code: String
    /// Every reason, in the order of `Reason.allCases`.
    public var reasons: [Reason]
    /// The file that names the instrument (`csvconfig/instrumentconfig.csv`, or its price file when it has no
    /// configuration), and the line, when there is one.
    public var file: String
    public var line: Int?

    public init(code: String, reasons: [Reason], file: String, line: Int?) {
      self.code = code
      self.reasons = reasons
      self.file = file
      self.line = line
    }
  }

  /// Why an instrument could not be imported. The raw values are the words printed.
  public enum Reason: String, Sendable, CaseIterable {
    /// In `instrumentconfig.csv` but `adjusted_prices_csv/CODE.csv` does not exist.
    case noPriceFile = "no adjusted prices file"
    /// A price file for a code `instrumentconfig.csv` does not name: multiplier and currency unknown.
    case noConfiguration = "not in instrumentconfig.csv"
    /// No row (or an empty `SpreadCost`) in `spreadcosts.csv`: the cost of trading it is unknown.
    case noSpreadCost = "no spread cost in spreadcosts.csv"
    /// No row (or an empty `HoldRollCycle`) in `rollconfig.csv`: its rolls a year, so its costs, are unknown.
    case noRollCycle = "no HoldRollCycle in rollconfig.csv"
    /// Its currency has no `fx_prices_csv/CCYUSD.csv`.
    case noFXRate = "no FX prices for its currency"
    /// The price file has no row with a price.
    case noPrices = "no prices in its price file"
  }

  /// Where one currency's rate came from.
  public struct FXSource: Sendable, Equatable {
    /// Currency code.
    public var currency: String
    /// The file read.
    public var file: String
    /// The date of the rate used (the file's last row with a price).
    public var date: CalendarDay
    /// USD per one unit of the currency, as read.
    public var usdRate: Double
  }

  /// A short account for people: instruments imported, rows read and kept, then the instruments left out grouped by
  /// their reasons (a real pysystemtrade folder configures hundreds of instruments it holds no prices for, so one line
  /// per instrument would bury the rest), codes wrapped at `width` characters. `leftOut` and `json` keep each
  /// instrument's file and line.
  public func summary(width: Int = 110) -> [String] {
    var lines = [
      "pysystemtrade data \(universe.source): \(NumberFormat.count(universe.count, "instrument")) imported; "
        + "\(NumberFormat.integer(priceRows)) price rows \u{2192} \(NumberFormat.integer(dailyPrices)) daily prices "
        + "(each day's last row); \(NumberFormat.count(rowsWithoutPrice, "row")) without a price skipped."
    ]
    guard !leftOut.isEmpty else { return lines }
    lines.append(
      "\(NumberFormat.integer(leftOut.count)) instrument\(leftOut.count == 1 ? "" : "s") left out (not imported):")
    var groups: [[Reason]: [String]] = [:]
    for item in leftOut { groups[item.reasons, default: []].append(item.code) }
    let order = groups.keys.sorted { a, b in
      let ka = a.map { Reason.allCases.firstIndex(of: $0)! }
      let kb = b.map { Reason.allCases.firstIndex(of: $0)! }
      return ka.lexicographicallyPrecedes(kb)
    }
    for reasons in order {
      let codes = groups[reasons]!
      var line = "  " + reasons.map(\.rawValue).joined(separator: "; ") + " (\(NumberFormat.integer(codes.count))):"
      for code in codes {
        if line.count + 1 + code.count > width {
          lines.append(line)
          line = "    " + code
        } else {
          line += " " + code
        }
      }
      lines.append(line)
    }
    return lines
  }

  /// The import as JSON: counts, the FX rates used and every instrument left out with its reasons.
  public var json: JSONValue {
    .object([
      ("format", .string("pysystemtrade")),
      ("folder", .string(universe.source)),
      ("instruments", .integer(universe.count)),
      ("priceRows", .integer(priceRows)),
      ("rowsWithoutPrice", .integer(rowsWithoutPrice)),
      ("dailyPrices", .integer(dailyPrices)),
      (
        "fx",
        .array(
          fxSources.map {
            .object([
              ("currency", .string($0.currency)), ("file", .string($0.file)), ("date", .string($0.date.description)),
              ("usdRate", .number($0.usdRate)),
            ])
          })
      ),
      (
        "leftOut",
        .array(
          leftOut.map {
            .object([
              ("code", .string($0.code)), ("reasons", .array($0.reasons.map { .string($0.rawValue) })),
              ("file", .string($0.file)), ("line", $0.line.map { .integer($0) } ?? .null),
            ])
          })
      ),
    ])
  }
}
