import Foundation
import NIOHTTP1

/// Rate-limit state a provider reports in its response headers
/// (`anthropic-ratelimit-*`, `x-ratelimit-*`, `retry-after`).
///
/// Reset times are converted to seconds from the moment the reply arrived,
/// so callers never deal with the providers' different formats.
public struct RateLimitStatus: Sendable, Hashable {
    public var requestsLimit: Int?
    public var requestsRemaining: Int?
    /// Seconds until the request budget is full again.
    public var requestsReset: Double?
    public var tokensLimit: Int?
    public var tokensRemaining: Int?
    /// Seconds until the token budget is full again.
    public var tokensReset: Double?
    /// Seconds the server asked us to wait (`retry-after-ms` / `retry-after`).
    public var retryAfter: Double?

    public init(
        requestsLimit: Int? = nil, requestsRemaining: Int? = nil, requestsReset: Double? = nil,
        tokensLimit: Int? = nil, tokensRemaining: Int? = nil, tokensReset: Double? = nil,
        retryAfter: Double? = nil
    ) {
        self.requestsLimit = requestsLimit
        self.requestsRemaining = requestsRemaining
        self.requestsReset = requestsReset
        self.tokensLimit = tokensLimit
        self.tokensRemaining = tokensRemaining
        self.tokensReset = tokensReset
        self.retryAfter = retryAfter
    }

    var isEmpty: Bool { self == RateLimitStatus() }

    /// True when a request or token quota is at 0: nothing more goes through before its reset.
    public var isExhausted: Bool { requestsRemaining == 0 || tokensRemaining == 0 }

    /// The wait the headers imply: `retry-after` when given, otherwise the
    /// reset time of whichever budget is exhausted.
    public var suggestedWait: Double? {
        if let retryAfter { return retryAfter }
        var waits: [Double] = []
        if requestsRemaining == 0, let requestsReset { waits.append(requestsReset) }
        if tokensRemaining == 0, let tokensReset { waits.append(tokensReset) }
        return waits.max()
    }

    /// Reads Anthropic's headers: `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`
    /// (reset as an RFC 3339 timestamp) plus `retry-after`.
    static func anthropic(_ headers: HeaderFields, now: Date = Date()) -> RateLimitStatus? {
        var status = RateLimitStatus()
        status.requestsLimit = headers.int("anthropic-ratelimit-requests-limit")
        status.requestsRemaining = headers.int("anthropic-ratelimit-requests-remaining")
        status.requestsReset = headers["anthropic-ratelimit-requests-reset"].flatMap { secondsUntil(rfc3339: $0, now: now) }
        status.tokensLimit = headers.int("anthropic-ratelimit-tokens-limit")
        status.tokensRemaining = headers.int("anthropic-ratelimit-tokens-remaining")
        status.tokensReset = headers["anthropic-ratelimit-tokens-reset"].flatMap { secondsUntil(rfc3339: $0, now: now) }
        status.retryAfter = retryAfter(headers, now: now)
        return status.isEmpty ? nil : status
    }

    /// Reads OpenAI's headers: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`
    /// (reset as a Go-style duration such as `6m0s` or `20ms`) plus `retry-after`.
    static func openAI(_ headers: HeaderFields, now: Date = Date()) -> RateLimitStatus? {
        var status = RateLimitStatus()
        status.requestsLimit = headers.int("x-ratelimit-limit-requests")
        status.requestsRemaining = headers.int("x-ratelimit-remaining-requests")
        status.requestsReset = headers["x-ratelimit-reset-requests"].flatMap(parseDuration)
        status.tokensLimit = headers.int("x-ratelimit-limit-tokens")
        status.tokensRemaining = headers.int("x-ratelimit-remaining-tokens")
        status.tokensReset = headers["x-ratelimit-reset-tokens"].flatMap(parseDuration)
        status.retryAfter = retryAfter(headers, now: now)
        return status.isEmpty ? nil : status
    }

    /// `retry-after-ms` (milliseconds) wins over `retry-after`, which is either
    /// delta-seconds or an HTTP date.
    static func retryAfter(_ headers: HeaderFields, now: Date = Date()) -> Double? {
        if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), ms >= 0 {
            return ms / 1000
        }
        guard let raw = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let seconds = Double(raw), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = formatter.date(from: raw) {
            return max(0, date.timeIntervalSince(now))
        }
        return nil
    }

    static func secondsUntil(rfc3339 text: String, now: Date) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        return nil
    }

    /// Parses Go-style durations as OpenAI sends them: `1s`, `6m0s`, `1h2m3.5s`, `20ms`.
    static func parseDuration(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var sawUnit = false
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        if let plain = Double(String(characters)) { return plain }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isNumber || character == "." {
                number.append(character)
                index += 1
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Double
            if character == "m", index + 1 < characters.count, characters[index + 1] == "s" {
                unit = 0.001
                index += 1
            } else if character == "h" {
                unit = 3600
            } else if character == "m" {
                unit = 60
            } else if character == "s" {
                unit = 1
            } else {
                return nil
            }
            total += value * unit
            number = ""
            sawUnit = true
            index += 1
        }
        return sawUnit && number.isEmpty ? total : nil
    }
}

/// Response headers with case-insensitive lookup (HTTP field names are case-insensitive).
struct HeaderFields: Sendable, Hashable {
    private var storage: [String: String]

    init(_ fields: [String: String] = [:]) {
        var storage: [String: String] = [:]
        for (key, value) in fields { storage[key.lowercased()] = value }
        self.storage = storage
    }

    /// Repeated fields keep the last value (rate-limit headers are sent once).
    init(_ headers: HTTPHeaders) {
        var storage: [String: String] = [:]
        for (key, value) in headers { storage[key.lowercased()] = value }
        self.storage = storage
    }

    subscript(name: String) -> String? { storage[name.lowercased()] }

    func int(_ name: String) -> Int? {
        self[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
