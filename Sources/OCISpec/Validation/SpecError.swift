/// A config.json value that violates the runtime-spec or cannot be honoured.
///
/// `path` is the JSON path of the offending field (`linux.resources.memory.swap`,
/// `mounts[2].destination`) so the user can find it without guessing.
public struct SpecError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
