import Syscalls

/// `linux.rootfsPropagation` values (runc also takes the recursive forms).
enum RootfsPropagation {
    static let field = "linux.rootfsPropagation"

    /// MS_* propagation flags for a value; nil for unset.
    static func flags(_ value: String?) throws(MountError) -> UInt? {
        guard let value, !value.isEmpty else { return nil }
        guard let flags = MountOptionTable.propagation[value] else {
            throw MountError(field, "unsupported value \"\(value)\" (want shared, slave, private or unbindable)")
        }
        return flags
    }

    /// runc's default: receive host mount events, never send ours back.
    static let defaultFlags: UInt = MS.slave | MS.rec
}
