/// The cleaning step of every fund command (DESIGN.md §8): the frequency and history filters on each product, then,
/// with `mergeManagers`, each manager's kept products replaced by one equal-weight manager series, screened again. Its
/// defaults are DESIGN.md's.
public struct FundCleaningRules: Codable, Sendable, Equatable {
  /// Reporting less often than monthly (or a single NAV): excluded, reason `frequency`.
  public var frequency = FrequencyFilter()
  /// Fewer than 40 NAVs: excluded, reason `history` (the filter counts NAVs here).
  public var history = HistoryFilter(minimumPrices: 40)
  /// Merge each manager's kept products into one equal-weight manager series.
  public var mergeManagers: Bool = false
  /// Periods a year for every kept series instead of the detected frequency's (`nil`: detected).
  public var periodsPerYear: Double? = nil

  public init(
    frequency: FrequencyFilter = FrequencyFilter(), history: HistoryFilter = HistoryFilter(minimumPrices: 40),
    mergeManagers: Bool = false, periodsPerYear: Double? = nil
  ) {
    self.frequency = frequency
    self.history = history
    self.mergeManagers = mergeManagers
    self.periodsPerYear = periodsPerYear
  }

  /// The two filters, in order.
  public var filters: FilterPipeline { FilterPipeline([frequency, history]) }
}

extension FundUniverse {
  /// Every product screened for reporting frequency and history, in input order; with `mergeManagers`, each
  /// manager's kept products replaced by one manager entry at the place of its first kept product (dropped products
  /// keep their own entries, so every input product is accounted for).
  ///
  /// A product reporting less often than monthly gets `frequency`; fewer NAVs than the history filter's minimum,
  /// `history`; it may get both.
  public func cleaned(_ rules: FundCleaningRules = FundCleaningRules()) throws(InputError) -> [FundEntry] {
    let entries = products.indices.map { i in
      FundUniverse.screen(
        code: products[i].code, product: products[i], members: [i], series: series[i], rules: rules)
    }
    guard rules.mergeManagers else { return entries }
    return try mergingManagers(entries, rules: rules)
  }

  /// A screened entry for `series`.
  static func screen(
    code: String, product: FundProduct, members: [Int], series: NAVSeries, rules: FundCleaningRules
  ) -> FundEntry {
    let gap = ReportingFrequency.medianGapDays(series.dates)
    let frequency = gap.map { ReportingFrequency.classify(medianGapDays: $0) }
    let periods = frequency?.periodsPerYear.map { rules.periodsPerYear ?? $0 }
    var entry = FundEntry(
      code: code, product: product, members: members, series: series, medianGapDays: gap, frequency: frequency,
      periodsPerYear: periods, reasons: [])
    entry.reasons = rules.filters.screen(entry, context: FilterContext(universeLastDate: nil)).reasons
    return entry
  }

  /// Replaces kept products by manager entries (see `cleaned`).
  func mergingManagers(_ entries: [FundEntry], rules: FundCleaningRules) throws(InputError) -> [FundEntry] {
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (i, entry) in entries.enumerated() where entry.isKept {
      let manager = entry.product.manager.isEmpty ? entry.product.code : entry.product.manager
      if groups[manager] == nil { order.append(manager) }
      groups[manager, default: []].append(i)
    }
    var firstOf: [Int: String] = [:]
    for manager in order { firstOf[groups[manager]![0]] = manager }
    var result: [FundEntry] = []
    for (i, entry) in entries.enumerated() {
      if !entry.isKept {
        result.append(entry)
        continue
      }
      guard let manager = firstOf[i] else { continue }  // merged into an earlier entry
      let members = groups[manager]!
      if members.count == 1 && entry.product.manager.isEmpty {
        result.append(entry)
        continue
      }
      let product = try mergedProduct(manager: manager, members: members)
      let merged = NAVSeries.equalWeight(members.map { series[$0] }, code: manager)
      result.append(
        FundUniverse.screen(code: manager, product: product, members: members, series: merged, rules: rules))
    }
    return result
  }
}
