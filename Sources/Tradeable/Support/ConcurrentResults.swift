import Dispatch

/// Fixed-size slots written from `concurrentPerform` (each index by exactly one iteration) and read afterwards.
///
/// Backed by raw memory rather than an `Array` property, so concurrent writes to distinct slots do not trip Swift's
/// exclusivity checks on the array as a whole.
public final class ConcurrentResults<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>
  public init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
  public subscript(i: Int) -> Element? {
    get { slots[i] }
    set { slots[i] = newValue }
  }
}

extension ConcurrentResults {
  /// `(0..<count).map(transform)`, the calls spread over the cores (`DispatchQueue.concurrentPerform`), the results in
  /// index order: as deterministic as the serial map when `transform` depends on its index only. For modules above
  /// the core that compute in parallel without importing Dispatch themselves.
  public static func map(_ count: Int, _ transform: @Sendable (Int) -> Element) -> [Element] {
    let results = ConcurrentResults(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = transform(i) }
    return (0..<count).map { results[$0]! }
  }
}
