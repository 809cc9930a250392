import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `linux.sysctl`: written through the container's own /proc/sys after
/// pivot_root, so only the container's namespaced values change.
enum Sysctl {
    static func apply(_ values: [String: String]?) throws {
        guard let values else { return }
        for key in values.keys.sorted() {
            // Keys may use dots or slashes ("net.ipv4.ip_forward" or "net/ipv4/ip_forward").
            let relative = key.contains("/") ? key : key.replacingDots()
            if relative.contains("..") || relative.hasPrefix("/") {
                throw ContainerInit.Failure("linux.sysctl[\(key)]: invalid key")
            }
            do {
                try write(relative, values[key]!)
            } catch {
                throw ContainerInit.Failure("linux.sysctl[\(key)]: \(error)")
            }
        }
    }

    static let procSuperMagic: Int64 = 0x9fa0
    static let resolveNoXdev: UInt64 = 0x01, resolveNoMagiclinks: UInt64 = 0x02
    static let resolveNoSymlinks: UInt64 = 0x04, resolveBeneath: UInt64 = 0x08

    /// CVE-2025-52881 class: the write goes through the container's procfs
    /// only. /proc must be a proc mount, and the lookup below it may neither
    /// cross into another mount nor follow a symlink, so nothing placed over
    /// or inside /proc/sys can redirect it to another file.
    static func write(_ relative: String, _ value: String) throws(SystemError) {
        let proc = try sys("open", "/proc") { open("/proc", LinuxAPI.O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        defer { close(proc) }
        var type: Int64 = 0
        var flags: UInt64 = 0
        try sys("fstatfs", "/proc") { sw_fstatfs(proc, &type, &flags) }
        guard type == procSuperMagic else { throw SystemError(errno: EXDEV, "verify procfs", "/proc") }
        let fd = try sys("open", "/proc/sys/" + relative) {
            sw_openat2(proc, "sys/" + relative, UInt64(O_WRONLY | O_NOFOLLOW | O_CLOEXEC), 0,
                       resolveBeneath | resolveNoXdev | resolveNoSymlinks | resolveNoMagiclinks)
        }
        defer { close(fd) }
        try FileIO.writeAll(fd: fd, value)
    }
}

extension String {
    func replacingDots() -> String {
        String(unicodeScalars.map { $0 == "." ? "/" : Character($0) })
    }
}
