import OCISpec
import ProcessSetup
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Settings that need a kernel facility this host may lack. Silently
/// ignoring them would run the container with less isolation than the
/// engine asked for, so, like runc, the create fails and says why.
/// Checked by the init before it mounts anything, while /proc is the host's.
enum HostSupport {
    static func check(_ spec: Spec, selinux: Bool) throws {
        if let rdt = spec.linux?.intelRdt {
            let field = rdt.l3CacheSchema != nil ? "linux.intelRdt.l3CacheSchema"
                : rdt.memBwSchema != nil ? "linux.intelRdt.memBwSchema" : "linux.intelRdt"
            guard resctrlMounted() else {
                throw ContainerInit.Failure(
                    "\(field): Intel RDT is not supported or enabled on this host (no resctrl filesystem is mounted)")
            }
            throw ContainerInit.Failure("\(field): Intel RDT is not supported by swiftlet")
        }
        // runc formats the label into every mount and the kernel rejects it
        // without SELinux; a label that cannot be applied must not be dropped.
        if let label = spec.linux?.mountLabel, !label.isEmpty, !selinux {
            throw ContainerInit.Failure(
                "linux.mountLabel: selinux mount label is specified in config, but selinux is disabled or not supported")
        }
    }

    /// True when a resctrl filesystem appears in the host's mount table.
    static func resctrlMounted() -> Bool {
        guard let text = try? FileIO.readString("/proc/self/mountinfo") else { return false }
        for line in text.split(separator: "\n") {
            // "... - fstype source options": the type follows the separator.
            let fields = line.split(separator: " ")
            if let dash = fields.firstIndex(of: "-"), dash + 1 < fields.count, fields[dash + 1] == "resctrl" {
                return true
            }
        }
        return false
    }
}
