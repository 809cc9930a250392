/// How a flag's value is read from the command line. The kinds mirror the urfave/cli v1
/// flag types runc uses, because each has its own parse rules and error wording.
public enum FlagKind: Sendable, Equatable {
    /// `--flag` or `--flag=true|false`; never consumes the next argument.
    case bool
    case string
    /// Go `strconv.ParseInt(s, 0, 64)`: accepts 0x/0o/0b/0 prefixes and `_` separators.
    case int
    case uint
    /// Go `time.ParseDuration` ("5s", "1m30s"); stored as nanoseconds.
    case duration
    /// Repeatable; every occurrence appends (no comma splitting, as in urfave/cli v1).
    case stringList
    /// Repeatable; each occurrence parsed like `int` but errors carry strconv's wording.
    case int64List

    public var takesValue: Bool { self != .bool }
    public var isRepeatable: Bool { self == .stringList || self == .int64List }
}

/// What a flag's value names, for shell completion and man-page placeholders.
public enum ValueHint: Sendable, Equatable {
    case none
    case file
    case directory
    case choices([String])
}

/// One command-line flag: data only, shared by the parser, help, man pages and completions.
public struct FlagSpec: Sendable {
    /// Long name first, then short aliases, in the order runc's help lists them.
    public let names: [String]
    public let kind: FlagKind
    /// Default as runc's help prints it ("" means none); typed accessors parse it.
    public let defaultValue: String
    /// Man-page placeholder (`path`, `N`, ...); help output always says `value` like runc.
    public let placeholder: String
    public let usage: String
    /// Accepted but not shown in help (runc's obsolete `update --kernel-memory`).
    public let hidden: Bool
    public let hint: ValueHint

    public init(_ names: [String], _ kind: FlagKind, default defaultValue: String = "",
                placeholder: String = "value", hint: ValueHint = .none, hidden: Bool = false,
                usage: String) {
        self.names = names
        self.kind = kind
        self.defaultValue = defaultValue
        self.placeholder = placeholder
        self.usage = usage
        self.hidden = hidden
        self.hint = hint
    }

    public var name: String { names[0] }

    @inline(__always)
    func matches<S: StringProtocol>(_ candidate: S) -> Bool {
        for n in names where n == candidate { return true }
        return false
    }
}

extension FlagSpec {
    static func bool(_ names: String..., hidden: Bool = false, usage: String) -> FlagSpec {
        FlagSpec(names, .bool, placeholder: "", hidden: hidden, usage: usage)
    }

    static func string(_ names: String..., default d: String = "", placeholder: String = "value",
                       hint: ValueHint = .none, hidden: Bool = false, usage: String) -> FlagSpec {
        FlagSpec(names, .string, default: d, placeholder: placeholder, hint: hint, hidden: hidden, usage: usage)
    }

    static func int(_ names: String..., default d: String = "0", placeholder: String = "N",
                    usage: String) -> FlagSpec {
        FlagSpec(names, .int, default: d, placeholder: placeholder, usage: usage)
    }

    static func stringList(_ names: String..., placeholder: String = "value", hint: ValueHint = .none,
                           usage: String) -> FlagSpec {
        FlagSpec(names, .stringList, placeholder: placeholder, hint: hint, usage: usage)
    }

    /// urfave adds `--help, -h` to every command; it parses and reorders like any flag but
    /// is not listed in a command's OPTIONS.
    static let help = FlagSpec.bool("help", "h", usage: "show help")
    static let version = FlagSpec.bool("version", "v", usage: "print the version")
}
