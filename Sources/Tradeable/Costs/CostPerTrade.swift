/// Cost of trading one contract once, base currency (DESIGN.md §4.1): the commission plus half the bid-ask spread.

/// Commission for one contract: the largest of the per-contract fee, the rate on notional and the per-order fee,
/// `max(commissionPerContract × fx, commissionRate × |notional|, commissionPerTrade × fx)`, base currency.
///
/// The largest, not the sum: brokers quote "x per contract, minimum y per order" or "rate of notional"; a
/// one-contract trade pays whichever schedule binds.
public func commission(_ spec: InstrumentSpecification, notional: Double, fxRate: Double) -> Double {
  max(spec.commissionPerContract * fxRate, spec.commissionRate * abs(notional), spec.commissionPerTrade * fxRate)
}

/// Half the bid-ask spread of one contract, base currency: `halfSpreadPoints × multiplier × fx`.
public func halfSpreadCost(_ spec: InstrumentSpecification, fxRate: Double) -> Double {
  spec.halfSpreadPoints * spec.multiplier * fxRate
}

/// Commission plus half spread for one contract, base currency.
public func costPerTrade(_ spec: InstrumentSpecification, notional: Double, fxRate: Double) -> Double {
  commission(spec, notional: notional, fxRate: fxRate) + halfSpreadCost(spec, fxRate: fxRate)
}
