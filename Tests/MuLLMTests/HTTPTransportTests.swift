import AsyncHTTPClient
import Foundation
import MuTestSupport
import Testing
@testable import MuLLM

/// The AsyncHTTPClient transport over real loopback HTTP: cancellation,
/// streamed bodies, proxies from the environment, shutdown.
@Suite struct HTTPTransportTests {
    let prompt = Prompt(system: "Summarize.", messages: [.user("def f(): pass")])

    /// Runs `body` and always shuts the transport down (AsyncHTTPClient traps on a client released un-shut).
    func using(_ transport: HTTPTransport, _ body: () async throws -> Void) async throws {
        do { try await body() } catch { await transport.shutdown(); throw error }
        await transport.shutdown()
    }

    @Test func cancellingTheTaskCancelsTheRequestMidFlight() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let transport = HTTPTransport(proxies: .direct)
        try await using(transport) {
            let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: server.baseURL, timeoutSeconds: 20, transport: transport)
            await server.enqueue(.hang(seconds: 30))
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { try await provider.complete(prompt, parameters: CompletionParameters()) }
            // Cancel only once the server holds the request, so the cancel hits an open exchange.
            while await server.requestCount() == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
            task.cancel()
            let result = await task.result
            // The server would hang for 30 s; a loaded CI machine may take seconds to schedule the cancel.
            #expect(clock.now - start < .seconds(15))
            switch result {
            case .success: Issue.record("a cancelled request must not succeed")
            case .failure(let error):
                guard case LLMError.cancelled = error else { Issue.record("expected cancelled, got \(error)"); break }
            }
            // The transport stays usable for the next request.
            let reply = try await provider.complete(prompt, parameters: CompletionParameters())
            #expect(!reply.text.isEmpty)
        }
        await server.stop()
    }

    @Test func streamsAFileBodyWithItsLength() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let transport = HTTPTransport(proxies: .direct)
        try await using(transport) {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("mu-upload-\(UUID().uuidString).jsonl")
            // Several chunks' worth, with a line pattern that shows reordering or loss.
            let lines = (0..<30_000).map { "{\"custom_id\":\"fn-\($0)\",\"n\":\($0)}" }
            let data = Data((lines.joined(separator: "\n") + "\n").utf8)
            #expect(data.count > 2 * HTTPRequestBody.fileChunkSize)
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let response = try await transport.send(method: .POST, url: server.baseURL.appendingPathComponent("v1/messages"),
                                                    headers: ["Content-Type": "application/jsonl"], body: .file(file),
                                                    timeout: 60)   // a 1 MB body into a debug-built server on a loaded machine took over 10 s
            #expect(response.status == 200)
            let recorded = try #require(await server.requests().first)
            #expect(recorded.body == data)
            #expect(recorded.headers["content-length"] == String(data.count))
        }
        await server.stop()
    }

    @Test func streamsChunksFromASequence() async throws {
        let server = try await FakeProviderServer.start(.anthropic)
        let transport = HTTPTransport(proxies: .direct)
        try await using(transport) {
            let parts = ["{\"model\":", "\"streamed\",", "\"messages\":[]}"]
            let stream = AsyncThrowingStream<Data, any Error> { continuation in
                for part in parts { continuation.yield(Data(part.utf8)) }
                continuation.finish()
            }
            let response = try await transport.send(method: .POST, url: server.baseURL.appendingPathComponent("v1/messages"),
                                                    headers: [:], body: .stream(stream, length: nil), timeout: 10)
            #expect(response.status == 200)
            let recorded = try #require(await server.requests().first)
            #expect(recorded.model == "streamed")
        }
        await server.stop()
    }

    /// Pure parsing: these hosts (reserved `.example` names) are only matched as strings, never contacted.
    @Test func proxySettingsFromTheEnvironment() throws {
        let settings = try ProxySettings(environment: [
            "HTTPS_PROXY": "http://alice:s%40cret@proxy.corp.example:3128",
            "http_proxy": "proxy.corp.example:8080",
            "NO_PROXY": " internal.example, .corp.example:8443 ,[::2]",
        ])
        let https = try #require(settings.proxy(for: URL(string: "https://api.anthropic.com/v1/messages")!))
        #expect(https.host == "proxy.corp.example")
        #expect(https.port == 3128)
        #expect(https.authorization == .basic(username: "alice", password: "s@cret"))
        #expect(settings.proxy(for: URL(string: "http://ollama.example:11434/api/chat")!)?.port == 8080)
        // NO_PROXY: the host and its subdomains; a port-limited entry only on that port.
        #expect(settings.proxy(for: URL(string: "https://internal.example/v1")!) == nil)
        #expect(settings.proxy(for: URL(string: "https://llm.internal.example/v1")!) == nil)
        #expect(settings.proxy(for: URL(string: "https://notinternal.example/v1")!) != nil)
        #expect(settings.proxy(for: URL(string: "https://gw.corp.example:8443/v1")!) == nil)
        #expect(settings.proxy(for: URL(string: "https://gw.corp.example/v1")!) != nil)
        #expect(settings.proxy(for: URL(string: "https://[::2]/v1")!) == nil)
        // Loopback always goes direct.
        #expect(settings.proxy(for: URL(string: "https://127.0.0.1:8443/v1")!) == nil)
        #expect(settings.proxy(for: URL(string: "http://localhost:11434")!) == nil)
        // Lower-case names win; `*` bypasses everything; no variables means direct.
        let lower = try ProxySettings(environment: ["HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:2", "no_proxy": "*"])
        #expect(lower.https?.host == "lower")
        #expect(lower.proxy(for: URL(string: "https://api.openai.com")!) == nil)
        #expect(try ProxySettings(environment: [:]) == .direct)
        #expect(try ProxySettings(environment: ["HTTPS_PROXY": "socks5://127.0.0.9"]).https == .socksServer(host: "127.0.0.9", port: 1080))
    }

    @Test func aBadProxyVariableIsAConfigurationErrorOnTheFirstRequest() async throws {
        #expect(throws: LLMError.self) { try ProxySettings(environment: ["HTTPS_PROXY": "ftp://proxy:21"]) }
        let transport = HTTPTransport(environment: ["HTTP_PROXY": "https://proxy.example:443"])
        try await using(transport) {
            let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!,
                                             timeoutSeconds: 2, transport: transport)
            do {
                _ = try await provider.complete(prompt, parameters: CompletionParameters())
                Issue.record("a bad proxy variable must stop the request")
            } catch let error as LLMError {
                guard case .configuration(let message) = error else { Issue.record("unexpected \(error)"); return }
                #expect(message.contains("HTTP_PROXY"))
            }
        }
    }

    /// The proxy named in `HTTPS_PROXY` really receives the request over loopback: AsyncHTTPClient
    /// opens a `CONNECT host:port` tunnel there (the provider's `.test` host never resolves). The
    /// stand-in proxy refuses the tunnel, which the provider reports as a connection error.
    @Test func sendsRequestsThroughTheEnvironmentProxy() async throws {
        let proxy = try await RecordingProxyServer.start()
        let transport = HTTPTransport(environment: ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)"])
        try await using(transport) {
            let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: URL(string: "https://fake-provider.test")!,
                                             timeoutSeconds: 5, transport: transport)
            do {
                _ = try await provider.complete(prompt, parameters: CompletionParameters())
                Issue.record("the stand-in proxy refuses every tunnel")
            } catch let error as LLMError {
                // Refused tunnel: a connection error (or, on a starved machine, the deadline first).
                switch error {
                case .connection, .timeout: break
                default: Issue.record("unexpected \(error)"); return
                }
            }
            let seen = await proxy.seen()
            #expect(seen.first?.method == "CONNECT")
            #expect(seen.first?.target == "fake-provider.test:443")
        }
        await proxy.stop()
    }

    @Test func shutdownIsSafeBeforeAnyRequestAndRefusesLaterOnes() async throws {
        let transport = HTTPTransport(proxies: .direct)
        await transport.shutdown()
        await transport.shutdown()
        let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!,
                                         timeoutSeconds: 2, transport: transport)
        await #expect(throws: LLMError.cancelled(reason: "mu is shutting down")) {
            try await provider.complete(prompt, parameters: CompletionParameters())
        }
    }

    @Test func aBaseURLThatIsNotHTTPIsAConfigurationError() async throws {
        let transport = HTTPTransport(proxies: .direct)
        try await using(transport) {
            let provider = AnthropicProvider(model: "m", apiKey: "k", baseURL: URL(string: "ftp://127.0.0.1/")!,
                                             timeoutSeconds: 2, transport: transport)
            do {
                _ = try await provider.complete(prompt, parameters: CompletionParameters())
                Issue.record("ftp must be refused")
            } catch let error as LLMError {
                guard case .configuration = error else { Issue.record("unexpected \(error)"); return }
            }
        }
    }
}
