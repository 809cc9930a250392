/// One classic-BPF instruction (`struct sock_filter`), the unit of a seccomp program.
public struct BPFInstruction: Equatable, Sendable, CustomStringConvertible {
    public var code: UInt16
    public var jt: UInt8
    public var jf: UInt8
    public var k: UInt32

    public init(code: UInt16, jt: UInt8 = 0, jf: UInt8 = 0, k: UInt32 = 0) {
        self.code = code
        self.jt = jt
        self.jf = jf
        self.k = k
    }

    // Opcodes used by the stub we generate (linux/bpf_common.h).
    public static let ldWAbs: UInt16 = 0x20   // BPF_LD | BPF_W | BPF_ABS
    public static let ja: UInt16 = 0x05       // BPF_JMP | BPF_JA
    public static let jeqK: UInt16 = 0x15     // BPF_JMP | BPF_JEQ | BPF_K
    public static let jgtK: UInt16 = 0x25     // BPF_JMP | BPF_JGT | BPF_K
    public static let jsetK: UInt16 = 0x45    // BPF_JMP | BPF_JSET | BPF_K
    public static let retK: UInt16 = 0x06     // BPF_RET | BPF_K

    /// Offsets into `struct seccomp_data`.
    public static let offsetNr: UInt32 = 0
    public static let offsetArch: UInt32 = 4

    static func load(_ offset: UInt32) -> BPFInstruction { BPFInstruction(code: ldWAbs, k: offset) }
    static func jump(_ skip: UInt32) -> BPFInstruction { BPFInstruction(code: ja, k: skip) }
    static func ret(_ value: UInt32) -> BPFInstruction { BPFInstruction(code: retK, k: value) }
    static func jeq(_ k: UInt32, _ jt: UInt8, _ jf: UInt8) -> BPFInstruction { BPFInstruction(code: jeqK, jt: jt, jf: jf, k: k) }
    static func jgt(_ k: UInt32, _ jt: UInt8, _ jf: UInt8) -> BPFInstruction { BPFInstruction(code: jgtK, jt: jt, jf: jf, k: k) }
    static func jset(_ k: UInt32, _ jt: UInt8, _ jf: UInt8) -> BPFInstruction { BPFInstruction(code: jsetK, jt: jt, jf: jf, k: k) }

    public var description: String {
        "{0x\(String(code, radix: 16)), \(jt), \(jf), 0x\(String(k, radix: 16))}"
    }

    /// Decodes `struct sock_filter` records as seccomp_export_bpf writes them (host endian).
    public static func decode(_ bytes: [UInt8]) -> [BPFInstruction]? {
        guard bytes.count % 8 == 0 else { return nil }
        var out: [BPFInstruction] = []
        out.reserveCapacity(bytes.count / 8)
        bytes.withUnsafeBytes { raw in
            for off in stride(from: 0, to: raw.count, by: 8) {
                out.append(BPFInstruction(
                    code: raw.loadUnaligned(fromByteOffset: off, as: UInt16.self),
                    jt: raw[off + 2], jf: raw[off + 3],
                    k: raw.loadUnaligned(fromByteOffset: off + 4, as: UInt32.self)))
            }
        }
        return out
    }

    /// The `struct sock_filter` array for the kernel (host endian).
    public static func encode(_ program: [BPFInstruction]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: program.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (i, insn) in program.enumerated() {
                raw.storeBytes(of: insn.code, toByteOffset: i * 8, as: UInt16.self)
                raw[i * 8 + 2] = insn.jt
                raw[i * 8 + 3] = insn.jf
                raw.storeBytes(of: insn.k, toByteOffset: i * 8 + 4, as: UInt32.self)
            }
        }
        return bytes
    }
}
