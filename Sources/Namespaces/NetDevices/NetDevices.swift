import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `linux.netDevices`: host interfaces moved into the container's network
/// namespace (config-linux.md "Network Devices"), by the runtime over
/// rtnetlink before the init is told to proceed.
///
/// Each device is moved and renamed in one RTM_NEWLINK, its permanent
/// global-scope addresses (which the kernel drops on a namespace change) are
/// added again, and it is set up. Nothing is moved back on delete: the spec
/// forbids it and leaves the devices to the kernel's namespace teardown
/// (physical devices return to the initial namespace, virtual ones are
/// destroyed). Only a failed create moves them back, so that an error leaves
/// the host as it was.
public enum NetDevices {
    /// What was moved, enough to undo it. It holds no fds: a netlink socket or
    /// namespace fd kept open would keep the namespace (and the devices in it)
    /// alive after the container exits.
    public struct Moved: Sendable {
        public let namespacePath: String
        let devices: [Device]

        public var isEmpty: Bool { devices.isEmpty }
    }

    struct Device: Sendable {
        let hostName: String
        let containerIndex: Int32
        let wasUp: Bool
        let addresses: [InterfaceAddress]
    }

    /// A device to move, checked against both namespaces before anything moves.
    struct Plan {
        let field: String
        let host: LinkInfo
        let name: String
        let addresses: [InterfaceAddress]
    }

    static func field(_ key: String) -> String { "linux.netDevices[\"\(key)\"]" }

    /// Moves every device into the network namespace at `namespacePath`
    /// (`/proc/<pid>/ns/net`, or the path the container joins). On failure
    /// the devices already moved are moved back before the error is thrown.
    public static func moveIn(_ devices: [String: Spec.Linux.NetDevice],
                              namespacePath: String) throws(NamespaceError) -> Moved {
        guard !devices.isEmpty else { return Moved(namespacePath: namespacePath, devices: []) }
        let namespaceFD = try NamespaceJoin.open(NamespacePlan.Join(kind: .network, path: namespacePath))
        defer { close(namespaceFD) }
        let (host, target) = try sockets(namespaceFD: namespaceFD, field: "linux.netDevices")

        let plans = try plan(devices, host: host, target: target)
        var moved: [Device] = []
        for p in plans {
            do throws(NamespaceError) {
                try move(p, namespaceFD: namespaceFD, host: host, target: target, into: &moved)
            } catch {
                let home = Glibc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
                if home >= 0 {
                    _ = restore(moved, hostNamespaceFD: home, host: host, target: target)
                    close(home)
                }
                throw error
            }
        }
        return Moved(namespacePath: namespacePath, devices: moved)
    }

    /// Undoes `moveIn` after a later create step failed: each device goes
    /// back under its host name with its addresses and up state. Best effort;
    /// returns warnings for what could not be restored.
    public static func restore(_ moved: Moved) -> [String] {
        guard !moved.isEmpty else { return [] }
        let namespaceFD = open(moved.namespacePath, O_RDONLY | O_CLOEXEC)
        // The namespace is gone: the kernel already returned or destroyed its devices.
        if namespaceFD < 0 { return [] }
        defer { close(namespaceFD) }
        let home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        if home < 0 { return ["linux.netDevices: cannot move devices back: \(SystemError.last("open", "/proc/thread-self/ns/net"))"] }
        defer { close(home) }
        do {
            let (host, target) = try sockets(namespaceFD: namespaceFD, field: "linux.netDevices")
            return restore(moved.devices, hostNamespaceFD: home, host: host, target: target)
        } catch {
            return ["linux.netDevices: cannot move devices back: \(error)"]
        }
    }

    static func sockets(namespaceFD: Int32, field: String) throws(NamespaceError) -> (NetlinkSocket, NetlinkSocket) {
        do throws(NetlinkError) {
            return (try NetlinkSocket.open(), try NetlinkSocket.open(inNamespace: namespaceFD))
        } catch {
            throw NamespaceError(field, "\(error)")
        }
    }

    /// Resolves every host device and checks every target name first, so a
    /// bad entry fails the create before any device has moved.
    static func plan(_ devices: [String: Spec.Linux.NetDevice], host: NetlinkSocket,
                     target: NetlinkSocket) throws(NamespaceError) -> [Plan] {
        let allAddresses = try request(host, field: "linux.netDevices", "listing addresses") { RouteMessages.dumpAddresses(sequence: $0) }
            .compactMap(InterfaceAddress.init)
        var plans: [Plan] = []
        var names: [String: String] = [:]
        for key in devices.keys.sorted() {
            let field = field(key)
            let requested = devices[key]?.name ?? ""
            let name = requested.isEmpty ? key : requested
            let nameField = requested.isEmpty ? field : field + ".name"
            guard let link = try lookup(host, name: key, field: field) else {
                throw NamespaceError(field, "no network device \"\(key)\" in the runtime's network namespace")
            }
            // "%d" asks the kernel for a free name, so only literal names can clash.
            if !name.contains("%d") {
                if let other = names[name] {
                    throw NamespaceError(nameField, "\"\(name)\" is also the container name of \(Self.field(other))")
                }
                names[name] = key
                if try lookup(target, name: name, field: nameField) != nil {
                    throw NamespaceError(nameField, "a network device named \"\(name)\" already exists in the container's network namespace")
                }
            }
            plans.append(Plan(field: field, host: link, name: name,
                              addresses: allAddresses.filter { $0.index == link.index && $0.isPermanentGlobal }))
        }
        return plans
    }

    /// Moves one device and records it in `moved` as soon as it is in the
    /// container's namespace, so a failure after that still moves it back.
    static func move(_ p: Plan, namespaceFD: Int32, host: NetlinkSocket, target: NetlinkSocket,
                     into moved: inout [Device]) throws(NamespaceError) {
        let template = p.name.contains("%d")
        let before = template ? try links(target, field: p.field) : []
        try request(host, field: p.field, "moving into the container's network namespace") {
            RouteMessages.moveLink(index: p.host.index, namespaceFD: namespaceFD, name: p.name, sequence: $0)
        }
        let link: LinkInfo
        if template {
            let known = Set(before.map(\.index))
            let new = try links(target, field: p.field).filter { !known.contains($0.index) }
            guard new.count == 1 else {
                throw NamespaceError(p.field, "cannot tell which device in the container's network namespace is the moved one")
            }
            link = new[0]
        } else {
            guard let found = try lookup(target, name: p.name, field: p.field) else {
                throw NamespaceError(p.field, "\"\(p.name)\" is not in the container's network namespace after the move")
            }
            link = found
        }
        moved.append(Device(hostName: p.host.name, containerIndex: link.index, wasUp: p.host.isUp, addresses: p.addresses))
        try configure(target, index: link.index, addresses: p.addresses, field: p.field)
    }

    /// Re-adds `addresses` and sets the link up.
    static func configure(_ socket: NetlinkSocket, index: Int32, addresses: [InterfaceAddress],
                          field: String) throws(NamespaceError) {
        for a in addresses {
            try request(socket, field: field, "adding address \(a.description)") {
                RouteMessages.addAddress(a, index: index, sequence: $0)
            }
        }
        try request(socket, field: field, "setting the device up") { RouteMessages.setLink(index: index, up: true, sequence: $0) }
    }

    static func restore(_ devices: [Device], hostNamespaceFD: Int32, host: NetlinkSocket,
                        target: NetlinkSocket) -> [String] {
        var warnings: [String] = []
        for d in devices.reversed() {
            let field = field(d.hostName)
            do throws(NamespaceError) {
                try request(target, field: field, "moving back to the runtime's network namespace") {
                    RouteMessages.moveLink(index: d.containerIndex, namespaceFD: hostNamespaceFD, name: d.hostName, sequence: $0)
                }
                guard let link = try lookup(host, name: d.hostName, field: field) else { continue }
                for a in d.addresses {
                    try request(host, field: field, "restoring address \(a.description)") {
                        RouteMessages.addAddress(a, index: link.index, sequence: $0)
                    }
                }
                if d.wasUp {
                    try request(host, field: field, "setting the device up") {
                        RouteMessages.setLink(index: link.index, up: true, sequence: $0)
                    }
                }
            } catch {
                warnings.append("\(error)")
            }
        }
        return warnings
    }

    /// The link named `name`, or nil if there is none.
    static func lookup(_ socket: NetlinkSocket, name: String, field: String) throws(NamespaceError) -> LinkInfo? {
        do throws(NetlinkError) {
            return try socket.request(ack: false) { RouteMessages.getLink(name: name, sequence: $0) }
                .compactMap(LinkInfo.init).first
        } catch where error.errno == ENODEV {
            return nil
        } catch {
            throw NamespaceError(field, "looking up \"\(name)\": \(error)")
        }
    }

    static func links(_ socket: NetlinkSocket, field: String) throws(NamespaceError) -> [LinkInfo] {
        try request(socket, field: field, "listing devices") { RouteMessages.dumpLinks(sequence: $0) }
            .compactMap(LinkInfo.init)
    }

    @discardableResult
    static func request(_ socket: NetlinkSocket, field: String, _ what: String,
                        _ build: (UInt32) -> [UInt8]) throws(NamespaceError) -> [NetlinkCodec.Message] {
        do throws(NetlinkError) {
            return try socket.request(build)
        } catch {
            throw NamespaceError(field, "\(what): \(error)")
        }
    }
}
