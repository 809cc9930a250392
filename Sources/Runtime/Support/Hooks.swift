import OCISpec
#if canImport(Glibc)
import Glibc
#endif

/// Runs one kind of lifecycle hook with the container state on stdin
/// (runtime.md "Hooks"). A failing hook is an error for the caller to handle;
/// poststart and poststop callers only warn, as the spec says.
enum HookRunner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the hooks in order and stops at the first failure.
    static func run(_ hooks: [Spec.Hook]?, kind: String, state: State) throws(Failure) {
        guard let hooks, !hooks.isEmpty else { return }
        let input = Array(JSON.encode(state).utf8)
        for (i, hook) in hooks.enumerated() {
            if let failure = runOne(hook, field: "hooks.\(kind)[\(i)]", input: input) { throw failure }
        }
    }

    /// poststop: "If any poststop hook fails, the runtime MUST log a warning,
    /// but the remaining hooks and lifecycle continue".
    static func runAllWarning(_ hooks: [Spec.Hook]?, kind: String, state: State) {
        guard let hooks, !hooks.isEmpty else { return }
        let input = Array(JSON.encode(state).utf8)
        for (i, hook) in hooks.enumerated() {
            if let failure = runOne(hook, field: "hooks.\(kind)[\(i)]", input: input) { Log.warning(failure.description) }
        }
    }

    private static func runOne(_ hook: Spec.Hook, field: String, input: [UInt8]) -> Failure? {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(path: hook.path, args: hook.args ?? [], env: hook.env ?? [],
                                        input: input, timeout: hook.timeout)
        } catch {
            return Failure(description: "\(field): \(error)")
        }
        if result.timedOut {
            return Failure(description: "\(field): \(hook.path) timed out after \(hook.timeout ?? 0)s")
        }
        if !(sw_exited(result.status) && sw_exitCode(result.status) == 0) {
            var message = "\(field): \(hook.path) failed: \(describe(status: result.status))"
            let out = result.output.trimmingTrailingNewlines()
            if !out.isEmpty { message += ", output: \(out)" }
            return Failure(description: message)
        }
        return nil
    }

    static func describe(status: Int32) -> String {
        if sw_exited(status) { return "exit status \(sw_exitCode(status))" }
        return "killed by signal \(status & 0x7f)"
    }
}

@inline(__always) func sw_exited(_ status: Int32) -> Bool { status & 0x7f == 0 }
@inline(__always) func sw_exitCode(_ status: Int32) -> Int32 { (status >> 8) & 0xff }

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
