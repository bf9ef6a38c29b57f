import AsyncHTTPClient
import Foundation

/// The proxies the environment asks for, read the way curl and Go read them:
/// `HTTPS_PROXY` for `https` URLs, `HTTP_PROXY` for `http` URLs (lower-case
/// names win when both are set), `NO_PROXY` a comma-separated list of hosts
/// that go direct.
///
/// A `NO_PROXY` entry matches its host and every subdomain (`example.com` and
/// `.example.com` both match `api.example.com`), may carry a port
/// (`internal:8080`), and `*` sends everything direct. Loopback hosts
/// (`localhost`, `127.x.x.x`, `::1`) always go direct, as in Go's `net/http`,
/// so local models (Ollama) and the test fakes are never sent to a proxy.
public struct ProxySettings: Sendable, Hashable {
    /// Proxy for `https` URLs (`HTTPS_PROXY`), nil for direct.
    public var https: HTTPClient.Configuration.Proxy?
    /// Proxy for `http` URLs (`HTTP_PROXY`), nil for direct.
    public var http: HTTPClient.Configuration.Proxy?
    /// `NO_PROXY` entries, lower-cased, leading dots removed.
    public var bypass: [BypassEntry]

    /// One `NO_PROXY` entry.
    public struct BypassEntry: Sendable, Hashable {
        public var host: String
        public var port: Int?
    }

    /// No proxy at all.
    public static let direct = ProxySettings(https: nil, http: nil, bypass: [])

    public init(https: HTTPClient.Configuration.Proxy?, http: HTTPClient.Configuration.Proxy?, bypass: [BypassEntry]) {
        self.https = https
        self.http = http
        self.bypass = bypass
    }

    /// Reads `HTTPS_PROXY`/`https_proxy`, `HTTP_PROXY`/`http_proxy` and `NO_PROXY`/`no_proxy`.
    /// A value that is not a proxy URL is a ``LLMError/configuration(_:)`` naming the variable.
    public init(environment: [String: String]) throws(LLMError) {
        func value(_ name: String) -> (name: String, value: String)? {
            for key in [name.lowercased(), name] {
                if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (key, value)
                }
            }
            return nil
        }
        https = try value("HTTPS_PROXY").map { entry throws(LLMError) in try ProxySettings.parseProxy(entry.value, variable: entry.name) }
        http = try value("HTTP_PROXY").map { entry throws(LLMError) in try ProxySettings.parseProxy(entry.value, variable: entry.name) }
        bypass = value("NO_PROXY").map { ProxySettings.parseBypass($0.value) } ?? []
    }

    /// The proxy for a request to `url`, or nil to connect directly.
    public func proxy(for url: URL) -> HTTPClient.Configuration.Proxy? {
        guard let host = url.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { return nil }
        let scheme = url.scheme?.lowercased()
        guard let proxy = scheme == "https" ? https : scheme == "http" ? http : nil else { return nil }
        if ProxySettings.isLoopback(host) { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        for entry in bypass {
            if let entryPort = entry.port, entryPort != port { continue }
            if entry.host == "*" || host == entry.host || host.hasSuffix("." + entry.host) { return nil }
        }
        return proxy
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    /// Parses `http://[user:password@]host[:port]`, `socks5://host[:port]` or a bare `host:port`.
    static func parseProxy(_ text: String, variable: String) throws(LLMError) -> HTTPClient.Configuration.Proxy {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw LLMError.configuration("\(variable)=\(text) is not a proxy URL (expected http://host:port)")
        }
        switch components.scheme?.lowercased() {
        case "http":
            var authorization: HTTPClient.Authorization?
            if let user = components.user {
                authorization = .basic(username: user.removingPercentEncoding ?? user,
                                       password: (components.password ?? "").removingPercentEncoding ?? "")
            }
            return .server(host: host, port: components.port ?? 80, authorization: authorization)
        case "socks5", "socks5h":
            return .socksServer(host: host, port: components.port ?? 1080)
        default:
            throw LLMError.configuration("\(variable)=\(text): only http:// and socks5:// proxies are supported")
        }
    }

    static func parseBypass(_ text: String) -> [BypassEntry] {
        text.split(separator: ",").compactMap { raw in
            var item = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !item.isEmpty else { return nil }
            if item == "*" { return BypassEntry(host: "*", port: nil) }
            var port: Int?
            // `host:port`, but not a bare IPv6 address (more than one colon) unless bracketed.
            if item.hasPrefix("["), let close = item.firstIndex(of: "]") {
                let rest = item[item.index(after: close)...]
                if rest.hasPrefix(":") { port = Int(rest.dropFirst()) }
                item = String(item[item.index(after: item.startIndex)..<close])
            } else if item.filter({ $0 == ":" }).count == 1, let colon = item.firstIndex(of: ":") {
                port = Int(item[item.index(after: colon)...])
                item = String(item[..<colon])
            }
            while item.hasPrefix(".") || item.hasPrefix("*.") {
                item = String(item.drop(while: { $0 == "." || $0 == "*" }))
            }
            return item.isEmpty ? nil : BypassEntry(host: item, port: port)
        }
    }
}
