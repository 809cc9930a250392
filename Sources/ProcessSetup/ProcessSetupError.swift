import Syscalls

/// A failure while preparing the container process, naming the spec field at fault.
///
/// `description` reads `process.rlimits[1]: setting RLIMIT_NOFILE ...: Operation not permitted`.
public struct ProcessSetupError: Error, CustomStringConvertible, Equatable {
    /// Spec field path (`process.user.uid`), or nil when no single field is to blame.
    public let field: String?
    public let message: String
    /// The failed system call behind the error, if any.
    public let underlying: SystemError?

    public init(field: String?, _ message: String, underlying: SystemError? = nil) {
        self.field = field
        self.message = message
        self.underlying = underlying
    }

    public var errno: Int32? { underlying?.errno }

    public var description: String {
        var parts: [String] = []
        if let field { parts.append(field) }
        if !message.isEmpty { parts.append(message) }
        if let underlying { parts.append(underlying.description) }
        return parts.joined(separator: ": ")
    }
}
