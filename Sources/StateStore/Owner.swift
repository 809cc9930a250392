import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension StateStore {
    /// The OWNER column of `list`: the user owning the container directory, like runc. A uid
    /// without a passwd entry prints as "#<uid>".
    public func owner(of id: String) -> String {
        var st = stat()
        guard ContainerID.isValid(id), lstat(directory(of: id), &st) == 0 else { return "" }
        return UserName.lookup(uid: st.st_uid) ?? "#\(st.st_uid)"
    }
}

/// uid -> name from /etc/passwd. Read directly: getpwuid in a static glibc binary drags in NSS
/// and dlopen, which is fragile and slow.
public enum UserName {
    public static func lookup(uid: uid_t, passwdPath: String = "/etc/passwd") -> String? {
        guard let bytes = try? FileIO.read(passwdPath) else { return nil }
        return lookup(uid: uid, passwd: bytes)
    }

    /// Parses passwd(5) text: `name:password:uid:gid:gecos:home:shell`.
    public static func lookup(uid: uid_t, passwd: [UInt8]) -> String? {
        let wanted = String(uid)
        for line in passwd.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, !fields[0].isEmpty, fields[0].first != UInt8(ascii: "#") else { continue }
            if String(decoding: fields[2], as: UTF8.self) == wanted {
                return String(decoding: fields[0], as: UTF8.self)
            }
        }
        return nil
    }
}
