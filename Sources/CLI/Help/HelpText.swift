/// Help screens in urfave/cli v1's templates as runc shows them (NAME / USAGE / VERSION /
/// DESCRIPTION / COMMANDS / OPTIONS), so the output matches runc's line for line.
public enum HelpText {
    /// `swiftlet --help`, `swiftlet help`, or a bare `swiftlet`.
    public static func app(version: VersionInfo, globalFlags: [FlagSpec] = GlobalTable.flags(),
                           commands: [CommandSpec] = CommandTable.all) -> String {
        let name = GlobalTable.programName
        var s = "NAME:\n   \(name) - \(GlobalTable.summary)\n\n\(GlobalTable.description)\n\n"
        s += "USAGE:\n   \(name) [global options] command [command options] [arguments...]\n\n"
        s += "VERSION:\n   \(version.block)\n\n"
        s += "COMMANDS:"
        for c in commands {
            s += "\n   \(c.names.joined(separator: ", "))\t\(c.summary)"
        }
        s += "\n\nGLOBAL OPTIONS:\n   "
        s += globalFlags.filter { !$0.hidden }.map(flagLine).joined(separator: "\n   ")
        s += "\n"
        return TabAlign.apply(s)
    }

    /// `swiftlet <command> --help` and `swiftlet help <command>`.
    public static func command(_ c: CommandSpec) -> String {
        let helpName = "\(GlobalTable.programName) \(c.name)"
        let flags = c.visibleFlags
        var s = "NAME:\n   \(helpName) - \(c.summary)\n\nUSAGE:\n   \(helpName)"
        if !flags.isEmpty { s += " [command options]" }
        s += " " + (c.argsUsage.isEmpty ? "[arguments...]" : c.argsUsage)
        if !c.description.isEmpty { s += "\n\nDESCRIPTION:\n   \(c.description)" }
        if !flags.isEmpty {
            s += "\n\nOPTIONS:\n   "
            for f in flags { s += flagLine(f) + "\n   " }
        }
        s += "\n"
        return TabAlign.apply(s)
    }

    /// One OPTIONS entry before alignment: `--name value, -n value<TAB>usage (default: x)`.
    static func flagLine(_ f: FlagSpec) -> String {
        let names = f.names.map { n in
            (n.count == 1 ? "-" : "--") + n + (f.kind.takesValue ? " value" : "")
        }.joined(separator: ", ")
        return names + "\t" + trimmed(f.usage + defaultSuffix(f))
    }

    /// urfave prints an int's default even when zero, a string's only when non-empty (quoted).
    static func defaultSuffix(_ f: FlagSpec) -> String {
        switch f.kind {
        case .bool, .stringList, .int64List:
            return ""
        case .int, .uint:
            return " (default: \(f.defaultValue.isEmpty ? "0" : f.defaultValue))"
        case .duration:
            return " (default: \(f.defaultValue.isEmpty ? "0s" : f.defaultValue))"
        case .string:
            return f.defaultValue.isEmpty ? "" : " (default: \(GoValueSyntax.quote(f.defaultValue)))"
        }
    }

    static func trimmed(_ s: String) -> String {
        var sub = s[...]
        while let c = sub.first, c.isWhitespace { sub = sub.dropFirst() }
        while let c = sub.last, c.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }

    /// Text for `swiftlet <cmd>` errors that urfave prints before the command's help.
    static func incorrectUsage(_ c: CommandSpec, _ error: UsageError) -> String {
        "Incorrect Usage: \(error.message)\n\n" + command(c)
    }
}

/// What `--version` reports. The lead fills in the build's commit and library versions.
public struct VersionInfo: Sendable, Equatable {
    public var version: String
    public var commit: String
    public var spec: String
    public var libseccomp: String

    public init(version: String, commit: String, spec: String, libseccomp: String) {
        self.version = version
        self.commit = commit
        self.spec = spec
        self.libseccomp = libseccomp
    }

    public static let current = VersionInfo(version: "0.1.0", commit: "unknown", spec: "1.3.0", libseccomp: "unknown")

    /// runc's version string: shown after "VERSION:" in help and after "version " below.
    var block: String { "\(version)\ncommit: \(commit)\nspec: \(spec)\nlibseccomp: \(libseccomp)" }
}

/// `swiftlet --version` output, in runc's line format (without runc's "go:" line).
public func versionText(version: String, commit: String, spec: String, libseccomp: String) -> String {
    "\(GlobalTable.programName) version \(VersionInfo(version: version, commit: commit, spec: spec, libseccomp: libseccomp).block)\n"
}

public func versionText(_ info: VersionInfo) -> String {
    versionText(version: info.version, commit: info.commit, spec: info.spec, libseccomp: info.libseccomp)
}
