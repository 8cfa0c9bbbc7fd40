/// The shell of every self-contained HTML page Tradeable writes (`tradeable report`, the fund research reports): the
/// page's style (`HTMLReport.css`), one `<main>` column, a footer naming the command. No scripts, no fonts or images
/// fetched; XHTML syntax, so any XML parser can check it.
public enum HTMLPage {
  /// The page: `title` in the head, `body` (already-escaped HTML) in the column, `command` in the footer.
  public static func document(title: String, body: [String], command: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>\(HTML.escape(title))</title>
    <style>
    \(HTMLReport.css)
    </style>
    </head>
    <body>
    <main>
    \(body.joined(separator: "\n"))
    <footer>Made by <code>\(HTML.escape(command))</code>. Self-contained: no scripts, no network. Method: docs/DESIGN.md.</footer>
    </main>
    </body>
    </html>

    """
  }

  /// A figure holding `chart` drawn for every layout (`id` for the desktop one, `id-narrow` for the phone one; the
  /// page's CSS shows one) and its caption.
  public static func figure(_ chart: some Chart, id: String, caption: String) -> String {
    let drawings = ChartLayout.all.map { chart.svg(id: $0.isNarrow ? id + "-narrow" : id, layout: $0) }
    return "<figure>\n" + drawings.joined(separator: "\n") + "\n<figcaption>\(HTML.escape(caption))</figcaption></figure>"
  }
}
