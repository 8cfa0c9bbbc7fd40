#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one pseudo-random source of the project — the universe generator, the tests' fixtures and the benchmarks all
/// draw from it: small, fast and seedable (xoshiro256**, seeded through SplitMix64), so that synthetic
/// universes are identical for a seed on every machine and every run.
public struct RandomSource: RandomNumberGenerator, Sendable {
  var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
  var spareNormal: Double? = nil

  /// A generator for `seed` (its four words of state from SplitMix64); `stream` gives independent streams for the
  /// same seed (one per instrument, say), so parallel generation stays deterministic.
  public init(seed: UInt64, stream: UInt64 = 0) {
    var x = seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1)
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform in [0, 1).
  @inline(__always)
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in [a, b).
  @inline(__always)
  public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

  /// Log-uniform in [a, b) (a, b > 0).
  public mutating func logUniform(_ a: Double, _ b: Double) -> Double { exp(uniform(log(a), log(b))) }

  /// Standard normal (Box–Muller, the second value kept for the next call).
  @inline(__always)
  public mutating func normal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    var u = uniform()
    while u <= 0 { u = uniform() }
    let v = uniform()
    let r = (-2 * log(u)).squareRoot()
    spareNormal = r * sin(2 * Double.pi * v)
    return r * cos(2 * Double.pi * v)
  }

  /// One of `choices`.
  public mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { uniform() < p }
}
