@testable import Seccomp
import XCTest

final class ENOSYSStubTests: XCTestCase {
    /// The stub followed by a marker "filter" that returns a value we can recognise.
    func run(_ stub: [BPFInstruction], nr: Int32, arch: UInt32) throws -> UInt32 {
        try runBPF(stub + [BPFInstruction(code: 0x06, k: 0xF11_7E5)], SeccompData(nr: nr, arch: arch))
    }
    let filter: UInt32 = 0xF11_7E5

    func testNoSectionsMeansNoStub() throws {
        XCTAssertEqual(try ENOSYSStub.generate([]), [])
        XCTAssertEqual(try ENOSYSStub.generate([.init(auditArch: Audit.aarch64, entries: [])]), [])
    }

    func testPlainArchitecture() throws {
        let stub = try ENOSYSStub.generate([.init(auditArch: Audit.aarch64, entries: [.init(mode: .plain, lastSyscall: 100)])])
        XCTAssertEqual(try run(stub, nr: 100, arch: Audit.aarch64), filter)
        XCTAssertEqual(try run(stub, nr: 0, arch: Audit.aarch64), filter)
        XCTAssertEqual(try run(stub, nr: 101, arch: Audit.aarch64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 5000, arch: Audit.x86_64), filter, "other arches go to the filter")
    }

    func testAMD64IgnoresX32Numbers() throws {
        let stub = try ENOSYSStub.generate([.init(auditArch: Audit.x86_64, entries: [.init(mode: .amd64, lastSyscall: 300)])])
        XCTAssertEqual(try run(stub, nr: 300, arch: Audit.x86_64), filter)
        XCTAssertEqual(try run(stub, nr: 435, arch: Audit.x86_64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 0x4000_0200, arch: Audit.x86_64), filter, "x32 call")
    }

    func testX86_64AndX32Together() throws {
        let stub = try ENOSYSStub.generate([
            .init(auditArch: Audit.x86_64, entries: [.init(mode: .amd64, lastSyscall: 300), .init(mode: .x32, lastSyscall: 0x4000_0100)]),
            .init(auditArch: Audit.i386, entries: [.init(mode: .plain, lastSyscall: 200)]),
        ])
        XCTAssertEqual(try run(stub, nr: 299, arch: Audit.x86_64), filter)
        XCTAssertEqual(try run(stub, nr: 301, arch: Audit.x86_64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 0x4000_0100, arch: Audit.x86_64), filter)
        XCTAssertEqual(try run(stub, nr: 0x4000_0101, arch: Audit.x86_64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 201, arch: Audit.i386), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 200, arch: Audit.i386), filter)
    }

    func testS390MultiplexSyscall() throws {
        let stub = try ENOSYSStub.generate([.init(auditArch: Audit.s390x, entries: [.init(mode: .s390, lastSyscall: 400)])])
        XCTAssertEqual(try run(stub, nr: 0, arch: Audit.s390x), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 1, arch: Audit.s390x), filter)
        XCTAssertEqual(try run(stub, nr: 401, arch: Audit.s390x), ENOSYSStub.retENOSYS)
    }

    func testLongJumpsWhenManySections() throws {
        // Enough sections that the ENOSYS return is more than 255 instructions away.
        var sections: [ENOSYSStub.Section] = []
        for i in 0..<100 { sections.append(.init(auditArch: 0x1000 + UInt32(i), entries: [.init(mode: .plain, lastSyscall: 10)])) }
        sections.append(.init(auditArch: Audit.x86_64, entries: [.init(mode: .amd64, lastSyscall: 300), .init(mode: .x32, lastSyscall: 0x4000_0100)]))
        let stub = try ENOSYSStub.generate(sections)
        XCTAssertGreaterThan(stub.count, 300)
        for i in [0, 50, 99] {
            XCTAssertEqual(try run(stub, nr: 11, arch: 0x1000 + UInt32(i)), ENOSYSStub.retENOSYS)
            XCTAssertEqual(try run(stub, nr: 10, arch: 0x1000 + UInt32(i)), filter)
        }
        XCTAssertEqual(try run(stub, nr: 301, arch: Audit.x86_64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 0x4000_0101, arch: Audit.x86_64), ENOSYSStub.retENOSYS)
        XCTAssertEqual(try run(stub, nr: 0x4000_0100, arch: Audit.x86_64), filter)
        XCTAssertEqual(try run(stub, nr: 1, arch: Audit.x86_64), filter)
        XCTAssertEqual(try run(stub, nr: 999, arch: 0xdead), filter)
    }

    func testBadOverlapIsAnError() {
        XCTAssertThrowsError(try ENOSYSStub.generate([
            .init(auditArch: Audit.aarch64, entries: [.init(mode: .plain, lastSyscall: 1), .init(mode: .plain, lastSyscall: 2)]),
        ]))
    }
}
