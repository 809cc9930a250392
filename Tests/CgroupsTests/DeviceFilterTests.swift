import XCTest
@testable import Cgroups

final class DeviceFilterTests: XCTestCase {
    /// Renders a program in cilium/ebpf's listing style with block labels,
    /// the format of runc's devicefilter_test.go expectations.
    func listing(_ program: [BPFInstruction]) -> String {
        var targets = Set<Int>([6])
        for (i, insn) in program.enumerated() where insn.isJump { targets.insert(i + 1 + Int(insn.offset)) }
        let labels = Dictionary(uniqueKeysWithValues: targets.sorted().enumerated().map { ($1, "block-\($0)") })
        var lines: [String] = []
        for (i, insn) in program.enumerated() {
            if let l = labels[i] { lines.append(l + ":") }
            var text = insn.description
            if insn.isJump {
                text = text.replacingOccurrences(of: "off: \(insn.offset)", with: "off: -1")
                text += " <\(labels[i + 1 + Int(insn.offset)]!)>"
            }
            lines.append("\(i): \(text)")
        }
        return lines.joined(separator: "\n")
    }

    /// runc's expected text minus comments, blank lines and indentation.
    func normalize(_ s: String) -> String {
        s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("//") }.joined(separator: "\n")
    }

    let prologue = """
        0: LdXMemW dst: r2 src: r1 off: 0 imm: 0
        1: AndImm32 dst: r2 imm: 65535
        2: LdXMemW dst: r3 src: r1 off: 0 imm: 0
        3: RShImm32 dst: r3 imm: 16
        4: LdXMemW dst: r4 src: r1 off: 4 imm: 0
        5: LdXMemW dst: r5 src: r1 off: 8 imm: 0
        """

    func testNilDeniesEverything() throws {
        let p = try DeviceFilterProgram.instructions(for: [])
        XCTAssertEqual(listing(p), normalize(prologue + "\nblock-0:\n6: MovImm32 dst: r0 imm: 0\n7: Exit"))
    }

    func testBuiltInAllowListMatchesRunc() throws {
        let expected = prologue + """

        block-0:
        6: JNEImm dst: r2 off: -1 imm: 1 <block-1>
        7: MovReg32 dst: r1 src: r3
        8: AndImm32 dst: r1 imm: 1
        9: JNEReg dst: r1 off: -1 src: r3 <block-1>
        10: MovImm32 dst: r0 imm: 1
        11: Exit
        block-1:
        12: JNEImm dst: r2 off: -1 imm: 2 <block-2>
        13: MovReg32 dst: r1 src: r3
        14: AndImm32 dst: r1 imm: 1
        15: JNEReg dst: r1 off: -1 src: r3 <block-2>
        16: MovImm32 dst: r0 imm: 1
        17: Exit
        block-2:
        18: JNEImm dst: r2 off: -1 imm: 2 <block-3>
        19: JNEImm dst: r4 off: -1 imm: 1 <block-3>
        20: JNEImm dst: r5 off: -1 imm: 3 <block-3>
        21: MovImm32 dst: r0 imm: 1
        22: Exit
        block-3:
        23: JNEImm dst: r2 off: -1 imm: 2 <block-4>
        24: JNEImm dst: r4 off: -1 imm: 1 <block-4>
        25: JNEImm dst: r5 off: -1 imm: 5 <block-4>
        26: MovImm32 dst: r0 imm: 1
        27: Exit
        block-4:
        28: JNEImm dst: r2 off: -1 imm: 2 <block-5>
        29: JNEImm dst: r4 off: -1 imm: 1 <block-5>
        30: JNEImm dst: r5 off: -1 imm: 7 <block-5>
        31: MovImm32 dst: r0 imm: 1
        32: Exit
        block-5:
        33: JNEImm dst: r2 off: -1 imm: 2 <block-6>
        34: JNEImm dst: r4 off: -1 imm: 1 <block-6>
        35: JNEImm dst: r5 off: -1 imm: 8 <block-6>
        36: MovImm32 dst: r0 imm: 1
        37: Exit
        block-6:
        38: JNEImm dst: r2 off: -1 imm: 2 <block-7>
        39: JNEImm dst: r4 off: -1 imm: 1 <block-7>
        40: JNEImm dst: r5 off: -1 imm: 9 <block-7>
        41: MovImm32 dst: r0 imm: 1
        42: Exit
        block-7:
        43: JNEImm dst: r2 off: -1 imm: 2 <block-8>
        44: JNEImm dst: r4 off: -1 imm: 5 <block-8>
        45: JNEImm dst: r5 off: -1 imm: 0 <block-8>
        46: MovImm32 dst: r0 imm: 1
        47: Exit
        block-8:
        48: JNEImm dst: r2 off: -1 imm: 2 <block-9>
        49: JNEImm dst: r4 off: -1 imm: 5 <block-9>
        50: JNEImm dst: r5 off: -1 imm: 2 <block-9>
        51: MovImm32 dst: r0 imm: 1
        52: Exit
        block-9:
        53: JNEImm dst: r2 off: -1 imm: 2 <block-10>
        54: JNEImm dst: r4 off: -1 imm: 10 <block-10>
        55: JNEImm dst: r5 off: -1 imm: 200 <block-10>
        56: MovImm32 dst: r0 imm: 1
        57: Exit
        block-10:
        58: JNEImm dst: r2 off: -1 imm: 2 <block-11>
        59: JNEImm dst: r4 off: -1 imm: 136 <block-11>
        60: MovImm32 dst: r0 imm: 1
        61: Exit
        block-11:
        62: MovImm32 dst: r0 imm: 0
        63: Exit
        """
        let p = try DeviceFilterProgram.instructions(for: DevicePolicy.defaultAllowed)
        XCTAssertEqual(listing(p), normalize(expected))
    }

    func testPrivilegedExceptSingleDevice() throws {
        let rules = [DeviceRule(.all, nil, nil, .all, allow: true), DeviceRule(.block, 8, 0, .all, allow: false)]
        let expected = prologue + """

        block-0:
        6: JNEImm dst: r2 off: -1 imm: 1 <block-1>
        7: JNEImm dst: r4 off: -1 imm: 8 <block-1>
        8: JNEImm dst: r5 off: -1 imm: 0 <block-1>
        9: MovImm32 dst: r0 imm: 0
        10: Exit
        block-1:
        11: MovImm32 dst: r0 imm: 1
        12: Exit
        """
        XCTAssertEqual(listing(try DeviceFilterProgram.instructions(for: rules)), normalize(expected))
        XCTAssertEqual(listing(try DeviceFilterProgram.instructions(for: [rules[0]])),
                       normalize(prologue + "\nblock-0:\n6: MovImm32 dst: r0 imm: 1\n7: Exit"))
    }

    func testWeirdOrderFollowsV1() throws {
        // 8:1 denied, then allow-all resets it, then 8:2 denied.
        let rules = [DeviceRule(.block, 8, 1, .all, allow: false), DeviceRule(.all, nil, nil, .all, allow: true),
                     DeviceRule(.block, 8, 2, .all, allow: false)]
        let p = try DeviceFilterProgram.instructions(for: rules)
        XCTAssertEqual(p[8], .jne(5, 2, offset: 2))
        XCTAssertEqual(p.count, 13)
    }

    func testEncoding() {
        XCTAssertEqual(BPFInstruction.loadWord(2, 1, offset: 4).bytes, [0x61, 0x12, 4, 0, 0, 0, 0, 0])
        XCTAssertEqual(BPFInstruction.jne(4, 136, offset: 2).bytes, [0x55, 0x04, 2, 0, 136, 0, 0, 0])
        XCTAssertEqual(BPFInstruction.mov32(1, register: 3).bytes, [0xbc, 0x31, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(BPFInstruction.and32(2, 0xFFFF).bytes, [0x54, 0x02, 0, 0, 0xff, 0xff, 0, 0])
        XCTAssertEqual(BPFInstruction.exit.bytes, [0x95, 0, 0, 0, 0, 0, 0, 0])
    }

    func testEmulatorDecisions() throws {
        let e = try DeviceEmulator(rules: [DeviceRule(.all, nil, nil, .all, allow: false)] + DevicePolicy.defaultAllowed)
        XCTAssertTrue(e.permits(.char, major: 1, minor: 3, [.read, .write]))
        XCTAssertTrue(e.permits(.char, major: 136, minor: 7, .read))
        XCTAssertTrue(e.permits(.block, major: 8, minor: 0, .mknod))
        XCTAssertFalse(e.permits(.block, major: 8, minor: 0, .read))
        XCTAssertFalse(e.permits(.char, major: 1, minor: 1, .read))
    }

    func testPunchingHoleInWildcardIsRefused() {
        let rules = [DeviceRule(.all, nil, nil, .all, allow: false), DeviceRule(.char, 1, nil, .all, allow: true),
                     DeviceRule(.char, 1, 3, .read, allow: false)]
        XCTAssertThrowsError(try DeviceEmulator(rules: rules)) { error in
            XCTAssertEqual((error as? CgroupError)?.field, "linux.resources.devices[2]")
        }
    }

    func testV1Transition() throws {
        let allowAll = try DeviceEmulator(devicesList: "a *:* rwm\n")
        let target = try DeviceEmulator(rules: [DeviceRule(.char, 1, 3, .all, allow: true), DeviceRule(.char, 1, 5, .read, allow: true)])
        XCTAssertEqual(allowAll.transition(to: target).map(\.description),
                       ["deny a *:* rwm", "allow c 1:3 rwm", "allow c 1:5 r"])
        // From an allow list, only the differences are written.
        let current = try DeviceEmulator(devicesList: "c 1:3 rwm\nc 1:7 rw\n")
        XCTAssertEqual(current.transition(to: target).map(\.description),
                       ["deny c 1:7 rw", "allow c 1:5 r"])
        XCTAssertEqual(target.transition(to: target), [])
    }

    func testSpecRuleConversion() throws {
        let r = try DeviceRule(.init(allow: true, type: "c", major: 10, minor: -1, access: "rw"), index: 0)
        XCTAssertEqual(r.cgroupString, "c 10:* rw")
        XCTAssertEqual(try DeviceRule(.init(allow: false), index: 0).cgroupString, "a *:* rwm")
        XCTAssertThrowsError(try DeviceRule(.init(allow: true, type: "x"), index: 3)) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.devices[3].type")
        }
        XCTAssertThrowsError(try DeviceRule(.init(allow: true, access: "rx"), index: 1)) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.devices[1].access")
        }
        let rules = try DevicePolicy.rules(resources: [.init(allow: false, access: "rwm")])
        XCTAssertEqual(rules.first?.description, "deny a *:* rwm")
        XCTAssertEqual(rules.last?.description, "allow c 10:200 rwm")
        XCTAssertEqual(rules.count, 1 + DevicePolicy.defaultAllowed.count)
    }
}
