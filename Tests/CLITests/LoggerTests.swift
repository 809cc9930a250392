import XCTest
@testable import CLI
#if canImport(Glibc)
import Glibc
#endif

/// Log lines in logrus' formats, compared with lines runc 1.1.5 wrote.
final class LoggerTests: XCTestCase {
    let time = LogTime(rfc3339: "2026-11-27T09:11:10Z", secondsSinceStart: 0)

    func testTextFormatMatchesRunc() {
        let logger = Logger()
        XCTAssertEqual(logger.render(.error, #"swiftlet: "start" requires exactly 1 argument(s)"#, time: time, terminal: false),
                       #"time="2026-11-27T09:11:10Z" level=error msg="swiftlet: \"start\" requires exactly 1 argument(s)""# + "\n")
        XCTAssertEqual(logger.render(.error, "No help topic for 'foo'\n", time: time, terminal: false),
                       #"time="2026-11-27T09:11:10Z" level=error msg="No help topic for 'foo'\n""# + "\n")
        XCTAssertEqual(logger.render(.warning, "plain-word_1.2/x@y^z+", time: time, terminal: false),
                       #"time="2026-11-27T09:11:10Z" level=warning msg=plain-word_1.2/x@y^z+"# + "\n")
    }

    func testJSONFormatMatchesRunc() {
        let logger = Logger(format: .json)
        XCTAssertEqual(logger.render(.error, #"swiftlet: "start" requires exactly 1 argument(s)"#, time: time, terminal: false),
                       #"{"level":"error","msg":"swiftlet: \"start\" requires exactly 1 argument(s)","time":"2026-11-27T09:11:10Z"}"# + "\n")
        XCTAssertEqual(LogEncoding.json("<a&b>\n\u{1}\u{2028}"), #""\u003ca\u0026b\u003e\n\u0001\u2028""#)
    }

    func testTerminalFormatMatchesRunc() {
        // Recorded from `runc start` with stderr on a pty.
        XCTAssertEqual(Logger().render(.error, #"swiftlet: "start" requires exactly 1 argument(s)"#, time: time, terminal: true),
                       "\u{1B}[31mERRO\u{1B}[0m[0000] swiftlet: \"start\" requires exactly 1 argument(s)" + String(repeating: " ", count: 1) + "\n")
        XCTAssertEqual(Logger().render(.error, "No help topic for 'foo'\n", time: time, terminal: true),
                       "\u{1B}[31mERRO\u{1B}[0m[0000] No help topic for 'foo'" + String(repeating: " ", count: 21) + " \n")
    }

    func testTimestampIsRFC3339() {
        let t = LogTime.now().rfc3339
        XCTAssertEqual(t.count == 20 ? t.last : "Z", "Z")
        XCTAssertTrue(t.count == 20 || t.count == 25, t)
        XCTAssertEqual(Array(t)[10], "T")
    }

    func testConfiguredLogger() throws {
        var g = GlobalOptions()
        g.logFormat = "json"
        g.debug = true
        let l = try Logger.configured(for: g).get()
        XCTAssertEqual(l.format, .json)
        XCTAssertEqual(l.threshold, .debug)
        XCTAssertTrue(l.logsToStderr)
        g.logFormat = "xml"
        XCTAssertEqual(Logger.configured(for: g).failureMessage, "invalid log-format: xml")
        g.logFormat = "text"
        g.log = "/nonexistent-dir/x.log"
        XCTAssertEqual(Logger.configured(for: g).failureMessage, "open /nonexistent-dir/x.log: no such file or directory")
    }

    func testLogFileReceivesEntriesAndStderrGetsTheMessage() throws {
        let path = "/tmp/swiftlet-cli-test-\(getpid()).log"
        defer { unlink(path) }
        var g = GlobalOptions()
        g.log = path
        let l = try Logger.configured(for: g).get()
        XCTAssertFalse(l.logsToStderr)
        l.debug("dropped below threshold")
        l.error("boom")
        close(l.fd)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buf, buf.count)
        let text = String(decoding: buf[0..<max(0, n)], as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("time=\""), text)
        XCTAssertTrue(text.hasSuffix(" level=error msg=boom\n"), text)
        XCTAssertFalse(text.contains("dropped"))
    }
}

extension Result where Failure == UsageError {
    var failureMessage: String? {
        if case .failure(let e) = self { return e.message }
        return nil
    }
}
