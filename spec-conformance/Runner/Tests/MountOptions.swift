// config.md: the Linux mount options table. One container per option so a
// runtime lacking one option fails only that assertion.
import Foundation
import Glibc

enum MountOptionTests {
    /// (option, requirement, options to pass, predicate on the resulting mount)
    typealias Case = (String, String, [String], (MountInfo) -> Bool)

    nonisolated(unsafe) static let tmpfsCases: [Case] = [
        ("async", "MUST", ["sync", "async"], { !$0.allOptions.contains("sync") }),
        ("atime", "MUST", ["noatime", "atime"], { !$0.options.contains("noatime") }),
        ("defaults", "MUST", ["defaults"], { $0.options.contains("rw") }),
        ("dev", "MUST", ["nodev", "dev"], { !$0.options.contains("nodev") }),
        ("diratime", "MUST", ["nodiratime", "diratime"], { !$0.options.contains("nodiratime") }),
        ("dirsync", "MUST", ["dirsync"], { $0.allOptions.contains("dirsync") }),
        ("exec", "MUST", ["noexec", "exec"], { !$0.options.contains("noexec") }),
        ("iversion", "MUST", ["iversion"], { _ in true }),
        ("lazytime", "MUST", ["lazytime"], { $0.allOptions.contains("lazytime") }),
        ("loud", "MUST", ["loud"], { _ in true }),
        ("noatime", "MUST", ["noatime"], { $0.options.contains("noatime") }),
        ("nodev", "MUST", ["nodev"], { $0.options.contains("nodev") }),
        ("nodiratime", "MUST", ["nodiratime"], { $0.options.contains("nodiratime") }),
        ("noexec", "MUST", ["noexec"], { $0.options.contains("noexec") }),
        ("noiversion", "MUST", ["noiversion"], { _ in true }),
        ("nolazytime", "MUST", ["lazytime", "nolazytime"], { !$0.allOptions.contains("lazytime") }),
        ("norelatime", "MUST", ["norelatime"], { _ in true }),
        ("nostrictatime", "MUST", ["nostrictatime"], { $0.options.contains("relatime") }),
        ("nosuid", "MUST", ["nosuid"], { $0.options.contains("nosuid") }),
        ("nosymfollow", "SHOULD", ["nosymfollow"], { $0.options.contains("nosymfollow") }),
        ("relatime", "MUST", ["relatime"], { $0.options.contains("relatime") }),
        ("ro", "MUST", ["ro"], { $0.options.contains("ro") }),
        ("rw", "MUST", ["ro", "rw"], { $0.options.contains("rw") }),
        ("silent", "MUST", ["silent"], { _ in true }),
        ("strictatime", "MUST", ["strictatime"], { !$0.options.contains("relatime") && !$0.options.contains("noatime") }),
        ("suid", "MUST", ["nosuid", "suid"], { !$0.options.contains("nosuid") }),
        ("symfollow", "SHOULD", ["nosymfollow", "symfollow"], { !$0.options.contains("nosymfollow") }),
        ("sync", "MUST", ["sync"], { $0.allOptions.contains("sync") }),
    ]

    /// Propagation options on a bind mount of a shared host mount.
    static let propagationCases: [(String, [String], String)] = [
        ("private", ["bind", "private"], "private"), ("rprivate", ["rbind", "rprivate"], "private"),
        ("shared", ["bind", "shared"], "shared"), ("rshared", ["rbind", "rshared"], "shared"),
        ("slave", ["bind", "slave"], "slave"), ("rslave", ["rbind", "rslave"], "slave"),
        ("unbindable", ["bind", "unbindable"], "unbindable"), ("runbindable", ["rbind", "runbindable"], "unbindable"),
    ]

    /// Recursive (mount_setattr AT_RECURSIVE) options, checked on the mount and its submount.
    /// Setting options bind a plain source; clearing options bind a source whose
    /// mount and submount carry the flag being cleared (ro,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow).
    nonisolated(unsafe) static let recursiveCases: [(String, Bool, (MountInfo) -> Bool)] = [
        ("rro", false, { $0.options.contains("ro") }),
        ("rrw", true, { $0.options.contains("rw") }),
        ("rnosuid", false, { $0.options.contains("nosuid") }),
        ("rsuid", true, { !$0.options.contains("nosuid") }),
        ("rnodev", false, { $0.options.contains("nodev") }),
        ("rdev", true, { !$0.options.contains("nodev") }),
        ("rnoexec", false, { $0.options.contains("noexec") }),
        ("rexec", true, { !$0.options.contains("noexec") }),
        ("rnoatime", false, { $0.options.contains("noatime") }),
        ("ratime", true, { !$0.options.contains("noatime") }),
        ("rnodiratime", false, { $0.options.contains("nodiratime") }),
        ("rdiratime", true, { !$0.options.contains("nodiratime") }),
        ("rrelatime", true, { $0.options.contains("relatime") }),
        ("rnorelatime", false, { _ in true }),
        ("rstrictatime", false, { !$0.options.contains("relatime") && !$0.options.contains("noatime") }),
        ("rnostrictatime", false, { $0.options.contains("relatime") }),
        ("rnosymfollow", false, { $0.options.contains("nosymfollow") }),
        ("rsymfollow", true, { !$0.options.contains("nosymfollow") }),
    ]

    static func run(_ s: Suite) {
        let g = Group("MountOptions", s)
        for (opt, req, options, pred) in tmpfsCases {
            let r = s.probe("opt-\(opt)", ["mountinfo"]) { b in
                b.addMount("/conformance/opt", type: "tmpfs", source: "tmpfs", options: ["size=64k"] + options)
            }
            let m = r.report.mount(at: "/conformance/opt")
            g.check(opt, "config.md linux mount options: runtimes \(req) implement `\(opt)` (options \(options))",
                    m != nil && pred(m!), "mount: \(m.map { "\($0.options.sorted()) \($0.superOptions.sorted())" } ?? "missing"); \(r.why)")
        }

        // A shared host mount with a submount, so propagation and recursion are observable.
        let src = s.work + "/prop-src"
        try? FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        Spawn.sh("mount -t tmpfs -o size=64k conformance-prop \(src) && mkdir \(src)/sub && mount -t tmpfs -o size=64k conformance-prop-sub \(src)/sub && mount --make-rshared \(src)")
        defer { umount2(src + "/sub", Int32(MNT_DETACH)); umount2(src, Int32(MNT_DETACH)) }
        for (opt, options, expected) in propagationCases {
            let r = s.probe("prop-\(opt)", ["mountinfo"]) { b in
                // A shared root keeps the source's peer group in the container's mount
                // namespace whatever the runtime's default root propagation is.
                b.config["linux", "rootfsPropagation"] = "shared"
                b.addMount("/conformance/prop", type: "none", source: src, options: options)
            }
            let m = r.report.mount(at: "/conformance/prop")
            let subOK = !opt.hasPrefix("r") || r.report.mount(at: "/conformance/prop/sub")?.propagation == expected
            g.check(opt, "config.md linux mount options: runtimes MUST implement `\(opt)`: \"Bind mount propagation\" (\(expected))",
                    m?.propagation == expected && subOK,
                    "propagation: \(m?.propagation ?? "missing") / sub \(r.report.mount(at: "/conformance/prop/sub")?.propagation ?? "missing"); \(r.why)")
        }
        let flagged = s.work + "/flagged-src"
        try? FileManager.default.createDirectory(atPath: flagged, withIntermediateDirectories: true)
        let flags = "nosuid,nodev,noexec,noatime,nodiratime,nosymfollow"
        Spawn.sh("mount -t tmpfs -o size=64k,\(flags) conformance-flagged \(flagged) && mkdir \(flagged)/sub && mount -t tmpfs -o size=64k,\(flags) conformance-flagged-sub \(flagged)/sub && mount -o remount,ro,\(flags) \(flagged)/sub && mount -o remount,ro,\(flags) \(flagged)")
        defer { umount2(flagged + "/sub", Int32(MNT_DETACH)); umount2(flagged, Int32(MNT_DETACH)) }
        for (opt, clears, pred) in recursiveCases {
            let r = s.probe("ropt-\(opt)", ["mountinfo"]) { b in
                b.addMount("/conformance/rec", type: "none", source: clears ? flagged : src, options: ["rbind", opt])
            }
            let top = r.report.mount(at: "/conformance/rec"), sub = r.report.mount(at: "/conformance/rec/sub")
            g.check(opt, "config.md linux mount options: runtimes SHOULD implement `\(opt)`: \"Recursive `\(opt.dropFirst())`\" (mount and submount\(clears ? " of a source carrying the opposite flag" : ""))",
                    top != nil && sub != nil && pred(top!) && pred(sub!),
                    "top \(top?.options.sorted() ?? []) sub \(sub?.options.sorted() ?? []); \(r.why)")
        }
        remount(g, s)
    }

    static func remount(_ g: Group, _ s: Suite) {
        let r = s.probe("opt-remount", ["mountinfo"]) { b in
            b.addMount("/conformance/remount", type: "tmpfs", source: "tmpfs", options: ["size=64k"])
            b.addMount("/conformance/remount", type: "tmpfs", source: "tmpfs", options: ["remount", "ro"])
        }
        let ms = r.report.mounts.filter { $0.mountPoint == "/conformance/remount" }
        g.check("remount", "config.md linux mount options: runtimes MUST implement `remount` (a remount,ro entry makes the existing mount read-only)",
                ms.count == 1 && ms[0].options.contains("ro"), "mounts at path: \(ms.map { $0.options.sorted() }); \(r.why)")
    }
}
