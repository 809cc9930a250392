/// One eBPF instruction (`struct bpf_insn`), limited to the handful of
/// opcodes the device filter needs.
public struct BPFInstruction: Equatable, Sendable, CustomStringConvertible {
    public var opcode: UInt8
    public var dst: UInt8
    public var src: UInt8
    public var offset: Int16
    public var imm: Int32

    public init(opcode: UInt8, dst: UInt8 = 0, src: UInt8 = 0, offset: Int16 = 0, imm: Int32 = 0) {
        self.opcode = opcode
        self.dst = dst
        self.src = src
        self.offset = offset
        self.imm = imm
    }

    // Opcode = class | operation | source, from linux/bpf_common.h and bpf.h.
    static let ldxMemW: UInt8 = 0x61   // BPF_LDX | BPF_MEM | BPF_W
    static let andImm32: UInt8 = 0x54  // BPF_ALU | BPF_AND | BPF_K
    static let rshImm32: UInt8 = 0x74  // BPF_ALU | BPF_RSH | BPF_K
    static let movImm32: UInt8 = 0xb4  // BPF_ALU | BPF_MOV | BPF_K
    static let movReg32: UInt8 = 0xbc  // BPF_ALU | BPF_MOV | BPF_X
    static let jneImm: UInt8 = 0x55    // BPF_JMP | BPF_JNE | BPF_K
    static let jneReg: UInt8 = 0x5d    // BPF_JMP | BPF_JNE | BPF_X
    static let exitOp: UInt8 = 0x95    // BPF_JMP | BPF_EXIT

    /// dst = *(u32 *)(src + offset)
    public static func loadWord(_ dst: UInt8, _ src: UInt8, offset: Int16) -> BPFInstruction {
        BPFInstruction(opcode: ldxMemW, dst: dst, src: src, offset: offset)
    }
    public static func and32(_ dst: UInt8, _ imm: Int32) -> BPFInstruction {
        BPFInstruction(opcode: andImm32, dst: dst, imm: imm)
    }
    public static func rsh32(_ dst: UInt8, _ imm: Int32) -> BPFInstruction {
        BPFInstruction(opcode: rshImm32, dst: dst, imm: imm)
    }
    public static func mov32(_ dst: UInt8, _ imm: Int32) -> BPFInstruction {
        BPFInstruction(opcode: movImm32, dst: dst, imm: imm)
    }
    public static func mov32(_ dst: UInt8, register src: UInt8) -> BPFInstruction {
        BPFInstruction(opcode: movReg32, dst: dst, src: src)
    }
    /// if dst != imm goto pc + 1 + offset
    public static func jne(_ dst: UInt8, _ imm: Int32, offset: Int16) -> BPFInstruction {
        BPFInstruction(opcode: jneImm, dst: dst, offset: offset, imm: imm)
    }
    /// if dst != src goto pc + 1 + offset
    public static func jne(_ dst: UInt8, register src: UInt8, offset: Int16) -> BPFInstruction {
        BPFInstruction(opcode: jneReg, dst: dst, src: src, offset: offset)
    }
    public static let exit = BPFInstruction(opcode: exitOp)

    public var isJump: Bool { opcode == Self.jneImm || opcode == Self.jneReg }

    /// The 8-byte kernel encoding (little-endian host).
    public var bytes: [UInt8] {
        let off = UInt16(bitPattern: offset), im = UInt32(bitPattern: imm)
        return [opcode, (src << 4) | (dst & 0x0f), UInt8(off & 0xff), UInt8(off >> 8),
                UInt8(im & 0xff), UInt8((im >> 8) & 0xff), UInt8((im >> 16) & 0xff), UInt8(im >> 24)]
    }

    /// cilium/ebpf's notation, so listings compare with runc's tests.
    public var description: String {
        switch opcode {
        case Self.ldxMemW: return "LdXMemW dst: r\(dst) src: r\(src) off: \(offset) imm: \(imm)"
        case Self.andImm32: return "AndImm32 dst: r\(dst) imm: \(imm)"
        case Self.rshImm32: return "RShImm32 dst: r\(dst) imm: \(imm)"
        case Self.movImm32: return "MovImm32 dst: r\(dst) imm: \(imm)"
        case Self.movReg32: return "MovReg32 dst: r\(dst) src: r\(src)"
        case Self.jneImm: return "JNEImm dst: r\(dst) off: \(offset) imm: \(imm)"
        case Self.jneReg: return "JNEReg dst: r\(dst) off: \(offset) src: r\(src)"
        case Self.exitOp: return "Exit"
        default: return "op 0x\(String(opcode, radix: 16)) dst: r\(dst) src: r\(src) off: \(offset) imm: \(imm)"
        }
    }
}
