#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process-wide readers–writer lock around OpenBLAS.
///
/// Every BLAS and LAPACK call of this module holds it shared, so calls from many threads run as OpenBLAS allows
/// (it serialises its own thread pool). `BLAS.singleThreaded` holds it exclusively while it switches OpenBLAS to one
/// thread and lets the caller's workers each run single-threaded BLAS on their own data: no other thread's call can
/// then start under a thread count that changes beneath it (OpenBLAS's thread count is a process global).
enum BLASGate {
  nonisolated(unsafe) static let lock: UnsafeMutablePointer<pthread_rwlock_t> = {
    let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    pthread_rwlock_init(lock, nil)
    return lock
  }()

  /// Runs `body` holding the lock shared.
  @inline(__always)
  static func shared<R>(_ body: () throws -> R) rethrows -> R {
    pthread_rwlock_rdlock(lock)
    defer { pthread_rwlock_unlock(lock) }
    return try body()
  }

  /// Runs `body` holding the lock exclusively.
  static func exclusive<R>(_ body: () throws -> R) rethrows -> R {
    pthread_rwlock_wrlock(lock)
    defer { pthread_rwlock_unlock(lock) }
    return try body()
  }
}
