import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// What `update` was asked to change, as the command line gave it: either a
/// `--resources` file (then every other resource flag is ignored, as runc
/// documents) or the individual flags. Values stay raw strings so that the
/// errors can quote them the way runc does ("invalid value for memory: ...").
public struct UpdateRequest: Sendable {
    /// `--resources FILE` or `-` for stdin.
    public var resourcesFile: String?
    public var blkioWeight = 0
    public var cpuPeriod: String?
    public var cpuQuota: String?
    public var cpuBurst: String?
    public var cpuShare: String?
    public var cpuRtPeriod: String?
    public var cpuRtRuntime: String?
    public var cpusetCpus: String?
    public var cpusetMems: String?
    public var memory: String?
    public var memoryReservation: String?
    public var memorySwap: String?
    /// Obsolete in runc too: accepted, warned about, ignored.
    public var kernelMemory: String?
    public var kernelMemoryTCP: String?
    public var pidsLimit = 0
    public var l3CacheSchema: String?
    public var memBwSchema: String?

    public init() {}

    /// The partial `linux.resources` this request describes. Absent fields
    /// mean "leave alone"; `stdin` is read for `--resources -`.
    func resources(stdin: Int32 = 0) throws -> Spec.Linux.Resources {
        if let file = resourcesFile.nonEmpty {
            return try Self.decodeResources(file: file, stdin: stdin)
        }
        var r = Spec.Linux.Resources()
        var cpu = Spec.Linux.Resources.CPU()
        var memory = Spec.Linux.Resources.Memory()
        if blkioWeight != 0 {
            guard let w = UInt16(exactly: blkioWeight) else {
                throw RuntimeError("invalid value for blkio-weight: \(blkioWeight) is out of range 10-1000")
            }
            r.blockIO = Spec.Linux.Resources.BlockIO(weight: w)
        }
        cpu.cpus = cpusetCpus.nonEmpty
        cpu.mems = cpusetMems.nonEmpty
        cpu.burst = try Self.unsigned(cpuBurst, "cpu-burst")
        cpu.period = try Self.unsigned(cpuPeriod, "cpu-period")
        cpu.realtimePeriod = try Self.unsigned(cpuRtPeriod, "cpu-rt-period")
        cpu.shares = try Self.unsigned(cpuShare, "cpu-share")
        cpu.quota = try Self.signed(cpuQuota, "cpu-quota")
        cpu.realtimeRuntime = try Self.signed(cpuRtRuntime, "cpu-rt-runtime")
        memory.limit = try Self.bytes(self.memory, "memory")
        memory.swap = try Self.bytes(memorySwap, "memory-swap")
        memory.reservation = try Self.bytes(memoryReservation, "memory-reservation")
        for (flag, value) in [("kernel-memory", kernelMemory), ("kernel-memory-tcp", kernelMemoryTCP)] where value.nonEmpty != nil {
            Log.warning("Setting --\(flag) is ignored and will be removed")
        }
        if cpu != Spec.Linux.Resources.CPU() { r.cpu = cpu }
        if memory != Spec.Linux.Resources.Memory() { r.memory = memory }
        if pidsLimit != 0 { r.pids = Spec.Linux.Resources.Pids(limit: Int64(pidsLimit)) }
        return r
    }

    static func decodeResources(file: String, stdin: Int32) throws -> Spec.Linux.Resources {
        let bytes: [UInt8]
        do {
            bytes = file == "-" ? try FileIO.readAll(fd: stdin) : try FileIO.read(file)
        } catch {
            throw RuntimeError("--resources: \(error)")
        }
        do {
            var r = try JSON.decode(Spec.Linux.Resources.self, from: bytes)
            // runc cannot change device rules after create; neither can we.
            if r.devices != nil {
                Log.warning("--resources: devices cannot be updated; ignored")
                r.devices = nil
            }
            return r
        } catch {
            let path = error.path.isEmpty ? "linux.resources"
                : error.path.hasPrefix("[") ? "linux.resources" + error.path : "linux.resources." + error.path
            throw RuntimeError("--resources \(file == "-" ? "(stdin)" : file): \(path): \(error.message)")
        }
    }

    // MARK: - runc's value syntax

    /// Go's `strconv.ParseUint(s, 10, 64)`.
    static func unsigned(_ text: String?, _ flag: String) throws -> UInt64? {
        guard let text = text.nonEmpty else { return nil }
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw RuntimeError("invalid value for \(flag): strconv.ParseUint: parsing \"\(text)\": invalid syntax")
        }
        guard let v = UInt64(text) else {
            throw RuntimeError("invalid value for \(flag): strconv.ParseUint: parsing \"\(text)\": value out of range")
        }
        return v
    }

    /// Go's `strconv.ParseInt(s, 10, 64)`.
    static func signed(_ text: String?, _ flag: String) throws -> Int64? {
        guard let text = text.nonEmpty else { return nil }
        var digits = Substring(text)
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw RuntimeError("invalid value for \(flag): strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        guard let v = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw RuntimeError("invalid value for \(flag): strconv.ParseInt: parsing \"\(text)\": value out of range")
        }
        return v
    }

    /// "-1" (unlimited) or docker's `units.RAMInBytes`: a decimal number with
    /// an optional binary unit, `512m`, `1.5g`, `10 MiB`, `1024`.
    static func bytes(_ text: String?, _ flag: String) throws -> Int64? {
        guard let text = text.nonEmpty else { return nil }
        if text == "-1" { return -1 }
        guard let v = RAMSize.parse(text) else {
            throw RuntimeError("invalid value for \(flag): invalid size: '\(text)'")
        }
        return v
    }
}

/// docker/go-units' RAMInBytes: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`,
/// units are powers of 1024 whatever the spelling (`k`, `KB`, `KiB`).
enum RAMSize {
    static func parse(_ text: String) -> Int64? {
        let s = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while i < s.count, isDigit(s[i]) || (s[i] == 0x2E && i > 0 && i + 1 < s.count && isDigit(s[i + 1]) && isDigit(s[i - 1])) {
            i += 1
        }
        let number = String(decoding: s[0..<i], as: UTF8.self)
        guard !number.isEmpty, let value = Double(number) else { return nil }
        if i < s.count, s[i] == 0x20 { i += 1 }
        var multiplier: Double = 1
        if i < s.count, let power = "kmgtp".utf8.firstIndex(of: s[i] | 0x20) {
            multiplier = Double(1 << (10 * ("kmgtp".utf8.distance(from: "kmgtp".utf8.startIndex, to: power) + 1)))
            i += 1
        }
        if i < s.count, s[i] | 0x20 == UInt8(ascii: "i") { i += 1 }
        if i < s.count, s[i] | 0x20 == UInt8(ascii: "b") { i += 1 }
        guard i == s.count else { return nil }
        let bytes = value * multiplier
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }
}

extension Optional where Wrapped == String {
    /// nil for nil or "" (urfave's `context.String(x) != ""`).
    var nonEmpty: String? {
        if let s = self, !s.isEmpty { return s }
        return nil
    }
}
