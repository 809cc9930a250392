// config-linux.md: Rootfs Mount Propagation. The rootfs is a shared mount on
// the host, so `slave` can show its master.
import Foundation
import Glibc

enum PropagationTests {
    static func run(_ s: Suite) {
        let g = Group("RootfsPropagation", s)
        let cases = [("shared", "shared"), ("slave", "slave"), ("private", "private"), ("unbindable", "unbindable")]
        for (value, expected) in cases {
            let b = s.bundle("rprop-\(value)", s.checker("mountinfo"))
            Spawn.sh("mount --bind \(b.rootfs) \(b.rootfs) && mount --make-shared \(b.rootfs)")
            defer { umount2(b.rootfs, Int32(MNT_DETACH)) }
            b.config["linux", "rootfsPropagation"] = value
            let r = s.run(b, tag: "rprop")
            let root = r.report.mount(at: "/")
            g.equal(value, "config-linux.md: \"rootfsPropagation (string, OPTIONAL) sets the rootfs's mount propagation\" (\(value))",
                    root?.propagation, expected, "root mount: \(root.map { "\($0.optional)" } ?? "missing"); \(r.why)")
        }
        let bad = s.bundle("rprop-bogus", s.checker("id"))
        bad.config["linux", "rootfsPropagation"] = "bogus"
        let (br, _) = s.tryCreate(bad)
        g.check("invalid", "config-linux.md rootfsPropagation: \"Its value is either shared, slave, private or unbindable\"; config.md: \"Runtimes MUST generate an error when invalid or unsupported values are encountered\"",
                br.failed, br.summary)
    }
}
