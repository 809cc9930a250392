import XCTest
@testable import CLI
#if canImport(Glibc)
import Glibc
#endif

final class GeneratorTests: XCTestCase {
    func testManPageForEveryCommandMentionsEveryFlag() {
        let pages = ManPages.all()
        XCTAssertEqual(pages.count, CommandTable.all.count)  // swiftlet.8 + all but help
        XCTAssertEqual(Set(pages.map(\.fileName)).count, pages.count)
        for c in CommandTable.all where c.name != "help" {
            guard let page = pages.first(where: { $0.fileName == "swiftlet-\(c.name).8" }) else {
                XCTFail("no man page for \(c.name)")
                continue
            }
            let s = page.content
            XCTAssertTrue(s.contains(".TH \"SWIFTLET-\(c.name.uppercased())\" \"8\""), c.name)
            for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH SEE ALSO"] {
                XCTAssertTrue(s.contains(section), "\(c.name) \(section)")
            }
            XCTAssertEqual(s.contains(".SH OPTIONS"), !c.visibleFlags.isEmpty, c.name)
            for f in c.visibleFlags {
                XCTAssertTrue(s.contains("\\fB\\-\\-\(ManPages.escape(f.name))\\fR"), "\(c.name) --\(f.name)")
            }
            for line in s.split(separator: "\n") where !line.hasPrefix(".") {
                XCTAssertFalse(line.hasPrefix("'"), "unprotected control line in \(c.name): \(line)")
            }
        }
        let main = pages[0].content
        for f in GlobalTable.flags() { XCTAssertTrue(main.contains("\\fB\\-\\-\(ManPages.escape(f.name))\\fR"), f.name) }
        for c in CommandTable.all { XCTAssertTrue(main.contains("\\fB\(c.name)\\fR"), c.name) }
    }

    func testBashCompletionCoversEverything() {
        let s = BashCompletion.script()
        XCTAssertTrue(s.hasSuffix("complete -F _swiftlet swiftlet\n"))
        for c in CommandTable.all {
            XCTAssertTrue(s.contains(" \(c.name)"), c.name)
            for f in c.visibleFlags { XCTAssertTrue(s.contains("--\(f.name)"), "\(c.name) --\(f.name)") }
            XCTAssertTrue(s.contains("_swiftlet_\(c.name)_value_kind()"), c.name)
        }
        for f in GlobalTable.flags() { XCTAssertTrue(s.contains("--\(f.name)"), f.name) }
        XCTAssertTrue(s.contains("--log-format) echo \"text json\" ;;"))
        XCTAssertTrue(s.contains("--bundle|-b) echo \"dir\" ;;"))
    }

    func testZshCompletionCoversEverything() {
        let s = ZshCompletion.script()
        XCTAssertTrue(s.hasPrefix("#compdef swiftlet\n"))
        for c in CommandTable.all {
            XCTAssertTrue(s.contains("'\(c.name):"), c.name)
            for f in c.visibleFlags { XCTAssertTrue(s.contains("--\(f.name)"), "\(c.name) --\(f.name)") }
        }
        XCTAssertTrue(s.contains(#"'(--bundle -b)'{--bundle=,-b}'[path to the root of the bundle directory, defaults to the current directory]:path:_files -/'"#))
        XCTAssertTrue(s.contains(#"'*'{--env=,-e}'[set environment variables]:name=value: '"#))
        XCTAssertTrue(s.contains(#"--rootless='[ignore cgroup permission errors ('\''true'\'', '\''false'\'', or '\''auto'\'')]:true|false|auto:(true false auto)'"#))
    }

    func testScriptsAreSyntacticallyValid() throws {
        try checkSyntax(shell: "/bin/bash", BashCompletion.script())
        if access("/bin/zsh", X_OK) == 0 || access("/usr/bin/zsh", X_OK) == 0 {
            try checkSyntax(shell: access("/bin/zsh", X_OK) == 0 ? "/bin/zsh" : "/usr/bin/zsh", ZshCompletion.script())
        }
    }

    private func checkSyntax(shell: String, _ script: String) throws {
        let path = "/tmp/swiftlet-completion-\(getpid())"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        Output.write(fd, script)
        close(fd)
        defer { unlink(path) }
        XCTAssertEqual(system("\(shell) -n \(path)") , 0, shell)
    }
}
