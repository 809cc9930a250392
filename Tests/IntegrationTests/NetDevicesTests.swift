import Foundation
import XCTest

/// linux.netDevices and linux.memoryPolicy (config-linux.md), end to end. The
/// devices are dummy interfaces, or where the kernel has no dummy driver one
/// end of a veth pair whose peer stays down on the host: no traffic is sent.
final class NetDevicesTests: IntegrationTestCase {
    private var device = ""
    private var peer = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        let tag = "\(getpid() % 10_000)\(Int.random(in: 100...999))"
        device = "swnd\(tag)"
        peer = "swnp\(tag)"
    }

    override func tearDown() {
        sh("ip link del \(device) 2>/dev/null; ip link del \(peer) 2>/dev/null")
        super.tearDown()
    }

    @discardableResult
    private func sh(_ command: String) -> Harness.Result {
        Harness.exec("/bin/sh", ["-c", command])
    }

    /// A host interface with a global and a link-scope address, set up.
    private func makeDevice() throws {
        var made = sh("ip link add \(device) type dummy")
        if made.status != 0 { made = sh("ip link add \(device) type veth peer name \(peer)") }
        try XCTSkipUnless(made.status == 0, "cannot create a dummy or veth interface: \(made.stderr)")
        let configured = sh("ip addr add 192.0.2.77/24 dev \(device) && ip addr add 10.253.0.1/8 scope link dev \(device) "
                            + "&& ip link set \(device) up")
        XCTAssertEqual(configured.status, 0, configured.stderr)
    }

    private func hostAddresses() -> String { sh("ip -o addr show dev \(device)").stdout }
    private func hostHasDevice() -> Bool { sh("ip link show dev \(device)").status == 0 }

    func testDeviceIsMovedRenamedUpWithItsGlobalAddresses() throws {
        try makeDevice()
        sandbox.set("linux.netDevices", [device: ["name": "ctr0"]])
        let out = try output(["sh", "-c", "ip -o addr show dev ctr0; echo flags=$(cat /sys/class/net/ctr0/flags)"])
        XCTAssertTrue(out.contains("192.0.2.77/24"), out)
        XCTAssertFalse(out.contains("10.253.0.1"), "link-scope addresses stay behind: \(out)")
        let flags = out.split(separator: "\n").first { $0.hasPrefix("flags=") }.flatMap { Int($0.dropFirst(8), radix: 16) }
        XCTAssertEqual((flags ?? 0) & 1, 1, "IFF_UP: \(out)")
        // The container's namespace is gone: the kernel destroyed the virtual device.
        XCTAssertFalse(hostHasDevice())
    }

    func testKeepsTheHostNameWithoutName() throws {
        try makeDevice()
        sandbox.set("linux.netDevices", [device: [String: Any]()])
        XCTAssertTrue(try output(["ip", "-o", "addr", "show", "dev", device]).contains("192.0.2.77/24"))
    }

    func testExistingNameInTheContainerIsAnError() throws {
        try makeDevice()
        sandbox.set("linux.netDevices", [device: ["name": "lo"]])
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("linux.netDevices[\\\"\(device)\\\"].name") && r.stderr.contains("already exists"), r.stderr)
        XCTAssertTrue(hostAddresses().contains("192.0.2.77/24"), "nothing moved")
    }

    func testFailedCreateMovesTheDeviceBack() throws {
        try makeDevice()
        sandbox.set("linux.netDevices", [device: ["name": "ctr0"]])
        sandbox.set("hooks", ["createRuntime": [["path": "/bin/false"]]])
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0, "the failing hook fails the create")
        XCTAssertTrue(hostHasDevice(), "moved back under its host name")
        XCTAssertTrue(hostAddresses().contains("192.0.2.77/24"), hostAddresses())
        XCTAssertTrue(sh("ip -o link show dev \(device)").stdout.contains(",UP"), "up again")
    }

    func testMissingHostDeviceIsAnError() throws {
        sandbox.set("linux.netDevices", ["swnd-missing": [String: Any]()])
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no network device"), r.stderr)
    }

    /// /proc/self/numa_maps shows the task policy for mappings without their own.
    func testMemoryPolicy() throws {
        sandbox.set("linux.memoryPolicy", ["mode": "MPOL_BIND", "nodes": "0"])
        XCTAssertTrue(try output(["head", "-1", "/proc/self/numa_maps"]).contains(" bind:0 "))
        sandbox.set("linux.memoryPolicy", ["mode": "MPOL_INTERLEAVE", "nodes": "0", "flags": ["MPOL_F_STATIC_NODES"]])
        XCTAssertTrue(try output(["head", "-1", "/proc/self/numa_maps"]).contains(" interleave=static:0 "))
        sandbox.set("linux.memoryPolicy", ["mode": "MPOL_LOCAL"])
        XCTAssertTrue(try output(["head", "-1", "/proc/self/numa_maps"]).contains(" local "))
    }

    func testMemoryPolicyOnAnUnavailableNodeFails() throws {
        sandbox.set("linux.memoryPolicy", ["mode": "MPOL_BIND", "nodes": "1000"])
        let r = try sandbox.run(["true"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("linux.memoryPolicy"), r.stderr)
    }
}
