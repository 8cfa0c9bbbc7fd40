/// A warning when the universe's last date (DESIGN.md §3: the latest price date of any instrument) makes most of the
/// universe stale: the date that decides every instrument's staleness and the end of every correlation window is then
/// set by a few instruments far ahead of the rest — often one mistyped or placeholder date (a price dated 2031 in a
/// 2023 file). The run goes on as specified; the warning says which instruments set the date and where the rest end,
/// so that it is never moved in silence.
public struct LastDateCheck: Sendable, Equatable {
  /// The universe's last date.
  public let lastDate: CalendarDay
  /// Input indices of the instruments whose last price is on `lastDate`.
  public let setBy: [Int]
  /// Their codes, same order.
  public let codes: [String]
  /// The latest last date among the other instruments (`nil` when every instrument ends on `lastDate`).
  public let nextLatest: CalendarDay?
  /// Instruments excluded as stale, and instruments in all.
  public let staleCount: Int
  public let count: Int

  /// The check of `metrics` and `screening` (input order) against `lastDate`: a warning when more than half of the
  /// instruments are stale; `nil` otherwise.
  public init?(lastDate: CalendarDay?, metrics: [InstrumentMetrics], screening: [Screening]) {
    guard let lastDate, metrics.count >= 2 else { return nil }
    let stale = screening.filter { $0.reasons.contains(.stale) }.count
    guard 2 * stale > metrics.count else { return nil }
    self.lastDate = lastDate
    setBy = metrics.indices.filter { metrics[$0].lastDate == lastDate }
    codes = setBy.map { metrics[$0].code }
    nextLatest = metrics.compactMap(\.lastDate).filter { $0 < lastDate }.max()
    staleCount = stale
    count = metrics.count
  }

  /// One line for standard error: `warning: …`.
  public var message: String {
    let shown = codes.prefix(3).map { "'" + InputError.escapedExcerpt($0) + "'" }.joined(separator: ", ")
    let who = codes.count <= 3 ? shown : shown + " and \(NumberFormat.integer(codes.count - 3)) more"
    let rest = nextLatest.map { "; every other instrument ends by \($0)" } ?? ""
    return "warning: \(NumberFormat.integer(staleCount)) of \(NumberFormat.integer(count)) instruments are stale "
      + "against the universe's last date, \(lastDate), the last price of \(who)\(rest). "
      + "If that date is a mistake, correct it or remove the instrument."
  }
}
