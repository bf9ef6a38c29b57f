import Foundation

/// `--format markdown`: documentation of the repository — its summary and directories, then one
/// `##` section per file (its roll-up, then a `###` entry per function: span, signature, bullets,
/// provenance caption).
struct MarkdownRenderer: ExportRenderer {
    mutating func begin(_ context: ExportContext, to sink: ExportSink) throws {
        var text = "# \(Self.inline(context.title)) — code summaries\n\n"
        text += "- Repository: `\(context.repository.root)`"
        if let remote = context.repository.remoteURL { text += " (\(remote))" }
        text += "\n"
        if let head = context.repository.headCommit { text += "- Commit: `\(head)`\n" }
        if let glob = context.pathsGlob { text += "- Paths: `\(glob)`\n" }
        text += "- Exported: \(ExportSummary.timestamp(context.exportedAt)) by \(context.generator) (\(ExportFunctionRow.schemaName))\n\n"
        if let summary = context.repositoryRollup?.summary {
            text += Self.bullets(summary.bullets) + "\n"
        }
        let directories = context.directoryRollups.filter { $0.summary != nil }
        if !directories.isEmpty {
            text += "## Directories\n\n"
            for directory in directories {
                text += "- **\(Self.code(directory.path))/** — \(Self.plain(directory.summary!.bullets.joined(separator: " ")))\n"
            }
            text += "\n"
        }
        try sink.write(text)
    }

    mutating func file(_ file: ExportFile, to sink: ExportSink) throws {
        var text = "## \(Self.code(file.path))\n\n"
        if let summary = file.rollup?.summary { text += Self.bullets(summary.bullets) + "\n" }
        for function in file.functions {
            text += "### \(Self.code(function.qualifiedName))\n\n"
            text += "\(function.kind), lines \(function.span.startLine)–\(function.span.endLine)"
            text += function.language.isEmpty ? "\n\n" : " · \(function.language)\n\n"
            if !function.signature.isEmpty { text += "\(Self.code(Self.oneLine(function.signature)))\n\n" }
            if let summary = function.summary {
                if !summary.bullets.isEmpty { text += Self.bullets(summary.bullets) + "\n" }
                text += "<sub>\(Self.plain(ProvenanceCaption.text(summary)))</sub>\n\n"
            } else {
                text += "_No summary yet._\n\n"
            }
        }
        try sink.write(text)
    }

    mutating func finish(_ totals: ExportTotals, to sink: ExportSink) throws {
        try sink.write("---\n\n\(totals.functions) functions in \(totals.files) files, \(totals.summarized) summarized.\n")
    }

    /// `- bullet` lines.
    static func bullets(_ bullets: [String]) -> String {
        bullets.map { "- \(plain($0))\n" }.joined()
    }

    /// Inline code that survives backticks inside (a longer fence, padded when needed).
    static func code(_ text: String) -> String {
        var fence = "`"
        while text.contains(fence) { fence += "`" }
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// Text on one line with HTML-significant characters escaped (markdown renders inline HTML).
    static func plain(_ text: String) -> String {
        // Most bullets need nothing: skip the copies.
        guard text.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 38 || $0 == 60 || $0 == 62 }) else { return text }
        return oneLine(text).replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func inline(_ text: String) -> String { plain(text) }

    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return text }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
