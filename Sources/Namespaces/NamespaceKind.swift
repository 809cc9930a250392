#if canImport(Glibc)
import Glibc
#endif

/// A Linux namespace type as named in `linux.namespaces[].type`.
public enum NamespaceKind: String, CaseIterable, Sendable {
    case user, pid, network, mount, ipc, uts, cgroup, time

    /// CLONE_NEW* flag for clone3/unshare/setns.
    public var cloneFlag: Int32 {
        switch self {
        case .user: return 0x1000_0000      // CLONE_NEWUSER
        case .pid: return 0x2000_0000       // CLONE_NEWPID
        case .network: return 0x4000_0000   // CLONE_NEWNET
        case .mount: return 0x0002_0000     // CLONE_NEWNS
        case .ipc: return 0x0800_0000       // CLONE_NEWIPC
        case .uts: return 0x0400_0000       // CLONE_NEWUTS
        case .cgroup: return 0x0200_0000    // CLONE_NEWCGROUP
        case .time: return 0x0000_0080      // CLONE_NEWTIME
        }
    }

    /// The entry under /proc/<pid>/ns/.
    public var procName: String {
        switch self {
        case .user: return "user"
        case .pid: return "pid"
        case .network: return "net"
        case .mount: return "mnt"
        case .ipc: return "ipc"
        case .uts: return "uts"
        case .cgroup: return "cgroup"
        case .time: return "time"
        }
    }

    /// Does this host kernel support the namespace at all?
    public var supportedByHost: Bool {
        access("/proc/self/ns/\(procName)", F_OK) == 0
    }
}
