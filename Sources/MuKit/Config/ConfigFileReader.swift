import Foundation

/// Reads one TOML config file into checked assignments, reporting the first problem (by line) as a
/// `ConfigError` with the file and line.
enum ConfigFileReader {
    /// The file's assignments, or nil when there is no file at `path`. With `only`, just the
    /// assignments of those keys (e.g. `["cache.path"]`), and problems elsewhere in the file are
    /// ignored: a read command is not stopped by a bad `[llm]` value it never uses.
    static func read(path: String, as source: ConfigSource, only: Set<String>? = nil) throws(ConfigError) -> [ConfigAssignment]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw .unreadableFile(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "it is not valid UTF-8")
        }
        return try assignments(from: text, source: source, only: only)
    }

    /// Parses and checks a document's text; `source` names the file in errors and in the assignments.
    static func assignments(from text: String, source: ConfigSource, only: Set<String>? = nil) throws(ConfigError) -> [ConfigAssignment] {
        let entries: [ConfigTOMLNode.Entry]
        do {
            entries = try ConfigTOMLNode.parse(text)
        } catch {
            throw .syntax(ConfigLocation(source, line: error.line), message: error.message)
        }
        var walk = Walk(source: source, text: text, only: only)
        walk.visit(entries, at: [])
        // TOMLKit hands keys over sorted, not in file order: report the problem the user meets first.
        if let first = walk.problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) {
            throw first.error
        }
        return walk.assignments
    }

    private struct Walk {
        let source: ConfigSource
        let text: String
        /// Keys to keep; nil keeps (and checks) every key.
        let only: Set<String>?
        lazy var locator = ConfigKeyLocator(source: text)
        var assignments: [ConfigAssignment] = []
        var problems: [(line: Int?, error: ConfigError)] = []

        init(source: ConfigSource, text: String, only: Set<String>?) {
            self.source = source
            self.text = text
            self.only = only
        }

        mutating func visit(_ entries: [ConfigTOMLNode.Entry], at table: [String]) {
            for entry in entries {
                let path = table + [entry.key]
                if let only, !only.contains(where: { $0 == path.joined(separator: ".") || $0.hasPrefix(path.joined(separator: ".") + ".") }) {
                    continue
                }
                if let (setting, name) = ConfigSchema.setting(at: path) {
                    switch setting.kind.value(from: entry.value) {
                    case .success(let value):
                        assignments.append(ConfigAssignment(setting: setting, name: name, value: value, source: source))
                    case .failure(let problem):
                        report(path) { problem.error(at: $0, key: setting.key(name: name)) }
                    }
                } else if ConfigSchema.isSection(path) {
                    if case .table(let children) = entry.value {
                        visit(children, at: path)
                    } else {
                        let found = entry.value.typeDescription
                        report(path) {
                            .wrongType($0, key: ConfigSchema.displayKey(path), expected: "a table", found: found)
                        }
                    }
                } else if let variables = Self.secretVariables(path) {
                    report(path) { .secretInFile($0, key: ConfigSchema.displayKey(path), variables: variables) }
                } else {
                    let suggestion = Self.suggestion(for: entry.key, in: table)
                    report(path) { .unknownKey($0, key: ConfigSchema.displayKey(path), suggestion: suggestion) }
                }
            }
        }

        private mutating func report(_ path: [String], _ makeError: (ConfigLocation) -> ConfigError) {
            let line = locator.line(for: path)
            problems.append((line, makeError(ConfigLocation(source, line: line))))
        }

        /// A sibling key close to `key`; or, when `key` is exactly a key of another table (`temperature`
        /// written under `[index]`), that key's full dotted name.
        private static func suggestion(for key: String, in table: [String]) -> String? {
            if let near = ConfigSuggestion.nearest(to: key, among: ConfigSchema.children(of: table)) {
                return near
            }
            let elsewhere = ConfigSchema.settings.first { !$0.isPattern && $0.path.last == key }
            return elsewhere?.key()
        }

        /// The environment variables to suggest when `path` looks like an API key or other credential;
        /// nil when it does not.
        private static func secretVariables(_ path: [String]) -> [String]? {
            guard let last = path.last?.lowercased() else { return nil }
            let squashed = last.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            let looksSecret = squashed.contains("apikey") || ["key", "token", "secret", "password"].contains(last)
                || last.hasSuffix("_key") || last.hasSuffix("_token") || last.hasSuffix("_secret")
                || last.hasSuffix("-key") || last.hasSuffix("-token") || last.hasSuffix("-secret")
            guard looksSecret else { return nil }
            let all = ResolvedConfig.APIKeys.variables
            let named = path.map { $0.lowercased() }
            let matching = all.filter { provider, _ in
                named.contains { $0 == provider.rawValue || $0.hasPrefix(provider.rawValue + "_") }
            }
            let variables = (matching.isEmpty ? all : matching).map(\.variable)
            return variables
        }
    }
}
