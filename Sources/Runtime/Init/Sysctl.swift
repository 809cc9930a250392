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
                try FileIO.write("/proc/sys/" + relative, values[key]!)
            } catch {
                throw ContainerInit.Failure("linux.sysctl[\(key)]: \(error)")
            }
        }
    }
}

extension String {
    func replacingDots() -> String {
        String(unicodeScalars.map { $0 == "." ? "/" : Character($0) })
    }
}
