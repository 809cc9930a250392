/// A parsed subcommand: which command, its positional arguments, and its flag values.
///
/// Read flags with the accessor matching the flag's kind in the command table; an unset
/// flag yields the table's default (like urfave's `context.String(...)` etc.). Asking for a
/// flag the command does not define, or with the wrong kind, is a programming error and traps.
public struct Invocation: Sendable {
    public let command: CommandSpec
    /// Positional arguments in order, e.g. `[id]` or, for exec, `[id, "sh", "-c", "x"]`.
    public let args: [String]
    let values: FlagValues

    init(command: CommandSpec, args: [String], values: FlagValues) {
        self.command = command
        self.args = args
        self.values = values
    }

    public var name: String { command.name }

    /// The first positional argument (the container id for most commands), or "".
    public var containerID: String { args.first ?? "" }

    /// True when the flag appeared on the command line (any spelling), even with its default value.
    public func isSet(_ flag: String) -> Bool {
        values[slot(flag, nil)] != nil
    }

    public func bool(_ flag: String) -> Bool {
        let i = slot(flag, .bool)
        if case .bool(let b)? = values[i] { return b }
        return GoValueSyntax.parseBool(spec(i).defaultValue) ?? false
    }

    public func string(_ flag: String) -> String {
        let i = slot(flag, .string)
        if case .string(let s)? = values[i] { return s }
        return spec(i).defaultValue
    }

    /// Non-nil only when the flag was given; for handlers that distinguish "unset" from "".
    public func optionalString(_ flag: String) -> String? {
        let i = slot(flag, .string)
        if case .string(let s)? = values[i] { return s }
        return nil
    }

    public func int(_ flag: String) -> Int {
        let i = slot(flag, .int)
        if case .int(let n)? = values[i] { return Int(n) }
        return defaultInt(i)
    }

    public func uint(_ flag: String) -> UInt {
        let i = slot(flag, .uint)
        if case .uint(let n)? = values[i] { return UInt(n) }
        return UInt(defaultInt(i))
    }

    /// All occurrences of a repeatable string flag, in command-line order.
    public func strings(_ flag: String) -> [String] {
        let i = slot(flag, .stringList)
        if case .strings(let list)? = values[i] { return list }
        return []
    }

    /// All occurrences of a repeatable integer flag (exec --additional-gids).
    public func int64s(_ flag: String) -> [Int64] {
        let i = slot(flag, .int64List)
        if case .int64s(let list)? = values[i] { return list }
        return []
    }

    /// A duration flag in nanoseconds (events --interval; default 5s).
    public func durationNanoseconds(_ flag: String) -> Int64 {
        let i = slot(flag, .duration)
        if case .duration(let ns)? = values[i] { return ns }
        return GoValueSyntax.parseDuration(spec(i).defaultValue) ?? 0
    }

    private var parser: FlagSetParser { FlagSetParser(flags: command.flags, implicitHelp: true) }

    private func spec(_ i: Int) -> FlagSpec { parser.spec(i) }

    private func defaultInt(_ i: Int) -> Int {
        let d = spec(i).defaultValue
        if d.isEmpty { return 0 }
        if case .success(let n) = GoValueSyntax.parseInt64(d) { return Int(n) }
        return 0
    }

    private func slot(_ flag: String, _ kind: FlagKind?) -> Int {
        guard let i = parser.index(of: flag) else {
            preconditionFailure("swiftlet \(command.name): no flag named --\(flag) in the command table")
        }
        if let kind, spec(i).kind != kind {
            preconditionFailure("swiftlet \(command.name): --\(flag) is \(spec(i).kind), not \(kind)")
        }
        return i
    }
}
