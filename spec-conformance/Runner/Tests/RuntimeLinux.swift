// runtime-linux.md: file descriptors and /dev symbolic links.
import Foundation

enum RuntimeLinuxTests {
    static func run(_ s: Suite) {
        let g = Group("RuntimeLinux", s)
        let r = s.probe("rtlinux", ["fds", "readlink:/dev/fd", "readlink:/dev/stdin", "readlink:/dev/stdout", "readlink:/dev/stderr"])
        g.check("fds-stdio-only", "runtime-linux.md: \"By default, only the stdin, stdout and stderr file descriptors are kept open for the application by the runtime\"",
                r.ok && r.report["fds"] == "0,1,2", "fds=\(r.report["fds"] ?? "?"); \(r.why)")
        let links = [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")]
        for (name, target) in links {
            g.equal("dev-\(name)", "runtime-linux.md: \"runtimes MUST create the following symlinks if the source file exists after processing mounts\": /dev/\(name) -> \(target)",
                    r.report["readlink./dev/\(name)"], target, r.why)
        }
    }
}
