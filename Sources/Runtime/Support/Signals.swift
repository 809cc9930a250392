#if canImport(Glibc)
import Glibc
#endif

/// Signal names as `kill` accepts them: "KILL", "SIGKILL", "9"; also the
/// real-time forms "RTMIN+3" / "SIGRTMAX-1" like runc.
public enum Signals {
    static let table: [(String, Int32)] = [
        ("ABRT", SIGABRT), ("ALRM", SIGALRM), ("BUS", SIGBUS), ("CHLD", SIGCHLD), ("CLD", SIGCHLD),
        ("CONT", SIGCONT), ("FPE", SIGFPE), ("HUP", SIGHUP), ("ILL", SIGILL), ("INT", SIGINT),
        ("IO", SIGIO), ("IOT", SIGIOT), ("KILL", SIGKILL), ("PIPE", SIGPIPE), ("POLL", SIGPOLL),
        ("PROF", SIGPROF), ("PWR", SIGPWR), ("QUIT", SIGQUIT), ("SEGV", SIGSEGV), ("STKFLT", SIGSTKFLT),
        ("STOP", SIGSTOP), ("SYS", SIGSYS), ("TERM", SIGTERM), ("TRAP", SIGTRAP), ("TSTP", SIGTSTP),
        ("TTIN", SIGTTIN), ("TTOU", SIGTTOU), ("URG", SIGURG), ("USR1", SIGUSR1), ("USR2", SIGUSR2),
        ("VTALRM", SIGVTALRM), ("WINCH", SIGWINCH), ("XCPU", SIGXCPU), ("XFSZ", SIGXFSZ),
    ]

    static var rtMin: Int32 { Int32(__libc_current_sigrtmin()) }
    static var rtMax: Int32 { Int32(__libc_current_sigrtmax()) }

    public static func parse(_ text: String) -> Int32? {
        if let n = Int32(text) { return n > 0 && n < 65 ? n : nil }
        var name = text.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        if let hit = table.first(where: { $0.0 == name }) { return hit.1 }
        if name == "RTMIN" { return rtMin }
        if name == "RTMAX" { return rtMax }
        if name.hasPrefix("RTMIN+"), let n = Int32(name.dropFirst(6)), rtMin + n <= rtMax { return rtMin + n }
        if name.hasPrefix("RTMAX-"), let n = Int32(name.dropFirst(6)), rtMax - n >= rtMin { return rtMax - n }
        return nil
    }
}
