import OCISpec

/// Access bits of a device rule (`rwm`).
public struct DeviceAccess: OptionSet, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let read = DeviceAccess(rawValue: 1)
    public static let write = DeviceAccess(rawValue: 2)
    public static let mknod = DeviceAccess(rawValue: 4)
    public static let all: DeviceAccess = [.read, .write, .mknod]

    /// Parses a subset of `rwm`; nil on any other character or when empty.
    public init?(_ text: String) {
        var bits: DeviceAccess = []
        for c in text {
            switch c {
            case "r": bits.insert(.read)
            case "w": bits.insert(.write)
            case "m": bits.insert(.mknod)
            default: return nil
            }
        }
        if bits.isEmpty { return nil }
        self = bits
    }

    public var description: String {
        (contains(.read) ? "r" : "") + (contains(.write) ? "w" : "") + (contains(.mknod) ? "m" : "")
    }
}

/// One allow/deny rule of the device cgroup, in the runtime's terms:
/// `nil` major/minor is the `*` wildcard.
public struct DeviceRule: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable, Comparable {
        case all = "a", block = "b", char = "c"
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    public var major: Int64?
    public var minor: Int64?
    public var access: DeviceAccess
    public var allow: Bool

    public init(_ kind: Kind, _ major: Int64?, _ minor: Int64?, _ access: DeviceAccess, allow: Bool) {
        self.kind = kind
        self.major = major
        self.minor = minor
        self.access = access
        self.allow = allow
    }

    /// The v1 `devices.allow`/`devices.deny` line: `c 1:3 rwm`.
    public var cgroupString: String {
        "\(kind.rawValue) \(major.map(String.init) ?? "*"):\(minor.map(String.init) ?? "*") \(access)"
    }

    public var description: String { (allow ? "allow " : "deny ") + cgroupString }

    /// Converts `linux.resources.devices[index]`.
    public init(_ rule: Spec.Linux.Resources.DeviceRule, index: Int) throws(CgroupError) {
        let field = "linux.resources.devices[\(index)]"
        switch rule.type ?? "a" {
        case "a": kind = .all
        case "b": kind = .block
        case "c": kind = .char
        case let other: throw .invalid(field + ".type", "\"\(other)\" is not one of a, b, c")
        }
        major = try Self.number(rule.major, field + ".major")
        minor = try Self.number(rule.minor, field + ".minor")
        guard let access = DeviceAccess(rule.access ?? "rwm") else {
            throw .invalid(field + ".access", "\"\(rule.access ?? "")\" must be a non-empty combination of r, w, m")
        }
        self.access = access
        allow = rule.allow
    }

    /// -1 is accepted as the wildcard for compatibility with runc configs.
    private static func number(_ value: Int64?, _ field: String) throws(CgroupError) -> Int64? {
        guard let value, value != -1 else { return nil }
        guard value >= 0, value <= Int64(UInt32.max) else {
            throw .invalid(field, "\(value) is out of range (0...\(UInt32.max), or absent for any)")
        }
        return value
    }
}

/// The device rules a container gets, composed as runc does: the
/// configured `linux.resources.devices` first, then the always-allowed
/// defaults. Nodes listed in `linux.devices` are created in /dev but get no
/// implicit access: config-linux.md leaves that to the allowed device list
/// (runc and crun behave the same).
public enum DevicePolicy {
    /// runc's `specconv.AllowedDevices`: mknod of anything, the standard
    /// /dev nodes, ptys and tun.
    public static let defaultAllowed: [DeviceRule] = [
        DeviceRule(.char, nil, nil, .mknod, allow: true),
        DeviceRule(.block, nil, nil, .mknod, allow: true),
        DeviceRule(.char, 1, 3, .all, allow: true),   // /dev/null
        DeviceRule(.char, 1, 8, .all, allow: true),   // /dev/random
        DeviceRule(.char, 1, 7, .all, allow: true),   // /dev/full
        DeviceRule(.char, 5, 0, .all, allow: true),   // /dev/tty
        DeviceRule(.char, 1, 5, .all, allow: true),   // /dev/zero
        DeviceRule(.char, 1, 9, .all, allow: true),   // /dev/urandom
        DeviceRule(.char, 136, nil, .all, allow: true), // /dev/pts/*
        DeviceRule(.char, 5, 2, .all, allow: true),   // /dev/ptmx
        DeviceRule(.char, 10, 200, .all, allow: true), // /dev/net/tun
    ]

    public static func rules(resources: [Spec.Linux.Resources.DeviceRule]?) throws(CgroupError) -> [DeviceRule] {
        var rules: [DeviceRule] = []
        for (i, rule) in (resources ?? []).enumerated() { rules.append(try DeviceRule(rule, index: i)) }
        return rules + defaultAllowed
    }
}
