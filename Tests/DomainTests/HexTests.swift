import Domain
import Testing

struct HexTests {
    @Test func encodesLowerCaseAndDecodesEitherCase() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa5, 0xff]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == bytes)
        #expect(Hex.decode("000FA5FF") == bytes)
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "zz", "0g", " 00", "00\n", "é0"])
    func refusesWhatIsNotHexadecimal(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
