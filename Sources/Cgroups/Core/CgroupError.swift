import Syscalls

/// A cgroup operation failed. `field` names the spec field at fault
/// (`linux.resources.memory.swap`) when the configuration is the cause.
public struct CgroupError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The configuration cannot be applied as written.
        case invalid
        /// The host lacks the controller, file or kernel feature.
        case unsupported
        /// A kernel call failed; `system` carries the errno.
        case system
        /// The cgroup is not in a state that allows the operation.
        case state
    }

    public var kind: Kind
    public var field: String?
    public var message: String
    public var system: SystemError?

    public init(_ kind: Kind, field: String? = nil, _ message: String, system: SystemError? = nil) {
        self.kind = kind
        self.field = field
        self.message = message
        self.system = system
    }

    public static func invalid(_ field: String, _ message: String) -> CgroupError {
        CgroupError(.invalid, field: field, message)
    }

    public static func unsupported(_ field: String?, _ message: String) -> CgroupError {
        CgroupError(.unsupported, field: field, message)
    }

    /// Wraps a failed kernel call; `context` says what we were doing.
    public static func system(_ error: SystemError, field: String? = nil, _ context: String) -> CgroupError {
        CgroupError(.system, field: field, context, system: error)
    }

    public var errno: Int32? { system?.errno }

    public var description: String {
        var text = ""
        if let field { text = field + ": " }
        text += message
        if let system { text += ": " + system.description }
        return text
    }
}
