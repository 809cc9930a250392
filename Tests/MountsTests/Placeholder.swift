import XCTest
final class MountsTestsPlaceholder: XCTestCase { func testBuilds() {} }
