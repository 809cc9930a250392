import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// An OCI bundle on disk: its absolute path and the decoded, validated config.
struct Bundle {
    let path: String
    let spec: Spec
    let rootfs: String

    static func load(_ given: String?) throws -> Bundle {
        let dir = given.flatMap { $0.isEmpty ? nil : $0 } ?? "."
        guard let resolved = realpath(dir, nil) else {
            throw RuntimeError("bundle \(dir): \(String(cString: strerror(sw_errnoValue())))")
        }
        let path = String(cString: resolved)
        free(resolved)
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path + "/config.json") } catch {
            if error.errno == ENOENT { throw RuntimeError("JSON specification file config.json not found") }
            throw RuntimeError("config.json: \(error)")
        }
        let spec: Spec
        do { spec = try JSON.decode(Spec.self, from: bytes) } catch {
            throw RuntimeError("config.json: \(error)")
        }
        do { try spec.validate() } catch {
            throw RuntimeError("config.json: \(error)")
        }
        guard let root = spec.root else { throw RuntimeError("config.json: root: required") }
        let rootfs = root.path.hasPrefix("/") ? root.path : path + "/" + root.path
        guard let realRoot = realpath(rootfs, nil) else {
            throw RuntimeError("config.json: root.path: \(rootfs): \(String(cString: strerror(sw_errnoValue())))")
        }
        defer { free(realRoot) }
        return Bundle(path: path, spec: spec, rootfs: String(cString: realRoot))
    }
}

@inline(__always) func sw_errnoValue() -> Int32 { errno }
