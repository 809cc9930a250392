import XCTest
@testable import CLI

final class HelpTests: XCTestCase {
    static let recorded: [(String, String)] = [
        ("checkpoint", RuncRecorded.checkpoint), ("create", RuncRecorded.create), ("delete", RuncRecorded.delete),
        ("events", RuncRecorded.events), ("exec", RuncRecorded.exec), ("features", RuncRecorded.features),
        ("kill", RuncRecorded.kill), ("list", RuncRecorded.list), ("pause", RuncRecorded.pause),
        ("ps", RuncRecorded.ps), ("restore", RuncRecorded.restore), ("resume", RuncRecorded.resume),
        ("run", RuncRecorded.run), ("spec", RuncRecorded.spec), ("start", RuncRecorded.start),
        ("state", RuncRecorded.state), ("update", RuncRecorded.update),
    ]

    func testEveryCommandHelpMatchesRunc() {
        XCTAssertEqual(Self.recorded.count, CommandTable.all.count - 1, "every command but help is recorded")
        for (name, expected) in Self.recorded {
            XCTAssertEqual(helpOf(name), expected, name)
        }
    }

    func testAllHelpSpellingsPrintTheSameScreen() {
        for (name, expected) in Self.recorded {
            var spellings = [[name, "--help"], [name, "-h"], [name, "-help"], ["help", name], ["h", name],
                             ["--debug", name, "--help"], ["help", name, "extra"]]
            if name != "exec" && name != "ps" { spellings.append([name, "x", "--help"]) }
            for words in spellings {
                guard let r = response(words) else { continue }
                XCTAssertEqual(r, Response(stdout: expected), "\(words)")
            }
        }
        // exec and ps do not reorder, so a trailing --help belongs to the program.
        XCTAssertEqual(invocation(["exec", "x", "ls", "--help"])?.0.args, ["x", "ls", "--help"])
        // --help=false is honoured.
        XCTAssertEqual(invocation(["start", "--help=false", "x"])?.0.args, ["x"])
    }

    func testAppHelpMatchesRunc() {
        XCTAssertEqual(HelpText.app(version: .current), RuncRecorded.app)
        for words in [[], ["--help"], ["-h"], ["help"], ["h"], ["--debug"], ["-h=true", "list"], ["--help", "start"]] {
            XCTAssertEqual(response(words), Response(stdout: RuncRecorded.app), "\(words)")
        }
    }

    func testSectionsPresentForEveryCommand() {
        for c in CommandTable.all {
            let text = HelpText.command(c)
            XCTAssertTrue(text.hasPrefix("NAME:\n   swiftlet \(c.name) - \(c.summary)\n\nUSAGE:\n   swiftlet \(c.name)"), c.name)
            XCTAssertTrue(text.contains("USAGE:\n   \(c.usageLine)"), c.name)
            XCTAssertEqual(text.contains("\nDESCRIPTION:\n"), !c.description.isEmpty, c.name)
            XCTAssertEqual(text.contains("\nOPTIONS:\n"), !c.visibleFlags.isEmpty, c.name)
            for f in c.visibleFlags {
                XCTAssertTrue(text.contains("   --\(f.name)"), "\(c.name) --\(f.name)")
            }
        }
    }

    func testUsageLines() {
        XCTAssertEqual(CommandTable.create.usageLine, "swiftlet create [command options] <container-id>")
        XCTAssertEqual(CommandTable.start.usageLine, "swiftlet start <container-id>")
        XCTAssertEqual(CommandTable.features.usageLine, "swiftlet features [arguments...]")
        XCTAssertEqual(CommandTable.list.usageLine, "swiftlet list [command options] ")
    }

    func testHelpCommandHelpHasAProgramName() {
        // runc prints an empty name here (a urfave quirk); we print ours.
        XCTAssertEqual(response(["help", "help"])?.stdout, """
            NAME:
               swiftlet help - Shows a list of commands or help for one command

            USAGE:
               swiftlet help [command]

            """)
    }

    func testVersion() {
        let expected = "swiftlet version 0.1.0\ncommit: unknown\nspec: 1.3.0\nlibseccomp: unknown\n"
        for words in [["--version"], ["-v"], ["-version"], ["--version", "foo"], ["-v", "list", "--bogus"]] {
            XCTAssertEqual(response(words), Response(stdout: expected), "\(words)")
        }
        XCTAssertEqual(versionText(version: "0.1.0", commit: "abc123", spec: "1.3.0", libseccomp: "2.5.4"),
                       "swiftlet version 0.1.0\ncommit: abc123\nspec: 1.3.0\nlibseccomp: 2.5.4\n")
        XCTAssertEqual(invocation(["-v=false", "list"])?.0.name, "list")
    }

    func testTabAlignmentRestartsAfterLinesWithoutTabs() {
        XCTAssertEqual(TabAlign.apply("a\tx\nlonger\ty\n\nb\tz\n"), "a       x\nlonger  y\n\nb  z\n")
    }
}
