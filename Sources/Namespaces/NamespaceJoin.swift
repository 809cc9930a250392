import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Joins existing namespaces named by path (`linux.namespaces[].path`).
public enum NamespaceJoin {
    /// NS_GET_NSTYPE: asks the kernel which namespace type an fd refers to.
    private static let nsGetNSType: UInt = 0xb703

    /// Opens `path` and checks that it is a namespace of `kind`: a plain file
    /// or another type's namespace would otherwise be joined silently or fail
    /// with a confusing EINVAL.
    public static func open(_ join: NamespacePlan.Join) throws(NamespaceError) -> Int32 {
        let field = "linux.namespaces[\(join.kind.rawValue)].path"
        let fd = Glibc.open(join.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw NamespaceError(field, SystemError.last("open", join.path)) }
        let type = sw_ioctl_int(fd, nsGetNSType, 0)
        if type < 0 {
            close(fd)
            throw NamespaceError(field, "\(join.path) is not a namespace file")
        }
        if type != join.kind.cloneFlag {
            close(fd)
            throw NamespaceError(field, "\(join.path) is not a \(join.kind.rawValue) namespace")
        }
        return fd
    }

    /// setns into an fd opened by `open`; closes it.
    public static func enter(fd: Int32, _ join: NamespacePlan.Join) throws(NamespaceError) {
        defer { close(fd) }
        if sw_setns(fd, join.kind.cloneFlag) != 0 {
            throw NamespaceError("linux.namespaces[\(join.kind.rawValue)].path", SystemError.last("setns", join.path))
        }
    }

    public static func enter(_ join: NamespacePlan.Join) throws(NamespaceError) {
        try enter(fd: try open(join), join)
    }
}
