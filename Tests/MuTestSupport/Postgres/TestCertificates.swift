import Foundation

/// Certificates for TLS tests, made with the `openssl` CLI in a directory: a self-signed
/// certificate authority and a server certificate it signs (CN 127.0.0.1, SAN IP 127.0.0.1 and
/// DNS localhost), as PEM files. Short-lived (2 days): they live as long as a test's temp dir.
public struct TestCertificates: Sendable {
    /// The authority's certificate: what a client trusts (`sslrootcert`).
    public let authority: URL
    public let authorityKey: URL
    /// The server's certificate and private key (mode 0600, as PostgreSQL demands).
    public let server: URL
    public let serverKey: URL

    /// Makes an authority named `name` and a server certificate signed by it, in `directory`.
    public static func make(in directory: URL, name: String = "mu test CA") throws -> TestCertificates {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func file(_ base: String) -> URL { directory.appendingPathComponent(base) }
        let certificates = TestCertificates(authority: file("ca.crt"), authorityKey: file("ca.key"),
                                            server: file("server.crt"), serverKey: file("server.key"))
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(name)",
                     "-keyout", certificates.authorityKey.path, "-out", certificates.authority.path])
        let request = file("server.csr"), extensions = file("server.ext")
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                     "-keyout", certificates.serverKey.path, "-out", request.path])
        try Data("""
            basicConstraints = CA:FALSE
            keyUsage = digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1, DNS:localhost

            """.utf8).write(to: extensions)
        try openssl(["x509", "-req", "-in", request.path, "-CA", certificates.authority.path,
                     "-CAkey", certificates.authorityKey.path, "-CAcreateserial", "-days", "2",
                     "-extfile", extensions.path, "-out", certificates.server.path])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: certificates.serverKey.path)
        return certificates
    }

    private static func openssl(_ arguments: [String]) throws {
        try PostgresTestCluster.run("/usr/bin/openssl", arguments, environment: ["PATH": "/usr/bin:/bin"])
    }
}
