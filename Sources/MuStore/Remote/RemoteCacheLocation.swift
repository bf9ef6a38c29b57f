import Foundation

/// Where the shared PostgreSQL summary cache lives: parsed from `[cache] url` or `MU_CACHE_URL`
/// (`postgres://user[:password]@host[:port]/database?sslmode=...`).
///
/// The password may come only from the environment: from `MU_CACHE_URL` itself or from
/// `PGPASSWORD`. A URL read from a file with a password in it is refused. `description` always
/// masks the password, so the location can be logged and printed safely.
public struct RemoteCacheLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, with libpq's names and meanings.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it (no certificate check), plain otherwise. The default.
        case prefer
        /// TLS or no connection (no certificate check, as libpq's `require`).
        case require
        /// TLS with the certificate chain and host name verified against the system's CA store
        /// (or `sslrootcert`).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// A PEM file of trusted CA certificates for `verify-full` (`?sslrootcert=`).
    public var sslRootCertificate: String?
    /// Never printed: `description` shows `***` instead.
    public var password: String?

    public init(host: String, port: Int = 5432, user: String, database: String, sslMode: SSLMode = .prefer,
                sslRootCertificate: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.password = password
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// - Parameters:
    ///   - fromEnvironment: true when the URL came from `MU_CACHE_URL`; a password in a URL read
    ///     from a configuration file is refused.
    ///   - environmentPassword: `PGPASSWORD`, used when the URL carries no password.
    public init(url text: String, fromEnvironment: Bool, environmentPassword: String?) throws(RemoteCacheError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw .invalidURL("expected postgres://user@host:5432/database, got \(Self.mask(trimmed))") }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidURL("no host in \(Self.mask(trimmed))")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding ?? $0 }), !user.isEmpty else {
            throw .invalidURL("no user in \(Self.mask(trimmed)) (postgres://USER@host/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidURL("no database name in \(Self.mask(trimmed)) (postgres://user@host/DATABASE)")
        }
        if let given = components.password, !given.isEmpty, !fromEnvironment {
            throw .passwordInFile
        }
        var mode = SSLMode.prefer
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = SSLMode(rawValue: value) else {
                    throw .invalidURL("sslmode must be one of "
                        + SSLMode.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(item.value ?? "")")
                }
                mode = parsed
            case "sslrootcert":
                rootCertificate = item.value
            case "connect_timeout", "application_name":
                continue
            default:
                throw .invalidURL("unknown parameter \(item.name) (mu reads sslmode and sslrootcert)")
            }
        }
        let password = components.password.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
            ?? environmentPassword.flatMap { $0.isEmpty ? nil : $0 }
        self.init(host: host, port: components.port ?? 5432, user: user, database: database, sslMode: mode,
                  sslRootCertificate: rootCertificate, password: password)
    }

    /// The URL with the password masked (`postgres://mu:***@db:5432/mu?sslmode=require`).
    public var description: String {
        let secret = password == nil ? "" : ":***"
        return "postgres://\(user)\(secret)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// Masks any `:password@` in a URL-like text, for error messages about unparsable URLs.
    static func mask(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"),
              let at = text[schemeEnd.upperBound...].lastIndex(of: "@") else { return text }
        let userInfo = text[schemeEnd.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return text[..<colon] + ":***" + text[at...]
    }
}
