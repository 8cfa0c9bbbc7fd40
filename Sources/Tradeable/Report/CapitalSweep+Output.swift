extension CapitalSweep {
  /// Aligned text: capital, instruments eligible there, number chosen, Sharpe, IDM, capital the set needs and how the set
  /// was found (a carried set, the exact search's proof), then the set, wrapped within `width` characters under its
  /// own column.
  public func table(style: TerminalStyle = .plain, width: Int = 120) -> String {
    let base = universe.baseCurrency
    let lastDate = universe.lastDate.map { ", last date \($0)" } ?? ""
    var out = [
      style.bold("Capital sweep, \(base) — the selection at each capital"),
      "Data: \(universe.source) — \(NumberFormat.integer(universe.instrumentCount)) instruments\(lastDate); "
        + "\(NumberFormat.integer(universe.poolSize)) pass the history, stale, liquidity and cost filters.",
      explanation,
      "",
    ]
    let exact = rows.contains { $0.search == .exact }
    var columns: [(String, TextTable.Alignment)] = [
      ("Capital (\(base))", .right), ("Eligible", .right), ("Chosen", .right), ("Sharpe", .right), ("IDM", .right),
      ("Needs (\(base))", .right),
    ]
    if rows.contains(where: { $0.carriedFrom != nil }) || exact { columns.append(("Found", .left)) }
    var numbers = TextTable(columns)
    for row in rows {
      var cells = [
        NumberFormat.money(row.capital), NumberFormat.integer(row.eligibleCount),
        NumberFormat.integer(row.instruments.count), NumberFormat.fixed(row.sharpe, decimals: 4),
        NumberFormat.fixed(row.idm, decimals: 3), NumberFormat.money(row.minimumCapital),
      ]
      if columns.count > cells.count { cells.append(found(row)) }
      numbers.append(cells)
    }
    let lines = numbers.rendered(style: .plain).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    let prefixWidth = lines[1].count  // the rule line spans every column
    let setWidth = max(30, width - prefixWidth - 2)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, prefixWidth - s.count)) }
    out.append(style.bold(pad(lines[0]) + "  Set (in the order built)"))
    out.append(lines[1] + "  " + String(repeating: "─", count: min(setWidth, 24)))
    for (k, row) in rows.enumerated() {
      let wrapped = Self.wrap(row.instruments.isEmpty ? ["—"] : row.instruments, width: setWidth)
      for (j, chunk) in wrapped.enumerated() {
        out.append((j == 0 ? pad(lines[k + 2]) : String(repeating: " ", count: prefixWidth)) + "  " + chunk)
      }
    }
    let carried = rows.filter { $0.carriedFrom != nil }.count
    if carried > 0 {
      out.append("")
      out.append(
        "  \(carried) row\(carried == 1 ? "" : "s") carried: the set reported at the previous capital, refined, beat "
          + "`select` at that capital, so the row differs from `select --capital K` alone.")
    }
    if let smallest = universe.smallestWorkable?.capital, let first = rows.first, first.instruments.isEmpty {
      out.append("")
      out.append(
        "  Below \(NumberFormat.money(smallest.rounded(.up))) \(base) nothing can be selected: no instrument fits alone."
      )
    }
    return out.joined(separator: "\n")
  }

  /// What the header says each row is.
  public var explanation: String {
    guard let mode = rows.first?.search, mode != .greedy else {
      return "Each row is what `tradeable select --capital K --search greedy` chooses; the risk and cost stages are "
        + "computed once."
    }
    return "Each row is `select --capital K --search \(mode.rawValue)` that also refines the previous row's set and "
      + "keeps the better:\nthe Sharpe ratio never falls as capital grows."
  }

  /// The row's "Found" cell: the carried set's capital, the exact search's proof.
  public func found(_ row: Row) -> String {
    var parts: [String] = []
    if let from = row.carriedFrom { parts.append("carried from \(NumberFormat.money(from))") }
    if let proved = row.proved { parts.append(proved ? "proved" : "not proved") }
    return parts.joined(separator: ", ")
  }

  /// Codes joined by spaces, in lines of at most `width` characters (a longer code gets a line of its own).
  static func wrap(_ codes: [String], width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for code in codes {
      if current.isEmpty {
        current = code
      } else if current.count + 1 + code.count <= width {
        current += " " + code
      } else {
        lines.append(current)
        current = code
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// JSON: `baseCurrency`, `rows` (one per capital: `capital`, `eligibleCount`, `instrumentCount`, `sharpe`, `idm`,
  /// `minimumCapital`, `smallestCapital`, `instruments` in the order they joined the set, `stopReason` of the greedy
  /// path, `search` mode, `start` — `"greedy"`, the ladder capital, or `"carried"` —, `carriedFrom`, `proved`), then
  /// `lastDate`, `smallestWorkableCapital` and `settings`. Full precision; `null` where nothing is selected.
  public var json: JSONValue {
    .object([
      ("baseCurrency", .string(universe.baseCurrency)),
      (
        "rows",
        .array(
          rows.map { row in
            .object([
              ("capital", .number(row.capital)),
              ("eligibleCount", .integer(row.eligibleCount)),
              ("instrumentCount", .integer(row.instruments.count)),
              ("sharpe", .optional(row.sharpe)),
              ("idm", .optional(row.idm)),
              ("minimumCapital", .optional(row.minimumCapital)),
              ("smallestCapital", .optional(row.smallestCapital)),
              ("instruments", .array(row.instruments.map { .string($0) })),
              ("stopReason", .string(row.stopReason.rawValue)),
              ("search", .string(row.search.rawValue)),
              ("start", Self.startJSON(row.start)),
              ("carriedFrom", .optional(row.carriedFrom)),
              ("proved", row.proved.map { .bool($0) } ?? .null),
            ])
          })
      ),
      ("lastDate", universe.lastDate.map { .string($0.description) } ?? .null),
      ("smallestWorkableCapital", .optional(universe.smallestWorkable?.capital)),
      ("settings", universe.settings.json),
    ])
  }

  /// A row's `start`: `"greedy"`, the ladder capital, or `"carried"`.
  static func startJSON(_ start: SearchStart) -> JSONValue {
    switch start {
    case .greedy: return .string("greedy")
    case .ladder(let capital): return .number(capital)
    case .carried: return .string("carried")
    }
  }

  /// CSV, one row per capital, full precision; the set's codes joined by `;` in the order they joined it;
  /// `carried_from` empty unless the previous capital's set won, `proved` empty unless `exact` ran.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "capital", "eligible_count", "instrument_count", "sharpe", "idm", "minimum_capital", "stop_reason", "search",
        "carried_from", "proved", "instruments",
      ])
    ]
    for row in rows {
      lines.append(
        CSVWriter.line([
          CSVWriter.number(row.capital), String(row.eligibleCount), String(row.instruments.count),
          CSVWriter.number(row.sharpe), CSVWriter.number(row.idm), CSVWriter.number(row.minimumCapital),
          row.stopReason.rawValue, row.search.rawValue, CSVWriter.number(row.carriedFrom),
          row.proved.map { $0 ? "true" : "false" } ?? "", row.instruments.joined(separator: ";"),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
