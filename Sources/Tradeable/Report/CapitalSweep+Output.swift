extension CapitalSweep {
  /// Aligned text: capital, instruments eligible there (every filter passed), instruments chosen, Sharpe, IDM, what
  /// the chosen set needs (`smallestCapital`, DESIGN.md §7) and how the set was found (a carried set, the exact
  /// search's proof), then the set, wrapped under its own column within `style.width` characters (120 when none is
  /// given).
  public func table(style: TerminalStyle = .plain) -> String {
    let base = universe.baseCurrency
    let width = style.width ?? 120
    let lastDate = universe.lastDate.map { ", last date \($0)" } ?? ""
    var out = [style.bold("Capital sweep, \(base) — the selection at each capital")]
    out += wrapWords(
      "Data: \(universe.source) — \(NumberFormat.count(universe.instrumentCount, "instrument"))\(lastDate); "
        + "\(NumberFormat.integer(universe.poolSize)) \(universe.poolSize == 1 ? "passes" : "pass") the history, stale, "
        + "liquidity and cost filters. \(explanation) Eligible: instruments that also pass the capital filter there. "
        + "Set needs: the smallest capital at which the chosen set can be held.", width: width)
    out.append("")
    let exact = rows.contains { $0.search == .exact }
    var columns: [(String, TextTable.Alignment)] = [
      ("Capital (\(base))", .right), ("Eligible", .right), ("Chosen", .right), ("Sharpe", .right), ("IDM", .right),
      ("Set needs (\(base))", .right),
    ]
    if rows.contains(where: { $0.carriedFrom != nil }) || exact { columns.append(("Found", .left)) }
    var numbers = TextTable(columns)
    for row in rows {
      var cells = [
        NumberFormat.money(row.capital), NumberFormat.integer(row.eligibleCount),
        NumberFormat.integer(row.instruments.count), NumberFormat.fixed(row.sharpe, decimals: 4),
        NumberFormat.fixed(row.idm, decimals: 3), NumberFormat.capitalNeeded(row.smallestCapital),
      ]
      if columns.count > cells.count { cells.append(found(row)) }
      numbers.append(cells)
    }
    let lines = numbers.rendered(style: .plain).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    let prefixWidth = lines[1].count  // the rule line spans every column
    let setWidth = width - prefixWidth - 2
    if setWidth < Self.narrowestSetColumn {
      // Too narrow for a column beside the numbers: each set on the lines under its row, from the second column.
      let firstColumn = lines[1].prefix { $0 == " " }.count + (lines[1].split(separator: " ").first?.count ?? 0)
      let indent = String(repeating: " ", count: firstColumn + 2)
      out.append(style.bold(lines[0]))
      out.append(lines[1])
      for (k, row) in rows.enumerated() {
        out.append(lines[k + 2])
        if row.instruments.isEmpty { continue }
        out += wrapWords(row.instruments.joined(separator: " "), width: max(12, width - indent.count)).map { indent + $0 }
      }
    } else {
      func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, prefixWidth - s.count)) }
      out.append(style.bold(pad(lines[0]) + "  Set (in the order built)"))
      out.append(lines[1] + "  " + String(repeating: "─", count: min(setWidth, 24)))
      for (k, row) in rows.enumerated() {
        let wrapped = wrapWords(row.instruments.isEmpty ? "—" : row.instruments.joined(separator: " "), width: setWidth)
        for (j, chunk) in wrapped.enumerated() {
          out.append((j == 0 ? pad(lines[k + 2]) : String(repeating: " ", count: prefixWidth)) + "  " + chunk)
        }
      }
    }
    let carried = rows.filter { $0.carriedFrom != nil }.count
    if carried > 0 {
      out.append("")
      out += wrapWords(
        "\(NumberFormat.count(carried, "row")) carried: the set reported at the previous capital, refined, beat "
          + "`select` at that capital, so the row differs from `select --capital K` alone.", width: width - 2
      ).map { "  " + $0 }
    }
    if let smallest = universe.smallestWorkable?.capital, let first = rows.first, first.instruments.isEmpty {
      out.append("")
      out.append(
        "  Below \(NumberFormat.capitalNeeded(smallest)) \(base) nothing can be selected: no instrument fits alone.")
    }
    return out.joined(separator: "\n")
  }

  /// The narrowest column the sets are given beside the numbers (30 characters, two or three codes); narrower, each
  /// set goes on the lines under its row.
  static let narrowestSetColumn = 30

  /// What the header says each row is.
  public var explanation: String {
    guard let mode = rows.first?.search, mode != .greedy else {
      return "Each row is what `tradeable select --capital K --search greedy` chooses; the risk and cost stages are "
        + "computed once."
    }
    return "Each row is `select --capital K --search \(mode.rawValue)` that also refines the previous row's set and "
      + "keeps the better: the Sharpe ratio never falls as capital grows."
  }

  /// The row's "Found" cell: the carried set's capital, the exact search's proof.
  public func found(_ row: Row) -> String {
    var parts: [String] = []
    if let from = row.carriedFrom { parts.append("carried from \(NumberFormat.money(from))") }
    if let proved = row.proved { parts.append(proved ? "proved" : "not proved") }
    return parts.joined(separator: ", ")
  }

  /// JSON: `baseCurrency`, `rows` (one per capital: `capital`, `eligibleCount` — instruments passing every filter
  /// there —, `instrumentCount`, `sharpe`, `idm`, `minimumCapital`, `smallestCapital`, `instruments` in the order they
  /// joined the set, `stopReason` of the greedy path, `search` mode, `start` — `"greedy"`, the ladder capital, or
  /// `"carried"` —, `carriedFrom`, `proved`), then `poolSize` (every filter but capital), `lastDate`,
  /// `smallestWorkableCapital` and `settings`. Full precision; `null` where nothing is selected.
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
      ("poolSize", .integer(universe.poolSize)),
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

  /// CSV, one row per capital, full precision; the set's codes joined by `;` in the order they joined it. The columns
  /// of earlier versions come first, in their order; `smallest_capital`, `eligible_count`, `search`, `carried_from`
  /// (empty unless the previous capital's set won) and `proved` (empty unless `exact` ran) follow.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "capital", "instrument_count", "sharpe", "idm", "minimum_capital", "stop_reason", "instruments",
        "smallest_capital", "eligible_count", "search", "carried_from", "proved",
      ])
    ]
    for row in rows {
      lines.append(
        CSVWriter.line([
          CSVWriter.number(row.capital), String(row.instruments.count), CSVWriter.number(row.sharpe),
          CSVWriter.number(row.idm), CSVWriter.number(row.minimumCapital), row.stopReason.rawValue,
          row.instruments.joined(separator: ";"), CSVWriter.number(row.smallestCapital), String(row.eligibleCount),
          row.search.rawValue, CSVWriter.number(row.carriedFrom), row.proved.map { $0 ? "true" : "false" } ?? "",
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
