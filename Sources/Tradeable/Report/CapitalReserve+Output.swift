extension CapitalReserve {
  /// The method in one paragraph, for every output format.
  public var methodNote: String {
    "Historical simulation: today's target positions applied to the last "
      + "\(NumberFormat.integer(dailyProfitAndLoss.count)) "
      + "daily price differences on dates every chosen instrument has a price"
      + (windowStart.map { " (\($0) to \(dates.last!))" } ?? "")
      + ", × multiplier × today's FX. The loss at the quantile is the empirical quantile of the one-day losses "
      + "(linear interpolation), for the long and the short book; the reserve is the larger, at the unrounded "
      + "target positions."
  }

  /// Aligned text: positions (unrounded and rounded), the losses at the quantile and the reserve.
  public func table(style: TerminalStyle = .plain, baseCurrency: String, source: String) -> String {
    let money = NumberFormat.money
    let q = NumberFormat.fixed(quantile * 100, decimals: quantile * 100 == (quantile * 100).rounded() ? 0 : 1)
    let width = style.width ?? 110
    var out = [style.bold("Capital reserve — \(money(capital)) \(baseCurrency), one-day loss at the \(q)% quantile")]
    out += wrapWords(
      "Data: \(source). Portfolio: the \(NumberFormat.count(positions.count, "instrument")) selected at this "
        + "capital (the set needs \(NumberFormat.capitalNeeded(smallestCapital)) \(baseCurrency)), IDM "
        + "\(NumberFormat.fixed(idm, decimals: 3)), target volatility \(NumberFormat.percent(targetVolatility)).",
      width: width)
    out.append("")
    var table = TextTable([
      ("Code", .left), ("Weight", .right), ("Contracts", .right), ("Rounded", .right),
      ("Exposure (\(baseCurrency))", .right), ("Contract vol (\(baseCurrency)/yr)", .right),
    ])
    for p in positions {
      table.append([
        p.code, NumberFormat.percent(p.weight), NumberFormat.fixed(p.contracts, decimals: 2),
        NumberFormat.fixed(p.roundedContracts, decimals: 0), money(p.exposure), money(p.unitRisk),
      ])
    }
    out.append(table.rendered(style: style))
    out.append("  Contracts = capital × IDM × weight × target volatility / contract vol.")
    out.append("")
    guard let reserve, let longLoss, let shortLoss else {
      out.append(
        "Not enough history: the chosen instruments have \(dailyProfitAndLoss.count) common daily differences; at least 2 "
          + "are needed.")
      return out.joined(separator: "\n")
    }
    var losses = TextTable([("One-day loss at \(q)%", .left), ("Target positions", .right), ("Rounded", .right)])
    losses.append(["Long book", money(longLoss), money(longLossRounded)])
    losses.append(["Short book", money(shortLoss), money(shortLossRounded)])
    losses.append(["Normal at the expected volatility", money(normalLoss), "—"])
    out.append(losses.rendered(style: style))
    out.append("")
    out.append(
      style.bold(
        "Cash to hold back: \(money(reserve)) \(baseCurrency) (\(NumberFormat.percent(reserve / capital, decimals: 2)) "
          + "of capital)") + "; with rounded positions \(money(reserveRounded)) \(baseCurrency).")
    out.append(
      "  Window: \(NumberFormat.integer(dailyProfitAndLoss.count)) daily differences"
        + (windowStart.map { ", \($0) to \(dates.last!)" } ?? "")
        + (dailyProfitAndLoss.count < windowRequested
          ? " (fewer than the \(windowRequested) asked for: the set's common history is shorter)" : "")
        + ".")
    out.append(
      "  Daily P&L volatility: realised \(money(realisedDailyVolatility)) \(baseCurrency), expected "
        + "\(money(expectedDailyVolatility)) \(baseCurrency).")
    out.append(contentsOf: wrapWords(methodNote, width: width - 2).map { "  " + $0 })
    return out.joined(separator: "\n")
  }

  /// JSON: settings of the estimate, positions, the losses and the reserve, and the daily P&L series (full precision).
  public func json(baseCurrency: String) -> JSONValue {
    .object([
      ("capital", .number(capital)),
      ("baseCurrency", .string(baseCurrency)),
      ("quantile", .number(quantile)),
      ("reserve", .optional(reserve)),
      ("reserveRounded", .optional(reserveRounded)),
      ("longLoss", .optional(longLoss)),
      ("shortLoss", .optional(shortLoss)),
      ("longLossRounded", .optional(longLossRounded)),
      ("shortLossRounded", .optional(shortLossRounded)),
      ("normalLoss", .optional(normalLoss)),
      ("expectedDailyVolatility", .optional(expectedDailyVolatility)),
      ("realisedDailyVolatility", .optional(realisedDailyVolatility)),
      ("idm", .number(idm)),
      ("smallestCapital", .number(smallestCapital)),
      ("targetVolatility", .number(targetVolatility)),
      (
        "window",
        .object([
          ("requested", .integer(windowRequested)),
          ("differences", .integer(dailyProfitAndLoss.count)),
          ("from", windowStart.map { .string($0.description) } ?? .null),
          ("to", dates.last.map { .string($0.description) } ?? .null),
        ])
      ),
      (
        "positions",
        .array(
          zip(positions, pointValues).map { p, pointValue in
            .object([
              ("code", .string(p.code)), ("weight", .number(p.weight)), ("contracts", .number(p.contracts)),
              ("roundedContracts", .number(p.roundedContracts)), ("exposure", .optional(p.exposure)),
              ("currencyVolatility", .number(p.unitRisk)), ("pointValue", .number(pointValue)),
            ])
          })
      ),
      (
        "daily",
        .array(
          zip(dates, zip(dailyProfitAndLoss, dailyProfitAndLossRounded)).map { date, values in
            .object([
              ("date", .string(date.description)), ("profitAndLoss", .number(values.0)),
              ("profitAndLossRounded", .number(values.1)),
            ])
          })
      ),
      ("method", .string(methodNote)),
    ])
  }

  /// CSV: the daily P&L series the quantiles are taken from — `date`, `profit_and_loss` (unrounded target positions)
  /// and `profit_and_loss_rounded` — at full precision, for a spreadsheet. Positions and the reserve are in the table
  /// and JSON.
  public var csv: String {
    var lines = [CSVWriter.line(["date", "profit_and_loss", "profit_and_loss_rounded"])]
    for (date, (profitAndLoss, rounded)) in zip(dates, zip(dailyProfitAndLoss, dailyProfitAndLossRounded)) {
      lines.append(CSVWriter.line([date.description, CSVWriter.number(profitAndLoss), CSVWriter.number(rounded)]))
    }
    return lines.joined(separator: "\n")
  }
}
