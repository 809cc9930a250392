/// Container id rules. runc accepts `^[\w+\-.]+$` (ASCII word characters, '+', '-', '.') and
/// rejects ids that path-clean to something else ("." and ".."), so every valid id names exactly
/// one directory entry directly under the state root and can never traverse out of it.
///
/// runc 1.1's regex `[\w+-\.]` accidentally spans '+'...'.' and so also admits ','; runc 1.2
/// fixed that, and we follow the fixed rule. There is no length limit beyond the file system's
/// NAME_MAX, which surfaces as ENAMETOOLONG exactly as in runc.
public enum ContainerID {
    public static func isValid(_ id: String) -> Bool {
        if id.isEmpty || id == "." || id == ".." { return false }
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default:
                return false
            }
        }
        return true
    }

    public static func validate(_ id: String) throws(StateStoreError) {
        if id.isEmpty { throw .emptyID }
        if !isValid(id) { throw .invalidID(id) }
    }
}
