// config-linux.md: seccomp listenerPath and the Container Process State
// sent over it for SCMP_ACT_NOTIFY.
import Foundation
import Glibc

enum SeccompNotifyTests {
    static func run(_ s: Suite) {
        let g = Group("SeccompNotify", s)
        let sock = s.work + "/seccomp-\(getpid()).sock"
        let listener = UnixListener(path: sock)
        let b = s.bundle("seccomp-notify", s.checker("seccomp"))
        b.config["linux", "seccomp"] = ["defaultAction": "SCMP_ACT_ALLOW", "listenerPath": sock, "listenerMetadata": "conformance-metadata",
                                        "syscalls": [SeccompTests.rule("getpgid", "SCMP_ACT_NOTIFY", args: [SeccompTests.arg(0, "SCMP_CMP_EQ", 4242)])]] as [String: Any]
        let c = s.container(b, "notify")
        defer { c.destroy() }
        let cr = c.create()
        let statePid = c.state()?.pid ?? -1
        let got = cr.ok ? listener?.receive(timeout: 5) : nil
        let fdTarget = got?.fds.first.flatMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") } ?? ""
        // Closing the notify fd leaves no listener: the filtered call then fails instead of hanging.
        got?.fds.forEach { close($0) }
        let json = got.flatMap { JSONDoc.parse(String(decoding: $0.data, as: UTF8.self)) }
        let state = json?["state"] as? [String: Any]
        let sr = c.start()
        _ = c.wait(for: "stopped", timeout: 5)
        let d = "create: \(cr.summary); received \(got?.data.count ?? -1) bytes, fds \(got?.fds ?? []): \(String(decoding: got?.data ?? [], as: UTF8.self).prefix(300))"
        g.check("state-json", "config-linux.md: \"The container runtime MUST send the container process state over the UNIX socket as regular payload serialized in JSON\"",
                json?["ociVersion"] is String && state?["id"] as? String == c.id, d)
        g.check("fds-scm-rights", "config-linux.md: \"file descriptors MUST be sent using SCM_RIGHTS\"; listenerPath: the runtime sends \"seccompFd (string, REQUIRED) is the seccomp file descriptor returned by the seccomp syscall\"",
                (json?["fds"] as? [String]) == ["seccompFd"] && got?.fds.count == 1 && fdTarget.contains("seccomp"), d + " fd -> \(fdTarget)")
        g.equal("pid", "config-linux.md container process state: \"pid (int, REQUIRED) is the container process ID, as seen by the runtime\"", jsonInt(json?["pid"]), statePid, d)
        g.equal("metadata", "config-linux.md seccomp: listenerMetadata \"will be sent as the metadata field in the container process state\"",
                json?["metadata"] as? String, "conformance-metadata", d)
        g.check("one-per-connection", "config-linux.md seccomp: listenerPath: \"The runtime MUST send exactly one container process state per connection. The connection MUST NOT be reused and it MUST be closed after sending a seccomp state\"",
                got?.eof == true && json != nil, d)
        g.check("container-runs", "config-linux.md seccomp: SCMP_ACT_NOTIFY with listenerPath: the container runs and the notified call fails once the agent is gone",
                sr.ok && c.report["sc.getpgid.4242"].map { $0.hasPrefix("ERR") } == true && c.report["sc.getpgid.0"] == "ok", "start: \(sr.summary); \(c.report.excerpt)")
    }
}
