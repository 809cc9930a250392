import CShims
@testable import ProcessSetup
import KernelTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class FileDescriptorTests: XCTestCase {
    func testRangesSkipTheExemptFds() {
        let r = FDCleanup.ranges(except: [7, 3, 9, 9, 1])
        XCTAssertEqual(r.map(\.first), [4, 8, 10])
        XCTAssertEqual(r.map(\.last), [6, 8, UInt32.max])
        XCTAssertEqual(FDCleanup.ranges(except: []).map(\.first), [3])
    }

    func testOnlyKeptFdsSurvive() {
        Forked.run { report in
            let keep = open("/dev/null", O_RDONLY | O_CLOEXEC)
            let untilExec = open("/dev/null", O_RDONLY)
            let host = open("/", O_RDONLY | O_DIRECTORY)
            let high = dup2(host, 900)
            do throws(ProcessSetupError) { try FDCleanup.closeAllExcept(keep: [keep, report], untilExec: [untilExec]) } catch { return "\(error)" }
            var c = Checks()
            c.expect(fcntl(keep, F_GETFD), 0, "kept fd without FD_CLOEXEC")
            c.expect(fcntl(report, F_GETFD), 0, "report fd kept")
            c.expect(fcntl(untilExec, F_GETFD), FD_CLOEXEC, "untilExec fd marked FD_CLOEXEC")
            c.expect(fcntl(host, F_GETFD), -1, "host directory fd closed")
            c.expect(fcntl(high, F_GETFD), -1, "high fd closed")
            c.expect(fcntl(1, F_GETFD) >= 0, true, "stdio untouched")
            return c.result
        }
    }

    func testMarkCloseOnExec() {
        Forked.run { report in
            let fd = open("/dev/null", O_RDONLY)
            do throws(ProcessSetupError) { try FDCleanup.markCloseOnExecExcept(keep: [report]) } catch { return "\(error)" }
            var c = Checks()
            c.expect(fcntl(fd, F_GETFD), FD_CLOEXEC, "marked")
            c.expect(fcntl(report, F_GETFD), 0, "kept")
            return c.result
        }
    }

    func testWorkingDirectory() {
        Forked.run { _ in
            do throws(ProcessSetupError) {
                let cwd = try WorkingDirectory.begin("/tmp")
                if cwd.pending { return "pending as root" }
                try cwd.complete()
            } catch { return "\(error)" }
            do throws(ProcessSetupError) {
                _ = try WorkingDirectory.begin("/nonexistent-swiftlet")
                return "entered a missing directory"
            } catch {
                return error.field == "process.cwd" && error.errno == ENOENT ? nil : "\(error)"
            }
        }
    }

    func testWorkingDirectoryRetriedAfterUserSwitch() {
        // A 0700 directory owned by the container user: root without CAP_DAC_* cannot
        // enter it, the container user can.
        let dir = "/tmp/swiftlet-cwd-\(getpid())"
        mkdir(dir, 0o700)
        chown(dir, 1000, 1000)
        defer { rmdir(dir) }
        Forked.run { _ in
            var sets = CapabilitySets(nil, lastCap: Capabilities.kernelLastCap())
            sets.bounding = ~0 >> (63 - UInt64(sets.lastCap))
            // Keep only what the switch needs: SETUID, SETGID, SETPCAP.
            sets.permitted = 1 << 6 | 1 << 7 | 1 << 8
            sets.effective = sets.permitted
            do throws(ProcessSetupError) {
                try Capabilities.apply(sets)
                let cwd = try WorkingDirectory.begin(dir)
                if !cwd.pending { return "root entered a 0700 directory without CAP_DAC_OVERRIDE" }
                try UserSwitch.apply(.init(uid: 1000, gid: 1000))
                try cwd.complete()
            } catch { return "\(error)" }
            let here = getcwd(nil, 0).map { p -> String in defer { free(p) }; return String(cString: p) }
            return here == dir ? nil : "cwd is \(here ?? "?")"
        }
    }
}
