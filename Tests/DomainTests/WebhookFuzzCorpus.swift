/// Webhook bodies in the shapes the providers publish: Meta's WhatsApp Cloud API webhook
/// payload reference (every inbound message type, statuses with conversation, pricing and
/// errors) and Evolution API v1/v2 events. The fuzzer mutates these.
enum WebhookFuzzCorpus {
    static var bodies: [[UInt8]] { metaBodies + evolutionBodies }

    // MARK: Meta

    static let metaMessages: [String] = [
        #"{"from":"16315551181","id":"wamid.HBgLMTY1MDM4NzkVAgA=","timestamp":"1669233778","text":{"body":"Olá, quero reservar"},"type":"text"}"#,
        #"{"from":"16315551181","id":"wamid.ID1","timestamp":"1669233778","type":"image","image":{"caption":"CAPTION","mime_type":"image/jpeg","sha256":"SEFTSA==","id":"1003383421387256"}}"#,
        #"{"from":"16315551181","id":"wamid.ID2","timestamp":"1669233778","type":"audio","audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"AUDIO_HASH","id":"AUDIO_ID","voice":true}}"#,
        #"{"from":"16315551181","id":"wamid.ID3","timestamp":"1669233778","type":"video","video":{"caption":"Tour","mime_type":"video/mp4","sha256":"VIDEO_HASH","id":"VIDEO_ID"}}"#,
        #"{"from":"16315551181","id":"wamid.ID4","timestamp":"1669233778","type":"document","document":{"caption":"Reserva","filename":"reserva.pdf","mime_type":"application/pdf","sha256":"DOC_HASH","id":"DOC_ID"}}"#,
        #"{"from":"16315551181","id":"wamid.ID5","timestamp":"1669233778","type":"sticker","sticker":{"mime_type":"image/webp","sha256":"STICKER_HASH","id":"STICKER_ID","animated":false}}"#,
        #"{"from":"16315551181","id":"wamid.ID6","timestamp":"1669233778","type":"location","location":{"latitude":-23.561414,"longitude":-46.655881,"name":"Hotel Paulista","address":"Av. Paulista, 1000","url":"https://example.com"}}"#,
        #"{"from":"16315551181","id":"wamid.ID7","timestamp":"1669233778","type":"contacts","contacts":[{"addresses":[{"city":"São Paulo","country":"Brasil","country_code":"BR","state":"SP","street":"Rua A","type":"HOME","zip":"01000-000"}],"birthday":"1990-01-31","emails":[{"email":"ana@example.com","type":"WORK"}],"name":{"formatted_name":"Ana Souza","first_name":"Ana","last_name":"Souza","middle_name":"M","suffix":"Jr","prefix":"Dra"},"org":{"company":"ACME","department":"Vendas","title":"Gerente"},"phones":[{"phone":"+55 11 91234-5678","wa_id":"5511912345678","type":"CELL"}],"urls":[{"url":"https://acme.example","type":"WORK"}]}]}"#,
        #"{"from":"16315551181","id":"wamid.ID8","timestamp":"1669233778","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"opt1","title":"Nova Reserva"}},"context":{"from":"15550001111","id":"wamid.OUT1"}}"#,
        #"{"from":"16315551181","id":"wamid.ID9","timestamp":"1669233778","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"quarto_single","title":"Single","description":"Cama de solteiro"}},"context":{"from":"15550001111","id":"wamid.OUT2"}}"#,
        #"{"context":{"from":"15550001111","id":"wamid.OUT3"},"from":"16315551181","id":"wamid.ID10","timestamp":"1669233778","type":"button","button":{"text":"No","payload":"No-Button-Payload"}}"#,
        #"{"from":"16315551181","id":"wamid.ID11","timestamp":"1669233778","type":"reaction","reaction":{"message_id":"wamid.OUT4","emoji":"\ud83d\udc4d"}}"#,
        #"{"from":"16315551181","id":"wamid.ID12","timestamp":"1669233778","type":"order","order":{"catalog_id":"the-catalog_id","text":"Pedido","product_items":[{"product_retailer_id":"SKU-1","quantity":"2","item_price":"99.90","currency":"BRL"}]}}"#,
        #"{"from":"16315551181","id":"wamid.ID13","timestamp":"1669233778","type":"system","system":{"body":"Ana changed from 16315551181 to 16315551182","new_wa_id":"16315551182","wa_id":"16315551182","type":"user_changed_number","customer":"16315551181"}}"#,
        #"{"from":"16315551181","id":"wamid.ID14","timestamp":"1669233778","type":"unsupported","errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}"#,
        #"{"from":"16315551181","id":"wamid.ID15","timestamp":"1669233778","type":"text","text":{"body":"Quero este"},"context":{"from":"15550001111","id":"wamid.OUT5","referred_product":{"catalog_id":"CATALOG_ID","product_retailer_id":"PRODUCT_ID"}}}"#,
        #"{"referral":{"source_url":"https://fb.me/ad","source_id":"ADID","source_type":"ad","headline":"Promo","body":"Reserve já","media_type":"image","image_url":"https://example.com/i.jpg","ctwa_clid":"CTWA_CLID"},"from":"16315551181","id":"wamid.ID16","timestamp":"1669233778","type":"text","text":{"body":"Vi o anúncio"}}"#,
        #"{"from":"16315551181","id":"wamid.ID17","timestamp":"1669233778","type":"text","text":{"body":"oi"},"identity":{"acknowledged":true,"created_timestamp":1669233770,"hash":"Sjvjlx8G6Z0="}}"#,
    ]

    static let metaStatuses: [String] = [
        #"{"id":"wamid.OUT1","recipient_id":"16315551181","status":"sent","timestamp":"1669233780","conversation":{"id":"CONVERSATION_ID","expiration_timestamp":"1669320180","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}"#,
        #"{"id":"wamid.OUT1","recipient_id":"16315551181","status":"delivered","timestamp":"1669233781","conversation":{"id":"CONVERSATION_ID","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"}}"#,
        #"{"id":"wamid.OUT1","recipient_id":"16315551181","status":"read","timestamp":"1669233790"}"#,
        #"{"id":"wamid.OUT2","recipient_id":"16315551181","status":"failed","timestamp":"1669233791","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed."},"href":"https://developers.facebook.com/docs/whatsapp/"}],"biz_opaque_callback_data":"ref-1"}"#,
        #"{"id":"wamid.OUT3","recipient_id":"16315551181","status":"failed","timestamp":"1669233792","errors":[{"code":130429,"title":"Rate limit hit"}]}"#,
    ]

    static func metaBody(
        messages: [String] = [], statuses: [String] = [], phoneNumberId: String = "106540352242922",
        contacts: Bool = true
    ) -> [UInt8] {
        var fields = [
            #""messaging_product":"whatsapp""#,
            #""metadata":{"display_phone_number":"15550783881","phone_number_id":"\#(phoneNumberId)"}"#,
        ]
        if contacts {
            fields.append(#""contacts":[{"profile":{"name":"Kerry Fisher"},"wa_id":"16315551181"}]"#)
        }
        if !messages.isEmpty { fields.append(#""messages":[\#(messages.joined(separator: ","))]"#) }
        if !statuses.isEmpty { fields.append(#""statuses":[\#(statuses.joined(separator: ","))]"#) }
        let value = fields.joined(separator: ",")
        return Array(
            #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{\#(value)},"field":"messages"}]}]}"#
                .utf8)
    }

    static var metaBodies: [[UInt8]] {
        metaMessages.map { metaBody(messages: [$0]) }
            + metaStatuses.map { metaBody(statuses: [$0], contacts: false) }
            + [
                metaBody(messages: Array(metaMessages.prefix(3)), statuses: Array(metaStatuses.suffix(2))),
                Array(
                    #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"PN-A"},"statuses":[\#(metaStatuses[2])]},"field":"messages"},{"value":{"event":"VERIFIED"},"field":"account_update"}]},{"id":"2","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"2","phone_number_id":"PN-B"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"16315551181"}],"messages":[\#(metaMessages[0])]},"field":"messages"}]}]}"#
                        .utf8),
                WebhookBodies.meta(messages: [
                    WebhookBodies.metaMessage(type: "text", object: #"{"body":"Olá, quero reservar"}"#)
                ]),
            ]
    }

    // MARK: Evolution

    static let evolutionMessages: [String] = [
        #"{"conversation":"Olá, tudo bem?","messageContextInfo":{"deviceListMetadata":{"senderKeyHash":"abc","senderTimestamp":"1717689000"},"deviceListMetadataVersion":2}}"#,
        #"{"extendedTextMessage":{"text":"Pode ser amanhã","contextInfo":{"stanzaId":"3EB0C431C2F4E5A1B2C3","participant":"5511888888888@s.whatsapp.net","quotedMessage":{"conversation":"Qual dia?"}}}}"#,
        #"{"imageMessage":{"url":"https://mmg.whatsapp.net/x.enc","mimetype":"image/jpeg","caption":"Meu quarto","fileSha256":"n0eQx1UbE1k=","fileLength":"123456","height":1280,"width":720,"mediaKey":"a2V5","fileEncSha256":"ZW5j","directPath":"/x.enc","mediaKeyTimestamp":"1717689090","jpegThumbnail":"/9j/4AAQ"}}"#,
        #"{"audioMessage":{"url":"https://mmg.whatsapp.net/a.enc","mimetype":"audio/ogg; codecs=opus","fileSha256":"c2hh","fileLength":{"low":6000,"high":0,"unsigned":true},"seconds":3,"ptt":true,"mediaKey":"a2V5","directPath":"/a.enc","mediaKeyTimestamp":{"low":1717689090,"high":0,"unsigned":false},"waveform":"AAAA"}}"#,
        #"{"documentWithCaptionMessage":{"message":{"documentMessage":{"url":"https://mmg.whatsapp.net/d.enc","mimetype":"application/pdf","title":"reserva","fileName":"reserva.pdf","caption":"Segue"}}}}"#,
        #"{"locationMessage":{"degreesLatitude":-23.561414,"degreesLongitude":-46.655881,"name":"Hotel","address":"Av. Paulista"}}"#,
        #"{"contactMessage":{"displayName":"Ana","vcard":"BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nitem1.TEL;waid=5511912345678:+55 11 91234-5678\nEND:VCARD"}}"#,
        #"{"reactionMessage":{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"3EB0AA"},"text":"❤️","senderTimestampMs":"1717689097000"}}"#,
        #"{"listResponseMessage":{"title":"Single","listType":"SINGLE_SELECT","singleSelectReply":{"selectedRowId":"quarto_single"},"description":"Cama de solteiro"}}"#,
    ]

    static let evolutionTimestamps = [
        "1717689097", #""1717689097""#, #"{"low":1717689097,"high":0,"unsigned":false}"#,
    ]

    static func evolutionEnvelope(event: String, data: String, version2: Bool) -> [UInt8] {
        let tail =
            version2
            ? #","destination":"https://h.example/evo","date_time":"2024-06-06T12:51:37.589Z","sender":"5511888888888@s.whatsapp.net","server_url":"https://evo.example","apikey":"B6D711FC"}"#
            : #","destination":"https://h.example/evo","date_time":"2024-06-06T09:51:37-03:00","server_url":"https://evo.example","apikey":"B6D711FC"}"#
        return Array((#"{"event":"\#(event)","instance":"hotel_abc","data":\#(data)"# + tail).utf8)
    }

    static var evolutionBodies: [[UInt8]] {
        var bodies: [[UInt8]] = []
        for (index, message) in evolutionMessages.enumerated() {
            let fromMe = index % 3 == 2
            let timestamp = evolutionTimestamps[index % evolutionTimestamps.count]
            let version2 = index % 2 == 0
            let owner =
                version2
                ? #""instanceId":"7b1f4c2e","source":"android""# : #""owner":"hotel_abc","source":"ios""#
            let record =
                #"{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":\#(fromMe),"id":"3EB0C431C2F4E5A1B2C\#(index)"},"pushName":"Davidson","status":"DELIVERY_ACK","message":\#(message),"messageType":"x","messageTimestamp":\#(timestamp),\#(owner)}"#
            bodies.append(evolutionEnvelope(event: "messages.upsert", data: record, version2: version2))
        }
        bodies += [
            evolutionEnvelope(
                event: "messages.upsert",
                data:
                    #"{"messages":[{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":false,"id":"A1"},"message":{"conversation":"um"},"messageTimestamp":1690000000},{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"A2"},"message":{"conversation":"dois"},"messageTimestamp":"1690000001"}],"type":"notify"}"#,
                version2: false),
            evolutionEnvelope(
                event: "messages.update",
                data:
                    #"{"messageId":"clx0000","keyId":"3EB0AA","remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"participant":"5511999999999@s.whatsapp.net","status":"READ","instanceId":"7b1f4c2e"}"#,
                version2: true),
            evolutionEnvelope(
                event: "MESSAGES_UPDATE",
                data:
                    #"[{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"3EB0AB"},"status":"DELIVERY_ACK","datetime":1690000000000,"owner":"hotel_abc"},{"keyId":"3EB0AC","fromMe":true,"status":3,"messageTimestamp":1690000002}]"#,
                version2: false),
            evolutionEnvelope(
                event: "messages.update",
                data:
                    #"[{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"3EB0AD"},"update":{"status":3}}]"#,
                version2: false),
            evolutionEnvelope(
                event: "send.message",
                data:
                    #"{"key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"3EB0AE"},"pushName":"","status":"PENDING","message":{"conversation":"Bom dia"},"messageType":"conversation","messageTimestamp":1717689097}"#,
                version2: true),
        ]
        for (state, reason) in [("open", "200"), ("close", "401"), ("connecting", "200"), ("refused", "428")]
        {
            bodies.append(
                evolutionEnvelope(
                    event: "connection.update",
                    data:
                        #"{"instance":"hotel_abc","state":"\#(state)","statusReason":\#(reason),"wuid":"5511888888888@s.whatsapp.net","profileName":"Hotel","profilePictureUrl":null}"#,
                    version2: state != "close"))
        }
        bodies.append(
            WebhookBodies.evolutionUpsert(message: #"{"conversation":"Olá! Como vai?"}"#))
        return bodies
    }
}
