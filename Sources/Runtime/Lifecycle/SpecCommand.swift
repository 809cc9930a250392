import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `spec [--bundle DIR] [--rootless]`: writes runc's default config.json.
    public static func writeDefaultSpec(bundle: String?, rootless: Bool) throws {
        let dir = bundle.flatMap { $0.isEmpty ? nil : $0 } ?? "."
        let path = dir + "/config.json"
        if access(path, F_OK) == 0 { throw RuntimeError("File config.json exists. Remove it first.") }
        let spec = Spec.runcDefault(rootless: rootless, hostUID: getuid(), hostGID: getgid())
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 { throw RuntimeError(SystemError.last("open", path).description) }
        defer { close(fd) }
        try FileIO.writeAll(fd: fd, JSON.encode(spec, indent: "\t"))
    }
}
