import OCISpec
import Syscalls

/// Everything the state store can fail with. Messages for the conditions runc also reports use
/// runc 1.1's exact wording, because scripts and shims (containerd, podman) match on them.
public enum StateStoreError: Error, CustomStringConvertible, Equatable {
    /// The id contains characters outside `[A-Za-z0-9_+.-]`, or is "." / "..".
    case invalidID(String)
    /// runc's CLI rejects an empty id before anything else looks at it.
    case emptyID
    /// `create` of an id that is already claimed (even by a half-created container).
    case exists(String)
    /// No directory or no state.json for this id.
    case notExist(String)
    /// state.json exists but cannot be decoded.
    case corrupt(id: String, path: String, reason: String)
    /// A non-blocking lock attempt found another command working on the container.
    case busy(String)
    /// `makeExecFifo` found a fifo left behind: the runtime would otherwise block on a stale one.
    case execFifoExists(String)
    /// `--root` resolved to "/": removing a container would then mean removing a top-level dir.
    case rootIsSlash
    case system(SystemError)

    public var description: String {
        switch self {
        case .invalidID: return "invalid container ID format"
        case .emptyID: return "container id cannot be empty"
        case .exists: return "container with given ID already exists"
        case .notExist: return "container does not exist"
        case .corrupt(let id, let path, let reason): return "container \(id): corrupt state \(path): \(reason)"
        case .busy(let id): return "container \(id) is busy: another command holds its lock"
        case .execFifoExists(let path): return "exec fifo \(path) already exists"
        case .rootIsSlash: return "Option --root argument should not be set to /"
        case .system(let e): return e.description
        }
    }
}
