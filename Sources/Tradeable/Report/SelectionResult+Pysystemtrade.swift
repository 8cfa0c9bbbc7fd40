extension SelectionResult {
  /// The tolerance the fragment states for the sum of its weights: the weights are written to the last digit, so they
  /// sum to 1 as closely as the selection's own do (a few units in the last place, far inside this).
  public static let pysystemtradeWeightSumTolerance = 1e-12

  /// The chosen set as a fragment of a pysystemtrade backtest configuration (YAML), to merge into a system's config:
  ///
  ///     instruments:                         the chosen codes, in the order they joined the set
  ///     instrument_weights:                  code: weight (the risk weights; they sum to 1)
  ///     instrument_div_multiplier:           the set's IDM, min(idmCap, 1/√(wᵀCw))
  ///     use_instrument_weight_estimates: False     so pysystemtrade uses these weights and IDM rather than
  ///     use_instrument_div_mult_estimates: False   estimating its own
  ///
  /// The keys are pysystemtrade's (`systems/provided/futures_chapter15/futuresconfig.yaml`,
  /// `sysdata/config/defaults.yaml`): its `instrument_weights` are the same risk weights (each instrument's
  /// subsystem targets the whole volatility, scaled by weight and IDM). Comments name the capital (with
  /// `notional_trading_capital`, `percentage_vol_target` and `base_currency` as commented-out keys, to size positions
  /// as Tradeable did), the data, every setting of the run (the flattened `settings` block, which `--settings`
  /// reads), `command` and `writtenOn`. Numbers are plain decimals with every digit (`YAMLText.number`); codes are
  /// plain YAML unless they need quotes. An empty selection writes empty `instruments` and `instrument_weights` and
  /// no IDM.
  public func pysystemtradeConfig(writtenOn date: CalendarDay, command: String? = nil) -> String {
    let base = universe.baseCurrency
    let sizing = settings.sizing
    let percent = YAMLText.number(sizing.targetVolatility, shift: 2)
    let needs = portfolio.smallestCapital.map { "; this set needs at least \(NumberFormat.capitalNeeded($0)) \(base)" }
    var lines: [String] = [
      "# Tradeable: the instruments to trade with \(NumberFormat.money(capital)) \(base), for pysystemtrade.",
      "# Merge these keys into a pysystemtrade backtest configuration (YAML). They set the instrument list, its",
      "# weights and the instrument diversification multiplier (IDM), and turn their estimation off so these are used.",
      "#",
      "# Capital:   \(NumberFormat.money(capital)) \(base) at a volatility target of "
        + "\(percent.hasSuffix(".0") ? String(percent.dropLast(2)) : percent)% a year"
        + (needs ?? ""),
      "# Data:      \(YAMLText.comment(universe.source)): "
        + "\(NumberFormat.count(universe.instrumentCount, "instrument")), prices to "
        + "\(universe.lastDate?.description ?? "—"); \(NumberFormat.integer(eligible.count)) eligible at this capital",
      "# Written:   \(date)" + (command.map { " by `\(YAMLText.comment($0))`" } ?? ""),
    ]
    if let idm = portfolio.idm, let sharpe = portfolio.sharpe {
      lines.append(
        "# Chosen:    \(NumberFormat.count(portfolio.members.count, "instrument")), "
          + "\(settings.selection.weighting.rawValue) weights (summing to 1 within \(JSONValue.format(Self.pysystemtradeWeightSumTolerance))), "
          + "Sharpe ratio \(NumberFormat.fixed(sharpe, decimals: 3)), IDM \(NumberFormat.fixed(idm, decimals: 3))")
    } else {
      lines.append("# Chosen:    nothing: no instrument can be traded with this capital under these settings")
    }
    lines.append("# Settings (the run's JSON settings block; `tradeable select --settings FILE` reads it):")
    for (key, value) in PipelineSettings.flattened(settings.json) {
      lines.append("#   \(key): \(YAMLText.comment(value.rendered(indent: false)))")
    }
    lines += [
      "#",
      "# To size positions as Tradeable did, also set:",
      "# notional_trading_capital: \(YAMLText.amount(capital))",
      "# percentage_vol_target: \(percent)",
      "# base_currency: \(YAMLText.quoted(base))",
    ]
    if portfolio.isEmpty {
      lines += ["instruments: []", "instrument_weights: {}"]
    } else {
      lines.append("instruments:")
      for member in portfolio.members { lines.append("  - \(YAMLText.key(member.code))") }
      lines.append("instrument_weights:")
      for member in portfolio.members {
        lines.append("  \(YAMLText.key(member.code)): \(YAMLText.number(member.weight))")
      }
      if let idm = portfolio.idm { lines.append("instrument_div_multiplier: \(YAMLText.number(idm))") }
    }
    lines += ["use_instrument_weight_estimates: False", "use_instrument_div_mult_estimates: False"]
    return lines.joined(separator: "\n") + "\n"
  }
}
