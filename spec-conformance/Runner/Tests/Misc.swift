// config-linux.md: Personality, Memory policy, Mount Label, Network Devices.
import Foundation

enum MiscTests {
    static func run(_ s: Suite) {
        let g = Group("Linux", s)
        let p32 = s.probe("personality32", ["uname"]) { b in b.config["linux", "personality"] = ["domain": "LINUX32"] }
        g.check("personality-linux32", "config-linux.md personality: \"LINUX32 will set the uname system call to show a 32 bit CPU type, such as i686\"",
                p32.report["machine"].map { $0.hasPrefix("i") && $0.hasSuffix("86") } == true && p32.report["personality"] == "8", p32.why)
        let p64 = s.probe("personality64", ["uname"]) { b in b.config["linux", "personality"] = ["domain": "LINUX"] }
        g.check("personality-linux", "config-linux.md: \"personality (object, OPTIONAL) sets the Linux execution personality\" (LINUX)",
                p64.ok && p64.report["personality"] == "0" && p64.report["machine"] == "x86_64", p64.why)
        let mp = s.probe("mempolicy", ["mempolicy"]) { b in b.config["linux", "memoryPolicy"] = ["mode": "MPOL_BIND", "nodes": "0"] }
        g.equal("memoryPolicy", "config-linux.md: \"memoryPolicy (object, OPTIONAL) sets the NUMA memory policy for the container\" (MPOL_BIND on node 0)",
                mp.report["mempolicy"], "mode=2 flags=0 nodes=1", mp.why)
        g.skip("mountLabel", "config-linux.md: \"mountLabel (string, OPTIONAL) will set the Selinux context for the mounts in the container\"",
               s.host.selinux ? "no SELinux policy for the suite" : "SELinux is not enabled on this host")
        netDevices(g, s)
    }

    /// Moves one end of a fresh veth pair (no traffic: the peer stays down on the host).
    static func netDevices(_ g: Group, _ s: Suite) {
        let host = "cfv\(getpid() % 100000)a", peer = "cfv\(getpid() % 100000)b"
        let made = Spawn.sh("ip link add \(host) type veth peer name \(peer) && ip addr add 192.0.2.10/32 dev \(host)")
        defer { Spawn.sh("ip link del \(host) 2>/dev/null; ip link del \(peer) 2>/dev/null") }
        let statements = [
            ("netDevices-moved", "config-linux.md: \"netDevices (object, OPTIONAL) - A set of network devices that MUST be made available in the container\" (renamed via name)"),
            ("netDevices-up", "config-linux.md netDevices: \"The runtime MUST set the network device state to up after moving it to the network namespace\""),
            ("netDevices-addresses", "config-linux.md netDevices: \"The runtime MUST preserve existing network interface attributes, including all permanent IP addresses ... with global scope\""),
        ]
        guard made.ok else {
            for (slug, st) in statements { g.skip(slug, st, "cannot create a veth pair on this host: \(made.stderr.prefix(100))") }
            g.skip("netDevices-name-exists", "config-linux.md netDevices: \"If a network device with the specified name already exists in the container namespace, the runtime MUST generate an error\"", "no veth support")
            return
        }
        let r = s.probe("netdev", ["file:/sys/class/net/ctr0/operstate", "file:/sys/class/net/ctr0/flags", "netdevs"]) { b in
            b.config["linux", "netDevices"] = [host: ["name": "ctr0"]]
            b.args = ["/bin/sh", "-c", "ip -4 addr show dev ctr0 | sed 's/^/ipaddr=/'; exec /conformance/checker file:/sys/class/net/ctr0/flags"]
        }
        let flags = Int(r.report["file./sys/class/net/ctr0/flags"]?.dropFirst(2) ?? "", radix: 16) ?? 0
        g.check(statements[0].0, statements[0].1, r.ok && flags != 0, r.why)
        g.check(statements[1].0, statements[1].1, flags & 1 == 1, "flags \(r.report["file./sys/class/net/ctr0/flags"] ?? "?"); \(r.why)")
        g.check(statements[2].0, statements[2].1, r.report.all("ipaddr").contains { $0.contains("192.0.2.10/32") }, r.why)
        Spawn.sh("ip link del \(host) 2>/dev/null")
        // Fresh names: the kernel tears the first container's network
        // namespace (and the veth moved into it) down asynchronously.
        let host2 = "cfv\(getpid() % 100000)c", peer2 = "cfv\(getpid() % 100000)d"
        let made2 = Spawn.sh("ip link add \(host2) type veth peer name \(peer2)")
        defer { Spawn.sh("ip link del \(host2) 2>/dev/null") }
        let b = s.bundle("netdev-exists", s.checker("id"))
        b.config["linux", "netDevices"] = [host2: ["name": "lo"]]
        let (er, _) = s.tryCreate(b)
        g.check("netDevices-name-exists", "config-linux.md netDevices: \"If a network device with the specified name already exists in the container namespace, the runtime MUST generate an error\" (name lo)",
                made2.ok && er.failed, er.summary)
    }
}
