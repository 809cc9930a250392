import XCTest
final class CgroupsTestsPlaceholder: XCTestCase { func testBuilds() {} }
