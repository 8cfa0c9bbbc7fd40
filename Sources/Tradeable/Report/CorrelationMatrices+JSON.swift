import LinearAlgebra

extension CorrelationMatrices {
  /// `scope` (`chosen` or `pool`), `codes`, then `raw`, `floored` and `repaired` as lists of rows in the order of
  /// `codes` (`null` where a raw pair is undefined; `repaired` is `null` when no repair is made), and
  /// `largestRepairChange`. Full precision.
  public var json: JSONValue {
    func rows(_ m: Matrix) -> JSONValue {
      .array((0..<m.rows).map { i in .array((0..<m.columns).map { j in .optional(m[i, j]) }) })
    }
    return .object([
      ("scope", .string(scope.rawValue)),
      ("codes", .array(codes.map { .string($0) })),
      ("raw", rows(raw)),
      ("floored", rows(floored)),
      ("repaired", repaired.map(rows) ?? .null),
      ("largestRepairChange", .optional(largestRepairChange)),
    ])
  }
}
