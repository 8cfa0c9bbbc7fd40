extension FundEntry {
  /// Why it was dropped, in words: `frequency (median gap 45 days), history (12 NAVs)`.
  public var reasonText: String {
    reasons.map { reason -> String in
      switch reason {
      case .frequency:
        return medianGapDays.map { "frequency (median gap \(NumberFormat.fixed($0, decimals: 1)) days)" }
          ?? (series.count == 0 ? "frequency (no NAV yet)" : "frequency (a single NAV)")
      case .history: return "history (\(series.count) NAVs)"
      default: return reason.rawValue
      }
    }.joined(separator: ", ")
  }
}
