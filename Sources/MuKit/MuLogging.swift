import Foundation
import Logging

/// mu's log output, the one diagnostics mechanism (swift-log): one plain line per message on
/// stderr (`mu: warning: …`), never on stdout, so JSON output stays clean. Warnings and errors
/// only, unless `MU_LOG` names a lower level: `info`, `debug` (retries, re-asks), `trace` (also the
/// time each pipeline phase took). Documented in docs/configuration.md.
public enum MuLogging {
    /// Call once, first thing in `main`.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["MU_LOG"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LoggingSystem.bootstrap { _ in
            var handler = LineHandler()
            handler.logLevel = level
            return handler
        }
    }

    struct LineHandler: LogHandler {
        var logLevel: Logger.Level = .warning
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let line = "mu: \(event.level): \(event.message)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
