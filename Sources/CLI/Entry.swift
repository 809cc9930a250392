/// Entry point for the `swiftlet` executable: `exit(CLI.main(arguments: CommandLine.arguments))`.
///
/// Parses exactly as runc 1.1.5 does, prints help/version/usage errors itself (stdout for
/// help and "Incorrect Usage", the log for the error line, exit 1, or 3 for an unknown
/// command), then hands a valid invocation to `Dispatch.run`.
public func main(arguments: [String]) -> Int32 {
    main(arguments: arguments, version: .current)
}

public func main(arguments: [String], version: VersionInfo) -> Int32 {
    let env = ParseEnvironment.live(version: version)
    switch Parser.parseGlobals(arguments, environment: env) {
    case .respond(let response):
        return response.emit(via: Logger())
    case .proceed(var globals, let rest):
        switch Logger.configured(for: globals) {
        case .failure(let e):
            // runc has already switched logrus to JSON when only the log file fails to open.
            Logger(format: globals.logFormat == "json" ? .json : .text).fatal(e.message)
            return 1
        case .success(let logger):
            globals.logger = logger
        }
        switch Parser.parseCommand(rest, globals: globals, environment: env) {
        case .respond(let response):
            return response.emit(via: globals.logger)
        case .run(let invocation, let globals):
            return Dispatch.run(invocation, globals: globals)
        }
    }
}

extension Response {
    /// Prints the response the way runc does and returns its exit status.
    func emit(via logger: Logger) -> Int32 {
        if !stdout.isEmpty { Output.write(1, stdout) }
        if let message = error {
            switch errorPath {
            case .fatal: logger.fatal(message)
            case .fatalWriter: logger.fatalWriterLine(message)
            }
        }
        return exitCode
    }
}
