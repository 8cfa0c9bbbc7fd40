/// Cleaning rules (issue 4, DESIGN.md §8).
public struct FundCleaningRules: Sendable, Equatable {
  /// Fewer NAVs than this: excluded, reason `history` (40).
  public var minimumObservations: Int = 40
  /// Merge each manager's kept products into one equal-weight manager series.
  public var mergeManagers: Bool = false
  /// Periods a year for every kept series instead of the detected frequency's (`nil`: detected).
  public var periodsPerYear: Double? = nil

  public init(minimumObservations: Int = 40, mergeManagers: Bool = false, periodsPerYear: Double? = nil) {
    self.minimumObservations = minimumObservations
    self.mergeManagers = mergeManagers
    self.periodsPerYear = periodsPerYear
  }
}

extension FundUniverse {
  /// Every product screened for reporting frequency and history, in input order; with `mergeManagers`, each
  /// manager's kept products replaced by one manager entry at the place of its first kept product (dropped products
  /// keep their own entries, so every input product is accounted for).
  ///
  /// A product reporting less often than monthly gets `frequency`; fewer than `minimumObservations` NAVs, `history`;
  /// it may get both.
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
    var reasons: [FundExclusionReason] = []
    if frequency == nil || frequency == .irregular { reasons.append(.frequency) }
    if series.count < rules.minimumObservations { reasons.append(.history) }
    let periods = frequency?.periodsPerYear.map { rules.periodsPerYear ?? $0 }
    return FundEntry(
      code: code, product: product, members: members, series: series, medianGapDays: gap, frequency: frequency,
      periodsPerYear: periods, reasons: reasons)
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

  /// The summary product of a manager: fees are the members' means, the minimum subscription the number of members
  /// times the largest member minimum (holding them in equal amounts needs at least that much in each). The members'
  /// own performance fee tiers are kept with the members (the fee drag averages each member's expected fee).
  func mergedProduct(manager: String, members: [Int]) throws(InputError) -> FundProduct {
    let ps = members.map { products[$0] }
    let currencies = Set(ps.compactMap(\.currency))
    if currencies.count > 1, let file = productsFile {
      let odd = ps.first { $0.currency != ps[0].currency }!
      throw InputError(
        file: file, line: odd.sourceLine, column: nil,
        message: "cannot merge manager '\(manager)': its products are in different currencies "
          + "(\(currencies.sorted().joined(separator: ", ")))",
        suggestion: "Run without --merge-managers, or give these products different managers.")
    }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    var strategies: [String] = []
    for p in ps where !p.strategy.isEmpty && !strategies.contains(p.strategy) { strategies.append(p.strategy) }
    let minimums = ps.compactMap(\.minimumSubscription)
    return FundProduct(
      code: manager, name: manager, manager: manager, strategy: strategies.joined(separator: "; "),
      currency: currencies.first,
      minimumSubscription: minimums.count == ps.count ? Double(ps.count) * minimums.max()! : nil,
      managementFee: mean(ps.map(\.managementFee)), performanceFee: .none,
      subscriptionFee: mean(ps.map(\.subscriptionFee)), redemptionFee: mean(ps.map(\.redemptionFee)),
      custodyFee: mean(ps.map(\.custodyFee)), sourceLine: ps[0].sourceLine)
  }
}

extension NAVSeries {
  /// An equal-weight index of `members`, rebalanced at every date, starting at 1.
  ///
  /// Its dates are the union of the members' dates. Each member's NAV is carried forward between its own dates; over
  /// the step from date `t'` to date `t` the index earns the mean of `nav(t) / nav(t') − 1` over the members alive
  /// across the whole step (first NAV on or before `t'`, last NAV on or after `t`). A step no member spans earns 0.
  /// Mixing frequencies is allowed: a monthly member then contributes 0 on the days between its NAVs and its whole
  /// month on its NAV date.
  public static func equalWeight(_ members: [NAVSeries], code: String) -> NAVSeries {
    var all = Set<CalendarDay>()
    for m in members { all.formUnion(m.dates) }
    let dates = all.sorted()
    guard !dates.isEmpty else { return NAVSeries(code: code, dates: [], navs: []) }
    var cursor = [Int](repeating: -1, count: members.count)  // index of the last NAV on or before the current date
    var carried = [Double](repeating: .nan, count: members.count)
    var navs = [1.0]
    navs.reserveCapacity(dates.count)
    for (j, m) in members.enumerated() where m.dates.first == dates[0] {
      cursor[j] = 0
      carried[j] = m.navs[0]
    }
    for t in 1..<dates.count {
      let date = dates[t]
      var sum = 0.0
      var alive = 0
      for (j, m) in members.enumerated() {
        let previous = carried[j]
        let started = cursor[j] >= 0
        while cursor[j] + 1 < m.count, m.dates[cursor[j] + 1] <= date { cursor[j] += 1 }
        if cursor[j] >= 0 { carried[j] = m.navs[cursor[j]] }
        if started, let last = m.lastDate, last >= date {
          sum += carried[j] / previous - 1
          alive += 1
        }
      }
      navs.append(navs[t - 1] * (alive > 0 ? 1 + sum / Double(alive) : 1))
    }
    return NAVSeries(code: code, dates: dates, navs: navs)
  }
}
