/// Merging a manager's products into one equal-weight series (`--merge-managers`): the summary product and the
/// equal-weight index. Which products are merged is the cleaning step's choice (`FundUniverse.cleaned`).
extension FundUniverse {
  /// The summary product of a manager: fees are the members' means, the minimum subscription the number of members
  /// times the largest member minimum (holding them in equal amounts needs at least that much in each). The members'
  /// own performance fee tiers are kept with the members (the fee drag averages each member's expected fee).
  public func mergedProduct(manager: String, members: [Int]) throws(InputError) -> FundProduct {
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
