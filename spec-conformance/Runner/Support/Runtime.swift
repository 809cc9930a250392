// The runtime under test, driven through its runc-compatible command line
// with a private state directory (`--root`).
import Foundation

struct RuntimeCLI {
    let binary: String
    let wrapper: [String]     // RUNTIME_WRAPPER: a command prefix, e.g. a script entering a mount namespace
    let root: String

    func argv(_ args: [String]) -> [String] { wrapper + [binary, "--root", root] + args }

    /// Past this instant every runtime command fails at once, so a hung runtime
    /// still yields a complete (failing) report within the suite's time budget.
    nonisolated(unsafe) static var deadline = Date.distantFuture

    func run(_ args: [String], stdin: String = "/dev/null", stdoutPath: String? = nil,
             stderrPath: String? = nil, timeout: Double = 15) -> CmdResult {
        let left = RuntimeCLI.deadline.timeIntervalSinceNow
        if left <= 0 {
            return CmdResult(argv: argv(args), status: 124, stdout: "", stderr: "suite time budget exhausted", timedOut: true, seconds: 0)
        }
        var r = Spawn.run(argv(args), stdin: stdin, stdoutPath: stdoutPath, stderrPath: stderrPath, timeout: min(timeout, left))
        if let stderrPath, r.stderr.isEmpty {
            r.stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        }
        return r
    }
}

/// A parsed `state` answer.
struct ContainerState {
    let json: [String: Any]
    var status: String? { json["status"] as? String }
    var pid: Int? { jsonInt(json["pid"]) }
    var id: String? { json["id"] as? String }
    var bundle: String? { json["bundle"] as? String }
    var ociVersion: String? { json["ociVersion"] as? String }
    var annotations: [String: Any]? { json["annotations"] as? [String: Any] }
}
