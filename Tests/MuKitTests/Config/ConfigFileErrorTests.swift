import Foundation
import Testing
@testable import MuKit

@Suite("Config file errors")
struct ConfigFileErrorTests {
    @Test("an unknown key is reported with its file, line and the nearest known key")
    func unknownKeyWithLineAndSuggestion() {
        let error = configFileError("""
            # mu settings

            [llm]
            provider = "anthropic"
            model = "claude"

            temprature = 0.5
            """)
        #expect(error == .unknownKey(ConfigLocation(.repositoryFile(path: "/r/.murc.toml"), line: 7),
                                     key: "llm.temprature", suggestion: "temperature"))
        #expect(error?.description == "/r/.murc.toml:7: unknown key 'llm.temprature' (did you mean 'temperature'?)")
    }

    @Test("the first unknown key in the file is reported, not the first alphabetically")
    func firstProblemByLine() {
        let error = configFileError("[llm]\nzzz_first = 1\n[index]\naaa_second = 2\n")
        #expect(error?.description.hasPrefix("/r/.murc.toml:2: unknown key 'llm.zzz_first'") == true)
    }

    @Test("unknown sections, dotted keys and keys in the wrong table get useful suggestions")
    func suggestions() {
        #expect(configFileError("[lm]\nprovider = \"openai\"\n")?.description
            == "/r/.murc.toml:1: unknown key 'lm' (did you mean 'llm'?)")
        #expect(configFileError("[llm.antropic]\nbase_url = \"https://x\"\n")?.description
            == "/r/.murc.toml:1: unknown key 'llm.antropic' (did you mean 'anthropic'?)")
        #expect(configFileError("llm.timeout = 5\n")?.description
            == "/r/.murc.toml:1: unknown key 'llm.timeout' (did you mean 'timeout_seconds'?)")
        #expect(configFileError("[index]\n\ntemperature = 1\n")?.description
            == "/r/.murc.toml:3: unknown key 'index.temperature' (did you mean 'llm.temperature'?)")
        #expect(configFileError("[llm]\nflavour = 1\n")?.description
            == "/r/.murc.toml:2: unknown key 'llm.flavour' (see docs/configuration.md for the known keys)")
        #expect(configFileError("[models.\"gpt-4.1\"]\nprice = 1\n")?.description.hasPrefix(
            "/r/.murc.toml:2: unknown key 'models.\"gpt-4.1\".price'") == true)
    }

    @Test("a value of the wrong type names the key and the expected type")
    func wrongType() {
        #expect(configFileError("[llm]\nconcurrency = \"5\"\n")?.description
            == "/r/.murc.toml:2: 'llm.concurrency' must be an integer, found a string")
        #expect(configFileError("[llm]\nmax_tokens = 2.5\n")?.description
            == "/r/.murc.toml:2: 'llm.max_tokens' must be an integer, found a floating-point number")
        #expect(configFileError("[security]\nredact_secrets = \"yes\"\n")?.description
            == "/r/.murc.toml:2: 'security.redact_secrets' must be true or false, found a string")
        #expect(configFileError("[index]\nexclude = \"vendor\"\n")?.description
            == "/r/.murc.toml:2: 'index.exclude' must be an array of strings, found a string")
        #expect(configFileError("[index]\nexclude = [\"a\", 3]\n")?.description
            == "/r/.murc.toml:2: 'index.exclude' must be an array of strings, found an array containing an integer")
        #expect(configFileError("llm = \"anthropic\"\n")?.description
            == "/r/.murc.toml:1: 'llm' must be a table, found a string")
        #expect(configFileError("[llm]\nmodel = 1979-05-27\n")?.description
            == "/r/.murc.toml:2: 'llm.model' must be a string, found a date")
    }

    @Test("a number where a float is expected is fine")
    func integersAreNumbers() throws {
        let assignments = try ConfigFileReader.assignments(
            from: "[llm]\ntemperature = 1\nmax_cost_usd = 3\n", source: .repositoryFile(path: "/r/.murc.toml"))
        var config = MuConfig.defaults
        for a in assignments { a.setting.apply(&config, a.name, a.value) }
        #expect(config.llm.temperature == 1.0)
        #expect(config.llm.maxCostUSD == 3.0)
    }

    @Test("an invalid enum value lists the allowed ones")
    func invalidChoice() {
        #expect(configFileError("[llm]\nprovider = \"gemini\"\n")?.description
            == "/r/.murc.toml:2: 'llm.provider' cannot be 'gemini'; allowed: extractive, anthropic, openai, openrouter, ollama, openai-compatible")
        #expect(configFileError("[llm]\nstrategy = \"fewshot\"\n")?.description
            == "/r/.murc.toml:2: 'llm.strategy' cannot be 'fewshot'; allowed: direct, few-shot, instruction, chain-of-thought")
        #expect(configFileError("[models.x]\nprovider = \"azure\"\n")?.description.hasPrefix(
            "/r/.murc.toml:2: 'models.x.provider' cannot be 'azure'; allowed: extractive") == true)
    }

    @Test("numbers out of range say what is accepted")
    func outOfRange() {
        #expect(configFileError("[llm]\nconcurrency = -2\n")?.description
            == "/r/.murc.toml:2: 'llm.concurrency' must be at least 1, found -2")
        #expect(configFileError("[llm]\nconcurrency = 0\n")?.description
            == "/r/.murc.toml:2: 'llm.concurrency' must be at least 1, found 0")
        #expect(configFileError("[llm]\ntemperature = 2.5\n")?.description
            == "/r/.murc.toml:2: 'llm.temperature' must be between 0 and 2, found 2.5")
        #expect(configFileError("[llm]\ntimeout_seconds = 0\n")?.description
            == "/r/.murc.toml:2: 'llm.timeout_seconds' must be more than 0, found 0")
        #expect(configFileError("[llm]\nmax_cost_usd = -1\n")?.description
            == "/r/.murc.toml:2: 'llm.max_cost_usd' must be 0 or more, found -1")
        #expect(configFileError("[llm]\nmax_retries = -1\n")?.description
            == "/r/.murc.toml:2: 'llm.max_retries' must be 0 or more, found -1")
        #expect(configFileError("[llm]\ntemperature = nan\n")?.description
            == "/r/.murc.toml:2: 'llm.temperature' must be a finite number, between 0 and 2, found nan")
        #expect(configFileError("[llm]\nmax_cost_usd = inf\n")?.description
            == "/r/.murc.toml:2: 'llm.max_cost_usd' must be a finite number, 0 or more, found inf")
        #expect(configFileError("[index]\nmax_file_bytes = 0\n")?.description
            == "/r/.murc.toml:2: 'index.max_file_bytes' must be at least 1, found 0")
        #expect(configFileError("[cache]\npath = \"\"\n")?.description
            == "/r/.murc.toml:2: 'cache.path' must be a non-empty string, found \"\"")
        #expect(configFileError("[llm.ollama]\nbase_url = \"localhost:11434\"\n")?.description
            == "/r/.murc.toml:2: 'llm.ollama.base_url' must be an http:// or https:// URL, found 'localhost:11434'")
    }

    @Test("a TOML syntax error names the file and line")
    func syntaxError() {
        let error = configFileError("[llm]\nprovider = \"anthropic\"\nmodel = \n")
        guard case .syntax(let location, let message) = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(location == ConfigLocation(.repositoryFile(path: "/r/.murc.toml"), line: 3))
        #expect(!message.isEmpty)
        #expect(error?.description.hasPrefix("/r/.murc.toml:3: TOML syntax error while parsing key-value pair") == true)
        #expect(error?.description.contains("\n") == false)
        let duplicate = configFileError("[llm]\nmodel = \"a\"\nmodel = \"b\"\n")
        #expect(duplicate?.description.hasPrefix("/r/.murc.toml:3: TOML syntax error") == true)
    }

    @Test("an API key in a file is refused, pointing at the environment variable, without echoing it")
    func keyInFileRejected() {
        let error = configFileError("[llm.anthropic]\nbase_url = \"https://api.anthropic.com\"\napi_key = \"sk-ant-SECRET123456\"\n")
        #expect(error == .secretInFile(ConfigLocation(.repositoryFile(path: "/r/.murc.toml"), line: 3),
                                       key: "llm.anthropic.api_key", variables: ["ANTHROPIC_API_KEY"]))
        #expect(error?.description.contains("set ANTHROPIC_API_KEY instead") == true)
        #expect(error?.description.contains("SECRET") == false)
        #expect(configFileError("[llm]\nopenrouter_api_key = \"x\"\n")
            == .secretInFile(ConfigLocation(.repositoryFile(path: "/r/.murc.toml"), line: 2),
                             key: "llm.openrouter_api_key", variables: ["OPENROUTER_API_KEY"]))
        #expect(configFileError("[llm]\napi_key = \"x\"\n")
            == .secretInFile(ConfigLocation(.repositoryFile(path: "/r/.murc.toml"), line: 2),
                             key: "llm.api_key", variables: ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENROUTER_API_KEY"]))
        #expect(configFileError("[llm.openai]\napiKey = \"x\"\n")?.description.contains("set OPENAI_API_KEY") == true)
    }

    @Test("a file that is not UTF-8 or is a directory is a clear error")
    func unreadableFiles() throws {
        try withConfigTestDirectory { dir in
            let bad = dir.appendingPathComponent("bad.toml")
            try Data([0x5B, 0x6C, 0xFF, 0xFE, 0x5D]).write(to: bad)
            let error = catchConfigError { _ = try ConfigFileReader.read(path: bad.path, as: .userFile(path: bad.path)) }
            #expect(error == .unreadableFile(path: bad.path, reason: "it is not valid UTF-8"))
            let fixture = try ConfigFixture(root: dir)
            try FileManager.default.createDirectory(at: fixture.repoFile, withIntermediateDirectories: true)
            #expect(catchConfigError { _ = try fixture.load() }
                == .unreadableFile(path: fixture.repoFile.path, reason: "it is a directory"))
        }
    }

    @Test("errors from a user file name that file")
    func errorsNameTheirFile() throws {
        try withConfigTestDirectory { dir in
            let fixture = try ConfigFixture(root: dir)
            try fixture.writeUserFile("\n[llm]\nconcurency = 3\n")
            let error = catchConfigError { _ = try fixture.load() }
            #expect(error?.description == "\(fixture.userFile.path):3: unknown key 'llm.concurency' (did you mean 'concurrency'?)")
        }
    }
}
