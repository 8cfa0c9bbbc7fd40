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
