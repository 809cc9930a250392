/// A lifecycle failure as the user sees it: one line, runc's wording where
/// engines match on it ("container does not exist", "container with id exists").
public struct RuntimeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
