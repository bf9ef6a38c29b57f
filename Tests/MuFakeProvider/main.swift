import Foundation
import MuTestSupport

/// `mu-fake-provider`: MuTestSupport's fake provider server as a process, for shell checks
/// (scripts/cli-tests.sh) and benchmarks (bench/pool.sh). Listens on 127.0.0.1 only.
///
///     mu-fake-provider --port-file F [--format openai|anthropic|ollama] [--status 200|401|404|429|500|503]
///                      [--latency S] [--stats-file F] [--input-tokens N] [--output-tokens N]
///                      [--every-429 N] [--hang] [--distinct-replies]
///
/// Writes its port to the port file once listening, `{"peak": N, "requests": M, "authorized": K}` to
/// the stats file as requests arrive and end, and stops by itself after 10 minutes. `--status 404`
/// answers `model_not_found`; `--every-429 N` answers every Nth request 429 with `retry-after: 1`
/// (a burst limit, the quota not used up); `--hang` never answers; `--distinct-replies` answers each
/// prompt with its own summary (the same prompt, the same summary).
struct Options {
    var format = FakeWireFormat.openAI
    var status = 200
    var latency = 0.0
    var portFile: URL?
    var statsFile: URL?
    var inputTokens = 300
    var outputTokens = 20
    var every429 = 0
    var hang = false
    var distinctReplies = false

    static let usage = "usage: mu-fake-provider --port-file F [--format openai|anthropic|ollama] [--status CODE] [--latency S] [--stats-file F] [--input-tokens N] [--output-tokens N] [--every-429 N] [--hang] [--distinct-replies]"

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
            case "--every-429": every429 = try Int(value(flag)).orThrow(OptionError("--every-429 needs a number"))
            case "--hang": hang = true
            case "--distinct-replies": distinctReplies = true
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
        case 404: .modelNotFound
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
    await server.setPersistentFault(options.hang ? .hang(seconds: 3600) : options.fault)
    if options.every429 > 0 { await server.setPeriodicFault(.rateLimited(retryAfter: 1), every: options.every429) }
    if options.distinctReplies {
        // A reply per prompt (FNV-1a of the request body): an edited function gets a new summary, so the
        // roll-ups above it change (bench/rollups.sh); the same prompt always gets the same reply.
        await server.setResponder { request in
            let hash = request.body.reduce(UInt64(0xcbf29ce484222325)) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
            return "- Computes a result from its arguments (reply \(String(hash, radix: 16))).\n- Returns the value to the caller."
        }
    }
    if let portFile = options.portFile { try Data(String(server.port).utf8).write(to: portFile) }
    try await Task.sleep(for: .seconds(600))
    await server.stop()
} catch {
    FileHandle.standardError.write(Data("mu-fake-provider: \(error)\n\(Options.usage)\n".utf8))
    exit(1)
}
