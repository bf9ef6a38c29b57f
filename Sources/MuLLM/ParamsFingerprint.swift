/// The part of a summary cache key that describes how the question was
/// asked: sampling parameters, strategy and template. Stable across runs and
/// platforms; any change to what shapes the output changes it.
public enum ParamsFingerprint {
    /// e.g. `temperature=0.2;max_tokens=300;strategy=direct;template=builtin:direct;max_input_tokens=8000`
    /// (the input cap only when there is one: it changes what a long body's summary is made from;
    /// `quality=…` only for non-default `[quality]` criteria: they change which replies are accepted).
    public static func make(parameters: CompletionParameters, template: PromptTemplate, maxInputTokens: Int? = nil,
                            quality: QualityCriteria = .standard) -> String {
        let temperature = parameters.temperature.map(format) ?? "default"
        return ([
            "temperature=\(temperature)",
            "max_tokens=\(parameters.maxTokens)",
            "strategy=\(template.strategy.rawValue)",
            "template=\(template.fingerprint)",
        ] + (maxInputTokens.map { ["max_input_tokens=\($0)"] } ?? [])
          + (quality.fingerprint.map { ["quality=\($0)"] } ?? [])).joined(separator: ";")
    }

    /// A short hash of ``make(parameters:template:)`` for places that want a fixed-width value.
    public static func hash(parameters: CompletionParameters, template: PromptTemplate) -> String {
        StableHash.fnv1a64(make(parameters: parameters, template: template))
    }

    /// Three decimals, trailing zeros dropped: 0.2 → `0.2`, 1 → `1`.
    static func format(_ value: Double) -> String {
        let scaled = (value * 1000).rounded()
        let integer = Int(scaled) / 1000
        var fraction = String(abs(Int(scaled)) % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && integer == 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(integer)" : "\(sign)\(integer).\(fraction)"
    }
}
