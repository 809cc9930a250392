// One container of the runtime under test. Its stdio (inherited through
// `create`, runc's pass-through mode) goes to files in the bundle.
import Foundation
import Glibc

final class Container {
    let suite: Suite
    let id: String
    let bundle: Bundle
    var stdoutPath: String { bundle.dir + "/ctr.stdout" }
    var stderrPath: String { bundle.dir + "/ctr.stderr" }

    init(suite: Suite, id: String, bundle: Bundle) {
        self.suite = suite
        self.id = id
        self.bundle = bundle
        suite.track(id)
    }

    private var rt: RuntimeCLI { suite.runtime }

    @discardableResult
    func create(_ extra: [String] = [], stdin: String = "/dev/null", writeConfig: Bool = true,
                timeout: Double = 15) -> CmdResult {
        if writeConfig { bundle.write() }
        return rt.run(["create", "--bundle", bundle.dir] + extra + [id], stdin: stdin,
                      stdoutPath: stdoutPath, stderrPath: stderrPath, timeout: timeout)
    }

    @discardableResult
    func start(timeout: Double = 15) -> CmdResult { rt.run(["start", id], timeout: timeout) }

    @discardableResult
    func kill(_ signal: String) -> CmdResult { rt.run(["kill", id, signal]) }

    @discardableResult
    func delete(force: Bool = false, timeout: Double = 15) -> CmdResult {
        rt.run(["delete"] + (force ? ["--force"] : []) + [id], timeout: timeout)
    }

    func stateResult() -> (CmdResult, ContainerState?) {
        let r = rt.run(["state", id])
        guard r.ok, let json = JSONDoc.parse(r.stdout) else { return (r, nil) }
        return (r, ContainerState(json: json))
    }

    func state() -> ContainerState? { stateResult().1 }

    /// Polls `state` until the status is `status` (or the container is gone when `status` is nil).
    @discardableResult
    func wait(for status: String?, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var delay: useconds_t = 2000
        var misses = 0
        while Date() < deadline && RuntimeCLI.deadline.timeIntervalSinceNow > 0 {
            let s = state()
            if let status { if s?.status == status { return true } } else if s == nil { return true }
            // A container the runtime no longer knows will not reach `status`.
            if s == nil { misses += 1; if misses >= 3 { return false } } else { misses = 0 }
            usleep(delay)
            delay = min(delay * 2, 50_000)
        }
        return false
    }

    var output: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var report: Report { Report(output) }

    /// Best-effort removal whatever state the container is in.
    func destroy() {
        if state() == nil { return }
        kill("KILL")
        wait(for: "stopped", timeout: 3)
        if !delete().ok { delete(force: true) }
    }
}

/// The outcome of running one container to completion.
struct Run {
    var create: CmdResult
    var start: CmdResult?
    var report: Report
    var createdState: ContainerState?
    var stopped: Bool
    var delete: CmdResult?

    var ok: Bool { create.ok && (start?.ok ?? false) }
    /// Why the container did not run, for diagnostics of every dependent assertion.
    var why: String {
        if !create.ok { return "create failed: " + create.summary }
        if let s = start, !s.ok { return "start failed: " + s.summary }
        if !stopped { return "container did not stop in time; output: " + report.excerpt }
        return "output: " + report.excerpt
    }
}
