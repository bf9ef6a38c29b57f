import Foundation

/// A request a fake provider received, for assertions on the wire format.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data
    /// Seconds since the server started when the request arrived.
    public var receivedAt: Double

    public init(method: String, path: String, headers: [String: String], body: Data, receivedAt: Double) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The JSON body as a dictionary, or `nil` when it is not a JSON object.
    public func json() -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// `messages[i].content` strings of a chat-style body, in order.
    public func messageContents() -> [String] {
        guard let messages = json()?["messages"] as? [[String: Any]] else { return [] }
        return messages.compactMap { $0["content"] as? String }
    }

    /// `model` of the JSON body.
    public var model: String? { json()?["model"] as? String }
}
