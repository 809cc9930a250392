#if canImport(Glibc)
import Glibc
#endif

/// Minimal TAP producer; the VM harness reads it from the serial console.
enum TAP {
    nonisolated(unsafe) static var passed = 0
    nonisolated(unsafe) static var failed = 0

    static func ok(_ condition: Bool, _ description: String, _ detail: @autoclosure () -> String = "") {
        let n = passed + failed + 1
        if condition {
            passed += 1
            print("ok \(n) - \(description)")
        } else {
            failed += 1
            let d = detail()
            print("not ok \(n) - \(description)" + (d.isEmpty ? "" : " # \(d)"))
        }
        fflush(nil)
    }

    static func equal<T: Equatable>(_ got: T, _ want: T, _ description: String) {
        ok(got == want, description, "got \(got), want \(want)")
    }

    /// Runs `body`; a thrown error is one failed test.
    static func step(_ description: String, _ body: () throws -> Void) {
        do { try body() } catch { ok(false, description, "threw: \(error)") }
    }

    /// Passes when `body` throws an error whose description contains `fragment`.
    static func throwsError(_ description: String, containing fragment: String, _ body: () throws -> Void) {
        do {
            try body()
            ok(false, description, "did not throw")
        } catch {
            ok("\(error)".contains(fragment), description, "error: \(error)")
        }
    }

    static func finish() -> Never {
        print("1..\(passed + failed)")
        print("\(passed) passed, \(failed) failed")
        fflush(nil)
        exit(failed == 0 ? 0 : 1)
    }
}
