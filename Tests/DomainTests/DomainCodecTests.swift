import Domain
import Foundation
import Testing

@Suite struct DomainCodecTests {
    @Test func samplesCoverEveryEventTypeOnce() {
        let types = SampleEvents.all.map(\.type)
        #expect(Set(types).count == types.count)
        #expect(Set(types) == Set(DomainEvent.allTypes))
        #expect(types.allSatisfy { $0.hasSuffix(".v1") })
    }

    @Test(arguments: SampleEvents.all)
    func everyEventRoundTripsThroughTheCodec(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        #expect(encoded.type == event.type)
        let decoded = try DomainCodec.decode(
            type: encoded.type, payload: encoded.payload, personal: encoded.personal)
        #expect(decoded == event)
    }

    @Test(arguments: SampleEvents.all)
    func personalDataNeverReachesTheClearPayload(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        let payload = String(decoding: encoded.payload, as: UTF8.self)
        if let personalEvent = event.body as? any PersonalDataEvent {
            #expect(encoded.personal != nil)
            #expect(encoded.dataKey == personalEvent.dataKey)
            let personal = String(decoding: encoded.personal ?? [], as: UTF8.self)
            #expect(!personal.isEmpty)
            #expect(!payload.contains("personal"))
        } else {
            #expect(encoded.personal == nil)
            #expect(encoded.dataKey == nil)
        }
        for secret in [
            "5511999999999", "João", "Foto do quarto", "Escolha", "especialista", "satisfeito", "Excelente",
            "messages.upsert",
        ] {
            #expect(!payload.contains(secret), "\(event.type) leaks \(secret)")
        }
    }

    @Test(arguments: SampleEvents.all.filter { $0.body is any PersonalDataEvent })
    func erasedPersonalPartDecodesWithPersonalNil(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        let decoded = try DomainCodec.decode(type: encoded.type, payload: encoded.payload, personal: nil)
        let body = try #require(decoded.body as? any PersonalDataEvent)
        #expect(body.isErased)
        #expect(decoded.type == event.type)
        let reencoded = try DomainCodec.encode(decoded)
        #expect(
            String(decoding: reencoded.payload, as: UTF8.self)
                == String(decoding: encoded.payload, as: UTF8.self))
        #expect(reencoded.personal == nil)
    }

    @Test func erasedMessageKeepsItsClearFields() throws {
        let event = SampleEvents.all.first { $0.type == MessageReceived.type }!
        let encoded = try DomainCodec.encode(event)
        guard
            case .messageReceived(let message) = try DomainCodec.decode(
                type: encoded.type, payload: encoded.payload, personal: nil)
        else {
            Issue.record("decoded to another type")
            return
        }
        #expect(message.wamid == "wamid.IN1")
        #expect(message.messageType == .image)
        #expect(message.personal == nil)
    }

    @Test func sameEventAlwaysEncodesToTheSameBytes() throws {
        for event in SampleEvents.all {
            let first = try DomainCodec.encode(event)
            let second = try DomainCodec.encode(event)
            #expect(first == second, "\(event.type)")
        }
    }

    @Test func unknownTypeIsATypedError() {
        #expect(throws: DomainCodecError.unknownType("Nope.v1")) {
            try DomainCodec.decode(type: "Nope.v1", payload: Array("{}".utf8), personal: nil)
        }
    }

    @Test func missingClearFieldIsNamed() throws {
        do {
            _ = try DomainCodec.decode(
                type: TagCreated.type,
                payload: Array(#"{"tagId":"00000000-0000-4000-8000-000000000007"}"#.utf8),
                personal: nil)
            Issue.record("decoded an incomplete payload")
        } catch let DomainCodecError.invalidPayload(type, reason) {
            #expect(type == TagCreated.type)
            #expect(reason.contains("tenantId"))
        }
    }

    @Test func unknownFieldsAreIgnoredForForwardCompatibility() throws {
        let json = #"{"tenantId":"00000000-0000-4000-8000-000000000001","name":"H","slug":"h","newField":42}"#
        let decoded = try DomainCodec.decode(
            type: TenantRegistered.type, payload: Array(json.utf8), personal: nil)
        #expect(
            decoded
                == .tenantRegistered(TenantRegistered(tenantId: SampleEvents.tenant, name: "H", slug: "h")))
    }

    @Test func corruptPersonalPartIsATypedError() throws {
        let event = SampleEvents.all.first { $0.type == ContactRegistered.type }!
        let encoded = try DomainCodec.encode(event)
        #expect(throws: DomainCodecError.self) {
            try DomainCodec.decode(type: encoded.type, payload: encoded.payload, personal: Array("[1]".utf8))
        }
    }
}
