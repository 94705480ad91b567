import Domain
import Foundation
import Testing

@Suite struct NameBasedIDTests {
    @Test func sameNameGivesSameId() {
        let first = NameBasedID.make(provider: "meta", providerId: "wamid.ABC", kind: "received")
        let again = NameBasedID.make(provider: "meta", providerId: "wamid.ABC", kind: "received")
        #expect(first == again)
    }

    @Test func anyDifferentPartGivesDifferentId() {
        let base = NameBasedID.make(provider: "meta", providerId: "wamid.ABC", kind: "received")
        #expect(base != NameBasedID.make(provider: "evolution", providerId: "wamid.ABC", kind: "received"))
        #expect(base != NameBasedID.make(provider: "meta", providerId: "wamid.ABD", kind: "received"))
        #expect(base != NameBasedID.make(provider: "meta", providerId: "wamid.ABC", kind: "read"))
        #expect(
            NameBasedID.make(provider: "a", providerId: "bc", kind: "d")
                != NameBasedID.make(provider: "ab", providerId: "c", kind: "d"))
    }

    @Test func idCarriesVersion8AndRfcVariantBits() {
        let id = NameBasedID.make(name: "anything")
        let bytes = id.uuid
        #expect(bytes.6 >> 4 == 8)
        #expect(bytes.8 >> 6 == 0b10)
        let text = id.uuidString
        #expect(Array(text)[14] == "8")
    }

    @Test func idIsTheTruncatedSha256OfTheName() {
        let digest = SHA256.hash("anything")
        let bytes = NameBasedID.make(name: "anything").uuid
        #expect(bytes.0 == digest[0] && bytes.5 == digest[5] && bytes.15 == digest[15])
        #expect(bytes.6 & 0x0f == digest[6] & 0x0f)
    }
}
