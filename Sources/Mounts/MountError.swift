import Syscalls

/// A rootfs setup failure, naming the spec field it comes from
/// (`mounts[3].destination: resolves outside the rootfs`) and, for kernel
/// failures, the `SystemError` behind it.
public struct MountError: Error, CustomStringConvertible, Equatable {
    /// Spec field path: `mounts[1].options`, `linux.maskedPaths[0]`, `root.path`, ...
    public let field: String
    public let message: String
    public let cause: SystemError?

    public init(_ field: String, _ message: String, cause: SystemError? = nil) {
        self.field = field
        self.message = message
        self.cause = cause
    }

    /// Wraps a failed syscall; the message is the syscall's own description.
    public init(_ field: String, _ cause: SystemError) {
        self.field = field
        self.message = cause.description
        self.cause = cause
    }

    /// errno of the underlying syscall, if any.
    public var errno: Int32? { cause?.errno }

    public var description: String { "\(field): \(message)" }
}

/// Runs a throwing syscall sequence, attributing a failure to a spec field.
@inline(__always)
func attributing<R>(_ field: @autoclosure () -> String, _ body: () throws(SystemError) -> R) throws(MountError) -> R {
    do throws(SystemError) { return try body() } catch { throw MountError(field(), error) }
}
