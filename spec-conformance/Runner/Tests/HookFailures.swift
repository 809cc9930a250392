// runtime.md lifecycle: what a failing hook must do (error, stop the
// container, continue at step 12 so poststop still runs) and poststop
// failures (a warning only).
import Foundation
import Glibc

enum HookFailureTests {
    static func run(_ s: Suite) {
        let g = Group("HookFailures", s)
        for kind in ["prestart", "createRuntime", "createContainer", "startContainer", "poststart"] {
            failing(kind, g, s)
        }
        poststopFailure(g, s)
    }

    static func failing(_ kind: String, _ g: Group, _ s: Suite) {
        let marker = "/conformance/rw-dir/ran"
        let b = s.bundle("hf-\(kind)", ["/bin/sh", "-c", "echo ran > \(marker); exec /conformance/checker sleep:30"])
        let poststopMarker = b.dir + "/poststop-ran"
        b.addHook("poststop", path: s.hostOnlyBusybox, args: ["sh", "-c", "cat >/dev/null; touch \(poststopMarker)"])
        let path = kind == "startContainer" ? "/conformance/hookbin" : s.hostOnlyBusybox
        b.addHook(kind, path: path, args: ["sh", "-c", "cat >/dev/null; exit 3"])
        let c = s.container(b, "hf")
        defer { c.destroy() }
        let createPhase = ["prestart", "createRuntime", "createContainer"].contains(kind)
        let cr = c.create()
        var pid = c.state()?.pid ?? -1
        var failedOp = cr
        var startR: CmdResult? = nil
        if !createPhase && cr.ok {
            startR = c.start()
            failedOp = startR!
            usleep(200_000)
        }
        let st = c.state()
        if let p = st?.pid, p > 0 { pid = p }
        let stopped = st == nil || st?.status == "stopped"
        let alive = Host.processAlive(pid)
        let errored = createPhase ? cr.failed : (cr.ok && (startR?.failed ?? false))
        let step = createPhase ? "create" : "start"
        g.check("\(kind)-fails-op", "runtime.md lifecycle: \"If any \(kind) hook fails, the runtime MUST generate an error\" (\(step) fails)",
                errored, "create: \(cr.summary); start: \(startR?.summary ?? "-")")
        g.check("\(kind)-fails-stops", "runtime.md lifecycle: \"If any \(kind) hook fails, the runtime MUST ... stop the container\"",
                (createPhase ? cr.failed : cr.ok) && stopped && !alive, "state after failure: \(st?.status ?? "gone"), pid \(pid) alive=\(alive)")
        if kind == "startContainer" {
            g.check("\(kind)-fails-no-program", "runtime.md lifecycle 7-8: a failed startContainer hook stops the container before \"The runtime MUST run the user-specified program\"",
                    !FileManager.default.fileExists(atPath: b.hostPath(marker)), "the program ran")
        }
        // Continue at step 12: the container is destroyed and poststop runs (on delete, if the runtime kept it).
        if c.state() != nil { _ = c.delete() }
        g.check("\(kind)-fails-poststop", "runtime.md lifecycle: on \(kind) failure the runtime MUST \"continue the lifecycle at step 12\" (the container is destroyed and poststop hooks run)",
                (createPhase ? cr.failed : cr.ok) && FileManager.default.fileExists(atPath: poststopMarker) && c.state() == nil,
                "poststop ran=\(FileManager.default.fileExists(atPath: poststopMarker)); \(failedOp.summary)")
    }

    static func poststopFailure(_ g: Group, _ s: Suite) {
        let b = s.bundle("hf-poststop", s.checker("id"))
        let second = b.dir + "/poststop-2-ran"
        b.addHook("poststop", path: s.hostOnlyBusybox, args: ["sh", "-c", "cat >/dev/null; exit 3"])
        b.addHook("poststop", path: s.hostOnlyBusybox, args: ["sh", "-c", "cat >/dev/null; touch \(second)"])
        let c = s.container(b, "hfps")
        defer { c.destroy() }
        let cr = c.create()
        let sr = c.start()
        _ = c.wait(for: "stopped", timeout: 10)
        let dr = c.delete()
        g.check("poststop-fails-continues", "runtime.md lifecycle 13: \"If any poststop hook fails, the runtime MUST log a warning, but the remaining hooks and lifecycle continue as if the hook had succeeded\" (remaining hooks run)",
                cr.ok && sr.ok && FileManager.default.fileExists(atPath: second), "\(dr.summary)")
        g.check("poststop-fails-delete-succeeds", "runtime.md warnings: \"logging a warning does not change the flow of the operation; it MUST continue as if the warning had not been logged\" (delete succeeds)",
                cr.ok && dr.ok && c.state() == nil, dr.summary)
    }
}
