import Foundation
import XCTest
@testable import Namespaces

/// NetDevices against the real kernel, as root: a veth end (its peer stays
/// down on the host, so no traffic) moved into a scratch network namespace
/// held by `unshare --net sleep`, and back.
final class NetDevicesKernelTests: XCTestCase {
    var holder: Process?
    var device = "", peer = ""

    override func setUpWithError() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        let tag = String(getpid() % 100_000)
        device = "swnt\(tag)a"
        peer = "swnt\(tag)b"
        let made = sh("ip link add \(device) type veth peer name \(peer) && ip addr add 198.51.100.7/24 dev \(device) "
                      + "&& ip addr add 10.254.0.1/8 scope link dev \(device) && ip link set \(device) up")
        try XCTSkipUnless(made.status == 0, "cannot create a veth pair: \(made.output)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["--net", "sleep", "60"]
        try p.run()
        holder = p
        // Wait for unshare to have switched namespaces (it execs sleep in place).
        for _ in 0..<200 where namespaceLink == hostLink { usleep(10_000) }
    }

    override func tearDown() {
        holder?.terminate()
        holder?.waitUntilExit()
        sh("ip link del \(device) 2>/dev/null; ip link del \(peer) 2>/dev/null")
    }

    var nsPath: String { "/proc/\(holder!.processIdentifier)/ns/net" }
    var namespaceLink: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: nsPath) }
    var hostLink: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net") }

    @discardableResult
    func sh(_ command: String) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command + " 2>&1"]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func inside(_ command: String) -> String {
        sh("nsenter --net=\(nsPath) \(command)").output
    }

    func testMoveInRenamesKeepsGlobalAddressesAndSetsUp() throws {
        XCTAssertNotEqual(namespaceLink, hostLink)
        let moved = try NetDevices.moveIn([device: .init(name: "ctr0")], namespacePath: nsPath)
        XCTAssertFalse(moved.isEmpty)
        let addr = inside("ip -o addr show dev ctr0")
        XCTAssertTrue(addr.contains("198.51.100.7/24"), addr)
        XCTAssertFalse(addr.contains("10.254.0.1"), "a link-scope address must not move: \(addr)")
        XCTAssertTrue(inside("ip -o link show dev ctr0").contains(",UP"), inside("ip -o link show dev ctr0"))
        XCTAssertNotEqual(sh("ip link show dev \(device)").status, 0, "the device left the host")

        // A failed create moves it back, with its address and up state.
        XCTAssertEqual(NetDevices.restore(moved), [])
        let back = sh("ip -o addr show dev \(device)").output
        XCTAssertTrue(back.contains("198.51.100.7/24"), back)
        XCTAssertTrue(sh("ip -o link show dev \(device)").output.contains(",UP"))
        XCTAssertFalse(inside("ip -o link").contains("ctr0"))
    }

    func testExistingNameIsAnErrorAndNothingMoves() throws {
        XCTAssertThrowsError(try NetDevices.moveIn([device: .init(name: "lo")], namespacePath: nsPath)) { error in
            let e = error as? NamespaceError
            XCTAssertEqual(e?.field, "linux.netDevices[\"\(device)\"].name")
            XCTAssertTrue(e?.message.contains("already exists") == true, "\(error)")
        }
        XCTAssertEqual(sh("ip link show dev \(device)").status, 0, "the device stays on the host")
    }

    func testMissingHostDeviceAndTemplateName() throws {
        XCTAssertThrowsError(try NetDevices.moveIn(["swnt-none0": .init()], namespacePath: nsPath)) { error in
            XCTAssertEqual((error as? NamespaceError)?.field, "linux.netDevices[\"swnt-none0\"]")
        }
        // "%d": the kernel picks a free name; the moved device is still found and set up.
        _ = try NetDevices.moveIn([device: .init(name: "eth%d")], namespacePath: nsPath)
        let link = inside("ip -o addr show dev eth0")
        XCTAssertTrue(link.contains("198.51.100.7/24"), link)
    }

    func testDuplicateContainerNamesAreRejected() throws {
        let other = "swnt\(getpid() % 100_000)c"
        sh("ip link add \(other) type veth peer name \(other)p")
        defer { sh("ip link del \(other) 2>/dev/null") }
        XCTAssertThrowsError(try NetDevices.moveIn([device: .init(name: "x0"), other: .init(name: "x0")],
                                                   namespacePath: nsPath))
        XCTAssertEqual(sh("ip link show dev \(device)").status, 0)
        XCTAssertEqual(sh("ip link show dev \(other)").status, 0)
    }
}
