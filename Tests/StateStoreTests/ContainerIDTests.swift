import XCTest
@testable import StateStore

final class ContainerIDTests: XCTestCase {
    func testValidIDs() {
        for id in ["a", "abc", "A-Z_0.9+x", "...", ".a", "a.", "-", "+", "_", "x..y",
                   String(repeating: "x", count: 1024)] {
            XCTAssertTrue(ContainerID.isValid(id), id)
            XCTAssertNoThrow(try ContainerID.validate(id), id)
        }
    }

    func testInvalidIDs() {
        for id in [".", "..", "a/b", "/a", "a/", "a b", " a", "a\n", "a:b", "a;b", "a*b", "a,b", "é",
                   "a\u{0}b", "a~b", "ünïcode", "tab\t"] {
            XCTAssertFalse(ContainerID.isValid(id), id)
            XCTAssertThrowsStoreError(try ContainerID.validate(id), .invalidID(id))
        }
    }

    func testEmptyIDHasItsOwnMessage() {
        XCTAssertFalse(ContainerID.isValid(""))
        XCTAssertThrowsStoreError(try ContainerID.validate(""), .emptyID)
        XCTAssertEqual(StateStoreError.emptyID.description, "container id cannot be empty")
    }

    func testMessagesMatchRunc() {
        XCTAssertEqual(StateStoreError.invalidID("..").description, "invalid container ID format")
        XCTAssertEqual(StateStoreError.exists("a").description, "container with given ID already exists")
        XCTAssertEqual(StateStoreError.notExist("a").description, "container does not exist")
    }
}
