import Syscalls

/// A namespace problem, naming the spec field it came from.
public struct NamespaceError: Error, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public init(_ field: String, _ error: SystemError) {
        self.init(field, error.description)
    }

    public var description: String { "\(field): \(message)" }
}
