@testable import Seccomp

/// A classic-BPF interpreter for seccomp programs, enough for what libseccomp and
/// the ENOSYS stub emit. Lets filter semantics be tested without loading anything.
struct SeccompData {
    var nr: Int32
    var arch: UInt32
    var args: [UInt64] = [0, 0, 0, 0, 0, 0]

    func word(at offset: UInt32) -> UInt32? {
        switch offset {
        case 0: return UInt32(bitPattern: nr)
        case 4: return arch
        case 8, 12: return 0 // instruction pointer
        case 16..<64 where offset % 4 == 0:
            let arg = args[Int(offset - 16) / 8]
            return (offset - 16) % 8 == 0 ? UInt32(truncatingIfNeeded: arg) : UInt32(truncatingIfNeeded: arg >> 32)
        default: return nil
        }
    }
}

enum BPFInterpreterError: Error, Equatable {
    case badOpcode(UInt16, pc: Int)
    case badLoad(UInt32, pc: Int)
    case ranOffEnd
}

func runBPF(_ program: [BPFInstruction], _ data: SeccompData) throws -> UInt32 {
    var a: UInt32 = 0, x: UInt32 = 0
    var mem = [UInt32](repeating: 0, count: 16)
    var pc = 0
    while pc < program.count {
        let i = program[pc]
        pc += 1
        switch i.code {
        case 0x20: // ld [k]
            guard let w = data.word(at: i.k) else { throw BPFInterpreterError.badLoad(i.k, pc: pc - 1) }
            a = w
        case 0x00: a = i.k                    // ld #k
        case 0x01: x = i.k                    // ldx #k
        case 0x60: a = mem[Int(i.k)]          // ld M[k]
        case 0x61: x = mem[Int(i.k)]          // ldx M[k]
        case 0x02: mem[Int(i.k)] = a          // st M[k]
        case 0x03: mem[Int(i.k)] = x          // stx M[k]
        case 0x54: a &= i.k                   // and #k
        case 0x5c: a &= x                     // and x
        case 0x44: a |= i.k                   // or #k
        case 0x74: a >>= i.k                  // rsh #k
        case 0x64: a <<= i.k                  // lsh #k
        case 0x07: x = a                      // tax
        case 0x87: a = x                      // txa
        case 0x05: pc += Int(i.k)             // ja
        case 0x15: pc += a == i.k ? Int(i.jt) : Int(i.jf)
        case 0x25: pc += a > i.k ? Int(i.jt) : Int(i.jf)
        case 0x35: pc += a >= i.k ? Int(i.jt) : Int(i.jf)
        case 0x45: pc += a & i.k != 0 ? Int(i.jt) : Int(i.jf)
        case 0x1d: pc += a == x ? Int(i.jt) : Int(i.jf)
        case 0x2d: pc += a > x ? Int(i.jt) : Int(i.jf)
        case 0x3d: pc += a >= x ? Int(i.jt) : Int(i.jf)
        case 0x06: return i.k                 // ret #k
        case 0x16: return a                   // ret a
        default: throw BPFInterpreterError.badOpcode(i.code, pc: pc - 1)
        }
    }
    throw BPFInterpreterError.ranOffEnd
}

enum Audit {
    static let x86_64: UInt32 = 0xC000_003E
    static let i386: UInt32 = 0x4000_0003
    static let aarch64: UInt32 = 0xC000_00B7
    static let s390x: UInt32 = 0x8000_0016
}

enum Ret {
    static let allow: UInt32 = 0x7fff_0000
    static let killThread: UInt32 = 0
    static let killProcess: UInt32 = 0x8000_0000
    static let trap: UInt32 = 0x0003_0000
    static let log: UInt32 = 0x7ffc_0000
    static let notify: UInt32 = 0x7fc0_0000
    static func errno(_ e: UInt32) -> UInt32 { 0x0005_0000 | e }
    static func trace(_ e: UInt32) -> UInt32 { 0x7ff0_0000 | e }
}
