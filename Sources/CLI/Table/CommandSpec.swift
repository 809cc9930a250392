/// How many positional arguments a command accepts. Mirrors runc's `checkArgs` calls,
/// including their order (kill checks the minimum before the maximum).
public enum ArgumentCount: Sendable, Equatable {
    case exactly(Int)
    case atLeast(Int)
    case between(Int, Int)
    case any

    /// runc's wording: `<argv0>: "<cmd>" requires exactly 1 argument(s)`.
    func violation(count: Int, command: String, program: String) -> String? {
        switch self {
        case .exactly(let n) where count != n:
            return "\(program): \"\(command)\" requires exactly \(n) argument(s)"
        case .atLeast(let n) where count < n:
            return "\(program): \"\(command)\" requires a minimum of \(n) argument(s)"
        case .between(let lo, _) where count < lo:
            return "\(program): \"\(command)\" requires a minimum of \(lo) argument(s)"
        case .between(_, let hi) where count > hi:
            return "\(program): \"\(command)\" requires a maximum of \(hi) argument(s)"
        default:
            return nil
        }
    }
}

/// What the first positional argument is, for completions.
public enum PositionalHint: Sendable, Equatable {
    case none
    case containerID
    case commandName
}

/// One subcommand: data only. Texts follow runc 1.1.5's help with our program name.
public struct CommandSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// One-line summary (urfave's `Usage`), shown in the command list and NAME section.
    public let summary: String
    /// Text after the usage line (urfave's `ArgsUsage`); may span lines.
    public let argsUsage: String
    public let description: String
    public let flags: [FlagSpec]
    public let arguments: ArgumentCount
    /// urfave/cli v1 moves known flags found after positionals to the front unless the
    /// command sets SkipArgReorder (runc: exec and ps, whose trailing args belong to a program).
    public let reordersFlags: Bool
    /// Man-page SYNOPSIS lines after `swiftlet <name>`.
    public let synopsis: [String]
    public let positional: PositionalHint
    public let seeAlso: [String]

    public init(name: String, aliases: [String] = [], summary: String, argsUsage: String = "",
                description: String = "", flags: [FlagSpec] = [], arguments: ArgumentCount,
                reordersFlags: Bool = true, synopsis: [String], positional: PositionalHint = .containerID,
                seeAlso: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.argsUsage = argsUsage
        self.description = description
        self.flags = flags
        self.arguments = arguments
        self.reordersFlags = reordersFlags
        self.synopsis = synopsis
        self.positional = positional
        self.seeAlso = seeAlso
    }

    public var names: [String] { [name] + aliases }

    /// The help's usage line, e.g. `swiftlet create [command options] <container-id>`.
    public var usageLine: String {
        let args = argsUsage.isEmpty ? "[arguments...]" : String(argsUsage.prefix { $0 != "\n" })
        return "\(GlobalTable.programName) \(name)" + (visibleFlags.isEmpty ? "" : " [command options]") + " " + args
    }

    public var visibleFlags: [FlagSpec] { flags.filter { !$0.hidden } }
}
