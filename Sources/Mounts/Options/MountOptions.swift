/// The `options` of a spec mount, split the way the kernel wants them:
/// mount(2) flags to set and to clear, propagation changes (applied one by one
/// after the mount, in order), recursive mount_setattr(2) attributes, the
/// filesystem-specific data string, and swiftlet's own extensions.
///
/// Semantics follow runc (libcontainer/specconv) so that configs behave the
/// same: later options override earlier ones, unknown options are passed to
/// the filesystem as data.
public struct MountOptions: Equatable, Sendable {
    public enum IDMap: Equatable, Sendable {
        /// `idmap`: only the top mount is id-mapped.
        case mount
        /// `ridmap`: every mount of an rbind tree is id-mapped.
        case recursive
    }

    /// MS_* flags to set.
    public var flags: UInt = 0
    /// MS_* flags the user explicitly asked to clear (`rw`, `suid`, `exec`...):
    /// a bind remount must not silently keep them.
    public var clearedFlags: UInt = 0
    /// MS_{SHARED,SLAVE,PRIVATE,UNBINDABLE}[|MS_REC], in option order.
    public var propagation: [UInt] = []
    /// Recursive attributes (`rro`, `rnosuid`, ...) for mount_setattr(AT_RECURSIVE).
    public var recursiveAttrSet: UInt64 = 0
    public var recursiveAttrClear: UInt64 = 0
    /// Filesystem-specific options, passed to mount(2) as its data argument.
    public var data: [String] = []
    public var idmap: IDMap?
    /// `tmpcopyup`: fill the new tmpfs with what the destination held.
    public var tmpcopyup = false

    public init() {}

    /// Every option name swiftlet understands (for `features`).
    public static var supportedNames: [String] { MountOptionTable.allNames }

    public var isBind: Bool { flags & MS.bind != 0 }
    public var isRecursiveBind: Bool { flags & (MS.bind | MS.rec) == MS.bind | MS.rec }
    public var hasRecursiveAttributes: Bool { recursiveAttrSet != 0 || recursiveAttrClear != 0 }
    /// The data argument for mount(2), nil when there is none.
    public var dataString: String? { data.isEmpty ? nil : data.joined(separator: ",") }

    /// Parses `options`; `field` names them in errors (`mounts[2].options`).
    public static func parse(_ options: [String], field: String = "options") throws(MountError) -> MountOptions {
        var o = MountOptions()
        for (i, option) in options.enumerated() {
            if option.isEmpty { throw MountError("\(field)[\(i)]", "empty mount option") }
            if let f = MountOptionTable.flags[option] {
                if f.clear {
                    o.flags &= ~f.flag
                    o.clearedFlags |= f.flag
                } else {
                    o.flags |= f.flag
                    o.clearedFlags &= ~f.flag
                }
            } else if let p = MountOptionTable.propagation[option] {
                o.propagation.append(p)
            } else if let r = MountOptionTable.recursiveAttributes[option] {
                if r.clear && r.attr & MountAttr.atimeMask != 0 {
                    o.clearRecursiveAtime(r.attr)
                } else if r.clear {
                    o.recursiveAttrClear |= r.attr
                    o.recursiveAttrSet &= ~r.attr
                } else {
                    o.recursiveAttrSet |= r.attr
                    o.recursiveAttrClear &= ~r.attr
                    // mount_setattr(2): an atime mode in attr_set must come
                    // with MOUNT_ATTR__ATIME in attr_clr to replace the old one.
                    if r.attr & MountAttr.atimeMask == r.attr {
                        o.recursiveAttrSet &= ~MountAttr.atimeMask
                        o.recursiveAttrSet |= r.attr
                        o.recursiveAttrClear |= MountAttr.atimeMask
                    }
                }
            } else if option == "idmap" {
                o.idmap = .mount
            } else if option == "ridmap" {
                o.idmap = .recursive
            } else if option == "tmpcopyup" {
                o.tmpcopyup = true
            } else {
                o.data.append(option)
            }
        }
        return o
    }
}

/// The option tables (runtime-spec config.md "Linux mount options").
enum MountOptionTable {
    struct Flag { let clear: Bool; let flag: UInt }
    struct Attr { let clear: Bool; let attr: UInt64 }

    static let flags: [String: Flag] = [
        "async": Flag(clear: true, flag: MS.synchronous),
        "atime": Flag(clear: true, flag: MS.noatime),
        "bind": Flag(clear: false, flag: MS.bind),
        "defaults": Flag(clear: false, flag: 0),
        "dev": Flag(clear: true, flag: MS.nodev),
        "diratime": Flag(clear: true, flag: MS.nodiratime),
        "dirsync": Flag(clear: false, flag: MS.dirsync),
        "exec": Flag(clear: true, flag: MS.noexec),
        "iversion": Flag(clear: false, flag: MS.iversion),
        "lazytime": Flag(clear: false, flag: MS.lazytime),
        "loud": Flag(clear: true, flag: MS.silent),
        "mand": Flag(clear: false, flag: MS.mandlock),
        "noatime": Flag(clear: false, flag: MS.noatime),
        "nodev": Flag(clear: false, flag: MS.nodev),
        "nodiratime": Flag(clear: false, flag: MS.nodiratime),
        "noexec": Flag(clear: false, flag: MS.noexec),
        "noiversion": Flag(clear: true, flag: MS.iversion),
        "nolazytime": Flag(clear: true, flag: MS.lazytime),
        "nomand": Flag(clear: true, flag: MS.mandlock),
        "norelatime": Flag(clear: true, flag: MS.relatime),
        "nostrictatime": Flag(clear: true, flag: MS.strictatime),
        "nosuid": Flag(clear: false, flag: MS.nosuid),
        "nosymfollow": Flag(clear: false, flag: MS.nosymfollow),
        "rbind": Flag(clear: false, flag: MS.bind | MS.rec),
        "relatime": Flag(clear: false, flag: MS.relatime),
        "remount": Flag(clear: false, flag: MS.remount),
        "ro": Flag(clear: false, flag: MS.rdonly),
        "rw": Flag(clear: true, flag: MS.rdonly),
        "silent": Flag(clear: false, flag: MS.silent),
        "strictatime": Flag(clear: false, flag: MS.strictatime),
        "suid": Flag(clear: true, flag: MS.nosuid),
        "symfollow": Flag(clear: true, flag: MS.nosymfollow),
        "sync": Flag(clear: false, flag: MS.synchronous),
    ]

    static let propagation: [String: UInt] = [
        "private": MS.private,
        "rprivate": MS.private | MS.rec,
        "shared": MS.shared,
        "rshared": MS.shared | MS.rec,
        "slave": MS.slave,
        "rslave": MS.slave | MS.rec,
        "unbindable": MS.unbindable,
        "runbindable": MS.unbindable | MS.rec,
    ]

    static let recursiveAttributes: [String: Attr] = [
        "rro": Attr(clear: false, attr: MountAttr.rdonly),
        "rrw": Attr(clear: true, attr: MountAttr.rdonly),
        "rnosuid": Attr(clear: false, attr: MountAttr.nosuid),
        "rsuid": Attr(clear: true, attr: MountAttr.nosuid),
        "rnodev": Attr(clear: false, attr: MountAttr.nodev),
        "rdev": Attr(clear: true, attr: MountAttr.nodev),
        "rnoexec": Attr(clear: false, attr: MountAttr.noexec),
        "rexec": Attr(clear: true, attr: MountAttr.noexec),
        "rnodiratime": Attr(clear: false, attr: MountAttr.nodiratime),
        "rdiratime": Attr(clear: true, attr: MountAttr.nodiratime),
        "rrelatime": Attr(clear: false, attr: MountAttr.relatime),
        "rnorelatime": Attr(clear: true, attr: MountAttr.relatime),
        "rnoatime": Attr(clear: false, attr: MountAttr.noatime),
        "ratime": Attr(clear: true, attr: MountAttr.noatime),
        "rstrictatime": Attr(clear: false, attr: MountAttr.strictatime),
        "rnostrictatime": Attr(clear: true, attr: MountAttr.strictatime),
        "rnosymfollow": Attr(clear: false, attr: MountAttr.nosymfollow),
        "rsymfollow": Attr(clear: true, attr: MountAttr.nosymfollow),
    ]

    static var allNames: [String] {
        (Array(flags.keys) + Array(propagation.keys) + Array(recursiveAttributes.keys)
            + ["idmap", "ridmap", "tmpcopyup"]).sorted()
    }
}
