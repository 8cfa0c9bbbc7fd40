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
  /// Which of pysystemtrade's layouts the folder is in, and where each piece was read.
  public var layout: PysystemtradeLayout
  /// Imported instruments whose roll cycle came from the contracts they held (no `HoldRollCycle` for them), in code
  /// order.
  public var derivedRollCycles: [DerivedRollCycle]
  /// The commission columns the commission table has (`PerBlock`, `Percentage`, `PerTrade`); a column it lacks is 0
  /// for every instrument, and the summary says so.
  public var commissionColumns: [String]

  /// A roll cycle read from the contracts held rather than from `rollconfig.csv`.
  public struct DerivedRollCycle: Sendable, Equatable {
    public var code: String
    /// The months held in the last year as `HoldRollCycle` letters (`HMUZ`); its length is the rolls a year.
    public var cycle: String
    /// The multiple prices or carry data file read.
    public var file: String
  }

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
    /// No row (or an empty `SpreadCost`) in `spreadcosts.csv` (or empty `Slippage` in an older layout): the cost of
    /// trading it is unknown. The layout lines of the summary say which file the spread costs come from.
    case noSpreadCost = "no spread cost"
    /// No row (or an empty `HoldRollCycle`) in `rollconfig.csv`, and no multiple prices (or carry data) file to read
    /// the contracts held from: its rolls a year, so its costs, are unknown.
    case noRollCycle = "no roll cycle"
    /// No `HoldRollCycle`, and its multiple prices (or carry data) file names the contracts held over less than a
    /// year: the months it holds, so its rolls a year, would be a guess.
    case shortContractHistory = "no HoldRollCycle, under a year of contracts held"
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
    /// The value column read, as the header spells it (`PRICE`; `FX` in older layouts).
    public var valueColumn: String
  }

  /// The first line of `summary`: instruments imported, rows read and kept.
  public var headline: String {
    "pysystemtrade data \(universe.source): \(NumberFormat.count(universe.count, "instrument")) imported; "
      + "\(NumberFormat.integer(priceRows)) price rows \u{2192} \(NumberFormat.integer(dailyPrices)) daily prices "
      + "(each day's last row); \(NumberFormat.count(rowsWithoutPrice, "row")) without a price skipped."
  }

  /// Which layout was read and every file each piece came from, for people: the layout's lines, each FX file with
  /// the rate taken from it, the commission columns that are missing (so 0), and the roll cycles read from the
  /// contracts held, codes wrapped at `width` characters.
  public func layoutLines(width: Int = 110) -> [String] {
    let current = layout.isCurrent && fxSources.allSatisfy { $0.valueColumn.lowercased() == "price" }
    var lines = [
      "read \(layout.folder) in pysystemtrade's \(layout.generationLabel)"
        + (layout.generation == .legacyCSV ? ":" : current ? ", as written today:" : ", an older arrangement:")
    ]
    lines += layout.lines
    for source in fxSources {
      lines.append(
        "  " + "FX \(source.currency):".padding(to: 15) + "\(source.file), column \(source.valueColumn)"
          + (source.valueColumn.lowercased() == "price" ? "" : " (older layout)")
          + ": \(JSONValue.format(source.usdRate)) USD on \(source.date)")
    }
    let missing = ["PerBlock", "Percentage", "PerTrade"].filter { !commissionColumns.contains($0) }
    if !missing.isEmpty {
      lines.append(
        "  commissions:   no \(missing.joined(separator: ", ")) column, so 0 for every instrument")
    }
    if !derivedRollCycles.isEmpty {
      var line = "  roll cycles from the contracts held (\(NumberFormat.integer(derivedRollCycles.count))):"
      for item in derivedRollCycles {
        let entry = "\(item.code) \(item.cycle)"
        if line.count + 2 + entry.count > width {
          lines.append(line)
          line = "    " + entry
        } else {
          line += (line.hasSuffix(":") ? " " : ", ") + entry
        }
      }
      lines.append(line)
    }
    return lines
  }


  /// A short account for people: the layout read and its files (`layoutLines`), instruments imported, rows read and
  /// kept (`headline`), then the instruments left out grouped by
  /// their reasons (a real pysystemtrade folder configures hundreds of instruments it holds no prices for, so one line
  /// per instrument would bury the rest), codes wrapped at `width` characters. `leftOut` and `json` keep each
  /// instrument's file and line.
  public func summary(width: Int = 110) -> [String] {
    var lines = layoutLines(width: width) + [headline]
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
      ("layout", layout.json),
      (
        "rollCyclesFromContracts",
        .array(
          derivedRollCycles.map {
            .object([("code", .string($0.code)), ("cycle", .string($0.cycle)), ("file", .string($0.file))])
          })
      ),
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
              ("usdRate", .number($0.usdRate)), ("column", .string($0.valueColumn)),
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

extension String {
  /// The string followed by spaces up to `width` characters (at least one space).
  fileprivate func padding(to width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
