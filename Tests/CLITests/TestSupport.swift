import XCTest
@testable import CLI

/// Parses `swiftlet <words>` with a fixed environment (cwd /work, default root /run/swiftlet).
func parse(_ words: [String], program: String = "swiftlet") -> ParseOutcome {
    let env = ParseEnvironment(version: .current, defaultRoot: GlobalTable.systemRoot, workingDirectory: { "/work" })
    return Parser.parse([program] + words, environment: env)
}

func invocation(_ words: [String], file: StaticString = #filePath, line: UInt = #line) -> (Invocation, GlobalOptions)? {
    switch parse(words) {
    case .run(let inv, let g):
        return (inv, g)
    case .respond(let r):
        XCTFail("expected a command to run for \(words), got \(r)", file: file, line: line)
        return nil
    }
}

func response(_ words: [String], program: String = "swiftlet",
              file: StaticString = #filePath, line: UInt = #line) -> Response? {
    switch parse(words, program: program) {
    case .run(let inv, _):
        XCTFail("expected a response for \(words), got command \(inv.name) \(inv.args)", file: file, line: line)
        return nil
    case .respond(let r):
        return r
    }
}

/// runc 1.1.5's help text for a command, as recorded (runc -> swiftlet).
func helpOf(_ command: String) -> String {
    HelpText.command(CommandTable.lookup(command)!)
}
