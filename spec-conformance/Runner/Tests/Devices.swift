// config-linux.md: Devices and Default Devices.
import Foundation

enum DeviceTests {
    static func run(_ s: Suite) {
        let g = Group("Devices", s)
        configured(g, s)
        defaults(g, s)
        conflict(g, s)
    }

    static func configured(_ g: Group, _ s: Suite) {
        let r = s.probe("devices", ["stat:/dev/conformance-null", "stat:/dev/conformance-loop", "stat:/dev/conformance-fifo",
                                    "stat:/dev/conformance-u", "stat:/conformance/devnull", "write:/dev/conformance-null:x"]) { b in
            b.config["linux", "devices"] = [
                ["path": "/dev/conformance-null", "type": "c", "major": 1, "minor": 3, "fileMode": 0o640, "uid": 1000, "gid": 1001],
                ["path": "/dev/conformance-loop", "type": "b", "major": 7, "minor": 0, "fileMode": 0o600],
                ["path": "/dev/conformance-fifo", "type": "p", "fileMode": 0o600],
                ["path": "/dev/conformance-u", "type": "u", "major": 1, "minor": 5, "fileMode": 0o600],
                ["path": "/conformance/devnull", "type": "c", "major": 1, "minor": 3, "fileMode": 0o666],
            ] as [[String: Any]]
        }
        let rep = r.report
        let null = rep.stat("/dev/conformance-null")
        g.check("available", "config-linux.md: \"devices (array of objects, OPTIONAL) lists devices that MUST be available in the container\"",
                null != nil, r.why)
        g.equal("type-c", "config-linux.md devices: \"type (string, REQUIRED) - type of device: c, b, u or p\" (c)", null?["type"], "c", r.why)
        g.equal("major-minor", "config-linux.md devices: \"major, minor (int64, REQUIRED unless type is p) - major, minor numbers for the device\"",
                null?["rdev"], "1:3", r.why)
        g.equal("fileMode", "config-linux.md devices: \"fileMode (uint32, OPTIONAL) - file mode for the device\"", null?["mode"], "640", r.why)
        g.equal("uid", "config-linux.md devices: \"uid (uint32, OPTIONAL) - id of device owner in the container namespace\"", null?["uid"], "1000", r.why)
        g.equal("gid", "config-linux.md devices: \"gid (uint32, OPTIONAL) - id of device group in the container namespace\"", null?["gid"], "1001", r.why)
        let loop = rep.stat("/dev/conformance-loop")
        g.check("type-b", "config-linux.md devices: \"type ... c, b, u or p\" (b: a block device 7:0)", loop?["type"] == "b" && loop?["rdev"] == "7:0", r.why)
        g.equal("type-p", "config-linux.md devices: \"type ... c, b, u or p\" (p: a FIFO)", rep.stat("/dev/conformance-fifo")?["type"], "p", r.why)
        let u = rep.stat("/dev/conformance-u")
        g.check("type-u", "config-linux.md devices: \"type ... c, b, u or p\" (u: an unbuffered character device)", u?["type"] == "c" && u?["rdev"] == "1:5", r.why)
        g.equal("outside-dev", "config-linux.md devices: \"The path MAY be anywhere in the container filesystem, notably outside of /dev\" (the device MUST be available)",
                rep.stat("/conformance/devnull")?["rdev"], "1:3", r.why)
        g.equal("usable", "config-linux.md: devices \"MUST be available in the container\" (writing to the configured /dev/null twin works)",
                rep["write./dev/conformance-null"], "ok", r.why)
    }

    static func defaults(_ g: Group, _ s: Suite) {
        let devs = [("null", "1:3"), ("zero", "1:5"), ("full", "1:7"), ("random", "1:8"), ("urandom", "1:9"), ("tty", "5:0")]
        let r = s.probe("default-devices", devs.map { "statf:/dev/\($0.0)" } + ["readlink:/dev/ptmx", "stat:/dev/ptmx", "statf:/dev/ptmx",
                                                                              "read:/dev/zero", "write:/dev/full:x", "write:/dev/null:x", "read:/dev/urandom"])
        let rep = r.report
        for (name, rdev) in devs {
            let st = rep.stat("/dev/\(name)")
            g.check("default-\(name)", "config-linux.md default devices: \"the runtime MUST also supply\" /dev/\(name) (character device \(rdev))",
                    st?["type"] == "c" && st?["rdev"] == rdev, "stat: \(st ?? [:]); \(r.why)")
        }
        let link = rep["readlink./dev/ptmx"] ?? ""
        let ptmx = rep.stat("/dev/ptmx"), ptmxF = rep.stat("/dev/ptmx")
        let isLink = link == "pts/ptmx" || link == "/dev/pts/ptmx"
        let isBind = ptmx?["type"] == "c" && ptmxF?["rdev"] == "5:2"
        g.check("default-ptmx", "config-linux.md default devices: \"/dev/ptmx. A bind-mount or symlink of the container's /dev/pts/ptmx\"",
                isLink || isBind, "readlink \(link) stat \(ptmx ?? [:]); \(r.why)")
        g.check("default-zero-usable", "config-linux.md default devices: /dev/zero MUST be supplied (reads return zero bytes)",
                (rep["read./dev/zero"] ?? "").hasPrefix("ok len=4096 data=\\x0\\x0"), r.why)
        g.check("default-full-usable", "config-linux.md default devices: /dev/full MUST be supplied (writes fail with ENOSPC)",
                rep["write./dev/full"] == "ERR ENOSPC", "write /dev/full: \(rep["write./dev/full"] ?? "?"); \(r.why)")
        g.equal("default-null-usable", "config-linux.md default devices: /dev/null MUST be supplied (writes succeed)", rep["write./dev/null"], "ok", r.why)
        g.check("default-urandom-usable", "config-linux.md default devices: /dev/urandom MUST be supplied (reads return data)",
                (rep["read./dev/urandom"] ?? "").hasPrefix("ok len=4096"), r.why)
    }

    static func conflict(_ g: Group, _ s: Suite) {
        let b = s.bundle("device-conflict", s.checker("id"))
        b.config["linux", "devices"] = [["path": "/conformance/existing-file", "type": "c", "major": 1, "minor": 3, "fileMode": 0o666]] as [[String: Any]]
        let (r, exists) = s.tryCreate(b)
        g.check("existing-file-conflict", "config-linux.md devices: path: \"If a file already exists at path that does not match the requested device, the runtime MUST generate an error\"",
                r.failed && !exists, r.summary)
    }
}
