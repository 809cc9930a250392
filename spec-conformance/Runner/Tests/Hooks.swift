// config.md: POSIX-platform Hooks (all six kinds, order, namespaces, stdin
// state) and runtime.md lifecycle steps 3-9 and 13.
import Foundation
import Glibc

enum HookTests {
    static let kinds = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"]
    static let runtimeNS: Set<String> = ["prestart", "createRuntime", "poststart", "poststop"]

    /// Shell for a recording hook. Output goes to the hook dir: on the host path,
    /// or at /conformance-hooks (a bind mount of it) once the root is pivoted.
    static func script(hookDir: String, hostMarker: String, cgroupDir: String) -> String {
        """
        name=$0; d=\(hookDir); [ -d /conformance-hooks ] && d=/conformance-hooks
        cat > $d/$name.stdin
        echo $name >> $d/order
        for n in mnt pid net uts ipc; do echo "$n=$(readlink /proc/self/ns/$n)"; done > $d/$name.ns
        r=; [ -e \(hostMarker) ] && r="$r host"; [ -e /conformance/rootfs-marker ] && r="$r rootfs"; echo "$r" > $d/$name.root
        env > $d/$name.env
        echo "$@" > $d/$name.args
        pid=$(sed -n 's/.*"pid": *\\([0-9]*\\).*/\\1/p' $d/$name.stdin)
        [ -n "$pid" ] && tr '\\0' ' ' < /proc/$pid/cmdline > $d/$name.cmdline 2>/dev/null
        [ -n "$pid" ] && grep -c conformance-hookcheck /proc/$pid/mountinfo > $d/$name.mounts 2>/dev/null
        [ -e /conformance/rw-dir/ran ] && echo yes > $d/$name.program-ran
        [ -d '\(cgroupDir)' ] && echo yes > $d/$name.cgroup-exists
        [ "$name" = poststart-1 ] && sleep 0.3 && echo done > $d/poststart-slow
        [ "$name" = startContainer-2 ] && sleep 0.3
        exit 0
        """
    }

    static func run(_ s: Suite) {
        let g = Group("Hooks", s)
        let hookDir = s.work + "/hooks-main"
        let hostMarker = s.work + "/host-marker"
        try? FileManager.default.createDirectory(atPath: hookDir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: hostMarker, contents: Data())
        let b = s.bundle("hooks", ["/bin/sh", "-c", "echo ran > /conformance/rw-dir/ran; exec /conformance/checker sleep:30"])
        b.addMount("/conformance-hooks", type: "bind", source: hookDir, options: ["rbind", "rw"])
        b.addMount("/conformance-hookcheck", type: "tmpfs", source: "tmpfs", options: ["size=64k"])
        let cgName = "swiftlet-conformance-\(getpid())-hooks"
        b.config["linux", "cgroupsPath"] = "/" + cgName
        let pidsDir = (s.host.cgroupMounts["pids"] ?? s.host.cgroupMounts["memory"] ?? "/nonexistent") + "/" + cgName
        let body = script(hookDir: hookDir, hostMarker: hostMarker, cgroupDir: pidsDir)
        for kind in kinds {
            for i in 1...2 {
                let path = kind == "startContainer" ? "/conformance/hookbin" : s.hostOnlyBusybox
                b.addHook(kind, path: path, args: ["sh", "-c", body, "\(kind)-\(i)", "arg-\(i)"],
                          env: ["HOOKVAR=\(kind)-value", "PATH=/bin:/usr/bin:/sbin:/usr/sbin"])
            }
        }
        setenv("CONFORMANCE_LEAK", "leaked", 1)
        defer { unsetenv("CONFORMANCE_LEAK") }
        let c = s.container(b, "hooks")
        defer { c.destroy() }
        let file = { (name: String) -> String? in try? String(contentsOfFile: hookDir + "/" + name, encoding: .utf8) }
        let exists = { (name: String) -> Bool in FileManager.default.fileExists(atPath: hookDir + "/" + name) }

        let cr = c.create()
        let created = c.state()
        let pid = created?.pid ?? -1
        var containerNS: [String: String] = [:]
        for n in ["mnt", "pid", "net", "uts", "ipc"] { containerNS[n] = Host.namespace(of: pid, n) ?? "?" }
        let afterCreate = Set((file("order") ?? "").split(separator: "\n").map(String.init))
        let slowAfterCreate = exists("poststart-slow")
        let sr = c.start()
        let poststartDoneAtReturn = exists("poststart-slow") && !slowAfterCreate
        let afterStart = Set((file("order") ?? "").split(separator: "\n").map(String.init))
        c.kill("KILL")
        _ = c.wait(for: "stopped", timeout: 10)
        let dr = c.delete()
        let order = (file("order") ?? "").split(separator: "\n").map(String.init)
        let diag = "create: \(cr.summary); start: \(sr.summary); delete: \(dr.summary); order: \(order)"

        // Invocation and phase.
        for kind in ["prestart", "createRuntime", "createContainer"] {
            g.check("\(kind)-invoked", "runtime.md lifecycle: \"The \(kind) hooks MUST be invoked by the runtime\"; config.md: \"MUST be called as part of the create operation\"",
                    afterCreate.contains("\(kind)-1") && afterCreate.contains("\(kind)-2"), diag)
        }
        g.check("startContainer-invoked", "config.md: \"The startContainer hooks MUST be called ... as part of the start operation\"",
                !afterCreate.contains("startContainer-1") && afterStart.contains("startContainer-1") && afterStart.contains("startContainer-2"), diag)
        g.check("startContainer-before-program", "config.md: \"The startContainer hooks MUST be called before the user-specified process is executed\"",
                exists("startContainer-1.stdin") && !exists("startContainer-1.program-ran"), diag)
        g.check("poststart-invoked", "runtime.md lifecycle 9: \"The poststart hooks MUST be invoked by the runtime\"",
                afterStart.contains("poststart-1") && afterStart.contains("poststart-2"), diag)
        g.check("poststart-before-start-returns", "config.md: \"The poststart hooks MUST be called ... before the start operation returns\"",
                poststartDoneAtReturn, diag)
        let cmdline = file("poststart-1.cmdline") ?? ""
        g.check("poststart-after-exec", "config.md: \"The poststart hooks MUST be called after the user-specified process is executed\" (the container process runs the program)",
                cmdline.contains("/conformance/checker") && !afterCreate.contains("poststart-1"),
                "container cmdline seen by poststart: \(cmdline); poststart ran during create: \(afterCreate.contains("poststart-1"))")
        g.check("poststop-invoked", "runtime.md lifecycle 13: \"The poststop hooks MUST be invoked by the runtime\"; config.md: \"before the delete operation returns\"",
                order.contains("poststop-1") && order.contains("poststop-2") && !afterStart.contains("poststop-1"), diag)
        g.check("poststop-after-delete", "config.md: \"The poststop hooks MUST be called after the container is deleted\" (its cgroup is gone)",
                exists("poststop-1.stdin") && !exists("poststop-1.cgroup-exists"), "cgroup \(pidsDir) still existed when poststop ran")

        // Order.
        for kind in kinds {
            let idx = order.enumerated().filter { $0.element.hasPrefix(kind + "-") }.map { $0.element }
            g.equal("\(kind)-order", "config.md: \"Hooks MUST be called in the listed order\" (\(kind))", idx, ["\(kind)-1", "\(kind)-2"], diag)
        }
        let pos = { (n: String) -> Int in order.firstIndex(of: n) ?? -1 }
        g.check("prestart-before-createRuntime", "config.md: \"The prestart hooks MUST be called before the createRuntime hooks\"",
                pos("prestart-2") >= 0 && pos("prestart-2") < pos("createRuntime-1"), diag)
        g.check("createContainer-after-createRuntime", "config.md: \"The createContainer hooks MUST be called after the createRuntime hooks\"",
                pos("createRuntime-2") >= 0 && pos("createRuntime-2") < pos("createContainer-1"), diag)

        // State on stdin.
        for kind in kinds {
            let json = JSONDoc.parse(file("\(kind)-1.stdin") ?? "")
            g.check("\(kind)-stdin-state", "config.md: \"The state of the container MUST be passed to hooks over stdin\" (\(kind))",
                    json?["id"] as? String == c.id && json?["bundle"] as? String == b.dir && json?["ociVersion"] is String && json?["status"] is String,
                    "stdin: \((file("\(kind)-1.stdin") ?? "none").prefix(300))")
        }
        for kind in ["prestart", "createRuntime", "poststart"] {
            let json = JSONDoc.parse(file("\(kind)-1.stdin") ?? "")
            g.equal("\(kind)-stdin-pid", "runtime.md state: \"For hooks executed in the runtime namespace, it is the pid as seen by the runtime\" (\(kind))",
                    jsonInt(json?["pid"]), pid)
        }
        for kind in ["createContainer", "startContainer"] {
            let json = JSONDoc.parse(file("\(kind)-1.stdin") ?? "")
            g.equal("\(kind)-stdin-pid", "runtime.md state: \"For hooks executed in the container namespace, it is the pid as seen by the container\" (\(kind); the container process is pid 1 of its pid namespace)",
                    jsonInt(json?["pid"]), 1)
        }

        // Namespaces and path resolution.
        for kind in kinds {
            let ns = parseNS(file("\(kind)-1.ns") ?? "")
            if runtimeNS.contains(kind) {
                let same = ["pid", "net", "uts", "ipc"].allSatisfy { ns[$0] == s.host.namespaces[$0] }
                // After delete the container's mount namespace is gone and its inode number may be
                // reused (e.g. by a wrapper's fresh namespace), so poststop compares the others only.
                let notContainer = ns["mnt"] != nil && (kind == "poststop" || ns["mnt"] != containerNS["mnt"])
                g.check("\(kind)-runtime-namespace", "config.md: \"The \(kind) hooks MUST be executed in the runtime namespace\"",
                        same && notContainer, "hook ns \(ns); runtime \(s.host.namespaces); container \(containerNS)")
            } else {
                let same = ["mnt", "pid", "net", "uts", "ipc"].allSatisfy { ns[$0] != nil && ns[$0] == containerNS[$0] }
                g.check("\(kind)-container-namespace", "config.md: \"The \(kind) hooks MUST be executed in the container namespace\"",
                        same, "hook ns \(ns); container \(containerNS)")
            }
            let where_ = kind == "startContainer" ? "container" : "runtime"
            g.check("\(kind)-path-resolves", "config.md: \"The value of path MUST resolve in the \(where_) namespace\" (\(kind): a path that exists only there)",
                    exists("\(kind)-1.stdin"), diag)
        }
        g.check("createContainer-before-pivot", "config.md: \"The createContainer hooks MUST be called ... before the pivot_root or any equivalent operation has been executed\"",
                (file("createContainer-1.root") ?? "").contains("host"), "root seen: \(file("createContainer-1.root") ?? "none")")
        g.check("startContainer-in-container-root", "config.md: startContainer hooks run in the container (\"The startContainer hooks' path MUST resolve in the container namespace\"): the container root is visible",
                (file("startContainer-1.root") ?? "").trimmingCharacters(in: .whitespacesAndNewlines) == "rootfs", "root seen: \(file("startContainer-1.root") ?? "none")")
        let prestartNS = parseNS(file("prestart-1.ns") ?? "")
        g.check("prestart-after-namespaces", "config.md: prestart hooks \"are called after the container namespaces are created\"",
                prestartNS["net"] != nil && containerNS["net"] != s.host.namespaces["net"] && exists("prestart-1.stdin"), diag)
        g.check("createRuntime-after-mounts", "config.md: createRuntime hooks may expect \"that the mount namespace have been created and the mount operations performed\"",
                (Int((file("createRuntime-1.mounts") ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0,
                "container mountinfo matches seen by the hook: \(file("createRuntime-1.mounts") ?? "none")")

        // Hook fields.
        let env = file("prestart-1.env") ?? ""
        g.check("hook-env", "config.md: hook \"env (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008's environ\"",
                env.contains("HOOKVAR=prestart-value") && !env.contains("CONFORMANCE_LEAK"), "hook env: \(env.replacingOccurrences(of: "\n", with: " "))")
        g.equal("hook-args", "config.md: hook \"args (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008 execv's argv\"",
                file("prestart-1.args")?.trimmingCharacters(in: .whitespacesAndNewlines), "arg-1")
        timeoutTest(g, s)
    }

    static func parseNS(_ text: String) -> [String: String] {
        var d: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { d[kv[0]] = kv[1] }
        }
        return d
    }

    static func timeoutTest(_ g: Group, _ s: Suite) {
        let b = s.bundle("hooktimeout", s.checker("id"))
        b.addHook("createRuntime", path: s.hostOnlyBusybox, args: ["sh", "-c", "cat >/dev/null; sleep 20"], timeout: 1)
        let c = s.container(b, "htimeout")
        defer { c.destroy() }
        let start = Date()
        let r = c.create(timeout: 25)
        let took = Date().timeIntervalSince(start)
        g.check("hook-timeout", "config.md: hook \"timeout (int, OPTIONAL) is the number of seconds before aborting the hook\" (a hung hook with timeout 1 fails create quickly)",
                r.failed && took < 10, "create took \(String(format: "%.1f", took))s: \(r.summary)")
    }
}
