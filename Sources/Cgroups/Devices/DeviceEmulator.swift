/// A model of the cgroup v1 device controller. Applying rules to it yields
/// the state the kernel would end up in, which serves two purposes:
/// computing the minimal v1 transition on update (so running containers do
/// not see spurious EPERMs), and generating an eBPF program for v2 that
/// behaves exactly like v1, including its refusal to punch holes in
/// wildcard rules.
public struct DeviceEmulator: Equatable, Sendable {
    /// Matching part of a rule; `nil` is the wildcard.
    struct Key: Hashable, Comparable, Sendable {
        var kind: DeviceRule.Kind
        var major: Int64?
        var minor: Int64?

        static func < (a: Key, b: Key) -> Bool {
            let am = a.major ?? -1, bm = b.major ?? -1
            if am != bm { return am < bm }
            let an = a.minor ?? -1, bn = b.minor ?? -1
            if an != bn { return an < bn }
            return a.kind < b.kind
        }
    }

    /// Allow-all with deny exceptions ("blacklist") or deny-all with allow exceptions.
    public private(set) var defaultAllow: Bool
    var exceptions: [Key: DeviceAccess] = [:]

    /// A fresh emulator denies everything, as runc's does.
    public init(defaultAllow: Bool = false) {
        self.defaultAllow = defaultAllow
    }

    public init(rules: [DeviceRule]) throws(CgroupError) {
        self.init()
        for (i, rule) in rules.enumerated() { try apply(rule, index: i) }
    }

    public mutating func apply(_ rule: DeviceRule, index: Int? = nil) throws(CgroupError) {
        if rule.kind == .all {
            // Any "a" rule switches the default and drops every exception.
            defaultAllow = rule.allow
            exceptions = [:]
            return
        }
        let key = Key(kind: rule.kind, major: rule.major, minor: rule.minor)
        if rule.allow == defaultAllow {
            try remove(key, rule.access, rule: rule, index: index)
        } else {
            exceptions[key, default: []].formUnion(rule.access)
        }
    }

    private mutating func remove(_ key: Key, _ access: DeviceAccess, rule: DeviceRule, index: Int?) throws(CgroupError) {
        // v1 silently ignores removing part of a wildcard exception; we refuse
        // rather than leave the user believing a device is blocked.
        let partials = [Key(kind: key.kind, major: nil, minor: key.minor),
                        Key(kind: key.kind, major: key.major, minor: nil),
                        Key(kind: key.kind, major: nil, minor: nil)]
        for partial in partials where partial != key {
            if let have = exceptions[partial], !have.intersection(access).isEmpty {
                let field = index.map { "linux.resources.devices[\($0)]" } ?? "linux.resources.devices"
                let wild = DeviceRule(partial.kind, partial.major, partial.minor, have, allow: !defaultAllow)
                throw .invalid(field, "\"\(rule.description)\" cannot punch a hole in the wildcard rule \"\(wild.description)\" (not supported by the device cgroup)")
            }
        }
        if var have = exceptions[key] {
            have.subtract(access)
            exceptions[key] = have.isEmpty ? nil : have
        }
    }

    /// Whether access is granted, as the kernel (and the eBPF program)
    /// decides: an exception applies only if it covers every requested bit.
    public func permits(_ kind: DeviceRule.Kind, major: Int64, minor: Int64, _ access: DeviceAccess) -> Bool {
        let hit = exceptions.contains { key, bits in
            key.kind == kind && (key.major == nil || key.major == major)
                && (key.minor == nil || key.minor == minor) && bits.isSuperset(of: access)
        }
        return hit ? !defaultAllow : defaultAllow
    }

    /// The canonical rule list: an `a *:* rwm` rule first for allow-all
    /// mode, then the exceptions sorted by (major, minor, type).
    public var rules: [DeviceRule] {
        var out: [DeviceRule] = []
        if defaultAllow { out.append(DeviceRule(.all, nil, nil, .all, allow: true)) }
        for key in exceptions.keys.sorted() {
            out.append(DeviceRule(key.kind, key.major, key.minor, exceptions[key]!, allow: !defaultAllow))
        }
        return out
    }

    /// The rules to write to a v1 cgroup in state `self` to reach `target`
    /// with the least disruption.
    public func transition(to target: DeviceEmulator) -> [DeviceRule] {
        var out: [DeviceRule] = []
        var old = exceptions
        // devices.list cannot show deny exceptions of an allow-all cgroup, so
        // from allow-all mode (or on a mode change) start over.
        if defaultAllow || defaultAllow != target.defaultAllow {
            out.append(DeviceRule(.all, nil, nil, .all, allow: target.defaultAllow))
            old = [:]
        }
        for key in old.keys.sorted() {
            let dropped = old[key]!.subtracting(target.exceptions[key] ?? [])
            if !dropped.isEmpty {
                out.append(DeviceRule(key.kind, key.major, key.minor, dropped, allow: target.defaultAllow))
            }
        }
        for key in target.exceptions.keys.sorted() {
            let gained = target.exceptions[key]!.subtracting(old[key] ?? [])
            if !gained.isEmpty {
                out.append(DeviceRule(key.kind, key.major, key.minor, gained, allow: !target.defaultAllow))
            }
        }
        return out
    }

    /// Reconstructs the state of a v1 cgroup from its `devices.list`.
    /// Deny exceptions of allow-all mode are invisible there; `transition`
    /// accounts for that.
    public init(devicesList: String) throws(CgroupError) {
        self.init()
        for line in devicesList.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 3, let kind = DeviceRule.Kind(rawValue: String(f[0])),
                  let access = DeviceAccess(String(f[2])) else {
                throw CgroupError(.unsupported, "unexpected devices.list line \"\(line)\"")
            }
            let mm = f[1].split(separator: ":")
            guard mm.count == 2 else { throw CgroupError(.unsupported, "unexpected devices.list line \"\(line)\"") }
            let major = mm[0] == "*" ? nil : Int64(mm[0])
            let minor = mm[1] == "*" ? nil : Int64(mm[1])
            if kind == .all {
                defaultAllow = true
                exceptions = [:]
            } else {
                exceptions[Key(kind: kind, major: major, minor: minor), default: []].formUnion(access)
            }
        }
    }
}
