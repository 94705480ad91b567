import Foundation
import Testing

@testable import Domain

/// The scanner's word-at-a-time string scan and the table-driven UUID reader must decide
/// exactly as a byte-by-byte reading does, wherever the byte that matters falls.
@Suite struct JSONScannerTests {
    /// What Foundation reads from one JSON string, or nil when it refuses it.
    static func foundation(_ json: [UInt8]) -> String? {
        try? JSONSerialization.jsonObject(with: Data(json), options: .fragmentsAllowed) as? String
    }

    /// Where the string at 0 ends, read one byte at a time; nil when it is refused.
    static func byteByByteEnd(_ json: [UInt8]) -> Int? {
        var index = 1
        while index < json.count {
            switch json[index] {
            case 0x22: return index + 1
            case 0x5C: index += 2
            case 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    @Test func stringsEndWhereAByteByByteReadingEndsWhereverTheSpecialByteFalls() {
        let specials: [[UInt8]] = [
            [0x22], [0x5C, 0x22], [0x5C, 0x5C], [0x5C, 0x6E], [0x5C, 0x75, 0x30, 0x30, 0x65, 0x39], [0x01],
            [0x1F],
            [0x00], [0x7F], [0x20], [0x21], [0x23], [0x5B], [0x5D], Array("é".utf8), [0xC3], [0xFF], [0x5C],
        ]
        var whole = 0
        for length in 0..<20 {
            for position in 0...length {
                for special in specials {
                    var content = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    content.insert(contentsOf: special, at: position)
                    for json in [[0x22] + content + [0x22], [0x22] + content] {
                        let scanner = JSONScanner(json)
                        let end = Self.byteByByteEnd(json)
                        #expect((try? scanner.skipValue(0, depth: 0)) == end, "\(json)")
                        if end == json.count {
                            // A whole document: the text must be Foundation's.
                            whole += 1
                            #expect((try? scanner.string(0)) == Self.foundation(json), "\(json)")
                        }
                    }
                }
            }
        }
        #expect(whole > 1_000)
    }

    /// The UUID at 0 read one character at a time: 32 hex digits in either case, dashes at 8,
    /// 13, 18 and 23.
    static func characterByCharacter(_ text: [UInt8]) -> UUID? {
        guard text.count >= 36 else { return nil }
        for (index, byte) in text.prefix(36).enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let scalar = Unicode.Scalar(UInt32(byte)), scalar.properties.isASCIIHexDigit else {
                return nil
            }
        }
        return UUID(uuidString: String(text.prefix(36).map { Character(Unicode.Scalar($0)) }))
    }

    @Test func uuidReaderRefusesAnyWrongByte() {
        let uuid = UUID()
        let text = Array(uuid.uuidString.utf8)
        var refused = 0
        for index in text.indices {
            for byte in Array("-0aAfFgG/:@`{ ".utf8) + [0x00, 0x80, 0xFF] where byte != text[index] {
                var changed = text
                changed[index] = byte
                let parsed = UUIDText.parse(changed, at: 0)
                #expect(parsed == Self.characterByCharacter(changed), "\(changed)")
                if parsed == nil { refused += 1 }
            }
        }
        #expect(refused > 300)
        #expect(UUIDText.parse([0x20] + text, at: 1) == uuid)
        #expect(UUIDText.parse(Array(text.dropLast()), at: 0) == nil)
    }
}
