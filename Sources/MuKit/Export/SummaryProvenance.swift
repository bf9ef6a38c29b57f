import MuStore

/// How a stored summary was made, recovered from what its cache key stores: the `params`
/// component (``MuLLM/ParamsFingerprint``: `temperature=0.2;max_tokens=300;strategy=direct;
/// template=builtin:direct;max_input_tokens=8000`), the prompt version, provider and model.
///
/// Nothing had to be added to the `summaries` rows for this: strategy and template identity are
/// part of `params` because they change the output. Keys that are not `name=value` (the offline
/// summarizer's `extractive`, roll-ups' `rollup`) leave strategy and template nil.
public struct SummaryProvenance: Sendable, Hashable {
    /// `direct`, `few-shot`, `instruction`, `chain-of-thought`; nil when the params name none.
    public var strategy: String?
    /// The template's identity: `builtin:<strategy>` (text versioned by the prompt version) or
    /// `custom:<strategy>:<fnv1a64 of the text>`.
    public var templateHash: String?
    /// The remaining generation parameters (temperature, max_tokens, max_input_tokens…), typed.
    public var parameters: [String: ExportParameter]

    public init(params: String) {
        var strategy: String?
        var template: String?
        var parameters: [String: ExportParameter] = [:]
        for field in params.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = field.firstIndex(of: "=") else { continue }
            let name = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            switch name {
            case "strategy": strategy = value
            case "template": template = value
            default: parameters[name] = ExportParameter(parsing: value)
            }
        }
        self.strategy = strategy
        self.templateHash = template
        self.parameters = parameters
    }
}

/// One generation parameter's value: a number where the fingerprint wrote one, null for
/// `default` (the provider's own default), else the text.
public enum ExportParameter: Sendable, Hashable, Codable {
    case integer(Int)
    case number(Double)
    case text(String)
    case none

    init(parsing value: String) {
        if value == "default" { self = .none }
        else if let int = Int(value) { self = .integer(int) }
        else if let double = Double(value), double.isFinite { self = .number(double) }
        else { self = .text(value) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .none }
        else if let int = try? container.decode(Int.self) { self = .integer(int) }
        else if let double = try? container.decode(Double.self) { self = .number(double) }
        else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .none: try container.encodeNil()
        }
    }
}
