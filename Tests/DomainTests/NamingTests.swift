import Domain
import Foundation
import Testing

@Suite struct NamingTests {
    let id = UUID(uuidString: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE")!

    @Test func streamNamesUseLowercaseIds() {
        #expect(Streams.tenant(id) == "tenant-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(Streams.conversation(id) == "conversation-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(Streams.webhooks(id) == "webhooks-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(Streams.wamid("abc") == "wamid-" + SHA256.hexDigest("abc"))
        #expect(DataKeys.contact(id) == "contact-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    }

    @Test func lowercasedUuidTextMatchesFoundation() {
        for _ in 0..<100 {
            let uuid = UUID()
            #expect(uuid.lowercasedString == uuid.uuidString.lowercased())
        }
    }

    @Test func uniqueKeysAreNamespacedAndCaseInsensitiveWhereNamesAre() {
        #expect(UniqueKeys.email(" Maria@Hotel.COM ") == "email:maria@hotel.com")
        #expect(UniqueKeys.slug("Hotel-ABC") == "slug:hotel-abc")
        #expect(UniqueKeys.metaNumber("1234") == "meta-number:1234")
        #expect(UniqueKeys.evolutionInstance("inst") == "evolution-instance:inst")
        #expect(UniqueKeys.openConversation(id) == "open-conversation:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(
            UniqueKeys.tagName(tenantId: id, name: " Reserva ")
                == UniqueKeys.tagName(tenantId: id, name: "RESERVA"))
        #expect(
            UniqueKeys.departmentName(tenantId: id, name: "Vendas")
                == "department-name:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee:vendas")
        #expect(UniqueKeys.wamid("wamid.X") == "wamid:" + SHA256.hexDigest("wamid.X"))
    }

    @Test func everySpellingOfAnEmailHasOneNormalFormAndOneKey() {
        // Compared as bytes: Swift's `==` already treats canonically equivalent strings as equal.
        let composed = "andr\u{E9}@hotel.com"
        for spelling in [
            composed, " ANDR\u{C9}@Hotel.com ", "andre\u{301}@hotel.com\t", "ANDRE\u{301}@HOTEL.COM",
        ] {
            #expect(Array(EmailAddress.normalized(spelling).utf8) == Array(composed.utf8))
            #expect(Array(UniqueKeys.email(spelling).utf8) == Array(("email:" + composed).utf8))
        }
    }

    @Test func rawWebhookOfOneContactIsSealedUnderThatContactsKey() {
        let other = UUID(uuidString: "11111111-1111-4111-8111-111111111111")!
        let raw = UUID(uuidString: "22222222-2222-4222-8222-222222222222")!
        #expect(DataKeys.rawWebhook(rawEventId: raw, contactIds: [id, id]) == DataKeys.contact(id))
        #expect(DataKeys.rawWebhook(rawEventId: raw, contactIds: [id, other]) == DataKeys.webhook(raw))
        #expect(DataKeys.rawWebhook(rawEventId: raw, contactIds: []) == DataKeys.webhook(raw))
    }

    @Test func phoneNumbersKeepOnlyDigits() {
        #expect(PhoneNumber.normalize("+55 (11) 99999-9999") == "5511999999999")
        #expect(PhoneNumber.normalize("5511999999999@s.whatsapp.net") == "5511999999999")
    }
}
