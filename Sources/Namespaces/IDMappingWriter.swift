import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Writes a user namespace's uid/gid maps from the parent, which is still
/// privileged in the host user namespace.
public enum IDMappingWriter {
    public static func render(_ mappings: [Spec.Linux.IDMapping]) -> String {
        var out = ""
        for m in mappings { out += "\(m.containerID) \(m.hostID) \(m.size)\n" }
        return out
    }

    /// `denySetgroups` must be true for unprivileged (rootless) writers: the
    /// kernel refuses a gid_map from them otherwise.
    public static func write(pid: pid_t, uidMappings: [Spec.Linux.IDMapping], gidMappings: [Spec.Linux.IDMapping],
                             denySetgroups: Bool) throws(NamespaceError) {
        if denySetgroups {
            do { try FileIO.write("/proc/\(pid)/setgroups", "deny") } catch {
                if error.errno != ENOENT { throw NamespaceError("linux.gidMappings", error) }
            }
        }
        do { try FileIO.write("/proc/\(pid)/uid_map", render(uidMappings)) } catch {
            throw NamespaceError("linux.uidMappings", error)
        }
        do { try FileIO.write("/proc/\(pid)/gid_map", render(gidMappings)) } catch {
            throw NamespaceError("linux.gidMappings", error)
        }
    }
}
