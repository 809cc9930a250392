// config.md: POSIX process rlimits.
import Foundation

enum RlimitTests {
    /// Values at or below this host's hard limits: raising a hard limit needs
    /// CAP_SYS_RESOURCE, which the runtime may not have.
    static let limits: [(String, UInt64, UInt64)] = [
        ("RLIMIT_CPU", 1000, 2000), ("RLIMIT_FSIZE", 1 << 30, 1 << 31), ("RLIMIT_DATA", 1 << 33, 1 << 34),
        ("RLIMIT_STACK", 4 << 20, 8 << 20), ("RLIMIT_CORE", 1024, 2048), ("RLIMIT_RSS", 1 << 30, 1 << 31),
        ("RLIMIT_NPROC", 1000, 2000), ("RLIMIT_NOFILE", 1000, 2000), ("RLIMIT_MEMLOCK", 65536, 131072),
        ("RLIMIT_AS", 1 << 35, 1 << 36), ("RLIMIT_LOCKS", 100, 200), ("RLIMIT_SIGPENDING", 500, 1000),
        ("RLIMIT_MSGQUEUE", 8192, 16384), ("RLIMIT_NICE", 0, 0), ("RLIMIT_RTPRIO", 0, 0), ("RLIMIT_RTTIME", 1_000_000, 2_000_000),
    ]

    static func run(_ s: Suite) {
        let g = Group("Rlimits", s)
        let r = s.probe("rlimits", ["rlimits"]) { b in
            b.config["process", "rlimits"] = limits.map { ["type": $0.0, "soft": $0.1, "hard": $0.2] as [String: Any] }
        }
        for (name, soft, hard) in limits {
            let v = (r.report["rlimit." + name] ?? "").split(separator: ",").map(String.init)
            g.equal("\(name)-soft", "config.md rlimits: \"soft ... rlim.rlim_cur MUST match the configured value\" (\(name))",
                    v.first, "\(soft)", r.why)
            g.equal("\(name)-hard", "config.md rlimits: \"hard ... rlim.rlim_max MUST match the configured value\" (\(name))",
                    v.count > 1 ? v[1] : nil, "\(hard)", r.why)
        }
        let bogus = s.bundle("rlimit-bogus", s.checker("id"))
        bogus.config["process", "rlimits"] = [["type": "RLIMIT_NOT_A_LIMIT", "soft": 1, "hard": 1] as [String: Any]]
        let (br, _) = s.tryCreate(bogus)
        g.check("unknown-type", "config.md rlimits: \"The runtime MUST generate an error for any values which cannot be mapped to a relevant kernel interface\"",
                br.failed, br.summary)
        let dup = s.bundle("rlimit-dup", s.checker("id"))
        dup.config["process", "rlimits"] = [["type": "RLIMIT_NOFILE", "soft": 100, "hard": 100] as [String: Any],
                                            ["type": "RLIMIT_NOFILE", "soft": 200, "hard": 200] as [String: Any]]
        let (dr, _) = s.tryCreate(dup)
        g.check("duplicate-type", "config.md rlimits: \"If rlimits contains duplicated entries with same type, the runtime MUST generate an error\"",
                dr.failed, dr.summary)
    }
}
