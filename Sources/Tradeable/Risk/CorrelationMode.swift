/// Whether selection works from the full correlation matrix or only from the rows it needs.
public enum CorrelationMode: String, Codable, Sendable, CaseIterable, Equatable {
  /// Full up to `matrixFreeThreshold` instruments in the pool, matrix-free above.
  case automatic
  /// Form the `N × N` matrix (and repair it if it is not positive definite, DESIGN.md §3).
  case full
  /// Never form the matrix: compute the correlation rows of instruments as they are selected, from the weekly panel
  /// (`CorrelationPanel.correlationRows`). Memory O(T·N + K·N). No positive-definiteness repair is possible; the
  /// selected set's own matrix is checked instead and reported.
  case matrixFree = "matrix-free"
}
extension CorrelationMode: NamedChoice {}
