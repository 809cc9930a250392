/// One line of /proc/self/mountinfo (proc(5)).
public struct MountInfoEntry: Equatable, Sendable {
    public var id: Int
    public var parentID: Int
    /// Path of the mount's root within its filesystem.
    public var root: String
    public var mountPoint: String
    public var options: [String]
    /// Optional fields: `shared:N`, `master:N`, `propagate_from:N`, `unbindable`.
    public var optionalFields: [String]
    public var fsType: String
    public var source: String
    public var superOptions: [String]

    public var isShared: Bool { optionalFields.contains { $0.hasPrefix("shared:") } }
}

public enum MountInfo {
    public static func parse(_ text: String) -> [MountInfoEntry] {
        var entries: [MountInfoEntry] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 10, let sep = fields.firstIndex(of: "-"), sep >= 6, sep + 2 < fields.count,
                  let id = Int(fields[0]), let parent = Int(fields[1]) else { continue }
            entries.append(MountInfoEntry(
                id: id, parentID: parent,
                root: unescape(fields[3]), mountPoint: unescape(fields[4]),
                options: fields[5].split(separator: ",").map(String.init),
                optionalFields: Array(fields[6..<sep]),
                fsType: sep + 1 < fields.count ? fields[sep + 1] : "",
                source: sep + 2 < fields.count ? unescape(fields[sep + 2]) : "",
                superOptions: sep + 3 < fields.count ? fields[sep + 3].split(separator: ",").map(String.init) : []))
        }
        return entries
    }

    /// The mount whose mount point is the longest prefix of `path`.
    public static func mount(containing path: String, in entries: [MountInfoEntry]) -> MountInfoEntry? {
        var best: MountInfoEntry?
        for e in entries where ContainerPath.relative(path, to: e.mountPoint) != nil {
            if best == nil || e.mountPoint.count >= best!.mountPoint.count { best = e }
        }
        return best
    }

    /// Undoes the kernel's octal escaping of space, tab, newline and backslash.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
               let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
