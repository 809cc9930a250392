import Foundation
import OCISpec
@testable import ProcessSetup
import KernelTestSupport
import XCTest

/// linux.memoryPolicy → set_mempolicy(2) arguments, and the real call.
final class MemoryPolicyTests: XCTestCase {
    func testModeFlagsAndNodemask() throws {
        let r = try MemoryPolicy.request(.init(mode: "MPOL_INTERLEAVE", nodes: "0-2,65", flags: ["MPOL_F_STATIC_NODES"]))
        XCTAssertEqual(r.mode, 3 | 1 << 15)
        XCTAssertEqual(r.nodemask, [0b111, 1 << 1, 0], "two words of nodes plus a spare zero word")
        XCTAssertEqual(r.maxNode, 129)
    }

    func testModesWithoutNodesPassNoMask() throws {
        for mode in ["MPOL_DEFAULT", "MPOL_LOCAL", "MPOL_PREFERRED"] {
            let r = try MemoryPolicy.request(.init(mode: mode))
            XCTAssertEqual(r.nodemask, [], mode)
            XCTAssertEqual(r.maxNode, 0, mode)
        }
        XCTAssertEqual(try MemoryPolicy.request(.init(mode: "MPOL_BIND", nodes: "0")).mode, 2)
    }

    func testErrorsNameTheField() {
        func field(_ p: Spec.Linux.MemoryPolicy) -> String? {
            do { _ = try MemoryPolicy.request(p); return nil } catch { return error.field }
        }
        XCTAssertEqual(field(.init(mode: "MPOL_NOPE")), "linux.memoryPolicy.mode")
        XCTAssertEqual(field(.init(mode: "MPOL_BIND", nodes: "0", flags: ["MPOL_F_NOPE"])), "linux.memoryPolicy.flags[0]")
        XCTAssertEqual(field(.init(mode: "MPOL_BIND", nodes: "1-")), "linux.memoryPolicy.nodes")
        XCTAssertEqual(field(.init(mode: "MPOL_BIND", nodes: "5000")), "linux.memoryPolicy.nodes")
    }

    /// /proc/self/numa_maps shows the task's policy for mappings without one of their own.
    func testAppliesToTheCallingProcess() {
        Forked.run { _ in
            do {
                try MemoryPolicy.apply(.init(mode: "MPOL_BIND", nodes: "0", flags: ["MPOL_F_STATIC_NODES"]))
            } catch {
                return "\(error)"
            }
            let maps = (try? String(contentsOfFile: "/proc/self/numa_maps", encoding: .utf8)) ?? ""
            return maps.contains("bind=static:0") ? nil : "numa_maps: \(maps.prefix(300))"
        }
    }

    func testUnavailableNodeFails() {
        Forked.run { _ in
            do throws(ProcessSetupError) {
                try MemoryPolicy.apply(.init(mode: "MPOL_BIND", nodes: "1000"))
                return "binding to node 1000 succeeded"
            } catch {
                return error.field == "linux.memoryPolicy" && error.errno == EINVAL ? nil : "\(error)"
            }
        }
    }
}
