import Foundation
import Testing
@testable import MuKit

@Suite("ConfigLoader precedence")
struct ConfigLoaderTests {
    @Test("with no files, environment or flags every value is the documented default")
    func defaults() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            let resolved = try fixture.load()
            #expect(resolved.config == MuConfig.defaults)
            #expect(resolved.files.isEmpty)
            #expect(resolved.apiKeys == ResolvedConfig.APIKeys())
            #expect(resolved.sources.values.allSatisfy { $0 == .defaultValue })
            #expect(resolved.sources.count == ConfigSchema.settings.filter { !$0.isPattern }.count)
        }
    }

    @Test("the defaults are the values BRIEF.md lists")
    func defaultValues() {
        let c = MuConfig.defaults
        #expect(c.llm.provider == .extractive)
        #expect(c.llm.model == "")
        #expect(c.llm.timeoutSeconds == 30)
        #expect(c.llm.maxRetries == 2)
        #expect(c.llm.concurrency == 5)
        #expect(c.llm.requestsPerMinute == 0)
        #expect(c.llm.tokensPerMinute == 0)
        #expect(c.llm.maxCostUSD == 0)
        #expect(c.llm.temperature == 0.2)
        #expect(c.llm.maxTokens == 300)
        #expect(c.llm.strategy == .direct)
        #expect(c.llm.promptTemplate == nil)
        #expect(c.llm.anthropic.baseURL == "https://api.anthropic.com")
        #expect(c.llm.openai.baseURL == "https://api.openai.com/v1")
        #expect(c.llm.openrouter.baseURL == "https://openrouter.ai/api/v1")
        #expect(c.llm.ollama.baseURL == "http://localhost:11434")
        #expect(c.llm.openAICompatible.baseURL == "")
        #expect(c.index.include.isEmpty && c.index.exclude.isEmpty)
        #expect(c.index.maxFileBytes == 1_048_576)
        #expect(c.cache.path == ".mu/mu.db")
        #expect(c.security.redactSecrets)
        #expect(c.models.isEmpty)
    }

    @Test("user file overrides defaults; untouched keys stay default")
    func userFileOverridesDefaults() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeUserFile("""
                [llm]
                provider = "ollama"
                concurrency = 2
                [index]
                exclude = ["vendor/**"]
                """)
            let resolved = try fixture.load()
            #expect(resolved.config.llm.provider == .ollama)
            #expect(resolved.config.llm.concurrency == 2)
            #expect(resolved.config.index.exclude == ["vendor/**"])
            #expect(resolved.config.llm.maxTokens == 300)
            let user = ConfigSource.userFile(path: fixture.userFile.path)
            #expect(resolved.source(of: "llm.provider") == user)
            #expect(resolved.source(of: "index.exclude") == user)
            #expect(resolved.source(of: "llm.max_tokens") == .defaultValue)
            #expect(resolved.files == [user])
        }
    }

    @Test("repo file overrides the user file, key by key")
    func repoFileOverridesUserFile() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeUserFile("[llm]\nprovider = \"ollama\"\nconcurrency = 2\n")
            try fixture.writeRepoFile("[llm]\nprovider = \"anthropic\"\n")
            let resolved = try fixture.load()
            #expect(resolved.config.llm.provider == .anthropic)
            #expect(resolved.config.llm.concurrency == 2)
            #expect(resolved.source(of: "llm.provider") == .repositoryFile(path: fixture.repoFile.path))
            #expect(resolved.source(of: "llm.concurrency") == .userFile(path: fixture.userFile.path))
            #expect(resolved.files == [.userFile(path: fixture.userFile.path), .repositoryFile(path: fixture.repoFile.path)])
        }
    }

    @Test("environment overrides the repo file")
    func environmentOverridesRepoFile() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeRepoFile("[llm]\nprovider = \"anthropic\"\nmodel = \"claude-x\"\n")
            let resolved = try fixture.load(environment: ["MU_PROVIDER": "openai", "MU_MODEL": "gpt-y"])
            #expect(resolved.config.llm.provider == .openai)
            #expect(resolved.config.llm.model == "gpt-y")
            #expect(resolved.source(of: "llm.provider") == .environment(variable: "MU_PROVIDER"))
            #expect(resolved.source(of: "llm.model") == .environment(variable: "MU_MODEL"))
        }
    }

    @Test("an empty environment variable counts as unset")
    func emptyEnvironmentVariableIsUnset() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeRepoFile("[llm]\nprovider = \"anthropic\"\n")
            let resolved = try fixture.load(environment: ["MU_PROVIDER": "", "ANTHROPIC_API_KEY": "  "])
            #expect(resolved.config.llm.provider == .anthropic)
            #expect(resolved.apiKeys.anthropic == nil)
        }
    }

    @Test("flags override the environment")
    func flagsOverrideEnvironment() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeRepoFile("[llm]\nconcurrency = 3\nmax_cost_usd = 1.5\n")
            let flags = ConfigFlags(provider: "openrouter", model: "m", concurrency: 9, maxCostUSD: 0.25,
                                    timeoutSeconds: 2.5, maxRetries: 0, temperature: 0, maxTokens: 50,
                                    strategy: "chain-of-thought")
            let resolved = try fixture.load(environment: ["MU_PROVIDER": "openai", "MU_MODEL": "e"], flags: flags)
            let llm = resolved.config.llm
            #expect(llm.provider == .openrouter)
            #expect(llm.model == "m")
            #expect(llm.concurrency == 9)
            #expect(llm.maxCostUSD == 0.25)
            #expect(llm.timeoutSeconds == 2.5)
            #expect(llm.maxRetries == 0)
            #expect(llm.temperature == 0)
            #expect(llm.maxTokens == 50)
            #expect(llm.strategy == .chainOfThought)
            #expect(resolved.source(of: "llm.provider") == .flag(name: "--provider"))
            #expect(resolved.source(of: "llm.concurrency") == .flag(name: "--concurrency"))
            #expect(resolved.source(of: "llm.max_cost_usd") == .flag(name: "--max-cost"))
            #expect(resolved.source(of: "llm.timeout_seconds") == .flag(name: "--timeout"))
        }
    }

    @Test("bad flag values are refused like bad file values")
    func badFlags() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            let provider = catchConfigError { _ = try fixture.load(flags: ConfigFlags(provider: "gemini")) }
            #expect(provider?.description
                == "flag --provider: 'llm.provider' cannot be 'gemini'; allowed: extractive, anthropic, openai, openrouter, ollama, openai-compatible")
            let concurrency = catchConfigError { _ = try fixture.load(flags: ConfigFlags(concurrency: -1)) }
            #expect(concurrency?.description == "flag --concurrency: 'llm.concurrency' must be at least 1, found -1")
            let temperature = catchConfigError { _ = try fixture.load(flags: ConfigFlags(temperature: 2.5)) }
            #expect(temperature?.description == "flag --temperature: 'llm.temperature' must be between 0 and 2, found 2.5")
        }
    }

    @Test("MU_CONFIG is read instead of the user file, below the repo file")
    func muConfigReplacesUserFile() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeUserFile("[llm]\nmax_tokens = 111\nconcurrency = 2\n")
            let other = try writeConfigTestFile("[llm]\nconcurrency = 7\nprovider = \"ollama\"\n", to: "other.toml", in: dir)
            try fixture.writeRepoFile("[llm]\nprovider = \"anthropic\"\n")
            let resolved = try fixture.load(environment: ["MU_CONFIG": other.path])
            #expect(resolved.config.llm.concurrency == 7)
            #expect(resolved.config.llm.maxTokens == 300, "the user file is not read when MU_CONFIG is set")
            #expect(resolved.config.llm.provider == .anthropic, "the repo file still wins over MU_CONFIG")
            #expect(resolved.source(of: "llm.concurrency") == .configEnvironmentFile(path: other.path))
            #expect(resolved.files == [.configEnvironmentFile(path: other.path), .repositoryFile(path: fixture.repoFile.path)])
        }
    }

    @Test("a relative MU_CONFIG is taken from the current directory; a missing one is an error")
    func muConfigRelativeAndMissing() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try writeConfigTestFile("[cache]\npath = \"/tmp/x.db\"\n", to: "conf/mu.toml", in: dir)
            let resolved = try fixture.load(environment: ["MU_CONFIG": "conf/mu.toml"])
            #expect(resolved.config.cache.path == "/tmp/x.db")
            let error = catchConfigError { _ = try fixture.load(environment: ["MU_CONFIG": "conf/missing.toml"]) }
            let missing = dir.appendingPathComponent("conf/missing.toml").path
            #expect(error == .missingConfigFile(path: missing))
            #expect(error?.description.contains("unset MU_CONFIG") == true)
        }
    }

    @Test("XDG_CONFIG_HOME moves the user file")
    func xdgConfigHome() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            let xdg = dir.appendingPathComponent("xdg")
            try writeConfigTestFile("[llm]\nmax_retries = 4\n", to: "mu/config.toml", in: xdg)
            let resolved = try fixture.load(environment: ["XDG_CONFIG_HOME": xdg.path])
            #expect(resolved.config.llm.maxRetries == 4)
        }
    }

    @Test("base URLs come from ANTHROPIC_BASE_URL, OPENAI_BASE_URL and OLLAMA_HOST")
    func environmentBaseURLs() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeRepoFile("[llm.anthropic]\nbase_url = \"https://file.example\"\n")
            let resolved = try fixture.load(environment: [
                "ANTHROPIC_BASE_URL": "http://127.0.0.1:9000/",
                "OPENAI_BASE_URL": "https://proxy.example/v1",
                "OLLAMA_HOST": "localhost:11434",
            ])
            #expect(resolved.config.llm.anthropic.baseURL == "http://127.0.0.1:9000")
            #expect(resolved.config.llm.openai.baseURL == "https://proxy.example/v1")
            #expect(resolved.config.llm.ollama.baseURL == "http://localhost:11434")
            #expect(resolved.config.llm.openrouter.baseURL == "https://openrouter.ai/api/v1")
            #expect(resolved.source(of: "llm.anthropic.base_url") == .environment(variable: "ANTHROPIC_BASE_URL"))
            #expect(resolved.source(of: "llm.ollama.base_url") == .environment(variable: "OLLAMA_HOST"))
        }
    }

    @Test("OLLAMA_HOST is read the way ollama reads it", arguments: [
        ("localhost:11434", "http://localhost:11434"),
        ("localhost", "http://localhost:11434"),
        ("0.0.0.0", "http://0.0.0.0:11434"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        (":11435", "http://127.0.0.1:11435"),
        ("[::1]:11434", "http://[::1]:11434"),
        ("::1", "http://[::1]:11434"),
        ("http://ollama.lan:80/", "http://ollama.lan:80"),
        ("https://ollama.example", "https://ollama.example"),
        ("gpu-box/ollama/", "http://gpu-box:11434/ollama"),
    ])
    func ollamaHost(host: String, expected: String) {
        #expect(ConfigEnvironment.ollamaBaseURL(fromHost: host) == expected)
    }

    @Test("a malformed base URL from the environment names the variable")
    func badBaseURLFromEnvironment() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            let error = catchConfigError { _ = try fixture.load(environment: ["OPENAI_BASE_URL": "api.openai.com/v1"]) }
            #expect(error?.description
                == "env OPENAI_BASE_URL: 'llm.openai.base_url' must be an http:// or https:// URL, found 'api.openai.com/v1'")
            let provider = catchConfigError { _ = try fixture.load(environment: ["MU_PROVIDER": "Anthropic"]) }
            #expect(provider?.description.hasPrefix("env MU_PROVIDER: 'llm.provider' cannot be 'Anthropic'") == true)
        }
    }

    @Test("API keys are read from the environment only")
    func apiKeysFromEnvironment() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            let resolved = try fixture.load(environment: [
                "ANTHROPIC_API_KEY": "sk-ant-0123456789abcdef",
                "OPENAI_API_KEY": "sk-openai-0123456789",
                "OPENROUTER_API_KEY": "sk-or-0123456789",
            ])
            #expect(resolved.apiKeys.key(for: .anthropic) == "sk-ant-0123456789abcdef")
            #expect(resolved.apiKeys.key(for: .openai) == "sk-openai-0123456789")
            #expect(resolved.apiKeys.key(for: .openrouter) == "sk-or-0123456789")
            #expect(resolved.apiKeys.key(for: .ollama) == nil)
            #expect(!String(describing: resolved).contains("0123456789"), "printing the config never shows a key")
        }
    }

    @Test("models tables from several files merge field by field")
    func modelsMerge() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeUserFile("""
                [models."gpt-4.1"]
                input_usd_per_mtok = 2
                output_usd_per_mtok = 8.0
                [models.local]
                provider = "ollama"
                """)
            try fixture.writeRepoFile("""
                [models."gpt-4.1"]
                output_usd_per_mtok = 7.5
                context_window = 1000000
                """)
            let resolved = try fixture.load()
            let gpt = try #require(resolved.config.models["gpt-4.1"])
            #expect(gpt == MuConfig.ModelEntry(contextWindow: 1_000_000, inputUSDPerMTok: 2, outputUSDPerMTok: 7.5))
            #expect(resolved.config.models["local"] == MuConfig.ModelEntry(provider: .ollama))
            #expect(resolved.source(of: "models.\"gpt-4.1\".output_usd_per_mtok") == .repositoryFile(path: fixture.repoFile.path))
            #expect(resolved.source(of: "models.\"gpt-4.1\".input_usd_per_mtok") == .userFile(path: fixture.userFile.path))
        }
    }

    @Test("cache path: relative to the repository, ~ is the home directory")
    func cacheURL() throws {
        let home = URL(fileURLWithPath: "/home/u")
        let repo = URL(fileURLWithPath: "/src/app")
        var resolved = ResolvedConfig(homeDirectory: home)
        #expect(resolved.cacheURL(repositoryRoot: repo).path == "/src/app/.mu/mu.db")
        resolved.config.cache.path = "~/.cache/mu/cache.db"
        #expect(resolved.cacheURL(repositoryRoot: repo).path == "/home/u/.cache/mu/cache.db")
        resolved.config.cache.path = "/var/mu.db"
        #expect(resolved.cacheURL(repositoryRoot: repo).path == "/var/mu.db")
    }

    @Test("the repository root is the nearest directory with .git, else the directory itself")
    func repositoryRoot() throws {
        try withConfigTestDirectory { dir in
            let repo = dir.appendingPathComponent("repo")
            let deep = repo.appendingPathComponent("a/b")
            try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
            #expect(try ConfigLoader.repositoryRoot(containing: deep).path == repo.standardizedFileURL.path)
            let worktree = dir.appendingPathComponent("wt/sub")
            try FileManager.default.createDirectory(at: worktree, withIntermediateDirectories: true)
            try writeConfigTestFile("gitdir: /elsewhere\n", to: "wt/.git", in: dir)
            #expect(try ConfigLoader.repositoryRoot(containing: worktree).path
                == dir.appendingPathComponent("wt").standardizedFileURL.path)
            let missing = dir.appendingPathComponent("nope")
            #expect(catchConfigError { _ = try ConfigLoader.repositoryRoot(containing: missing) }
                == .notADirectory(path: missing.standardizedFileURL.path))
        }
    }
}
