import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Where user information comes from; a seam so environment building is testable
/// without a container rootfs.
public protocol PasswdDatabase {
    /// The home directory of `uid`, or nil if the uid has no entry.
    func home(forUID uid: UInt32) -> String?
}

/// An `/etc/passwd` file, parsed the way runc's user package does: `name:pw:uid:gid:gecos:home:shell`,
/// first matching entry wins, blank and `#` lines and malformed entries ignored.
/// No NSS: the container's file is the only source.
public struct Passwd: PasswdDatabase, Sendable {
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var uid: UInt32
        public var gid: UInt32
        public var home: String
        public var shell: String
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(contents: [UInt8]) {
        var entries: [Entry] = []
        for line in contents.split(separator: UInt8(ascii: "\n")) {
            let text = String(decoding: line, as: UTF8.self)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let f = text.split(separator: ":", omittingEmptySubsequences: false)
            guard f.count >= 3, let uid = UInt32(f[2]) else { continue }
            entries.append(Entry(name: String(f[0]), uid: uid, gid: f.count > 3 ? UInt32(f[3]) ?? 0 : 0,
                                 home: f.count > 5 ? String(f[5]) : "", shell: f.count > 6 ? String(f[6]) : ""))
        }
        self.entries = entries
    }

    /// Reads `path` (inside the container after pivot_root: "/etc/passwd"). A missing
    /// or unreadable file is an empty database, as for runc.
    public static func load(_ path: String = "/etc/passwd") -> Passwd {
        guard let bytes = try? FileIO.read(path) else { return Passwd(entries: []) }
        return Passwd(contents: bytes)
    }

    public func home(forUID uid: UInt32) -> String? {
        entries.first { $0.uid == uid }?.home
    }
}
