// config-linux.md: Allowed Device list (devices cgroup). Device numbers
// 240-241 have no driver: an allowed open fails with ENXIO, a denied one with EPERM.
import Foundation

enum ResourcesDevicesTests {
    static func nodes(_ b: Bundle) {
        b.config["linux", "devices"] = [
            ["path": "/dev/conformance-240", "type": "c", "major": 240, "minor": 0, "fileMode": 0o666],
            ["path": "/dev/conformance-241", "type": "c", "major": 241, "minor": 0, "fileMode": 0o666],
        ] as [[String: Any]]
    }

    static func run(_ s: Suite) {
        let g = Group("ResourcesDevices", s)
        guard s.host.hasController("devices") || !s.host.cgroupV1 else {
            for slug in ["allow", "access", "deny-all", "order"] {
                g.skip(slug, "config-linux.md: \"devices (array of objects, OPTIONAL) configures the allowed device list\"", "no devices controller on this host")
            }
            return
        }
        let probes = ["open:r:/dev/conformance-240", "open:w:/dev/conformance-240", "open:r:/dev/conformance-241"]
        let a = s.probe("devcg-a", probes) { b in
            nodes(b)
            b.config["linux", "resources", "devices"] = [
                ["allow": false, "access": "rwm"],
                ["allow": true, "type": "c", "major": 240, "minor": 0, "access": "r"],
            ] as [[String: Any]]
        }
        let rep = a.report
        g.equal("allow", "config-linux.md allowed device list: \"allow (boolean, REQUIRED) - whether the entry is allowed or denied\" (allowed c 240:0 r opens)",
                rep["open.r./dev/conformance-240"], "ERR ENXIO", a.why)
        g.equal("access", "config-linux.md allowed device list: \"access (string, OPTIONAL) - cgroup permissions for device. A composition of r (read), w (write), and m (mknod)\" (write is denied)",
                rep["open.w./dev/conformance-240"], "ERR EPERM", a.why)
        g.equal("deny-all", "config-linux.md allowed device list: type \"Unset values mean all\"; major, minor \"Unset values mean all\" (a bare deny rwm denies c 241:0)",
                rep["open.r./dev/conformance-241"], "ERR EPERM", a.why)
        let b1 = s.probe("devcg-order1", ["open:w:/dev/conformance-240"]) { b in
            nodes(b)
            b.config["linux", "resources", "devices"] = [
                ["allow": true, "type": "c", "major": 240, "minor": 0, "access": "rw"],
                ["allow": false, "type": "c", "major": 240, "minor": 0, "access": "w"],
            ] as [[String: Any]]
        }
        let b2 = s.probe("devcg-order2", ["open:w:/dev/conformance-240"]) { b in
            nodes(b)
            b.config["linux", "resources", "devices"] = [
                ["allow": false, "type": "c", "major": 240, "minor": 0, "access": "w"],
                ["allow": true, "type": "c", "major": 240, "minor": 0, "access": "rw"],
            ] as [[String: Any]]
        }
        g.check("order", "config-linux.md allowed device list: \"The runtime MUST apply entries in the listed order\" (allow-then-deny denies, deny-then-allow allows)",
                b1.report["open.w./dev/conformance-240"] == "ERR EPERM" && b2.report["open.w./dev/conformance-240"] == "ERR ENXIO",
                "allow,deny -> \(b1.report["open.w./dev/conformance-240"] ?? "?"); deny,allow -> \(b2.report["open.w./dev/conformance-240"] ?? "?"); \(b1.why); \(b2.why)")
    }
}
