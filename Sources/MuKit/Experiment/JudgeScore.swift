/// A judge model's scores of one summary against its code (1 to 5 each) and its one-line reason.
public struct JudgeScore: Sendable, Hashable, Codable {
    public var model: String
    public var accuracy: Int
    public var completeness: Int
    public var concision: Int
    public var reason: String
    /// What judging this summary cost.
    public var costUSD: Double

    enum CodingKeys: String, CodingKey {
        case model, accuracy, completeness, concision, reason
        case costUSD = "cost_usd"
    }
}
