// config-linux.md: Sysctl.
import Foundation

enum SysctlTests {
    static func run(_ s: Suite) {
        let g = Group("Sysctl", s)
        let hostForward = Host.readFile("/proc/sys/net/ipv4/ip_forward")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hostShm = Host.readFile("/proc/sys/kernel/shm_rmid_forced")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let values = ["net.ipv4.ip_forward": hostForward == "1" ? "0" : "1",
                      "kernel.shm_rmid_forced": hostShm == "1" ? "0" : "1",
                      "net.core.somaxconn": "257"]
        let r = s.probe("sysctl", values.keys.sorted().map { "sysctl:\($0)" }) { b in b.config["linux", "sysctl"] = values }
        for (k, v) in values.sorted(by: { $0.key < $1.key }) {
            g.equal(k, "config-linux.md: \"sysctl (object, OPTIONAL) allows kernel parameters to be modified at runtime for the container\" (\(k))",
                    r.report["sysctl." + k], v, r.why)
        }
        let after = Host.readFile("/proc/sys/net/ipv4/ip_forward")?.trimmingCharacters(in: .whitespacesAndNewlines)
        g.check("host-untouched", "config-linux.md sysctl: parameters are modified \"for the container\" (the host's namespaced value is unchanged)",
                r.ok && after == hostForward, "host ip_forward before \(hostForward ?? "?") after \(after ?? "?")")
    }
}
