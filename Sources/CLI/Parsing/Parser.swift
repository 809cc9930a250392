#if canImport(Glibc)
import Glibc
#endif

/// What the parser needs from the outside world, injectable for tests.
public struct ParseEnvironment: Sendable {
    public var version: VersionInfo
    public var defaultRoot: String
    /// Consulted only to make a relative `--root` absolute.
    public var workingDirectory: @Sendable () -> String

    public init(version: VersionInfo = .current, defaultRoot: String = GlobalTable.systemRoot,
                workingDirectory: @escaping @Sendable () -> String = { "/" }) {
        self.version = version
        self.defaultRoot = defaultRoot
        self.workingDirectory = workingDirectory
    }

    public static func live(version: VersionInfo) -> ParseEnvironment {
        ParseEnvironment(version: version, defaultRoot: GlobalTable.defaultRoot(), workingDirectory: GoPath.workingDirectory)
    }
}

/// Something to print instead of running a command: help, version, or a usage error.
public struct Response: Sendable, Equatable {
    /// How runc gets the error into its log: `fatal(err)` or, for urfave exit-coder errors
    /// such as "No help topic", its FatalWriter (which keeps urfave's trailing newline).
    public enum ErrorPath: Sendable, Equatable {
        case fatal
        case fatalWriter
    }

    /// Printed on stdout (urfave prints help and "Incorrect Usage" there).
    public var stdout: String
    /// Logged at error level (and echoed to stderr when --log names a file).
    public var error: String?
    public var exitCode: Int32
    public var errorPath: ErrorPath

    public init(stdout: String = "", error: String? = nil, exitCode: Int32 = 0, errorPath: ErrorPath = .fatal) {
        self.stdout = stdout
        self.error = error
        self.exitCode = exitCode
        self.errorPath = errorPath
    }
}

public enum ParseOutcome: Sendable {
    case run(Invocation, GlobalOptions)
    case respond(Response)
}

/// The runc command-line grammar: urfave/cli v1 App.Run then Command.Run, in that order,
/// so that when several things are wrong we report the same one runc would.
public enum Parser {
    public enum GlobalStage: Sendable {
        case proceed(GlobalOptions, rest: ArraySlice<String>)
        case respond(Response)
    }

    /// Both stages without side effects (the log file is not opened).
    public static func parse(_ arguments: [String], environment: ParseEnvironment = ParseEnvironment()) -> ParseOutcome {
        switch parseGlobals(arguments, environment: environment) {
        case .respond(let r): return .respond(r)
        case .proceed(let g, let rest): return parseCommand(rest, globals: g, environment: environment)
        }
    }

    /// Global options up to the command name, then help/version, then runc's `Before` checks.
    public static func parseGlobals(_ arguments: [String], environment env: ParseEnvironment) -> GlobalStage {
        let table = GlobalTable.flags(defaultRoot: env.defaultRoot)
        let parser = FlagSetParser(flags: table, implicitHelp: false)
        var values = FlagValues(count: parser.count)
        var parseError: UsageError? = nil
        var rest = arguments.dropFirst()
        do { rest = try parser.parse(rest, into: &values) } catch { parseError = error }

        let appHelp = { HelpText.app(version: env.version, globalFlags: table) }
        // urfave checks normalizeFlags before the parse error itself.
        do { try parser.checkSingleSpelling(values) } catch {
            return .respond(Response(stdout: error.message + "\n" + appHelp(), error: error.message, exitCode: 1))
        }
        if let e = parseError {
            return .respond(Response(stdout: "Incorrect Usage. \(e.message)\n\n" + appHelp(), error: e.message, exitCode: 1))
        }
        func flag(_ i: Int) -> FlagValue? { values[i] }
        if case .bool(true)? = flag(GlobalTable.Index.help) { return .respond(Response(stdout: appHelp())) }
        if case .bool(true)? = flag(GlobalTable.Index.version) { return .respond(Response(stdout: versionText(env.version))) }

        var g = GlobalOptions(root: env.defaultRoot)
        g.program = arguments.first ?? GlobalTable.programName
        if case .bool(let b)? = flag(GlobalTable.Index.debug) { g.debug = b }
        if case .string(let s)? = flag(GlobalTable.Index.log) { g.log = s }
        if case .string(let s)? = flag(GlobalTable.Index.logFormat) { g.logFormat = s }
        if case .string(let s)? = flag(GlobalTable.Index.criu) { g.criu = s }
        if case .bool(let b)? = flag(GlobalTable.Index.systemdCgroup) { g.systemdCgroup = b }
        if case .string(let s)? = flag(GlobalTable.Index.rootless) { g.rootless = s }
        if case .string(let s)? = flag(GlobalTable.Index.root) {
            g.rootIsSet = true
            g.root = s.isEmpty ? s : GoPath.absolute(s, relativeTo: env.workingDirectory)
        }
        switch g.logFormat {
        case "", "text", "json": break
        default: return .respond(Response(error: "invalid log-format: \(g.logFormat)", exitCode: 1))
        }
        return .proceed(g, rest: rest)
    }

    /// The subcommand, its flags and its argument count.
    public static func parseCommand(_ rest: ArraySlice<String>, globals: GlobalOptions,
                                    environment env: ParseEnvironment) -> ParseOutcome {
        let appHelp = { HelpText.app(version: env.version, globalFlags: GlobalTable.flags(defaultRoot: env.defaultRoot)) }
        guard let name = rest.first else { return .respond(Response(stdout: appHelp())) }
        guard let command = CommandTable.lookup(name) else { return .respond(noHelpTopic(name)) }

        let parser = FlagSetParser(flags: command.flags, implicitHelp: true)
        var values = FlagValues(count: parser.count)
        let tail = rest.dropFirst()
        let args: ArraySlice<String>
        do {
            args = try parser.parse(command.reordersFlags ? parser.reorder(tail)[...] : tail, into: &values)
            try parser.checkSingleSpelling(values)
        } catch {
            return .respond(Response(stdout: HelpText.incorrectUsage(command, error), error: error.message, exitCode: 1))
        }
        if case .bool(true)? = values[command.flags.count] {
            return .respond(Response(stdout: HelpText.command(command)))
        }
        if command.name == "help" {
            guard let topic = args.first else { return .respond(Response(stdout: appHelp())) }
            guard let c = CommandTable.lookup(topic) else { return .respond(noHelpTopic(topic)) }
            return .respond(Response(stdout: HelpText.command(c)))
        }
        if let message = command.arguments.violation(count: args.count, command: command.name, program: globals.program) {
            return .respond(Response(stdout: "Incorrect Usage.\n\n" + HelpText.command(command), error: message, exitCode: 1))
        }
        return .run(Invocation(command: command, args: Array(args), values: values), globals)
    }

    static func noHelpTopic(_ name: String) -> Response {
        Response(error: "No help topic for '\(name)'", exitCode: 3, errorPath: .fatalWriter)
    }
}
