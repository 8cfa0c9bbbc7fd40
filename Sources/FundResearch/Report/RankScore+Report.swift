import Tradeable

extension RankScore {
  /// Table: ranked products by total score (selected ones marked), then those not ranked with their reasons.
  public func table(entries: [FundEntry], style: TerminalStyle = .plain) -> String {
    var out: [String] = []
    let keep = selected.count
    out.append(style.bold("Rank score at \(date)"))
    out.append(
      "\(rankedCount) of \(entries.count) series ranked on their trailing \(settings.windowMonths) months; score of "
        + "rank "
        + "i of N = (N − i)/N, total = mean of the return and Sharpe scores; top \(keep) kept "
        + "(ceil(\(JSONValue.format(settings.keepFraction)) × N), at least \(settings.minimumKept)).")
    out.append("")
    var table = TextTable([
      ("#", .right), ("Code", .left), ("From", .left), ("Return", .right), ("Rank", .right), ("Score", .right),
      ("Sharpe", .right), ("Rank", .right), ("Score", .right), ("Total", .right), ("Kept", .left),
    ])
    let ranked = rows.filter { $0.overallRank != nil }.sorted { $0.overallRank! < $1.overallRank! }
    for row in ranked {
      table.append([
        "\(row.overallRank!)", row.code, row.windowStart?.description ?? "", NumberFormat.percent(row.trailingReturn),
        "\(row.returnRank!)", NumberFormat.fixed(row.returnScore, decimals: 3),
        NumberFormat.fixed(row.trailingSharpe, decimals: 3), "\(row.sharpeRank!)",
        NumberFormat.fixed(row.sharpeScore, decimals: 3), NumberFormat.fixed(row.score, decimals: 3),
        row.selected ? style.green("yes") : "",
      ])
    }
    out.append(table.rendered(style: style))
    let unranked = rows.filter { $0.overallRank == nil }
    if !unranked.isEmpty {
      out.append("")
      out.append("Not ranked (\(unranked.count)):")
      for row in unranked {
        let entry = entries[row.entry]
        let words: [String] =
          !entry.isKept
          ? [entry.reasonText]
          : row.reasons.map { reason in
            switch reason {
            case .window: return "window (first NAV \(entry.series.firstDate?.description ?? "—"))"
            case .stale: return "stale (last NAV \(entry.series.lastDate?.description ?? "—"), not reporting at \(date))"
            case .volatility: return "volatility (zero over the window)"
            default: return reason.rawValue
            }
          }
        out.append("  \(row.code): " + words.joined(separator: ", "))
      }
    }
    return out.joined(separator: "\n")
  }

  /// JSON: date, counts, selected codes (best first) and one object per entry in input order.
  public var json: JSONValue {
    .object([
      ("date", .string(date.description)),
      ("windowMonths", .integer(settings.windowMonths)),
      ("keepFraction", .number(settings.keepFraction)),
      ("riskFree", .number(settings.riskFree)),
      ("staleGaps", .number(settings.staleGaps)),
      ("ranked", .integer(rankedCount)),
      ("kept", .integer(selected.count)),
      ("selected", .array(selected.map { .string(rows[$0].code) })),
      (
        "products",
        .array(
          rows.map { row in
            .object([
              ("code", .string(row.code)),
              ("status", .string(row.selected ? "selected" : row.overallRank != nil ? "ranked" : "excluded")),
              ("reasons", .array(row.reasons.map { .string($0.rawValue) })),
              ("windowStart", row.windowStart.map { .string($0.description) } ?? .null),
              ("windowEnd", row.windowEnd.map { .string($0.description) } ?? .null),
              ("trailingReturn", .optional(row.trailingReturn)),
              ("returnRank", row.returnRank.map { .integer($0) } ?? .null),
              ("returnScore", .optional(row.returnScore)),
              ("trailingSharpe", .optional(row.trailingSharpe)),
              ("sharpeRank", row.sharpeRank.map { .integer($0) } ?? .null),
              ("sharpeScore", .optional(row.sharpeScore)),
              ("score", .optional(row.score)),
              ("rank", row.overallRank.map { .integer($0) } ?? .null),
              ("selected", .bool(row.selected)),
            ])
          })
      ),
    ])
  }

  /// CSV: one row per entry, input order.
  public var csv: String {
    var lines = [
      CSVWriter.line([
        "code", "status", "reasons", "window_start", "window_end", "trailing_return", "return_rank", "return_score",
        "trailing_sharpe", "sharpe_rank", "sharpe_score", "score", "rank", "selected",
      ])
    ]
    for row in rows {
      lines.append(
        CSVWriter.line([
          row.code, row.selected ? "selected" : row.overallRank != nil ? "ranked" : "excluded",
          row.reasons.map(\.rawValue).joined(separator: ";"), row.windowStart?.description ?? "",
          row.windowEnd?.description ?? "", CSVWriter.number(row.trailingReturn), row.returnRank.map { "\($0)" } ?? "",
          CSVWriter.number(row.returnScore), CSVWriter.number(row.trailingSharpe),
          row.sharpeRank.map { "\($0)" } ?? "", CSVWriter.number(row.sharpeScore), CSVWriter.number(row.score),
          row.overallRank.map { "\($0)" } ?? "", row.selected ? "true" : "false",
        ]))
    }
    return lines.joined(separator: "\n")
  }
}
