import Testing
@testable import MuLLM

@Suite struct SecretRedactorTests {
    let redactor = SecretRedactor()

    @Test(arguments: [
        "aws = 'AKIAIOSFODNN7EXAMPLE'",
        "token = \"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\"",
        "slack = xoxb-1234567890-abcdefghijkl",
        "key = sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123",
        "client = OpenAI(api_key=os.environ['X'] or 'sk-proj-abcdefghijklmnopqrstuvwx')",
        "url = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX'",
    ])
    func redactsKnownTokenShapes(_ line: String) {
        let result = redactor.redact(line)
        #expect(result.count >= 1)
        #expect(result.text.contains(SecretRedactor.marker))
        for secret in ["AKIAIOSFODNN7EXAMPLE", "ghp_0123456789", "xoxb-1234567890", "sk-ant-api03", "sk-proj-abc", "hooks.slack.com/services/T000"] {
            #expect(!result.text.contains(secret))
        }
    }

    @Test func redactsAssignmentsButKeepsNamesAndQuotes() {
        let code = """
            password = "hunter2"
            DB_SECRET: str = 'correct horse'
            config["api_key"] = "abc123"
            let apiToken = "t0k3n"
            empty_token = ""
            username = "alice"
            """
        let result = redactor.redact(code)
        #expect(result.count == 4)
        #expect(result.text.contains("password = \"[REDACTED]\""))
        #expect(result.text.contains("DB_SECRET: str = '[REDACTED]'"))
        #expect(result.text.contains("let apiToken = \"[REDACTED]\""))
        #expect(result.text.contains("empty_token = \"\""))
        #expect(result.text.contains("username = \"alice\""))
        #expect(!result.text.contains("hunter2"))
        #expect(!result.text.contains("correct horse"))
    }

    @Test func redactsPrivateKeyBlocksWhole() {
        let pem = """
            KEY = \"\"\"
            -----BEGIN RSA PRIVATE KEY-----
            MIIEowIBAAKCAQEA7v1pG
            abcdefghijklmnop
            -----END RSA PRIVATE KEY-----
            \"\"\"
            """
        let result = redactor.redact(pem)
        #expect(result.count == 1)
        #expect(!result.text.contains("MIIEowIBAAKCAQEA7v1pG"))
        #expect(result.text.contains("KEY = \"\"\"\n[REDACTED]\n\"\"\""))
    }

    @Test func leavesOrdinaryCodeAlone() {
        let code = "def tokenize(text):\n    tokens = text.split()\n    return [t for t in tokens if t]\n"
        let result = redactor.redact(code)
        #expect(result.count == 0)
        #expect(result.text == code)
    }

    @Test func doesNotCountAKeyTwice() {
        let result = redactor.redact("api_key = \"sk-ant-api03-abcdefghijklmnopqrstuvwxyz\"")
        #expect(result.count == 1)
        #expect(result.text == "api_key = \"[REDACTED]\"")
    }
}
