import Dispatch
import LinearAlgebra

#if canImport(Glibc)
import Glibc
#endif

// Times the correlation kernel on a panel written by numpy_comparison.py, so that numpy and Tradeable work on the
// same numbers in the same run.
//
//     CorrelationTimer PANEL.f64 T N [MASK.f64] [OUT.f64]
//
// PANEL and MASK are raw little-endian float64, column-major T × N (each column contiguous). Prints the best of five
// kernel times (prepared panel → full symmetric matrix) and the preparation time; writes the matrix to OUT if given.

func readDoubles(_ path: String, _ count: Int) -> [Double] {
  var values = [Double](repeating: 0, count: count)
  guard let f = fopen(path, "rb") else { fatalError("cannot open \(path)") }
  _ = values.withUnsafeMutableBytes { fread($0.baseAddress!, 8, count, f) }
  fclose(f)
  return values
}

let arguments = CommandLine.arguments
let t = Int(arguments[2])!, n = Int(arguments[3])!
let values = Matrix(rows: t, columns: n, storage: readDoubles(arguments[1], t * n))
let mask = arguments.count > 4 && arguments[4] != "-" ? Matrix(rows: t, columns: n, storage: readDoubles(arguments[4], t * n)) : nil
func seconds(_ body: () -> Void) -> Double {
  let a = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - a) * 1e-9
}
var panel: CorrelationPanel? = nil
let prepare = seconds { panel = CorrelationPanel(values: values, mask: mask) }
var output = Matrix(rows: n, columns: n)
var best = Double.infinity
for _ in 0..<5 { best = min(best, seconds { panel!.fill(&output, triangle: .full) }) }
let flops = CorrelationPanel.flops(columns: n, rows: t, gaps: mask != nil)
// The yardstick: dsyrk on the same panel (its raw values) into a preallocated matrix, best of five.
var gram = Matrix(rows: n, columns: n)
var bestSyrk = Double.infinity
for _ in 0..<5 {
  bestSyrk = min(bestSyrk, seconds {
    values.storage.withUnsafeBufferPointer { a in
      gram.storage.withUnsafeMutableBufferPointer { c in
        BLAS.syrkUpper(.transpose, n: n, k: t, alpha: 1, a: a.baseAddress!, lda: t, beta: 0, c: c.baseAddress!, ldc: n)
      }
    }
  })
}
var bestUpper = Double.infinity
var upper = Matrix(rows: n, columns: n)
for _ in 0..<5 { bestUpper = min(bestUpper, seconds { panel!.fill(&upper, triangle: .upper) }) }
print("dsyrk_gflops \(Double(n) * Double(n) * Double(t) / bestSyrk / 1e9)")
print("kernel_upper_seconds \(bestUpper)")
print("kernel_upper_gflops \(flops / bestUpper / 1e9)")
print("prepare_seconds \(prepare)")
print("kernel_seconds \(best)")
print("gflops \(flops / best / 1e9)")
if arguments.count > 5 {
  guard let f = fopen(arguments[5], "wb") else { fatalError("cannot write \(arguments[5])") }
  _ = output.storage.withUnsafeBytes { fwrite($0.baseAddress!, 8, n * n, f) }
  fclose(f)
}
