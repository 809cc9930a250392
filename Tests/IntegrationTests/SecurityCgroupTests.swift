import Foundation
import XCTest

/// CVE-2023-25809 class: a user-namespaced container without its own cgroup
/// namespace must not get a writable view of the host's cgroup tree, whether
/// /sys/fs/cgroup is bound from the host (no cgroupns) or comes along with a
/// /sys that had to be bound instead of mounted (no network namespace of its
/// own). "ro" must hold for every mount below.
final class SecurityCgroupTests: IntegrationTestCase {
    /// Mount point and per-mount options of everything under /sys, then
    /// write attempts in every hierarchy. (The tmpfs holding the v1
    /// hierarchies is the container's own and stays writable, as in runc.)
    static let inspect = """
        awk '$5 ~ "^/sys" { print $5, $6 }' /proc/self/mountinfo
        for d in /sys/fs/cgroup/*/; do mkdir "$d/evil" 2>/dev/null && echo "WRITABLE $d"; done
        echo inspected
        """

    private func inspect(file: StaticString = #filePath, line: UInt = #line) throws -> [(mountPoint: String, options: String)] {
        let out = try output(["sh", "-c", Self.inspect], file: file, line: line)
        XCTAssertFalse(out.contains("WRITABLE"), "writable cgroup tree: \(out)", file: file, line: line)
        XCTAssertTrue(out.hasSuffix("inspected"), out, file: file, line: line)
        return out.split(separator: "\n").dropLast().compactMap {
            let f = $0.split(separator: " ")
            return f.count == 2 ? (String(f[0]), String(f[1])) : nil
        }
    }

    /// Every mount at or below `prefix` is read-only. With a cgroup mount in
    /// the config, the topmost /sys/fs/cgroup is the tmpfs the runtime made
    /// for the v1 hierarchies: the container's own, writable as in runc.
    private func assertReadOnly(_ mounts: [(mountPoint: String, options: String)], below prefix: String,
                                ownTmpfs: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
        var below = mounts.filter { $0.mountPoint == prefix || $0.mountPoint.hasPrefix(prefix + "/") }
        XCTAssertTrue(below.contains { $0.mountPoint.hasPrefix("/sys/fs/cgroup/") }, "no hierarchy mounted: \(below)",
                      file: file, line: line)
        if ownTmpfs, let top = below.lastIndex(where: { $0.mountPoint == "/sys/fs/cgroup" }) { below.remove(at: top) }
        for m in below {
            XCTAssertTrue(m.options.split(separator: ",").contains("ro"), "\(m.mountPoint) is \(m.options)", file: file, line: line)
        }
    }

    /// No user namespace: the default config's read-only cgroup mount has
    /// read-only hierarchies.
    func testDefaultCgroupMountIsReadOnly() throws {
        assertReadOnly(try inspect(), below: "/sys/fs/cgroup")
    }

    /// User namespace and network namespace, no cgroup namespace: the
    /// container's own cgroups are bound from the host, read-only.
    func testUserNamespaceWithoutCgroupNamespace() throws {
        sandbox.useUserNamespace(keepSys: true)
        sandbox.removeNamespace("cgroup")
        assertReadOnly(try inspect(), below: "/sys/fs/cgroup")
    }

    /// No network namespace either: sysfs cannot be mounted, /sys is bound
    /// from the host with its submounts; "ro" must be recursive.
    func testSysfsFallbackIsRecursivelyReadOnly() throws {
        sandbox.useUserNamespace(keepSys: true)
        sandbox.removeNamespace("cgroup")
        sandbox.removeNamespace("network")
        assertReadOnly(try inspect(), below: "/sys")
    }

    /// The same without a cgroup mount: the host's hierarchies arrive only
    /// through the /sys bind.
    func testSysfsFallbackWithoutCgroupMount() throws {
        sandbox.useUserNamespace(keepSys: true)
        sandbox.removeNamespace("cgroup")
        sandbox.removeNamespace("network")
        sandbox.config["mounts"] = (sandbox.config["mounts"] as? [[String: Any]] ?? []).filter {
            $0["destination"] as? String != "/sys/fs/cgroup"
        }
        assertReadOnly(try inspect(), below: "/sys", ownTmpfs: false)
        XCTAssertEqual(try output(["sh", "-c", "touch /sys/fs/cgroup/planted 2>/dev/null && echo written; echo checked"]), "checked",
                       "the host's /sys/fs/cgroup tmpfs is writable")
    }
}
