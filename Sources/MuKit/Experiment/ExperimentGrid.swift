import Foundation
import MuLLM

/// One named list of values from `--param NAME=V1,V2` or `--vary NAME=A,B`.
public struct ExperimentAxis: Sendable, Hashable, Codable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// Parses `NAME=V1,V2` (values trimmed; none may be empty).
    public static func parse(_ text: String, flag: String) throws(ExperimentError) -> ExperimentAxis {
        guard let equals = text.firstIndex(of: "=") else {
            throw .usage("\(flag) \"\(text)\": expected NAME=VALUE1,VALUE2")
        }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !name.isEmpty, !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw .usage("\(flag) \"\(text)\": expected NAME=VALUE1,VALUE2 with a name and no empty value")
        }
        return ExperimentAxis(name: name, values: values)
    }
}

/// The experiment's grid: the cartesian product of strategies, models, parameter values and
/// template variations, expanded in that order (strategy outermost, the last variation innermost).
public struct ExperimentGrid: Sendable, Hashable {
    public var strategies: [PromptStrategy]
    public var models: [String]
    /// `--param`: only ``knownParameters`` may be varied.
    public var parameters: [ExperimentAxis]
    /// `--vary`: fills `{{NAME}}` in the template.
    public var variations: [ExperimentAxis]

    /// Generation parameters a grid may vary, and what each accepts.
    public static let knownParameters = ["temperature", "max_tokens"]

    public init(strategies: [PromptStrategy], models: [String], parameters: [ExperimentAxis] = [],
                variations: [ExperimentAxis] = []) throws(ExperimentError) {
        guard !strategies.isEmpty else { throw .usage("--strategies needs at least one strategy") }
        guard !models.isEmpty else { throw .usage("--models needs at least one model") }
        for axis in parameters {
            guard Self.knownParameters.contains(axis.name) else {
                throw .usage("--param \(axis.name): unknown parameter (known: \(Self.knownParameters.joined(separator: ", ")))")
            }
            for value in axis.values { try Self.check(parameter: axis.name, value: value) }
        }
        for list in [parameters.map(\.name), variations.map(\.name)] where Set(list).count != list.count {
            throw .usage("a --param or --vary name is given twice")
        }
        self.strategies = Self.unique(strategies)
        self.models = Self.unique(models)
        self.parameters = parameters
        self.variations = variations
    }

    /// Parses `--strategies a,b` (the names `summarize --strategy` takes).
    public static func strategies(_ text: String) throws(ExperimentError) -> [PromptStrategy] {
        var result: [PromptStrategy] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let strategy = PromptStrategy(configValue: name) else {
                throw .usage("unknown strategy \"\(name)\" (known: \(PromptStrategy.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            result.append(strategy)
        }
        return result
    }

    /// The cells, in expansion order.
    public var cells: [ExperimentCell] {
        var cells: [ExperimentCell] = []
        let parameterCombinations = Self.product(parameters)
        let variationCombinations = Self.product(variations)
        for strategy in strategies {
            for model in models {
                for parameterValues in parameterCombinations {
                    for variationValues in variationCombinations {
                        cells.append(ExperimentCell(strategy: strategy, model: model,
                                                    parameters: parameterValues, variation: variationValues))
                    }
                }
            }
        }
        return cells
    }

    /// Number of cells without expanding them.
    public var count: Int {
        strategies.count * models.count * (parameters + variations).reduce(1) { $0 * $1.values.count }
    }

    /// Every combination of one value per axis, first axis outermost; `[[]]` for no axes.
    static func product(_ axes: [ExperimentAxis]) -> [[ExperimentCell.Setting]] {
        axes.reduce([[]]) { partial, axis in
            partial.flatMap { prefix in axis.values.map { prefix + [ExperimentCell.Setting(name: axis.name, value: $0)] } }
        }
    }

    static func check(parameter name: String, value: String) throws(ExperimentError) {
        switch name {
        case "temperature":
            guard let number = Double(value), (0...2).contains(number) else {
                throw .usage("--param temperature=\(value): must be a number from 0 to 2")
            }
        case "max_tokens":
            guard let number = Int(value), number >= 1 else {
                throw .usage("--param max_tokens=\(value): must be a whole number of at least 1")
            }
        default: break
        }
    }

    private static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}

/// One cell of the grid: a strategy, a model, one value per varied parameter and per variation.
public struct ExperimentCell: Sendable, Hashable, Codable {
    /// A name and the value it takes in this cell.
    public struct Setting: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
    }

    public var strategy: PromptStrategy
    public var model: String
    public var parameters: [Setting]
    public var variation: [Setting]

    public init(strategy: PromptStrategy, model: String, parameters: [Setting] = [], variation: [Setting] = []) {
        self.strategy = strategy
        self.model = model
        self.parameters = parameters
        self.variation = variation
    }

    /// The cell's name in tables, rows and `--baseline`: `few-shot/gpt-4.1-mini/temperature=0.2/audience=a maintainer`.
    public var id: String {
        ([strategy.rawValue, model] + (parameters + variation).map { "\($0.name)=\($0.value)" }).joined(separator: "/")
    }

    public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
}
