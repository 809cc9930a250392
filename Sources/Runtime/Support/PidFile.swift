import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

enum PidFile {
    /// Atomic, like runc: readers never see a partial pid.
    static func write(_ pid: Int32, to path: String) throws {
        let absolute = path.hasPrefix("/") ? path : CurrentDirectory.current() + "/" + path
        do { try FileIO.writeAtomically(absolute, Array("\(pid)".utf8), mode: 0o644) } catch {
            throw RuntimeError("pid file: \(error)")
        }
    }
}

enum CurrentDirectory {
    static func current() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
