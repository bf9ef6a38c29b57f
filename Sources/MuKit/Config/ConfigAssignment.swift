/// One checked value from one layer, ready to be applied over the layers below it.
struct ConfigAssignment: Sendable {
    let setting: ConfigSetting
    /// The `*` component of the setting's path (a model name), or "".
    let name: String
    let value: ConfigValue
    let source: ConfigSource

    var key: String { setting.key(name: name) }

    /// Checks `value` for `setting`, turning a refusal into a `ConfigError` located at `location`.
    static func checked(
        _ value: ConfigValue, for setting: ConfigSetting, name: String = "", at location: ConfigLocation
    ) throws(ConfigError) -> ConfigAssignment {
        switch setting.kind.check(value) {
        case .success(let value):
            return ConfigAssignment(setting: setting, name: name, value: value, source: location.source)
        case .failure(let problem):
            throw problem.error(at: location, key: setting.key(name: name))
        }
    }
}

extension ConfigValueKind.Problem {
    func error(at location: ConfigLocation, key: String) -> ConfigError {
        switch self {
        case .wrongType(let expected, let found):
            .wrongType(location, key: key, expected: expected, found: found)
        case .invalidChoice(let value, let allowed):
            .invalidChoice(location, key: key, value: value, allowed: allowed)
        case .invalidValue(let value, let requirement):
            .invalidValue(location, key: key, value: value, requirement: requirement)
        }
    }
}
