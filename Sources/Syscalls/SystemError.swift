import CShims
#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which operation, on what, and the errno it returned.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public let errno: Int32
    public let operation: String
    public let subject: String?

    public init(errno: Int32, _ operation: String, _ subject: String? = nil) {
        self.errno = errno
        self.operation = operation
        self.subject = subject
    }

    /// Captures the current errno.
    public static func last(_ operation: String, _ subject: String? = nil) -> SystemError {
        SystemError(errno: sw_errno(), operation, subject)
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        if let subject { return "\(operation) \(subject): \(reason)" }
        return "\(operation): \(reason)"
    }
}

/// Retries `body` while it fails with EINTR; throws `SystemError` on -1.
@inline(__always)
@discardableResult
public func sys(_ operation: @autoclosure () -> String, _ subject: @autoclosure () -> String? = nil,
                _ body: () -> Int32) throws(SystemError) -> Int32 {
    while true {
        let r = body()
        if r >= 0 { return r }
        let e = sw_errno()
        if e == EINTR { continue }
        throw SystemError(errno: e, operation(), subject())
    }
}

@inline(__always)
@discardableResult
public func sys(_ operation: @autoclosure () -> String, _ subject: @autoclosure () -> String? = nil,
                _ body: () -> Int) throws(SystemError) -> Int {
    while true {
        let r = body()
        if r >= 0 { return r }
        let e = sw_errno()
        if e == EINTR { continue }
        throw SystemError(errno: e, operation(), subject())
    }
}
