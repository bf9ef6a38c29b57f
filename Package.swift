// swift-tools-version: 6.2
import PackageDescription

// Module map and dependency reasons: see docs/architecture.md.
let package = Package(
    name: "mu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mu", targets: ["mu"]),
        .executable(name: "mu-mcp", targets: ["mu-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibGit2", pkgConfig: "libgit2",
                       providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // Shared vocabulary (Language, FunctionKind, ProviderKind, MuFailure): no dependencies.
        .target(name: "MuCore"),
        // tree-sitter runtime + grammars, built and installed by `make setup` (scripts/setup-tree-sitter.sh).
        .systemLibrary(name: "CTreeSitter", pkgConfig: "mu-tree-sitter"),
        .target(name: "MuSource", dependencies: [
            "MuCore", "CLibGit2", "COpenSSL", "CTreeSitter",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // What a valid summary bullet is and how a reply is cleaned into bullets: shared by the
        // model providers (MuLLM) and the offline summarizer (MuExtractive).
        .target(name: "MuSummaryText"),
        .target(name: "MuLLM", dependencies: [
            "MuCore", "MuSummaryText",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // The offline summarizer: bullets from doc comments, signatures and visible effects.
        .target(name: "MuExtractive", dependencies: ["MuCore", "MuSummaryText"]),
        .target(name: "MuStore", dependencies: [
            "MuCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "MuKit", dependencies: [
            "MuCore", "MuSource", "MuLLM", "MuExtractive", "MuStore", "MuSummaryText",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "MuMCP", dependencies: [
            "MuCLIFormat", "MuKit", "MuStore", "MuSource",
            .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The CLI's output: JSON shapes and human text, kept out of the executable so Swift tests cover them.
        .target(name: "MuCLIFormat", dependencies: ["MuCore", "MuKit", "MuSource", "MuStore"]),
        .executableTarget(name: "mu", dependencies: [
            "MuCore", "MuCLIFormat", "MuKit", "MuSource", "MuLLM", "MuStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: fastStartLinking),
        // `mu mcp` execs this: the MCP SDK links FoundationNetworking (libcurl), which the other
        // commands must not load at start (docs/architecture.md, "Start-up").
        .executableTarget(name: "mu-mcp", dependencies: ["MuCore", "MuKit", "MuMCP"],
                          linkerSettings: fastStartLinking),
        .target(name: "MuTestSupport", dependencies: [
            "MuCore",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ], path: "Tests/MuTestSupport"),
        // The fake provider server as a process, for scripts/cli-tests.sh and bench/pool.sh.
        .executableTarget(name: "mu-fake-provider", dependencies: ["MuTestSupport"], path: "Tests/MuFakeProvider"),
        .testTarget(name: "MuCoreTests", dependencies: ["MuCore"]),
        .testTarget(name: "MuSourceTests", dependencies: ["MuCore", "MuSource", "MuTestSupport"]),
        .testTarget(name: "MuSummaryTextTests", dependencies: ["MuSummaryText", "MuTestSupport"]),
        .testTarget(name: "MuLLMTests", dependencies: [
            "MuCore", "MuLLM", "MuSummaryText", "MuTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "MuExtractiveTests", dependencies: [
            "MuCore", "MuExtractive", "MuSummaryText", "MuTestSupport",
        ]),
        .testTarget(name: "MuStoreTests", dependencies: [
            "MuCore", "MuStore", "MuTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "MuCLIFormatTests", dependencies: [
            "MuCLIFormat", "MuCore", "MuKit", "MuLLM", "MuSource", "MuStore",
        ]),
        .testTarget(name: "MuKitTests", dependencies: [
            "MuCore", "MuKit", "MuSource", "MuLLM", "MuExtractive", "MuStore", "MuTestSupport",
        ]),
        .testTarget(name: "MuMCPTests", dependencies: [
            "MuMCP", "MuKit", "MuStore", "MuTestSupport", .product(name: "MCP", package: "swift-sdk"),
        ]),
    ]
)

/// Release executables start faster as position-dependent code that exports no symbols: the
/// dynamic loader then has ~25 k relocations to apply instead of ~195 k, and `dladdr` searches ~700
/// dynamic symbols instead of ~86 k (measured with `LD_DEBUG=statistics`; docs/architecture.md,
/// "Start-up"). Debug builds and tests keep the defaults.
var fastStartLinking: [LinkerSetting] {
    #if os(Linux)
    [.unsafeFlags(["-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic"], .when(configuration: .release))]
    #else
    []
    #endif
}
