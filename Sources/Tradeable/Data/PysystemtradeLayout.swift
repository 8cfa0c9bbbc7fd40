/// Where each piece of a pysystemtrade data folder is, in whichever of the layouts pysystemtrade has written over the
/// years. The importer reads what this finds; `lines` says on standard error which layout and which files were read.
///
/// pysystemtrade has moved its files three times. `detect(folder:)` accepts each arrangement it has used:
///
///     data/futures/ (2019 on)                       legacy csv (2015–2019: data/futures/legacycsv, sysdata/legacycsv)
///     csvconfig/instrumentconfig.csv                instrumentconfig.csv   Instrument,Pointsize,AssetClass,Currency
///     csvconfig/spreadcosts.csv (2022 on), or       costs_analysis.csv     Instrument,Slippage,PerBlock,Percentage,PerTrade
///       a Slippage column of instrumentconfig.csv
///       (2019–2022), or csvconfig/costs_analysis.csv
///     csvconfig/rollconfig.csv (2020 on), or        (no roll configuration; see below)
///       sysinit/futures/config/rollconfig.csv of
///       the checkout (2018–2020)
///     adjusted_prices_csv/CODE.csv                  CODE_price.csv         DATETIME,PRICE
///     multiple_prices_csv/CODE.csv                  CODE_carrydata.csv     DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT
///     fx_prices_csv/CCYUSD.csv                      CCYUSDfx.csv           DATETIME,FX
///       (DATETIME,PRICE; DATETIME,FX before 2020)
///
/// A checkout's root (the folder holding `data/` and `sysinit/`) is accepted too: its `data/futures` is read, or its
/// legacy folder when it has no `data/futures`. Roll cycles come from the first `rollconfig.csv` found; an instrument
/// it does not name (the legacy layout has none at all) takes its roll cycle from the contracts it held over the last
/// year of its multiple prices (or carry data) file: the months of the `PRICE_CONTRACT`s held, as `HoldRollCycle`
/// letters would name them.
public struct PysystemtradeLayout: Sendable, Equatable {
  /// Which arrangement of files the folder is in.
  public enum Generation: String, Sendable {
    /// `data/futures/`: `csvconfig/`, `adjusted_prices_csv/`, `fx_prices_csv/`.
    case dataFutures = "data/futures"
    /// One flat folder of `instrumentconfig.csv`, `costs_analysis.csv`, `CODE_price.csv`, `CCYUSDfx.csv`.
    case legacyCSV = "legacy csv"
  }

  /// Where the spread cost (half the bid-ask spread, price points) of each instrument is read.
  public enum SpreadSource: Sendable, Equatable {
    /// `spreadcosts.csv`, column `SpreadCost`.
    case spreadCosts(String)
    /// The `Slippage` column of `instrumentconfig.csv`.
    case slippageColumn
    /// `costs_analysis.csv`, column `Slippage`; its `PerBlock`, `Percentage` and `PerTrade` are the commissions.
    case costsAnalysis(String)
  }

  /// Files named by instrument code: `folder/CODE` + `suffix`.
  public struct CodeFiles: Sendable, Equatable {
    public var folder: String
    public var suffix: String

    /// The file of `code`.
    public func path(_ code: String) -> String { joinPath(folder, code + suffix) }

    /// The codes of the files in `names` (a listing of `folder`), in the listing's order.
    public func codes(in names: [String]) -> [String] {
      names.filter { $0.hasSuffix(suffix) && $0.count > suffix.count }.map { String($0.dropLast(suffix.count)) }
    }
  }

  /// The folder read: the one given, or the data folder found below a checkout's root.
  public var folder: String
  public var generation: Generation
  /// `instrumentconfig.csv`.
  public var instrumentConfig: String
  public var spreads: SpreadSource
  /// The roll configuration found, if any.
  public var rollConfig: String?
  /// Multiple prices or carry data files, for the roll cycles `rollConfig` does not give; `nil` when the folder has
  /// none.
  public var contracts: CodeFiles?
  /// Adjusted (back-adjusted, continuous) price files.
  public var prices: CodeFiles
  /// The folder of FX files, `CCYUSD.csv` or `CCYUSDfx.csv` (USD per one CCY).
  public var fxFolder: String
  /// What was noticed while finding the pieces (a checkout root given, a file found but not used), for the notes.
  public var remarks: [String]

  /// The FX file names tried for `currency`, in order: `CCYUSD.csv` (pysystemtrade's name since 2019), then
  /// `CCYUSDfx.csv` (the legacy name).
  public static func fxFileNames(_ currency: String) -> [String] { [currency + "USD.csv", currency + "USDfx.csv"] }

  /// Finds the pieces in `folder`. Throws when `folder` is not in any pysystemtrade layout, saying what was looked
  /// for; what is missing inside a recognised layout (spread costs, prices) is an error of the importer.
  public static func detect(folder given: String) throws(InputError) -> PysystemtradeLayout {
    let (folderExists, isFolder) = FileBytes.exists(given)
    guard folderExists, isFolder else {
      throw InputError(
        file: given, message: folderExists ? "not a folder" : "no such folder",
        suggestion: "Point --pysystemtrade at pysystemtrade's data folder (data/futures of a checkout, holding "
          + "csvconfig/, adjusted_prices_csv/ and fx_prices_csv/), or at the checkout itself.")
    }
    if isFile(given, "csvconfig", "instrumentconfig.csv") { return dataFutures(given, remarks: []) }
    if isFile(given, "instrumentconfig.csv") { return legacy(given, remarks: []) }
    // A checkout's root: its data/futures, else its legacy folder.
    let below = joinPath(joinPath(given, "data"), "futures")
    if isFile(below, "csvconfig", "instrumentconfig.csv") {
      return dataFutures(below, remarks: ["\(given) is a pysystemtrade checkout: reading its data/futures"])
    }
    // Its legacy folder: data/futures/legacycsv or sysdata/legacycsv of a checkout, or legacycsv/ of the folder
    // given (data/futures or sysdata itself).
    for legacyFolder in [
      joinPath(below, "legacycsv"), joinPath(joinPath(given, "sysdata"), "legacycsv"), joinPath(given, "legacycsv"),
    ] where isFile(legacyFolder, "instrumentconfig.csv") {
      return legacy(legacyFolder, remarks: ["\(given) holds no csvconfig/: reading its legacy folder \(legacyFolder)"])
    }
    let hint =
      FileBytes.exists(joinPath(given, "adjusted_prices_csv")).isDirectory
      ? " It has adjusted_prices_csv/ but no csvconfig/instrumentconfig.csv, which names each instrument's point "
        + "size and currency: copy csvconfig/ from a pysystemtrade checkout (data/futures/csvconfig)."
      : ""
    throw InputError(
      file: given,
      message: "not a pysystemtrade data folder: found neither csvconfig/instrumentconfig.csv (data/futures, 2019 on) "
        + "nor instrumentconfig.csv (legacy csv), here or in data/futures below it",
      suggestion: "Point --pysystemtrade at pysystemtrade's data/futures folder (or at the checkout holding it), or "
        + "at a legacy folder such as data/futures/legacycsv.\(hint)")
  }

  static func dataFutures(_ folder: String, remarks: [String]) -> PysystemtradeLayout {
    let config = joinPath(folder, "csvconfig")
    var remarks = remarks
    let spreads: SpreadSource
    let spreadCosts = joinPath(config, "spreadcosts.csv")
    let costsAnalysis = joinPath(config, "costs_analysis.csv")
    let instrumentConfig = joinPath(config, "instrumentconfig.csv")
    if FileBytes.exists(spreadCosts).exists {
      spreads = .spreadCosts(spreadCosts)
    } else if headerHasColumn(instrumentConfig, "Slippage") {
      spreads = .slippageColumn
    } else {
      spreads = .costsAnalysis(costsAnalysis)  // checked by the importer, which names the three places tried
    }
    if case .spreadCosts = spreads, headerHasColumn(instrumentConfig, "Slippage") {
      remarks.append("the Slippage column of \(instrumentConfig) is not used: spreadcosts.csv replaces it")
    }
    let candidates = [joinPath(config, "rollconfig.csv")] + sysinitRollConfigs(folder)
    let multiple = joinPath(folder, "multiple_prices_csv")
    return PysystemtradeLayout(
      folder: folder, generation: .dataFutures, instrumentConfig: instrumentConfig, spreads: spreads,
      rollConfig: candidates.first { FileBytes.exists($0).exists },
      contracts: FileBytes.exists(multiple).isDirectory ? CodeFiles(folder: multiple, suffix: ".csv") : nil,
      prices: CodeFiles(folder: joinPath(folder, "adjusted_prices_csv"), suffix: ".csv"),
      fxFolder: joinPath(folder, "fx_prices_csv"), remarks: remarks)
  }

  static func legacy(_ folder: String, remarks: [String]) -> PysystemtradeLayout {
    let instrumentConfig = joinPath(folder, "instrumentconfig.csv")
    let spreadCosts = joinPath(folder, "spreadcosts.csv")
    let spreads: SpreadSource
    if FileBytes.exists(spreadCosts).exists {
      spreads = .spreadCosts(spreadCosts)
    } else if headerHasColumn(instrumentConfig, "Slippage") {
      spreads = .slippageColumn
    } else {
      spreads = .costsAnalysis(joinPath(folder, "costs_analysis.csv"))
    }
    // data/futures/legacycsv sits beside data/futures/csvconfig in checkouts of 2019–2020.
    let candidates =
      [joinPath(folder, "rollconfig.csv"), normalisedPath(joinPath(folder, "../csvconfig/rollconfig.csv"))]
      + sysinitRollConfigs(folder)
    return PysystemtradeLayout(
      folder: folder, generation: .legacyCSV, instrumentConfig: instrumentConfig, spreads: spreads,
      rollConfig: candidates.first { FileBytes.exists($0).exists },
      contracts: CodeFiles(folder: folder, suffix: "_carrydata.csv"),
      prices: CodeFiles(folder: folder, suffix: "_price.csv"), fxFolder: folder, remarks: remarks)
  }

  /// `sysinit/futures/config/rollconfig.csv` of the checkout `folder` is in: the folder itself and up to three
  /// levels above it (`data/futures` is two below the root, `data/futures/legacycsv` three), nearest first.
  static func sysinitRollConfigs(_ folder: String) -> [String] {
    (0...3).map { up in
      normalisedPath(
        joinPath(folder, String(repeating: "../", count: up) + "sysinit/futures/config/rollconfig.csv"))
    }
  }

  /// Lines for people, each indented by two spaces: the remarks, then each piece and the file it is read from (FX
  /// files are named per currency by the import, which knows which it read). Pieces in an older arrangement say so.
  public var lines: [String] {
    remarks.map { "  " + $0 }
      + [
        "  instruments:   \(instrumentConfig)", "  spread costs:  \(spreadDescription)",
        "  roll cycles:   \(rollDescription)", "  prices:        \(prices.path("CODE"))",
      ]
  }

  /// Whether every piece is where pysystemtrade writes it today (`spreadcosts.csv`, `csvconfig/rollconfig.csv`); the
  /// FX files' header is the import's to judge.
  public var isCurrent: Bool {
    guard generation == .dataFutures, case .spreadCosts = spreads else { return false }
    return rollConfig?.hasSuffix("csvconfig/rollconfig.csv") ?? false
  }

  /// The generation in words.
  public var generationLabel: String {
    switch generation {
    case .dataFutures: return "data/futures layout"
    case .legacyCSV: return "legacy csv layout (CODE_price.csv, CCYUSDfx.csv, costs_analysis.csv)"
    }
  }

  var spreadDescription: String {
    switch spreads {
    case .spreadCosts(let path): return "\(path), column SpreadCost"
    case .slippageColumn: return "the Slippage column of \(instrumentConfig) (older layout, before spreadcosts.csv)"
    case .costsAnalysis(let path):
      return "\(path), column Slippage, with the commissions PerBlock, Percentage, PerTrade (older layout)"
    }
  }

  var rollDescription: String {
    let fromContracts = contracts.map { "the contracts held in the last year of \($0.path("CODE"))" }
    let config = rollConfig.map { path in
      path.hasSuffix("sysinit/futures/config/rollconfig.csv")
        ? "\(path), column HoldRollCycle (older layout: the checkout's sysinit/)" : "\(path), column HoldRollCycle"
    }
    switch (config, fromContracts) {
    case (let config?, let contracts?): return "\(config); for instruments it lacks, \(contracts)"
    case (let config?, nil): return config
    case (nil, let contracts?): return "\(contracts) (no rollconfig.csv found)"
    case (nil, nil): return "none found (no rollconfig.csv, no multiple prices)"
    }
  }

  /// The layout as JSON: generation, folder and the file of each piece.
  public var json: JSONValue {
    let spread: JSONValue
    switch spreads {
    case .spreadCosts(let path): spread = .object([("file", .string(path)), ("column", .string("SpreadCost"))])
    case .slippageColumn: spread = .object([("file", .string(instrumentConfig)), ("column", .string("Slippage"))])
    case .costsAnalysis(let path): spread = .object([("file", .string(path)), ("column", .string("Slippage"))])
    }
    return .object([
      ("generation", .string(generation.rawValue)), ("folder", .string(folder)),
      ("instrumentConfig", .string(instrumentConfig)), ("spreadCosts", spread),
      ("rollConfig", rollConfig.map { .string($0) } ?? .null),
      ("contracts", contracts.map { .string($0.path("CODE")) } ?? .null),
      ("prices", .string(prices.path("CODE"))), ("fxFolder", .string(fxFolder)),
      ("remarks", .array(remarks.map { .string($0) })),
    ])
  }
}

/// Whether `base/components…` is an existing file (not a folder).
private func isFile(_ base: String, _ components: String...) -> Bool {
  let path = components.reduce(base, joinPath)
  let (exists, isDirectory) = FileBytes.exists(path)
  return exists && !isDirectory
}

/// Whether the first line of the CSV file at `path` names `column` (without regard to case); false when the file
/// cannot be read. Only the header is looked at: the file is read in full later, with its errors located.
private func headerHasColumn(_ path: String, _ column: String) -> Bool {
  guard let bytes = try? FileBytes.read(path, displayName: path) else { return false }
  let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
  let wanted = column.lowercased()
  return String(decoding: firstLine, as: UTF8.self).split(separator: ",").contains {
    $0.trimmingCharacters(in: " \t\"\u{FEFF}").lowercased() == wanted
  }
}

extension Substring {
  /// The substring without leading and trailing characters in `set`.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = self
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}

/// `path` with `.` components dropped and `..` resolved against the component before it, lexically (as the user
/// would read the path; `data/futures/../../sysinit` is `sysinit`). An absolute path stays absolute; an empty result
/// is `.`.
func normalisedPath(_ path: String) -> String {
  let absolute = path.hasPrefix("/")
  var parts: [Substring] = []
  for part in path.split(separator: "/", omittingEmptySubsequences: true) {
    if part == "." { continue }
    if part == "..", let last = parts.last, last != ".." {
      parts.removeLast()
    } else if part == "..", absolute, parts.isEmpty {
      continue  // `/..` is `/`
    } else {
      parts.append(part)
    }
  }
  let joined = parts.joined(separator: "/")
  if absolute { return "/" + joined }
  return joined.isEmpty ? "." : joined
}
