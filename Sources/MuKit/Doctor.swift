import Foundation
import MuLLM
import MuSource
import MuStore

/// `mu doctor`: checks the set-up one line at a time, each ok or failed with the fix.
public struct Doctor: Sendable {
    public struct Check: Sendable {
        public var name: String
        public var ok: Bool
        public var detail: String
        /// What to do when the check failed.
        public var fix: String?
    }

    public var environment: [String: String]
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Runs every check. `reach` sends one tiny request to the configured provider.
    public func run(path: String, flags: ConfigFlags = ConfigFlags(), loader: ConfigLoader = ConfigLoader(),
                    reach: Bool = true) async -> [Check] {
        var checks: [Check] = []
        // tree-sitter grammars
        do {
            let count = try TreeSitterExtractor(environment: environment).loadGrammars()
            checks.append(Check(name: "tree-sitter", ok: true, detail: "\(count) grammars load"))
        } catch {
            checks.append(Check(name: "tree-sitter", ok: false, detail: "\(error)", fix: "make setup"))
        }
        checks.append(Check(name: "libgit2", ok: true, detail: "libgit2 \(GitRepository.libgit2Version)"))
        // repository + config
        let workspace: Workspace
        do {
            workspace = try Workspace(path: path, flags: flags, loader: loader)
            checks.append(Check(name: "repository", ok: true, detail: workspace.root.path))
            let files = workspace.config.files.map(\.description)
            checks.append(Check(name: "config", ok: true, detail: files.isEmpty ? "defaults (no config file)" : files.joined(separator: ", ")))
        } catch {
            let isConfig = error is ConfigError
            checks.append(Check(name: isConfig ? "config" : "repository", ok: false, detail: "\(error)",
                                fix: isConfig ? "fix the file named above (docs/configuration.md lists every key)" : "run mu inside a git repository"))
            return checks
        }
        checks += await remoteCacheChecks(workspace)
        // provider, key, reachability
        let setup = LLMSetup(workspace.config, repositoryRoot: workspace.root)
        let kind = setup.kind
        checks.append(Check(name: "provider", ok: true, detail: "\(kind.rawValue), model \(setup.model)"))
        if let variable = kind.apiKeyEnvironmentVariable {
            let key = workspace.config.apiKeys.key(for: workspace.config.config.llm.provider)
            if let key, !key.isEmpty {
                checks.append(Check(name: "api key", ok: true, detail: "\(variable) = \(SecretMask.mask(key))"))
            } else if kind.requiresAPIKey {
                checks.append(Check(name: "api key", ok: false, detail: "\(variable) is not set", fix: "export \(variable)=..."))
                return checks
            }
        }
        guard reach else { return checks }
        // A password in the base URL (`http://user:pw@host`) is masked as `mu config show` masks it.
        let shownURL = setup.settings.baseURL.map { ConfigShow.maskingPassword($0.absoluteString) }
        let password = setup.settings.baseURL.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.password }
        func masked(_ text: String) -> String {
            guard let password, !password.isEmpty else { return text }
            return text.replacingOccurrences(of: password, with: "***")
        }
        do {
            guard let provider = (try setup.makeBackend() as? LLMBackend)?.provider else {
                checks.append(Check(name: "reachable", ok: true, detail: "offline provider: nothing to reach"))
                return checks
            }
            let prompt = Prompt(system: "Reply with the single word: ok", messages: [.user("ok?")])
            let started = Date()
            _ = try await provider.complete(prompt, parameters: CompletionParameters(maxTokens: 5, temperature: nil))
            checks.append(Check(name: "reachable", ok: true,
                                detail: String(format: "%@ answered in %.2fs", shownURL ?? kind.rawValue, Date().timeIntervalSince(started))))
        } catch {
            let fix: String
            switch error {
            case LLMError.authentication: fix = "check the key in \(kind.apiKeyEnvironmentVariable ?? "the environment")"
            case LLMError.connection, LLMError.timeout: fix = "check the base URL (\(shownURL ?? "default")) and the network"
            case LLMError.invalidRequest, LLMError.unknownModel: fix = "check [llm] model: `mu models` lists known ids"
            default: fix = "see the message above"
            }
            checks.append(Check(name: "reachable", ok: false, detail: masked("\(error)"), fix: masked(fix)))
        }
        return checks
    }

    /// The shared PostgreSQL cache, when one is configured: connection, schema version, privileges.
    func remoteCacheChecks(_ workspace: Workspace) async -> [Check] {
        let location: RemoteCacheLocation
        do throws(RemoteCacheError) {
            guard let found = try SharedCacheLayer.location(workspace.config, environment: environment) else { return [] }
            location = found
        } catch {
            return [Check(name: "remote cache", ok: false, detail: error.description,
                          fix: "set [cache] url = \"postgres://user@host:5432/db\" and the password in PGPASSWORD")]
        }
        do throws(RemoteCacheError) {
            let remote = try await RemoteSummaryCache.connect(location)
            defer { remote.shutdown() }
            let health = try await remote.health()
            let stats = try await remote.stats()
            var checks = [Check(name: "remote cache", ok: true,
                                detail: "\(location): PostgreSQL \(health.serverVersion), schema \(health.schemaVersion), \(stats.entries) summaries")]
            if health.missingPrivileges.isEmpty {
                checks.append(Check(name: "privileges", ok: true, detail: "read, insert and lease on mu_summaries, mu_leases"))
            } else {
                checks.append(Check(name: "privileges", ok: false, detail: "missing " + health.missingPrivileges.joined(separator: "; "),
                                    fix: "GRANT SELECT, INSERT ON mu_summaries TO \(location.user); GRANT SELECT, INSERT, UPDATE, DELETE ON mu_leases TO \(location.user)"))
            }
            return checks
        } catch {
            return [Check(name: "remote cache", ok: false, detail: error.description,
                          fix: "mu summarize still works without it (a warning); check the server, the URL and PGPASSWORD")]
        }
    }
}
