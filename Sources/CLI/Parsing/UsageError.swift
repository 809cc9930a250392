/// A command line that cannot be parsed. `message` is byte-for-byte what runc (Go's flag
/// package under urfave/cli v1) reports, because scripts and tests match on it.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func undefined<S: StringProtocol>(_ name: S) -> UsageError {
        UsageError("flag provided but not defined: -\(name)")
    }

    static func needsArgument<S: StringProtocol>(_ name: S) -> UsageError {
        UsageError("flag needs an argument: -\(name)")
    }

    static func badSyntax(_ arg: String) -> UsageError {
        UsageError("bad flag syntax: \(arg)")
    }

    static func invalidBool<S: StringProtocol>(_ value: S, _ name: S) -> UsageError {
        UsageError("invalid boolean value \(GoValueSyntax.quote(String(value))) for -\(name): parse error")
    }

    /// Go's flag package collapses strconv errors to "parse error" / "value out of range".
    static func invalidValue<S: StringProtocol>(_ value: S, _ name: S, _ error: GoValueSyntax.NumberError) -> UsageError {
        let reason = error == .range ? "value out of range" : "parse error"
        return UsageError("invalid value \(GoValueSyntax.quote(String(value))) for flag -\(name): \(reason)")
    }

    /// urfave's Int64Slice passes strconv's own error text through.
    static func invalidListValue<S: StringProtocol>(_ value: S, _ name: S, _ error: GoValueSyntax.NumberError) -> UsageError {
        let q = GoValueSyntax.quote(String(value))
        let reason = error == .range ? "value out of range" : "invalid syntax"
        return UsageError("invalid value \(q) for flag -\(name): strconv.ParseInt: parsing \(q): \(reason)")
    }

    /// urfave's normalizeFlags: two spellings of one flag on the same command line.
    static func twoForms(_ second: String, _ first: String) -> UsageError {
        UsageError("Cannot use two forms of the same flag: \(second) \(first)")
    }
}
