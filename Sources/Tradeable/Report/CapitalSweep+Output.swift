extension CapitalSweep {
  /// Aligned text: capital, number of instruments, Sharpe, IDM and capital needed, then the set, wrapped within
  /// `width` characters under its own column.
  public func table(style: TerminalStyle = .plain, width: Int = 120) -> String {
    let base = universe.baseCurrency
    let lastDate = universe.lastDate.map { ", last date \($0)" } ?? ""
    var out = [
      style.bold("Capital sweep, \(base) — the selection at each capital"),
      "Data: \(universe.source) — \(NumberFormat.integer(universe.instrumentCount)) instruments\(lastDate); "
        + "\(NumberFormat.integer(universe.poolSize)) pass the history, stale, liquidity and cost filters.",
      "Each row is what `tradeable select --capital K` chooses; the risk and cost stages are computed once.",
      "",
    ]
    var numbers = TextTable([
      ("Capital (\(base))", .right), ("Instruments", .right), ("Sharpe", .right), ("IDM", .right),
      ("Capital needed (\(base))", .right),
    ])
    for row in rows {
      numbers.append([
        NumberFormat.money(row.capital), NumberFormat.integer(row.instruments.count),
        NumberFormat.fixed(row.sharpe, decimals: 4), NumberFormat.fixed(row.idm, decimals: 3),
        NumberFormat.money(row.minimumCapital),
      ])
    }
    let lines = numbers.rendered(style: .plain).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    let prefixWidth = lines[1].count  // the rule line spans every column
    let setWidth = max(30, width - prefixWidth - 2)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, prefixWidth - s.count)) }
    out.append(style.bold(pad(lines[0]) + "  Set (in the order added)"))
    out.append(lines[1] + "  " + String(repeating: "─", count: min(setWidth, 24)))
    for (k, row) in rows.enumerated() {
      let wrapped = Self.wrap(row.instruments.isEmpty ? ["—"] : row.instruments, width: setWidth)
      for (j, chunk) in wrapped.enumerated() {
        out.append((j == 0 ? pad(lines[k + 2]) : String(repeating: " ", count: prefixWidth)) + "  " + chunk)
      }
    }
    if let smallest = universe.smallestWorkable?.capital, let first = rows.first, first.instruments.isEmpty {
      out.append("")
      out.append(
        "  Below \(NumberFormat.money(smallest.rounded(.up))) \(base) nothing can be selected: no instrument fits alone."
      )
    }
    return out.joined(separator: "\n")
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

  /// JSON: `baseCurrency`, `rows` (one per capital: `capital`, `instrumentCount`, `sharpe`, `idm`, `minimumCapital`,
  /// `instruments` in the order added, `stopReason`), then `lastDate`, `smallestWorkableCapital` and `settings`.
  /// Full precision; `null` where nothing is selected.
  public var json: JSONValue {
    .object([
      ("baseCurrency", .string(universe.baseCurrency)),
      (
        "rows",
        .array(
          rows.map { row in
            .object([
              ("capital", .number(row.capital)),
              ("instrumentCount", .integer(row.instruments.count)),
              ("sharpe", .optional(row.sharpe)),
              ("idm", .optional(row.idm)),
              ("minimumCapital", .optional(row.minimumCapital)),
              ("smallestCapital", .optional(row.smallestCapital)),
              ("instruments", .array(row.instruments.map { .string($0) })),
              ("stopReason", .string(row.stopReason.rawValue)),
            ])
          })
      ),
      ("lastDate", universe.lastDate.map { .string($0.description) } ?? .null),
      ("smallestWorkableCapital", .optional(universe.smallestWorkable?.capital)),
      ("settings", universe.settings.json),
    ])
  }

  /// CSV, one row per capital, full precision; the set's codes joined by `;` in the order added.
  public var csv: String {
    var lines = [
      CSVWriter.line(["capital", "instrument_count", "sharpe", "idm", "minimum_capital", "stop_reason", "instruments"])
    ]
    for row in rows {
      lines.append(
        CSVWriter.line([
          CSVWriter.number(row.capital), String(row.instruments.count), CSVWriter.number(row.sharpe),
          CSVWriter.number(row.idm), CSVWriter.number(row.minimumCapital), row.stopReason.rawValue,
          row.instruments.joined(separator: ";"),
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
