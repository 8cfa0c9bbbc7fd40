/// The parts of a selection's output that futures and funds share: DESIGN.md §7's `portfolio` and `steps`, and the
/// step-by-step table. `code(i)` names candidate `i` (a position among the eligible instruments or products).
extension SelectionPath {
  /// `portfolio`: `sharpe`, `idm`, `minimumCapital` (null when nothing is selected) and the members in selection
  /// order with their weight and capital need.
  public func portfolioJSON(code: (Int) -> String) -> JSONValue {
    let members: [JSONValue] =
      final.map { step in
        step.members.indices.map { k in
          JSONValue.object([
            ("code", .string(code(step.members[k]))),
            ("weight", .number(step.weights[k])),
            ("minimumCapital", .number(step.memberCapital[k])),
          ])
        }
      } ?? []
    return .object([
      ("sharpe", .optional(final?.sharpe)),
      ("idm", .optional(final?.idm)),
      ("minimumCapital", .optional(final?.minimumCapital)),
      ("instruments", .array(members)),
    ])
  }

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

  /// The step-by-step table: step, instrument added, Sharpe, IDM and the capital the set then needs, base currency.
  public func stepTable(code: (Int) -> String, baseCurrency: String, style: TerminalStyle) -> String {
    var table = TextTable([
      ("Step", .right), ("Added", .left), ("Sharpe", .right), ("IDM", .right),
      ("Capital needed (\(baseCurrency))", .right),
    ])
    for (k, step) in steps.enumerated() {
      table.append([
        "\(k + 1)", code(step.added), NumberFormat.fixed(step.sharpe, decimals: 4),
        NumberFormat.fixed(step.idm, decimals: 3), NumberFormat.money(step.minimumCapital),
      ])
    }
    return table.rendered(style: style)
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

extension SelectionPath {
  /// Each selected member's step, weight and capital need in the chosen set, keyed by input index (`eligible[i]`
  /// is the input index of candidate `i`).
  public func membership(eligible: [Int]) -> [Int: Membership] {
    guard let final else { return [:] }
    var result: [Int: Membership] = [:]
    for (k, member) in final.members.enumerated() {
      result[eligible[member]] = Membership(step: k + 1, weight: final.weights[k], capital: final.memberCapital[k])
    }
    return result
  }
}
