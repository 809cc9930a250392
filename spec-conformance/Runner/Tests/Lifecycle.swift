// runtime.md: Lifecycle, Operations (create/start/kill/delete) and Errors.
import Foundation
import Glibc

enum LifecycleTests {
    static func run(_ s: Suite) {
        let g = Group("Lifecycle", s)
        fullLifecycle(g, s)
        createdContainer(g, s)
        missingAndUnknownIDs(g, s)
        duplicateID(g, s)
        failedCreate(g, s)
        noProcess(g, s)
    }

    /// create -> start -> (errors while running) -> kill -> (errors while stopped) -> delete.
    static func fullLifecycle(_ g: Group, _ s: Suite) {
        let marker = "/conformance/rw-dir/ran"
        let b = s.bundle("life", ["/bin/sh", "-c", "echo ran >> \(marker); exec /conformance/checker signals:60"])
        let shared = s.work + "/shared-data-\(b.dir.split(separator: "/").last!)"
        try? FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: shared + "/keep", contents: Data("keep".utf8))
        b.addMount("/conformance/shared", type: "bind", source: shared, options: ["rbind", "rw"])
        let c = s.container(b, "life")
        defer { c.destroy() }
        let markerHost = b.hostPath(marker)
        let ranCount = { ((try? String(contentsOfFile: markerHost, encoding: .utf8)) ?? "").split(separator: "\n").count }

        let cr = c.create()
        let st = c.state()
        g.check("create-creates", "runtime.md create: \"This operation MUST create a new container\"",
                cr.ok && st?.status == "created", cr.summary + " state=\(st?.status ?? "none")")
        let pid = st?.pid ?? -1
        g.check("create-args-not-applied", "runtime.md create: \"process.args MUST NOT be applied until triggered by the start operation\"",
                ranCount() == 0, "the program ran during create")
        let netNS = Host.namespace(of: pid, "net")
        g.check("create-resources-created", "runtime.md lifecycle 2: \"the resources requested in the config.json MUST be created\" (namespaces exist after create)",
                netNS != nil && netNS != s.host.namespaces["net"], "container net ns \(netNS ?? "none") vs host \(s.host.namespaces["net"] ?? "")")
        let cgroupDirs = s.host.cgroupMounts.keys.filter { $0 != "unified" }.compactMap { s.host.cgroupDir(pid, $0) }
            .filter { !s.host.cgroupMounts.values.contains($0) }

        // Changing config.json after create must not matter.
        var changed = b.config
        changed["process", "args"] = ["/bin/sh", "-c", "echo changed >> \(marker)"]
        FileManager.default.createFile(atPath: b.dir + "/config.json", contents: changed.serialized())

        let sr = c.start()
        var waited = 0
        while ranCount() == 0 && waited < 250 { usleep(20_000); waited += 1 }
        let content = (try? String(contentsOfFile: markerHost, encoding: .utf8)) ?? ""
        g.check("start-runs-program", "runtime.md start: \"This operation MUST run the user-specified program as specified by process\"",
                sr.ok && content.contains("ran"), sr.summary)
        g.check("config-updates-ignored", "runtime.md lifecycle 2: \"Any updates to config.json after this step MUST NOT affect the container\"",
                content.contains("ran") && !content.contains("changed"), "marker: \(content)")
        _ = waitForOutput(c, "signals.ready=1")

        // start of a running container
        let again = c.start()
        let afterAgain = c.state()
        g.check("start-running-errors", "runtime.md start: \"Attempting to start a container that is not created MUST generate an error\" (running)",
                again.failed, again.summary)
        usleep(100_000)
        g.check("start-running-no-effect", "runtime.md start: \"Attempting to start a container that is not created MUST have no effect on the container\" (running)",
                afterAgain?.status == "running" && afterAgain?.pid == pid && ranCount() == 1,
                "state=\(afterAgain?.status ?? "none") runs=\(ranCount())")

        // delete of a running container
        let del = c.delete()
        let afterDel = c.state()
        g.check("delete-running-errors", "runtime.md delete: \"Attempting to delete a container that is not stopped MUST generate an error\" (running)",
                del.failed, del.summary)
        g.check("delete-running-no-effect", "runtime.md delete: \"Attempting to delete a container that is not stopped MUST have no effect on the container\" (running)",
                afterDel?.status == "running" && Host.processAlive(pid), "state=\(afterDel?.status ?? "none")")

        // kill delivers the named signal
        let k1 = c.kill("USR1")
        let got1 = waitForOutput(c, "signal=USR1")
        let k2 = c.kill("HUP")
        let got2 = waitForOutput(c, "signal=HUP")
        g.check("kill-sends-signal", "runtime.md kill: \"This operation MUST send the specified signal to the container process\"",
                k1.ok && k2.ok && got1 && got2, "\(k1.summary); \(k2.summary); output: \(c.report.excerpt)")

        let kk = c.kill("KILL")
        let stopped = c.wait(for: "stopped", timeout: 10)
        g.check("kill-running-stops", "runtime.md lifecycle 10: \"The container process exits ... the runtime's kill operation being invoked\" (KILL stops a running container)",
                kk.ok && stopped, kk.summary)

        // operations on a stopped container
        let startStopped = c.start()
        usleep(100_000)
        let afterStart = c.state()
        g.check("start-stopped-errors", "runtime.md start: \"Attempting to start a container that is not created MUST generate an error\" (stopped)",
                startStopped.failed, startStopped.summary)
        g.check("start-stopped-no-effect", "runtime.md start: \"Attempting to start a container that is not created MUST have no effect on the container\" (stopped)",
                afterStart?.status == "stopped" && ranCount() == 1, "state=\(afterStart?.status ?? "none") runs=\(ranCount())")
        let killStopped = c.kill("KILL")
        let afterKill = c.state()
        g.check("kill-stopped-errors", "runtime.md kill: \"Attempting to send a signal to a container that is neither created nor running MUST generate an error\"",
                killStopped.failed, killStopped.summary)
        g.check("kill-stopped-no-effect", "runtime.md kill: \"Attempting to send a signal to a container that is neither created nor running MUST have no effect on the container\"",
                afterKill?.status == "stopped", "state=\(afterKill?.status ?? "none")")

        let dr = c.delete()
        let gone = c.state() == nil
        g.check("delete-stopped", "runtime.md delete: \"Deleting a container MUST delete the resources that were created during the create step\" (the container is gone)",
                dr.ok && gone, dr.summary)
        let leftovers = cgroupDirs.filter { FileManager.default.fileExists(atPath: $0) }
        g.check("delete-removes-cgroups", "runtime.md lifecycle 12: \"The container MUST be destroyed by undoing the steps performed during create phase\" (its cgroups are removed)",
                dr.ok && leftovers.isEmpty && !Host.processAlive(pid), "left: \(leftovers)")
        g.check("delete-keeps-foreign", "runtime.md delete: \"resources associated with the container, but not created by this container, MUST NOT be deleted\" (bind-mount source)",
                FileManager.default.fileExists(atPath: shared + "/keep"), "bind source \(shared)/keep was removed")
        g.check("scope-operations", "runtime.md scope: \"The entity using a runtime to create a container MUST be able to use the operations defined in this specification against that same container\"",
                cr.ok && sr.ok && k1.ok && kk.ok && dr.ok, "create/start/kill/delete: \(cr.status)/\(sr.status)/\(k1.status)/\(dr.status)")
    }

    /// delete and kill on a container that is created but not started.
    static func createdContainer(_ g: Group, _ s: Suite) {
        let marker = "/conformance/rw-dir/ran"
        let b = s.bundle("created", ["/bin/sh", "-c", "echo ran >> \(marker)"])
        let c = s.container(b, "created")
        defer { c.destroy() }
        let cr = c.create()
        let pid = c.state()?.pid ?? -1
        let del = c.delete()
        let after = c.state()
        g.check("delete-created-errors", "runtime.md delete: \"Attempting to delete a container that is not stopped MUST generate an error\" (created)",
                cr.ok && del.failed, del.summary)
        g.check("delete-created-no-effect", "runtime.md delete: \"Attempting to delete a container that is not stopped MUST have no effect on the container\" (created)",
                after?.status == "created" && Host.processAlive(pid), "state after delete: \(after?.status ?? "gone")")
        if after == nil { _ = c.create() }   // runc removed it: recreate so the kill check still runs
        let k = c.kill("KILL")
        let stopped = c.wait(for: "stopped", timeout: 10)
        g.check("kill-created", "runtime.md kill: \"This operation MUST send the specified signal to the container process\" (created container, KILL)",
                k.ok && stopped && !FileManager.default.fileExists(atPath: b.hostPath(marker)), k.summary + " stopped=\(stopped)")
    }

    static func missingAndUnknownIDs(_ g: Group, _ s: Suite) {
        let rt = s.runtime
        let empty = s.work + "/empty-bundle"
        try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let b = s.bundle("noid", s.checker("id"))
        b.write()
        let noID = rt.run(["create", "--bundle", b.dir])
        g.check("create-no-id", "runtime.md create: \"This operation MUST generate an error if it is not provided ... the container ID\"", noID.failed, noID.summary)
        let id = s.uniqueID("nobundle")
        s.track(id)
        let noBundle = Spawn.run(rt.argv(["create", "--bundle", empty, id]), cwd: empty)
        let existsAfter = rt.run(["state", id]).ok
        g.check("create-no-bundle", "runtime.md create: \"This operation MUST generate an error if it is not provided a path to the bundle\" (no config.json) and \"a new container MUST NOT be created\"",
                noBundle.failed && !existsAfter, noBundle.summary)
        for op in ["start", "state", "kill", "delete"] {
            let r = rt.run([op])
            g.check("\(op)-no-id", "runtime.md \(op): \"This operation MUST generate an error if it is not provided the container ID\"", r.failed, r.summary)
        }
        let unknown = s.uniqueID("unknown")
        let st = rt.run(["state", unknown])
        g.check("state-unknown", "runtime.md state: \"Attempting to query a container that does not exist MUST generate an error\"", st.failed, st.summary)
        for op in ["start", "kill", "delete"] {
            let r = rt.run(op == "kill" ? [op, unknown, "KILL"] : [op, unknown])
            g.check("\(op)-unknown", "runtime.md \(op): an operation on a container that does not exist MUST generate an error (it is not created/running/stopped)", r.failed, r.summary)
        }
    }

    static func duplicateID(_ g: Group, _ s: Suite) {
        let b1 = s.bundle("dup1", s.checker("id"))
        let c = s.container(b1, "dup")
        defer { c.destroy() }
        let first = c.create()
        let pid = c.state()?.pid
        let b2 = s.bundle("dup2", s.checker("id"))
        b2.write()
        let second = s.runtime.run(["create", "--bundle", b2.dir, c.id])
        let after = c.state()
        g.check("create-duplicate-errors", "runtime.md create: \"If the ID provided is not unique across all containers within the scope of the runtime ... the implementation MUST generate an error\"",
                first.ok && second.failed, "first: \(first.summary); second: \(second.summary)")
        g.check("create-duplicate-no-new", "runtime.md create: \"If the ID provided is not unique ... a new container MUST NOT be created\" (the existing one is untouched)",
                first.ok && after?.pid == pid && after?.status == "created" && after?.bundle == b1.dir,
                "state after: \(after?.json ?? [:])")
    }

    /// A create that fails must leave no container, no cgroup, and the ID free.
    static func failedCreate(_ g: Group, _ s: Suite) {
        let b = s.bundle("badroot", s.checker("id"))
        b.config["root", "path"] = "does-not-exist"
        let cgName = "swiftlet-conformance-\(getpid())/failed"
        b.config["linux", "cgroupsPath"] = "/" + cgName
        let c = s.container(b, "failed")
        defer { c.destroy() }
        let r = c.create()
        let exists = c.state() != nil
        let leftovers = s.host.cgroupMounts.filter { $0.key != "unified" }.map { $0.value + "/" + cgName }
            .filter { FileManager.default.fileExists(atPath: $0) }
        g.check("create-error-no-container", "runtime.md create: \"If the runtime cannot apply a property as specified in the configuration, it MUST generate an error and a new container MUST NOT be created\"",
                r.failed && !exists, r.summary + " exists=\(exists)")
        g.check("error-leaves-no-trace", "runtime.md errors: \"generating an error MUST leave the state of the environment as if the operation were never attempted\" (no cgroup left)",
                r.failed && leftovers.isEmpty, "left: \(leftovers)")
        b.config["root", "path"] = "rootfs"
        let retry = c.create()
        g.check("error-id-reusable", "runtime.md errors: \"generating an error MUST leave the state of the environment as if the operation were never attempted\" (the ID can be created again)",
                retry.ok, retry.summary)
        c.destroy()
        for m in s.host.cgroupMounts.values { rmdir(m + "/swiftlet-conformance-\(getpid())") }
    }

    static func noProcess(_ g: Group, _ s: Suite) {
        let b = s.bundle("noproc", [])
        b.config["process"] = nil
        let c = s.container(b, "noproc")
        defer { c.destroy() }
        let cr = c.create()
        let sr = cr.ok ? c.start() : nil
        g.check("start-no-process", "runtime.md start: \"This operation MUST generate an error if process was not set\"",
                cr.failed || (sr?.failed ?? true), "create: \(cr.summary); start: \(sr?.summary ?? "-")")
    }

    /// Waits (up to 5 s) until the container's stdout contains `text`.
    static func waitForOutput(_ c: Container, _ text: String, timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if c.output.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }
}
