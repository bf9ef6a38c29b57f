import Foundation

/// `--format html`: one self-contained page (inline CSS and JS, nothing fetched): a header with
/// the search box, the repository and directory summaries, one section per file (roll-up, then
/// each function with span, signature, bullets and provenance), and the file tree.
struct HTMLRenderer: ExportRenderer {
    private var tree = FileTree()
    private var fileNumber = 0

    mutating func begin(_ context: ExportContext, to sink: ExportSink) throws {
        let title = HTMLText.escape(context.title)
        var meta = HTMLText.escape(context.repository.root)
        if let remote = context.repository.remoteURL { meta += " · " + HTMLText.escape(remote) }
        if let head = context.repository.headCommit { meta += " · " + HTMLText.escape(String(head.prefix(12))) }
        if let glob = context.pathsGlob { meta += " · paths " + HTMLText.escape(glob) }
        meta += " · exported \(HTMLText.escape(ExportSummary.timestamp(context.exportedAt))) by \(HTMLText.escape(context.generator))"
        var text = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(HTMLText.escape(context.generator)) (\(ExportFunctionRow.schemaName))">
            <title>\(title) — code summaries</title>
            <style>
            \(HTMLPage.style)
            </style>
            </head>
            <body>
            <header><h1>\(title) — code summaries</h1><span class="meta">\(meta)</span>
            <input id="mu-search" type="search" placeholder="Search functions and summaries (/)" autocomplete="off" aria-label="Search">
            <span id="mu-count" class="meta"></span></header>
            <main>

            """
        let directories = context.directoryRollups.filter { $0.summary != nil }
        if context.repositoryRollup?.summary != nil || !directories.isEmpty {
            text += "<section class=\"overview\">"
            if let summary = context.repositoryRollup?.summary { text += "<div class=\"rollup\">\(Self.list(summary.bullets))</div>" }
            if !directories.isEmpty {
                text += "<h2>Directories</h2><ul>"
                for directory in directories {
                    text += "<li><code>\(HTMLText.escape(directory.path))/</code> — \(HTMLText.escape(directory.summary!.bullets.joined(separator: " ")))</li>"
                }
                text += "</ul>"
            }
            text += "</section>\n"
        }
        try sink.write(text)
    }

    mutating func file(_ file: ExportFile, to sink: ExportSink) throws {
        fileNumber += 1
        let anchor = "f\(fileNumber)"
        tree.add(path: file.path, anchor: anchor, functions: file.functions.count)
        var text = "<section class=\"file\" id=\"\(anchor)\" data-path=\"\(HTMLText.escape(file.path))\">"
        text += "<h2>\(HTMLText.escape(file.path))</h2>"
        if let summary = file.rollup?.summary { text += "<div class=\"rollup\">\(Self.list(summary.bullets))</div>" }
        for function in file.functions {
            text += "<div class=\"fn\"><h3>\(HTMLText.escape(function.qualifiedName))"
            text += "<span class=\"where\">\(HTMLText.escape(function.kind)) · lines \(function.span.startLine)–\(function.span.endLine)</span></h3>"
            if !function.signature.isEmpty { text += "<code class=\"sig\">\(HTMLText.escape(function.signature))</code>" }
            if let summary = function.summary {
                if !summary.bullets.isEmpty { text += Self.list(summary.bullets) }
                text += "<div class=\"prov\">\(HTMLText.escape(ProvenanceCaption.text(summary)))</div>"
            } else {
                text += "<div class=\"none\">No summary yet.</div>"
            }
            text += "</div>"
        }
        text += "</section>\n"
        try sink.write(text)
    }

    mutating func finish(_ totals: ExportTotals, to sink: ExportSink) throws {
        try sink.write("""
            <footer>\(totals.functions) functions in \(totals.files) files, \(totals.summarized) summarized.</footer>
            </main>
            <nav id="tree" aria-label="Files">
            \(tree.html())</nav>
            <script>
            \(HTMLPage.script)
            </script>
            </body>
            </html>

            """)
    }

    static func list(_ bullets: [String]) -> String {
        "<ul>" + bullets.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
    }
}
