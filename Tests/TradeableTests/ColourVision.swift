import Foundation

/// Colour arithmetic for the palette tests: sRGB to CIELAB, CIEDE2000, and the Machado, Oliveira & Fernandes (2009)
/// simulation of colour-vision deficiencies. The same computation as `Tests/References/palette_distances.py`.
enum ColourVision {
  enum Simulation: CaseIterable { case normal, protanopia, deuteranopia, tritanopia }

  /// Machado et al. (2009), Table 1, severity 1.0, applied to linear sRGB.
  static func matrix(_ simulation: Simulation) -> [[Double]] {
    switch simulation {
    case .normal: return [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    case .protanopia:
      return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    case .deuteranopia:
      return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    case .tritanopia:
      return [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    }
  }

  /// Linear sRGB of `#rrggbb` as seen under `simulation`, clipped to the gamut.
  static func simulate(_ hex: String, _ simulation: Simulation) -> [Double] {
    let digits = Array(hex.dropFirst())
    let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(String(digits[$0..<$0 + 2]), radix: 16)!) / 255 }
    let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
    return matrix(simulation).map { row in min(max(zip(row, linear).map(*).reduce(0, +), 0), 1) }
  }

  /// CIELAB (D65) of a linear sRGB colour.
  static func lab(_ rgb: [Double]) -> (Double, Double, Double) {
    let m = [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
    let white = [0.95047, 1.0, 1.08883]
    let f = (0..<3).map { k -> Double in
      let t = zip(m[k], rgb).map(*).reduce(0, +) / white[k]
      return t > pow(6.0 / 29, 3) ? cbrt(t) : t / (3 * pow(6.0 / 29, 2)) + 4.0 / 29
    }
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))
  }

  /// CIEDE2000 colour difference, Sharma, Wu & Dalal (2005), kL = kC = kH = 1.
  static func ciede2000(_ x: (Double, Double, Double), _ y: (Double, Double, Double)) -> Double {
    let (l1, a1, b1) = x
    let (l2, a2, b2) = y
    func radians(_ d: Double) -> Double { d * .pi / 180 }
    func degrees(_ r: Double) -> Double { r * 180 / .pi }
    let cBar = (hypot(a1, b1) + hypot(a2, b2)) / 2
    let g = 0.5 * (1 - (pow(cBar, 7) / (pow(cBar, 7) + pow(25, 7))).squareRoot())
    let a1p = (1 + g) * a1
    let a2p = (1 + g) * a2
    let c1p = hypot(a1p, b1)
    let c2p = hypot(a2p, b2)
    func hue(_ b: Double, _ a: Double, _ c: Double) -> Double {
      c == 0 ? 0 : degrees(atan2(b, a)).truncatingRemainder(dividingBy: 360) + (atan2(b, a) < 0 ? 360 : 0)
    }
    let h1p = hue(b1, a1p, c1p)
    let h2p = hue(b2, a2p, c2p)
    let dL = l2 - l1
    let dC = c2p - c1p
    var dh = 0.0
    if c1p * c2p != 0 {
      dh = h2p - h1p
      if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
    }
    let dH = 2 * (c1p * c2p).squareRoot() * sin(radians(dh / 2))
    let lBar = (l1 + l2) / 2
    let cpBar = (c1p + c2p) / 2
    let hBar: Double
    if c1p * c2p == 0 {
      hBar = h1p + h2p
    } else if abs(h1p - h2p) <= 180 {
      hBar = (h1p + h2p) / 2
    } else {
      hBar = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2
    }
    let t =
      1 - 0.17 * cos(radians(hBar - 30)) + 0.24 * cos(radians(2 * hBar)) + 0.32 * cos(radians(3 * hBar + 6))
      - 0.20 * cos(radians(4 * hBar - 63))
    let dTheta = 30 * exp(-pow((hBar - 275) / 25, 2))
    let rC = 2 * (pow(cpBar, 7) / (pow(cpBar, 7) + pow(25, 7))).squareRoot()
    let sL = 1 + 0.015 * pow(lBar - 50, 2) / (20 + pow(lBar - 50, 2)).squareRoot()
    let sC = 1 + 0.045 * cpBar
    let sH = 1 + 0.015 * cpBar * t
    let rT = -sin(radians(2 * dTheta)) * rC
    return (pow(dL / sL, 2) + pow(dC / sC, 2) + pow(dH / sH, 2) + rT * (dC / sC) * (dH / sH)).squareRoot()
  }
}
