// config-linux.md: Masked Paths and Readonly Paths.
import Foundation

enum MaskedReadonlyTests {
    static func run(_ s: Suite) {
        let g = Group("MaskedReadonly", s)
        let r = s.probe("masked", ["read:/proc/kcore", "read:/conformance/mask-file", "readdir:/conformance/mask-dir", "read:/conformance/rw-dir/file",
                                   "open:w:/proc/sys/kernel/hostname", "create:/conformance/ro-dir/new", "read:/conformance/ro-dir/file",
                                   "create:/conformance/rw-dir/new", "read:/proc/sys/kernel/ostype"]) { b in
            b.config["linux", "maskedPaths"] = ["/proc/kcore", "/conformance/mask-file", "/conformance/mask-dir", "/conformance/does-not-exist"]
            b.config["linux", "readonlyPaths"] = ["/proc/sys", "/conformance/ro-dir", "/conformance/also-missing"]
        }
        let rep = r.report
        let unreadable = { (k: String) -> Bool in
            guard let v = rep["read." + k] else { return false }
            return v.hasPrefix("ERR") || v.hasPrefix("ok len=0 ")
        }
        g.check("masked-file", "config-linux.md: \"maskedPaths (array of strings, OPTIONAL) will mask over the provided paths inside the container so that they cannot be read\" (a file)",
                r.ok && unreadable("/conformance/mask-file"), "read: \(rep["read./conformance/mask-file"] ?? "?"); \(r.why)")
        g.check("masked-proc", "config-linux.md maskedPaths: \"so that they cannot be read\" (/proc/kcore)",
                r.ok && unreadable("/proc/kcore"), "read: \(rep["read./proc/kcore"] ?? "?"); \(r.why)")
        let dir = rep["readdir./conformance/mask-dir"]
        g.check("masked-dir", "config-linux.md maskedPaths: \"so that they cannot be read\" (a directory lists nothing)",
                r.ok && (dir == "" || (dir ?? "ERR").hasPrefix("ERR")), "readdir: \(dir ?? "?"); \(r.why)")
        g.check("unmasked-readable", "config-linux.md maskedPaths: only \"the provided paths\" are masked (a sibling file stays readable)",
                (rep["read./conformance/rw-dir/file"] ?? "").contains("writable"), r.why)
        g.equal("readonly-proc-sys", "config-linux.md: \"readonlyPaths (array of strings, OPTIONAL) will set the provided paths as readonly inside the container\" (/proc/sys)",
                rep["open.w./proc/sys/kernel/hostname"], "ERR EROFS", r.why)
        g.equal("readonly-dir", "config-linux.md readonlyPaths: \"will set the provided paths as readonly inside the container\" (a rootfs directory)",
                rep["create./conformance/ro-dir/new"], "ERR EROFS", r.why)
        g.check("readonly-still-readable", "config-linux.md readonlyPaths: read-only paths remain readable",
                (rep["read./conformance/ro-dir/file"] ?? "").contains("readonly") && (rep["read./proc/sys/kernel/ostype"] ?? "").contains("Linux"), r.why)
        g.equal("readonly-others-writable", "config-linux.md readonlyPaths: only \"the provided paths\" become read-only (a sibling directory stays writable)",
                rep["create./conformance/rw-dir/new"], "ok", r.why)
        for (slug, field) in [("masked-relative", "maskedPaths"), ("readonly-relative", "readonlyPaths")] {
            let b = s.bundle(slug, s.checker("id"))
            b.config["linux", field] = ["conformance/ro-dir"]
            let (cr, _) = s.tryCreate(b)
            g.check(slug, "config-linux.md \(field): \"The values MUST be absolute paths in the container namespace\" (a relative path is rejected)",
                    cr.failed, cr.summary)
        }
    }
}
