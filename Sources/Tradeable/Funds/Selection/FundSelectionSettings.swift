/// Every number of FOF selection (DESIGN.md §8, issue 4 item 6), with its default. Each is a command-line option of
/// `tradeable funds select`.
public struct FundSelectionSettings: Sendable, Equatable {
  /// Capital to deploy, base currency.
  public var capital: Double? = nil
  /// Pre-cost Sharpe ratio assumed for every product (0.4, as for futures): measured ones are too noisy to tell apart.
  public var preCostSR: Double = 0.4
  /// Minimum subscriptions held at a product's target position in the capital tests (4), as `max_contracts` for
  /// futures: fewer and the position cannot follow the volatility target finely enough.
  public var maxUnits: Double = 4
  /// Cap on the diversification multiplier (2.5).
  public var idmCap: Double = 2.5
  /// Largest weight in the standalone capital test (0.40, DESIGN.md §5's FOF worked example). With the IDM cap of 2.5
  /// this makes the standalone test the same as being affordable alone (2.5 × 0.40 = 1).
  public var maxWeight: Double = 0.40
  /// Annual volatility target of the fund portfolio (0.10, the FOF worked example's).
  public var targetVolatility: Double = 0.10
  /// Expected holding period, years, over which subscription and redemption fees are spread (3).
  public var holdingYears: Double = 3
  /// Calendar months of returns behind a product's volatility (36).
  public var volatilityMonths: Int = 36
  /// Calendar months of monthly returns behind the correlations (60).
  public var correlationMonths: Int = 60
  /// Exclude products whose annual SR cost exceeds this (`nil`: no cost filter). Funds' fees are their price of
  /// entry rather than a trading cost to avoid, so there is none by default.
  public var maxSRCost: Double? = nil
  /// Largest number of products to select; `nil` for no limit.
  public var maxInstruments: Int? = nil
  /// A step must raise the Sharpe ratio by more than this (1e-12).
  public var improvementTolerance: Double = 1e-12
  /// What runs after the greedy path (DESIGN.md §6b), as for futures.
  public var search = SearchSettings()
  /// A correlation matrix whose smallest eigenvalue is below this is repaired (1e-10).
  public var positiveDefiniteThreshold: Double = 1e-10
  /// Eigenvalues are clipped to this in the repair (1e-6).
  public var eigenvalueFloor: Double = 1e-6

  public init(capital: Double? = nil) { self.capital = capital }

  /// The sizing rules these settings describe (units are minimum subscriptions).
  public var sizing: PositionSizing {
    PositionSizing(maxContracts: maxUnits, idmCap: idmCap, targetVolatility: targetVolatility)
  }
}
