/// The chosen set of one selection traded over the whole history (DESIGN.md §9's plain backtest): the selection's
/// weights and IDM, from the first forecast of any member to the members' last price date, at fixed capital.
///
/// In-sample by construction: the set was chosen with today's data — volatility, correlation, costs and filters all
/// see the whole history — so its results look ahead and say how the rule trades the set, not how the choice would
/// have done. The walk-forward answers that.
///
/// Both roundings are traded: the one asked for is the backtest's account, the other its counterpart, and the
/// tracking error between whole contracts and the unrounded ideal is what whole contracts cost at this capital.
public struct Backtest: Sendable {
  /// The selection traded.
  public let selection: SelectionResult
  /// The trading settings.
  public let settings: TradingSettings
  /// The days and the one period.
  public let schedule: TradingSchedule
  /// The account at the rounding asked for.
  public let account: TradingAccount
  /// The account at the other rounding (unrounded when whole contracts were asked for, and the reverse).
  public let counterpart: TradingAccount
  /// The account's statistics.
  public let statistics: TradingStatistics
  /// The counterpart's statistics.
  public let counterpartStatistics: TradingStatistics
  /// `stdev(r_wholeContracts − r_unrounded) × √P`, a fraction of capital a year; `nil` with fewer than two days.
  public let trackingError: Double?
  /// The decisions at every close of every member (when asked for), at the rounding asked for.
  public let record: PositionRecord?

  /// Why a selection cannot be traded.
  public enum Failure: Error, Equatable {
    /// Nothing is selected at this capital.
    case nothingSelected
    /// No member has enough prices for a forecast (the warm-up).
    case noForecast(warmupPrices: Int)
  }

  /// Trades `selection`'s chosen set on `universe` (the universe it was made on, loaded with whole histories:
  /// `PriceLoading.wholeHistories`).
  public init(
    selection: SelectionResult, universe: Universe, settings: TradingSettings = TradingSettings(),
    rounding: PositionRounding = .wholeContracts, recordsPositions: Bool = false
  ) throws(Failure) {
    let portfolio = selection.portfolio
    guard !portfolio.isEmpty else { throw .nothingSelected }
    precondition(
      universe.keepsHistories,
      "a backtest trades whole histories: load the universe with PriceLoading.wholeHistories")
    let members = portfolio.indices
    // A forecast exists from the first-forecast index of every history that long (InstrumentSignals).
    let k = settings.forecast.firstForecastIndex
    let firstForecasts = members.compactMap { i -> CalendarDay? in
      let history = universe.histories[i]
      return k < history.count ? history.dates[k] : nil
    }
    guard let start = firstForecasts.min() else { throw .noForecast(warmupPrices: settings.forecast.warmupPrices) }
    let end = members.compactMap { universe.histories[$0].lastDate }.max()!
    let schedule = TradingSchedule(periodStarts: [start], end: end)
    let holding = Holding(portfolio: portfolio, metrics: selection.metrics)
    let other: PositionRounding = rounding == .wholeContracts ? .unrounded : .wholeContracts
    let simulation = TradingSimulation(
      universe: universe, pipeline: selection.settings, trading: settings, schedule: schedule)
    let plans = [rounding, other].map {
      TradingPlan(capital: selection.capital, holdings: [holding], rounding: $0, measuresInstruments: true)
    }
    let (accounts, records) = simulation.run(plans, recording: recordsPositions ? [0] : [])
    let record = records[0]
    let days = schedule.calendar.days
    let perYear = selection.settings.risk.businessDaysPerYear
    self.selection = selection
    self.settings = settings
    self.schedule = schedule
    self.account = accounts[0]
    self.counterpart = accounts[1]
    self.statistics = accounts[0].statistics(days: days, businessDaysPerYear: perYear)
    self.counterpartStatistics = accounts[1].statistics(days: days, businessDaysPerYear: perYear)
    self.trackingError = accounts[0].trackingError(against: accounts[1], businessDaysPerYear: perYear)
    self.record = record
  }

  /// The rounding asked for.
  public var rounding: PositionRounding { account.rounding }
  /// The account in whole contracts (the backtest's or its counterpart).
  public var wholeContracts: TradingAccount { rounding == .wholeContracts ? account : counterpart }
  /// The unrounded account.
  public var unrounded: TradingAccount { rounding == .unrounded ? account : counterpart }
}
