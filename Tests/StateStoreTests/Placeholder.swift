import XCTest
final class StateStoreTestsPlaceholder: XCTestCase { func testBuilds() {} }
