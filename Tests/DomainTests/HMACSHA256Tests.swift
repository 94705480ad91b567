import Domain
import Foundation
import Testing

@Suite struct HMACSHA256Tests {
    @Test func rfc4231Case1() {
        let tag = HMACSHA256.authenticate(Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20))
        #expect(Hex.encode(tag) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231Case2() {
        #expect(
            HMACSHA256.hexTag("what do ya want for nothing?", key: Array("Jefe".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231Case6KeyLongerThanBlockIsHashedFirst() {
        let tag = HMACSHA256.hexTag(
            "Test Using Larger Than Block-Size Key - Hash Key First",
            key: [UInt8](repeating: 0xaa, count: 131))
        #expect(tag == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func phoneKeyDependsOnTheSecretAndNotOnFormatting() {
        let tenant = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let key = Array("secret-one".utf8)
        let plain = UniqueKeys.phone(tenantId: tenant, phone: "5511999999999", hmacKey: key)
        let formatted = UniqueKeys.phone(tenantId: tenant, phone: "+55 11 99999-9999", hmacKey: key)
        let otherSecret = UniqueKeys.phone(
            tenantId: tenant, phone: "5511999999999", hmacKey: Array("secret-two".utf8))
        #expect(plain == formatted)
        #expect(plain != otherSecret)
        #expect(!plain.contains("5511999999999"))
        #expect(plain.hasPrefix("phone:00000000-0000-0000-0000-000000000001:"))
    }
}
