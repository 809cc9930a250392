// Removing the work directory: first detach anything still mounted below it.
import Foundation
import Glibc

enum Cleanup {
    static func removeWorkDir(_ work: String) {
        if ProcessInfo.processInfo.environment["CONFORMANCE_KEEP"] != nil { return }
        let info = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let below = info.split(separator: "\n").compactMap { MountInfo(String($0))?.mountPoint }
            .filter { $0.hasPrefix(work + "/") }
        for m in below.reversed() { umount2(m, Int32(MNT_DETACH)) }
        _ = Spawn.run(["/bin/rm", "-rf", "--one-file-system", work])
    }
}

extension Cleanup {
    /// Removes the (empty) per-run cgroup parents under every hierarchy.
    /// Removes empty cgroups a runtime left behind for this run's containers (ids `cf<pid>-...`).
    static func containerCgroups(_ host: Host, idPrefix: String) {
        let own = host.cgroupPaths(Int(getpid()))
        for (controller, mount) in host.cgroupMounts {
            for dir in [mount] + (own[controller].map { $0 == "/" ? [] : [mount + $0] } ?? []) {
                for e in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where e.hasPrefix(idPrefix) {
                    rmdir(dir + "/" + e)
                }
            }
        }
    }

    static func cgroupParents(_ host: Host, prefix: String) {
        for mount in Set(host.cgroupMounts.values) {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: mount) else { continue }
            for e in entries where e.hasPrefix(prefix) {
                let dir = mount + "/" + e
                if let subs = try? FileManager.default.contentsOfDirectory(atPath: dir) {
                    for sub in subs { rmdir(dir + "/" + sub) }
                }
                rmdir(dir)
            }
        }
    }
}
