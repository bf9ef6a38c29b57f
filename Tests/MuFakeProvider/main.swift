import Foundation
import MuTestSupport

/// `mu-fake-provider`: MuTestSupport's fake provider server as a process, for shell checks
/// (scripts/cli-tests.sh) and benchmarks (bench/pool.sh). Listens on 127.0.0.1 only.
///
///     mu-fake-provider --port-file F [--format openai|anthropic|ollama] [--status 200|401|429|500|503]
///                      [--latency S] [--stats-file F] [--input-tokens N] [--output-tokens N]
///
/// Writes its port to the port file once listening, `{"peak": N, "requests": M}` to the stats file
/// after every request, and stops by itself after 10 minutes.
struct Options {
    var format = FakeWireFormat.openAI
    var status = 200
    var latency = 0.0
    var portFile: URL?
    var statsFile: URL?
    var inputTokens = 300
    var outputTokens = 20

    static let usage = "usage: mu-fake-provider --port-file F [--format openai|anthropic|ollama] [--status CODE] [--latency S] [--stats-file F] [--input-tokens N] [--output-tokens N]"

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw OptionError("\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--format":
                let name = try value(flag)
                guard let format = FakeWireFormat(rawValue: name == "openai" ? "openAI" : name) else {
                    throw OptionError("unknown format \(name)")
                }
                self.format = format
            case "--status": status = try Int(value(flag)).orThrow(OptionError("--status needs a number"))
            case "--latency": latency = try Double(value(flag)).orThrow(OptionError("--latency needs seconds"))
            case "--port-file": portFile = URL(fileURLWithPath: try value(flag))
            case "--stats-file": statsFile = URL(fileURLWithPath: try value(flag))
            case "--input-tokens": inputTokens = try Int(value(flag)).orThrow(OptionError("--input-tokens needs a number"))
            case "--output-tokens": outputTokens = try Int(value(flag)).orThrow(OptionError("--output-tokens needs a number"))
            default: throw OptionError("unknown argument \(flag)")
            }
        }
        guard portFile != nil else { throw OptionError("--port-file is required") }
    }

    /// The fault every request gets for a non-200 `--status`.
    var fault: FakeFault? {
        switch status {
        case 200: nil
        case 401, 403: .unauthorized
        case 429: .rateLimited(retryAfter: nil)
        case 503, 529: .overloaded
        case 400: .badRequest("fake error 400")
        default: .serverError
        }
    }
}

struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Optional {
    func orThrow(_ error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let server = try await FakeProviderServer.start(
        options.format, latency: options.latency,
        defaultReply: "- Computes a result from its arguments.\n- Returns the value to the caller.",
        usage: (input: options.inputTokens, output: options.outputTokens), statsFile: options.statsFile)
    await server.setPersistentFault(options.fault)
    if let portFile = options.portFile { try Data(String(server.port).utf8).write(to: portFile) }
    try await Task.sleep(for: .seconds(600))
    await server.stop()
} catch {
    FileHandle.standardError.write(Data("mu-fake-provider: \(error)\n\(Options.usage)\n".utf8))
    exit(1)
}
