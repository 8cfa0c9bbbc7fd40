/// The parts of a selection's output that futures and funds share: DESIGN.md §7's `portfolio` and `steps`, and the
/// step-by-step table. `code(i)` names instrument `i` of the path.
extension SelectionPath {
  /// `steps`: the portfolio after each step — `added`, `sharpe`, `idm`, `minimumCapital`.
  public func stepsJSON(code: (Int) -> String) -> JSONValue {
    .array(
      steps.map { step in
        .object([
          ("added", .string(code(step.added))),
          ("sharpe", .number(step.sharpe)),
          ("idm", .number(step.idm)),
          ("minimumCapital", .number(step.minimumCapital)),
        ])
      })
  }

  /// The step-by-step table: step, instrument added, Sharpe, IDM and the step's minimum capital (DESIGN.md §6),
  /// base currency — titled by what it is: with `maxContracts`, "4 contracts each (USD)", the capital at which every
  /// member of the step's set holds that many contracts; without, "Capital needed (USD)".
  public func stepTable(
    code: (Int) -> String, baseCurrency: String, maxContracts: Double? = nil, unit: String = "contract",
    style: TerminalStyle
  ) -> String {
    let capitalTitle =
      maxContracts.map { "\(NumberFormat.quantity($0, unit)) each (\(baseCurrency))" }
      ?? "Capital needed (\(baseCurrency))"
    var table = TextTable([
      ("Step", .right), ("Added", .left), ("Sharpe", .right), ("IDM", .right), (capitalTitle, .right),
    ])
    for (k, step) in steps.enumerated() {
      table.append([
        "\(k + 1)", code(step.added), NumberFormat.fixed(step.sharpe, decimals: 4),
        NumberFormat.fixed(step.idm, decimals: 3), NumberFormat.capitalNeeded(step.minimumCapital),
      ])
    }
    return table.rendered(style: style)
  }
}

extension Portfolio {
  /// `portfolio`: `sharpe`, `idm`, `minimumCapital`, `smallestCapital` (null when nothing is selected) and the
  /// members in selection order with their weight, capital need, contracts at the target position (unrounded and
  /// whole) and exposure.
  public var json: JSONValue {
    .object([
      ("sharpe", .optional(sharpe)),
      ("idm", .optional(idm)),
      ("minimumCapital", .optional(minimumCapital)),
      ("smallestCapital", .optional(smallestCapital)),
      (
        "instruments",
        .array(
          members.map { m in
            .object([
              ("code", .string(m.code)),
              ("weight", .number(m.weight)),
              ("minimumCapital", .number(m.minimumCapital)),
              ("contracts", .optional(m.contracts)),
              ("roundedContracts", .optional(m.roundedContracts)),
              ("exposure", .optional(m.exposure)),
            ])
          })
      ),
    ])
  }

  /// Each member's place in the set, keyed by input index.
  public var membership: [Int: Membership] {
    var result: [Int: Membership] = [:]
    for (k, m) in members.enumerated() {
      result[m.index] = Membership(step: k + 1, weight: m.weight, capital: m.minimumCapital)
    }
    return result
  }
}

/// A selected member's place in the chosen set.
public struct Membership: Sendable, Equatable {
  /// The step that added it, 1-based.
  public var step: Int
  /// Its weight in the chosen set.
  public var weight: Double
  /// The capital it needs in the chosen set, base currency.
  public var capital: Double
}
