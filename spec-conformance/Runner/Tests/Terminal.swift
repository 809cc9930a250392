// config.md process.terminal / consoleSize, config-linux.md /dev/console,
// and the `--console-socket` protocol of runc-create(8).
import Foundation
import Glibc

enum TerminalTests {
    static func run(_ s: Suite) {
        let g = Group("Terminal", s)
        let b = s.bundle("tty", s.checker("tty", "winsize", "statf:/dev/console"))
        b.config["process", "terminal"] = true
        b.config["process", "consoleSize"] = ["height": 30, "width": 100]
        let sock = s.work + "/console-\(getpid()).sock"
        let listener = UnixListener(path: sock)
        let c = s.container(b, "tty")
        defer { c.destroy() }
        let cr = c.create(["--console-socket", sock])
        let got = listener?.receive(timeout: 5)
        let master = got?.fds.first ?? -1
        defer { got?.fds.forEach { close($0) } }
        let target = master >= 0 ? ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(master)")) ?? "") : ""
        g.check("console-socket", "runc-create(8): \"--console-socket path: Path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal\"",
                cr.ok && target.contains("ptmx"), "create: \(cr.summary); received fds \(got?.fds ?? []) -> \(target)")
        let sr = c.start()
        let text = master >= 0 ? drainPTY(master, timeout: 10) : ""
        _ = c.wait(for: "stopped", timeout: 5)
        let rep = Report(text)
        let why = "start: \(sr.summary); output: \(rep.excerpt)"
        g.check("terminal", "config.md process: \"terminal (bool, OPTIONAL) ... if set to true on Linux a pseudoterminal pair is allocated for the process and the pseudoterminal pty is duplicated on the process's standard streams\"",
                rep["isatty.0"] == "1" && rep["isatty.1"] == "1" && rep["isatty.2"] == "1", why)
        g.equal("consoleSize", "config.md process: \"consoleSize (object, OPTIONAL) specifies the console size in characters of the terminal\"",
                rep["winsize"], "30x100", why)
        let console = rep.stat("/dev/console")
        g.check("dev-console", "config-linux.md default devices: \"/dev/console is set up if terminal is enabled in the config by bind mounting the pseudoterminal pty to /dev/console\"",
                console?["type"] == "c" && (console?["rdev"] ?? "").hasPrefix("136:"), "stat /dev/console: \(console ?? [:]); \(why)")

        let off = s.probe("tty-off", ["tty"]) { b in
            b.config["process", "terminal"] = false
            b.config["process", "consoleSize"] = ["height": 30, "width": 100]
        }
        g.check("consoleSize-ignored", "config.md process: \"Runtimes MUST ignore consoleSize if terminal is false or unset\"",
                off.ok && off.report["isatty.1"] == "0", off.why)
    }
}
